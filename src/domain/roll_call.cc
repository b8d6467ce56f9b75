#include "domain/roll_call.h"

#include <algorithm>
#include <map>
#include <string>

namespace anpei::domain {

Status CheckRollCallCount(int64_t count) {
  if (count < 1 || count > kMaxRollCallCount) {
    return Status::Invalid("count",
                           "点名人数须在 1 到 " + std::to_string(kMaxRollCallCount) + " 之间");
  }
  return Status::Ok();
}

std::string_view RollCallRefusalCode(RollCallRefusal r) {
  switch (r) {
    case RollCallRefusal::kNotInSession:
      return "attendance.roll_call_not_in_session";
    case RollCallRefusal::kNobodyPresent:
      return "attendance.roll_call_nobody";
    case RollCallRefusal::kClosed:
      return "attendance.roll_call_closed";
    case RollCallRefusal::kNotDrawn:
      return "attendance.roll_call_not_drawn";
  }
  return "attendance.roll_call";
}

std::string_view RollCallRefusalMessage(RollCallRefusal r) {
  switch (r) {
    case RollCallRefusal::kNotInSession:
      return "本课次不在上课时间，不能点名";
    case RollCallRefusal::kNobodyPresent:
      return "本课次暂无已签到且未签退的学员，无法点名";
    case RollCallRefusal::kClosed:
      return "点名已结束，未能在规定时间内应答，请联系授课教师";
    case RollCallRefusal::kNotDrawn:
      return "本次点名未抽中您，无需应答";
  }
  return "点名失败";
}

std::optional<RollCallRefusal> CheckRollCallTime(const PlanSession& session, int64_t now,
                                                 const AttendanceLimits& lim,
                                                 int utc_offset_minutes) {
  const Interval opens = CheckWindow(session, Direction::kIn, lim, utc_offset_minutes);
  const Interval bounds = SessionBounds(session, utc_offset_minutes);
  if (now < opens.from || now > bounds.until) return RollCallRefusal::kNotInSession;
  return std::nullopt;
}

std::vector<int64_t> PresentPersons(const std::vector<SignalRecord>& records, int seq) {
  std::map<int64_t, std::pair<bool, bool>> seen;  // person -> (in, out)
  for (const SignalRecord& r : records) {
    if (r.seq != seq) continue;
    auto& [in, out] = seen[r.person_id];
    (r.direction == Direction::kIn ? in : out) = true;
  }
  std::vector<int64_t> present;
  for (const auto& [person, io] : seen) {
    if (io.first && !io.second) present.push_back(person);
  }
  return present;
}

std::vector<int64_t> DrawRollCall(std::vector<int64_t> present, int64_t count,
                                  const UniformRandom& random) {
  std::sort(present.begin(), present.end());
  present.erase(std::unique(present.begin(), present.end()), present.end());
  const size_t n = present.size();
  const size_t k = count <= 0 ? 0 : std::min(n, static_cast<size_t>(count));
  for (size_t i = 0; i < k; ++i) {
    const size_t j = i + random(static_cast<uint32_t>(n - i));
    std::swap(present[i], present[j]);
  }
  present.resize(k);
  return present;
}

int64_t RollCallDeadline(int64_t drawn_at, const AttendanceLimits& lim) {
  return drawn_at + std::max(1, lim.roll_call_seconds);
}

std::optional<RollCallRefusal> CheckRollCallAnswerTime(int64_t deadline, int64_t now) {
  if (now > deadline) return RollCallRefusal::kClosed;
  return std::nullopt;
}

}  // namespace anpei::domain
