#include <algorithm>
#include <set>

#include "domain/plan.h"

namespace anpei::domain {
namespace {

std::string SessionPath(size_t i) { return "sessions[" + std::to_string(i) + "]"; }

std::string Describe(const PlanSession& s) {
  return s.date.ToString() + " " + FormatTimeOfDay(s.start_minute) + "–" +
         FormatTimeOfDay(s.end_minute);
}

// "12/20 = 60%" with the share rounded down for display only; comparisons stay in integers.
std::string Share(int part, int total) {
  return std::to_string(part) + "/" + std::to_string(total) + " 课时（" +
         std::to_string(total == 0 ? 0 : part * 100 / total) + "%）";
}

class Checker {
 public:
  Checker(const Plan& plan, const Policy& policy, const WorkCalendar& calendar)
      : plan_(plan), policy_(policy), calendar_(calendar) {}

  Result<PlanVerdict> Run() {
    verdict_.policy_id = policy_.id;
    Summarise();
    const PlanLimits& lim = policy_.plan;
    PlanSummary& s = verdict_.summary;

    if (s.total_hours < lim.min_total_hours) {
      Add(kRuleTotalHoursMin, "培训总课时为 " + std::to_string(s.total_hours) +
                                  "，少于政策规定的最少 " + std::to_string(lim.min_total_hours) +
                                  " 课时");
    }
    for (size_t i = 0; i < plan_.sessions.size(); ++i) {
      const PlanSession& ps = plan_.sessions[i];
      const int minutes = ps.end_minute - ps.start_minute;
      if (minutes < lim.min_minutes_per_hour * ps.hours) {
        Add(kRuleHourMinutesMin,
            "第 " + std::to_string(i + 1) + " 次课（" + Describe(ps) + "）共 " +
                std::to_string(minutes) + " 分钟，安排 " + std::to_string(ps.hours) +
                " 课时至少需要 " + std::to_string(lim.min_minutes_per_hour * ps.hours) +
                " 分钟（每课时不低于 " + std::to_string(lim.min_minutes_per_hour) + " 分钟）",
            SessionPath(i));
      }
    }
    if (s.theory_hours * 100 < lim.min_theory_percent * s.total_hours) {
      Add(kRuleTheoryShareMin, "理论课 " + Share(s.theory_hours, s.total_hours) +
                                   "，低于全部课时的 " + std::to_string(lim.min_theory_percent) +
                                   "%");
    }
    if (s.practical_hours * 100 > lim.max_practical_percent * s.total_hours) {
      Add(kRulePracticalShareMax, "实操课 " + Share(s.practical_hours, s.total_hours) +
                                      "，高于全部课时的 " +
                                      std::to_string(lim.max_practical_percent) + "%");
    }
    if (lim.practical_offline_only) {
      for (size_t i = 0; i < plan_.sessions.size(); ++i) {
        const PlanSession& ps = plan_.sessions[i];
        if (ps.kind == SessionKind::kPractical && ps.delivery == Delivery::kOnline) {
          Add(kRulePracticalOffline,
              "第 " + std::to_string(i + 1) + " 次课（" + Describe(ps) +
                  "）是实操课，实操课应以线下方式开展",
              SessionPath(i) + ".delivery");
        }
      }
    }
    if (s.online_hours * 100 > lim.max_online_percent * s.total_hours) {
      Add(kRuleOnlineShareMax, "线上课 " + Share(s.online_hours, s.total_hours) +
                                   "，超过全部课时的 " + std::to_string(lim.max_online_percent) +
                                   "%");
    }
    ANPEI_RETURN_IF_ERROR(CheckDeadline());
    CheckTeachers();
    CheckOverlaps();
    return std::move(verdict_);
  }

 private:
  void Summarise() {
    PlanSummary& s = verdict_.summary;
    s.start_date = plan_.sessions.front().date;
    for (const PlanSession& ps : plan_.sessions) {
      s.total_hours += ps.hours;
      (ps.kind == SessionKind::kTheory ? s.theory_hours : s.practical_hours) += ps.hours;
      if (ps.delivery == Delivery::kOnline) s.online_hours += ps.hours;
      s.start_date = std::min(s.start_date, ps.date);
    }
  }

  // 三（一）1: declared by the end of the n-th working day after the start. When a year of the
  // window has no calendar data, a declaration up to the earliest possible deadline is in time
  // and one after the latest possible deadline is late, whatever that year brings; only one in
  // between depends on the unpublished calendar.
  Status CheckDeadline() {
    PlanSummary& s = verdict_.summary;
    const int n = policy_.plan.declare_within_working_days;
    const WorkCalendar::WorkdayBound bound = calendar_.BoundWorkdays(s.start_date, n);
    s.declare_deadline = bound.exact;
    if (!bound.exact) {
      s.declare_deadline_note =
          "工作日历尚无 " + std::to_string(bound.missing_year) +
          " 年的数据，申报截止日暂不能确定（不早于 " + bound.at_least.ToString() +
          (bound.at_most ? "，不晚于 " + bound.at_most->ToString() : "") + "）";
    }
    if (!plan_.declared_at) return Status::Ok();
    const Date declared = LocalDate(*plan_.declared_at, policy_.utc_offset_minutes);
    if (declared <= bound.at_least) return Status::Ok();
    if (!bound.at_most) {
      return Status::Invalid("declared_at", "申报日期 " + declared.ToString() + " 是否逾期取决于 " +
                                                std::to_string(bound.missing_year) +
                                                " 年的工作日历，该年数据尚未发布（" +
                                                s.declare_deadline_note + "）")
          .WithReason("calendar.year_unknown");
    }
    if (declared <= *bound.at_most) {
      return Status::Invalid("declared_at", "申报日期 " + declared.ToString() + " 是否逾期取决于 " +
                                                std::to_string(bound.missing_year) +
                                                " 年的工作日历，该年没有数据（" +
                                                s.declare_deadline_note + "）")
          .WithReason("calendar.year_unknown");
    }
    const std::string deadline =
        bound.exact ? bound.exact->ToString() : "最晚 " + bound.at_most->ToString();
    Add(kRuleDeclareDeadline,
        "申报日期 " + declared.ToString() + " 晚于截止日 " + deadline + "（开班日 " +
            s.start_date.ToString() + " 后第 " + std::to_string(n) + " 个工作日，开班当日不计入）",
        "declared_at");
    return Status::Ok();
  }

