#include "domain/attendance_exception.h"

#include <algorithm>
#include <set>

#include "domain/date.h"

namespace anpei::domain {

std::string_view ExceptionStateId(ExceptionState s) {
  switch (s) {
    case ExceptionState::kPending:
      return "pending";
    case ExceptionState::kApproved:
      return "approved";
    case ExceptionState::kRefused:
      return "refused";
  }
  return "pending";
}

std::string_view ExceptionStateName(ExceptionState s) {
  switch (s) {
    case ExceptionState::kPending:
      return "待审核";
    case ExceptionState::kApproved:
      return "已批准";
    case ExceptionState::kRefused:
      return "未批准";
  }
  return "待审核";
}

std::optional<ExceptionState> ParseExceptionState(std::string_view id) {
  for (auto s : {ExceptionState::kPending, ExceptionState::kApproved, ExceptionState::kRefused}) {
    if (ExceptionStateId(s) == id) return s;
  }
  return std::nullopt;
}

Result<std::vector<int64_t>> CheckExceptionSessions(const std::vector<int64_t>& seqs,
                                                    size_t session_count) {
  if (seqs.empty()) return Status::Invalid("session_seqs", "请选择无法使用手机签到的课次");
  if (seqs.size() > kMaxExceptionSessions) return Status::Invalid("session_seqs", "课次过多");
  std::set<int64_t> seen;
  for (size_t i = 0; i < seqs.size(); ++i) {
    const std::string field = "session_seqs[" + std::to_string(i) + "]";
    if (seqs[i] < 1 || static_cast<size_t>(seqs[i]) > session_count) {
      return Status::Invalid(field, "本班没有第 " + std::to_string(seqs[i]) + " 次课（共 " +
                                        std::to_string(session_count) + " 次）");
    }
    if (!seen.insert(seqs[i]).second) {
      return Status::Invalid(field, "第 " + std::to_string(seqs[i]) + " 次课重复");
    }
  }
  return std::vector<int64_t>(seen.begin(), seen.end());
}

Result<BackfillTimes> PaperTimes(const BackfillRow& row, const PlanSession& session,
                                 int utc_offset_minutes, int64_t now, const std::string& path) {
  if (!row.check_in_minute && !row.check_out_minute) {
    return Status::Invalid(path + ".check_in", "请填写签到时间或签退时间（至少一项）");
  }
  if (row.check_in_minute && row.check_out_minute &&
      *row.check_in_minute >= *row.check_out_minute) {
    return Status::Invalid(path + ".check_out", "签退时间应晚于签到时间");
  }
  const int64_t midnight = session.date.ToDays() * 86400 - int64_t{utc_offset_minutes} * 60;
  BackfillTimes out;
  if (row.check_in_minute) out.check_in = midnight + int64_t{*row.check_in_minute} * 60;
  if (row.check_out_minute) out.check_out = midnight + int64_t{*row.check_out_minute} * 60;
  if (out.check_in && *out.check_in > now) {
    return Status::Invalid(path + ".check_in", "签到时间尚未到来，不能补录");
  }
  if (out.check_out && *out.check_out > now) {
    return Status::Invalid(path + ".check_out", "签退时间尚未到来，不能补录");
  }
  return out;
}

}  // namespace anpei::domain
