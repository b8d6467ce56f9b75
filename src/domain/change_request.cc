#include "domain/change_request.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/text.h"

namespace anpei::domain {
namespace {

struct KindInfo {
  ChangeKind kind;
  std::string_view id, name;
};
constexpr KindInfo kKinds[] = {{ChangeKind::kMakeupClass, "makeup_class", "补课"},
                               {ChangeKind::kMakeupExam, "makeup_exam", "补考"},
                               {ChangeKind::kReschedule, "reschedule", "改期"}};

struct StateInfo {
  ChangeState state;
  std::string_view id, name;
};
constexpr StateInfo kStates[] = {{ChangeState::kPending, "pending", "待审核"},
                                 {ChangeState::kApproved, "approved", "已批准"},
                                 {ChangeState::kRefused, "refused", "未批准"}};

std::string Idx(std::string_view name, size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

std::string When(const Date& d, int start, int end) {
  return d.ToString() + " " + FormatTimeOfDay(start) + "-" + FormatTimeOfDay(end);
}

Status CheckTrainees(const std::vector<int64_t>& roster, const ChangeRequest& c, bool required) {
  if (required && c.trainee_ids.empty()) {
    return Status::Invalid("trainee_ids", "补课申请须列出参加补课的学员（花名册中的学员）");
  }
  if (c.trainee_ids.size() > roster.size() + kMaxChangeItems) {
    return Status::Invalid("trainee_ids", "学员名单过长");
  }
  std::set<int64_t> on_roster(roster.begin(), roster.end());
  std::set<int64_t> seen;
  for (size_t i = 0; i < c.trainee_ids.size(); ++i) {
    const int64_t id = c.trainee_ids[i];
    // Anyone not on this class's roster — a missing id, another institution's person, one of the
    // institution's own not in this class — gets the same answer.
    if (!on_roster.count(id)) {
      return Status(Code::kNotFound, "学员 " + std::to_string(id) + " 不在本班花名册中",
                    Idx("trainee_ids", i))
          .WithReason("id.not_found");
    }
    if (!seen.insert(id).second) {
      return Status::Invalid(Idx("trainee_ids", i), "学员 " + std::to_string(id) + " 重复列出");
    }
  }
  return Status::Ok();
}

Result<std::vector<PlanSession>> AddSessions(const std::vector<PlanSession>& current,
                                             const std::vector<int64_t>& roster,
                                             const ChangeRequest& c, Date today) {
  const bool makeup_class = c.kind == ChangeKind::kMakeupClass;
  if (!c.moves.empty()) {
    return Status::Invalid(
        "moves", std::string(ChangeKindName(c.kind)) + "申请只新增课次，改期请另提改期申请");
  }
  if (c.sessions.empty()) {
    return Status::Invalid("sessions",
                           makeup_class ? "补课申请须至少新增一次课" : "补考申请须安排考试课次");
  }
  if (c.sessions.size() > kMaxChangeItems ||
      current.size() + c.sessions.size() > kMaxPlanSessions) {
    return Status::Invalid("sessions", "新增课次过多");
  }
  ANPEI_RETURN_IF_ERROR(CheckTrainees(roster, c, makeup_class));
  std::vector<PlanSession> out = current;
  for (size_t i = 0; i < c.sessions.size(); ++i) {
    if (c.sessions[i].date < today) {
      return Status::Invalid(Idx("sessions", i) + ".date",
                             "新增课次的日期 " + c.sessions[i].date.ToString() +
                                 " 已过，不能早于今天（" + today.ToString() + "）");
    }
    out.push_back(c.sessions[i]);
  }
  return out;
}

Result<std::vector<PlanSession>> MoveSessions(const std::vector<PlanSession>& current,
                                              ChangeRequest& c, Date today) {
  if (!c.sessions.empty()) {
    return Status::Invalid("sessions", "改期申请只调整已有课次的时间，新增课次请提补课或补考申请");
  }
  if (!c.trainee_ids.empty()) {
    return Status::Invalid("trainee_ids", "改期申请不涉及学员名单");
  }
  if (c.moves.empty()) return Status::Invalid("moves", "改期申请须至少调整一次课");
  if (c.moves.size() > kMaxChangeItems) return Status::Invalid("moves", "调整的课次过多");
  std::vector<PlanSession> out = current;
  std::set<int64_t> seen;
  for (size_t i = 0; i < c.moves.size(); ++i) {
    SessionMove& m = c.moves[i];
    const std::string path = Idx("moves", i);
    if (m.seq < 1 || m.seq > static_cast<int64_t>(current.size())) {
      return Status::Invalid(path + ".seq", "教学计划中没有第 " + std::to_string(m.seq) +
                                                " 次课（共 " + std::to_string(current.size()) +
                                                " 次）");
    }
    if (!seen.insert(m.seq).second) {
      return Status::Invalid(path + ".seq", "第 " + std::to_string(m.seq) + " 次课重复调整");
    }
    PlanSession& s = out[static_cast<size_t>(m.seq - 1)];
    if (s.date < today) {
      return Status::Invalid(path + ".seq", "第 " + std::to_string(m.seq) + " 次课已于 " +
                                                s.date.ToString() + " 上过，不能改期");
    }
    if (m.end_minute <= m.start_minute) {
      return Status::Invalid(path + ".end", "结束时间应晚于开始时间");
    }
    if (m.date < today) {
      return Status::Invalid(path + ".date", "新的日期 " + m.date.ToString() +
                                                 " 已过，不能早于今天（" + today.ToString() + "）");
    }
    if (m.date == s.date && m.start_minute == s.start_minute && m.end_minute == s.end_minute) {
      return Status::Invalid(path, "第 " + std::to_string(m.seq) + " 次课的新时间与原安排相同（" +
                                       When(s.date, s.start_minute, s.end_minute) + "）");
    }
    m.from_date = s.date;
    m.from_start_minute = s.start_minute;
    m.from_end_minute = s.end_minute;
    s.date = m.date;
    s.start_minute = m.start_minute;
    s.end_minute = m.end_minute;
  }
  return out;
}

// What a session is apart from its time: a moved session keeps it.
auto What(const PlanSession& s) {
  return std::tie(s.hours, s.kind, s.delivery, s.teacher, s.content);
}
auto Whole(const PlanSession& s) {
  return std::tie(s.date, s.start_minute, s.end_minute, s.hours, s.kind, s.delivery, s.teacher,
                  s.content);
}

}  // namespace

std::string_view ChangeKindId(ChangeKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.id;
  }
  return kKinds[0].id;
}
std::string_view ChangeKindName(ChangeKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return kKinds[0].name;
}
std::optional<ChangeKind> ParseChangeKind(std::string_view id) {
  for (const auto& k : kKinds) {
    if (k.id == id) return k.kind;
  }
  return std::nullopt;
}
std::string_view ChangeStateId(ChangeState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.id;
  }
  return kStates[0].id;
}
std::string_view ChangeStateName(ChangeState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.name;
  }
  return kStates[0].name;
}
std::optional<ChangeState> ParseChangeState(std::string_view id) {
  for (const auto& s : kStates) {
    if (s.id == id) return s.state;
  }
  return std::nullopt;
}

