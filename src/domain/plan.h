// A class's teaching plan (教学计划) and its check against a policy (notice 二（二）, 三（一）1).
// CheckPlan is pure: plan + policy + calendar in, verdict out. Every violation carries its rule
// id, the clause of the notice it enforces and a Chinese message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/calendar.h"
#include "domain/date.h"
#include "domain/policy.h"

namespace anpei::domain {

enum class SessionKind { kTheory, kPractical };
enum class Delivery { kOffline, kOnline };

// The one spelling of each enum value, as in the plan JSON (contract.md) and the store.
inline constexpr std::string_view SessionKindId(SessionKind k) {
  return k == SessionKind::kTheory ? "theory" : "practical";
}
inline constexpr std::string_view DeliveryId(Delivery d) {
  return d == Delivery::kOffline ? "offline" : "online";
}
inline std::optional<SessionKind> ParseSessionKind(std::string_view id) {
  if (id == "theory") return SessionKind::kTheory;
  if (id == "practical") return SessionKind::kPractical;
  return std::nullopt;
}
inline std::optional<Delivery> ParseDelivery(std::string_view id) {
  if (id == "offline") return Delivery::kOffline;
  if (id == "online") return Delivery::kOnline;
  return std::nullopt;
}

struct PlanTeacher {
  std::string id;
  std::string name;
};

struct PlanSession {
  Date date;
  int start_minute = 0;  // minutes after local midnight
  int end_minute = 0;
  int hours = 0;  // whole class hours taught in this session
  SessionKind kind = SessionKind::kTheory;
  Delivery delivery = Delivery::kOffline;
  std::optional<std::string> teacher;  // a PlanTeacher id
  // 课程内容: what the session teaches (optional; printable text of at most
  // kMaxSessionContentChars characters; "" when not given, and then absent from the JSON).
  std::string content;
};

inline constexpr size_t kMaxSessionContentChars = 200;

struct Plan {
  std::string occupation;
  std::optional<Instant> declared_at;
  std::vector<PlanTeacher> teachers;
  std::vector<PlanSession> sessions;
};

// Rule ids (contract.md): the stable names of the plan rules.
inline constexpr std::string_view kRuleTotalHoursMin = "PLAN_TOTAL_HOURS_MIN";
inline constexpr std::string_view kRuleHourMinutesMin = "PLAN_HOUR_MINUTES_MIN";
inline constexpr std::string_view kRuleTheoryShareMin = "PLAN_THEORY_SHARE_MIN";
inline constexpr std::string_view kRulePracticalShareMax = "PLAN_PRACTICAL_SHARE_MAX";
inline constexpr std::string_view kRulePracticalOffline = "PLAN_PRACTICAL_OFFLINE";
inline constexpr std::string_view kRuleOnlineShareMax = "PLAN_ONLINE_SHARE_MAX";
inline constexpr std::string_view kRuleDeclareDeadline = "PLAN_DECLARE_DEADLINE";
inline constexpr std::string_view kRuleTeacherRequired = "PLAN_TEACHER_REQUIRED";
inline constexpr std::string_view kRuleSessionOverlap = "PLAN_SESSION_OVERLAP";
// All plan rules, in the order a verdict lists them; a policy file must map each to a clause.
inline constexpr std::string_view kPlanRules[] = {
    kRuleTotalHoursMin,     kRuleHourMinutesMin,   kRuleTheoryShareMin,
    kRulePracticalShareMax, kRulePracticalOffline, kRuleOnlineShareMax,
    kRuleDeclareDeadline,   kRuleTeacherRequired,  kRuleSessionOverlap,
};

// Bounds on a plan's size that keep every check fast; larger plans are refused as unusable.
inline constexpr size_t kMaxPlanSessions = 2000;
inline constexpr size_t kMaxPlanTeachers = 500;
inline constexpr int kMaxSessionHours = 24;

struct Violation {
  std::string rule;
  std::string clause;
  std::string message;
  std::string field;  // the input path at fault when one part of the plan is ("sessions[3]")
};

struct PlanSummary {
  int total_hours = 0;
  int theory_hours = 0;
  int practical_hours = 0;
  int online_hours = 0;
  Date start_date;
  std::optional<Date> declare_deadline;  // absent when the calendar has no data for it
  std::string declare_deadline_note;  // why it is absent ("工作日历尚无 2027 年的数据…")
};

struct PlanVerdict {
  std::string policy_id;
  PlanSummary summary;
  std::vector<Violation> violations;
  bool ok() const { return violations.empty(); }
};

// Checks a plan's shape (the things no verdict can be given for: no sessions, hours < 1, an end
// not after its start, an unknown occupation, duplicate teacher ids). InvalidArgument naming the
// field, e.g. "sessions[0].end".
Status ValidatePlan(const Plan& plan, const Policy& policy);

// Validates, then applies every plan rule. Errors only for unusable input (see ValidatePlan) and
// when `declared_at` falls after every day the known calendar proves in time and the deadline
// depends on a year without data (field "declared_at", reason calendar.year_unknown).
Result<PlanVerdict> CheckPlan(const Plan& plan, const Policy& policy, const WorkCalendar& calendar);

}  // namespace anpei::domain