  void CheckTeachers() {
    std::set<std::string> declared;
    for (const PlanTeacher& t : plan_.teachers) declared.insert(t.id);
    for (size_t i = 0; i < plan_.sessions.size(); ++i) {
      const PlanSession& ps = plan_.sessions[i];
      if (ps.delivery != Delivery::kOffline) continue;
      if (!ps.teacher) {
        Add(kRuleTeacherRequired,
            "第 " + std::to_string(i + 1) + " 次课（" + Describe(ps) + "）是线下课，未指定授课教师",
            SessionPath(i) + ".teacher");
      } else if (!declared.count(*ps.teacher)) {
        Add(kRuleTeacherRequired,
            "第 " + std::to_string(i + 1) + " 次课的授课教师 \"" + *ps.teacher +
                "\" 不在申报的师资名单中",
            SessionPath(i) + ".teacher");
      }
    }
  }

  void CheckOverlaps() {
    // Sort by (date, start); an overlap exists with an earlier session iff that one ends after
    // this one starts. Report each overlapping pair once, in input order.
    std::vector<size_t> order(plan_.sessions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto key = [&](size_t i) {
      const PlanSession& s = plan_.sessions[i];
      return std::tuple(s.date.ToDays(), s.start_minute, s.end_minute, i);
    };
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
    for (size_t k = 0; k < order.size(); ++k) {
      const PlanSession& cur = plan_.sessions[order[k]];
      for (size_t j = k; j-- > 0;) {
        const PlanSession& prev = plan_.sessions[order[j]];
        if (prev.date != cur.date) break;
        if (prev.end_minute <= cur.start_minute) continue;
        const size_t a = std::min(order[j], order[k]), b = std::max(order[j], order[k]);
        Add(kRuleSessionOverlap,
            "第 " + std::to_string(a + 1) + " 次课（" + Describe(plan_.sessions[a]) + "）与第 " +
                std::to_string(b + 1) + " 次课（" + Describe(plan_.sessions[b]) + "）时间重叠",
            SessionPath(b));
      }
    }
  }

  void Add(std::string_view rule, std::string message, std::string field = {}) {
    verdict_.violations.push_back(
        Violation{std::string(rule), policy_.ClauseOf(rule), std::move(message), std::move(field)});
  }

  const Plan& plan_;
  const Policy& policy_;
  const WorkCalendar& calendar_;
  PlanVerdict verdict_;
};

}  // namespace

Status ValidatePlan(const Plan& plan, const Policy& policy) {
  if (plan.occupation.empty()) return Status::Invalid("occupation", "缺少培训工种");
  if (!policy.FindOccupation(plan.occupation)) {
    std::string known;
    for (const Occupation& o : policy.occupations)
      known += (known.empty() ? "" : "、") + o.id + "（" + o.name + "）";
    return Status::Invalid("occupation", "政策 " + policy.id + " 没有工种 \"" + plan.occupation +
                                             "\"；可选：" + known);
  }
  if (plan.teachers.size() > kMaxPlanTeachers) {
    return Status::Invalid("teachers", "师资不能超过 " + std::to_string(kMaxPlanTeachers) + " 人");
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < plan.teachers.size(); ++i) {
    const std::string path = "teachers[" + std::to_string(i) + "]";
    if (plan.teachers[i].id.empty()) return Status::Invalid(path + ".id", "教师编号不能为空");
    if (plan.teachers[i].name.empty()) return Status::Invalid(path + ".name", "教师姓名不能为空");
    if (!ids.insert(plan.teachers[i].id).second) {
      return Status::Invalid(path + ".id", "教师编号 \"" + plan.teachers[i].id + "\" 重复");
    }
  }
  if (plan.sessions.empty()) return Status::Invalid("sessions", "教学计划至少需要一次课");
  if (plan.sessions.size() > kMaxPlanSessions) {
    return Status::Invalid("sessions",
                           "一个教学计划不能超过 " + std::to_string(kMaxPlanSessions) + " 次课");
  }
  for (size_t i = 0; i < plan.sessions.size(); ++i) {
    const PlanSession& s = plan.sessions[i];
    const std::string path = SessionPath(i);
    if (s.hours < 1 || s.hours > kMaxSessionHours) {
      return Status::Invalid(path + ".hours", "课时数应为 1 到 " +
                                                  std::to_string(kMaxSessionHours) +
                                                  " 之间的整数，收到 " + std::to_string(s.hours));
    }
    if (s.end_minute <= s.start_minute) {
      return Status::Invalid(path + ".end", "结束时间 " + FormatTimeOfDay(s.end_minute) +
                                                " 应晚于开始时间 " +
                                                FormatTimeOfDay(s.start_minute));
    }
  }
  return Status::Ok();
}

Result<PlanVerdict> CheckPlan(const Plan& plan, const Policy& policy,
                              const WorkCalendar& calendar) {
  ANPEI_RETURN_IF_ERROR(ValidatePlan(plan, policy));
  return Checker(plan, policy, calendar).Run();
}

}  // namespace anpei::domain