Result<std::vector<PlanSession>> ApplyChange(const std::vector<PlanSession>& current,
                                             const std::vector<int64_t>& roster,
                                             ChangeRequest& change, Date today) {
  if (change.reason.empty()) {
    return Status::Invalid("reason", "请填写变更理由（如学员缺课、考试未通过、客观原因调整时间）");
  }
  if (Utf8Length(change.reason) > kMaxChangeReasonChars) {
    return Status::Invalid("reason",
                           "变更理由不能超过 " + std::to_string(kMaxChangeReasonChars) + " 个字");
  }
  if (change.kind == ChangeKind::kReschedule) return MoveSessions(current, change, today);
  return AddSessions(current, roster, change, today);
}

PlanDiff DiffPlans(const std::vector<PlanSession>& from, const std::vector<int64_t>& from_roster,
                   const std::vector<PlanSession>& to, const std::vector<int64_t>& to_roster) {
  PlanDiff diff;
  // Sessions present in both, unchanged, are matched first (as multisets, in order).
  std::vector<bool> from_used(from.size(), false), to_used(to.size(), false);
  for (size_t i = 0; i < from.size(); ++i) {
    for (size_t j = 0; j < to.size(); ++j) {
      if (!to_used[j] && Whole(from[i]) == Whole(to[j])) {
        from_used[i] = to_used[j] = true;
        break;
      }
    }
  }
  // Of the rest, the same session at another time is a move: first at the same place in the
  // plan (a move keeps a session's number), then paired in plan order.
  for (size_t i = 0; i < from.size() && i < to.size(); ++i) {
    if (!from_used[i] && !to_used[i] && What(from[i]) == What(to[i])) {
      from_used[i] = to_used[i] = true;
      diff.moved.emplace_back(from[i], to[i]);
    }
  }
  for (size_t i = 0; i < from.size(); ++i) {
    if (from_used[i]) continue;
    for (size_t j = 0; j < to.size(); ++j) {
      if (!to_used[j] && What(from[i]) == What(to[j])) {
        from_used[i] = to_used[j] = true;
        diff.moved.emplace_back(from[i], to[j]);
        break;
      }
    }
  }
  for (size_t i = 0; i < from.size(); ++i) {
    if (!from_used[i]) diff.removed.push_back(from[i]);
  }
  for (size_t j = 0; j < to.size(); ++j) {
    if (!to_used[j]) diff.added.push_back(to[j]);
  }
  const std::set<int64_t> a(from_roster.begin(), from_roster.end());
  const std::set<int64_t> b(to_roster.begin(), to_roster.end());
  for (int64_t id : to_roster) {
    if (!a.count(id)) diff.roster_added.push_back(id);
  }
  for (int64_t id : from_roster) {
    if (!b.count(id)) diff.roster_removed.push_back(id);
  }
  return diff;
}

}  // namespace anpei::domain
