#include <gtest/gtest.h>

#include "domain/plan.h"
#include "support/reference.h"

namespace anpei::domain {
namespace {

const Policy& P() { return testing::ShippedReference()->policies().at("quanzhou-2021-177"); }
const WorkCalendar& Cal() { return testing::ShippedReference()->calendar(); }

PlanSession S(const char* date, int start, int hours, SessionKind kind = SessionKind::kTheory,
              Delivery delivery = Delivery::kOffline, int minutes_per_hour = 50) {
  return PlanSession{
      *ParseDate(date, "d"), start,        start + hours * minutes_per_hour, hours, kind, delivery,
      std::string("t1"),     std::string()};
}

// 20 hours: 12 theory (4 online) + 8 practical, Monday 2021-10-11 to Friday 2021-10-15.
Plan GoodPlan() {
  Plan p;
  p.occupation = "security_guard";
  p.teachers = {{"t1", "陈老师"}};
  p.sessions = {S("2021-10-11", 510, 4),
                S("2021-10-12", 510, 4, SessionKind::kTheory, Delivery::kOnline),
                S("2021-10-13", 510, 4), S("2021-10-14", 510, 4, SessionKind::kPractical),
                S("2021-10-15", 510, 4, SessionKind::kPractical)};
  p.sessions[1].teacher.reset();
  return p;
}

std::vector<std::string> Rules(const PlanVerdict& v) {
  std::vector<std::string> r;
  for (const Violation& x : v.violations) r.push_back(x.rule);
  return r;
}

TEST(PlanCheck, AGoodPlanPassesWithItsSummary) {
  auto v = CheckPlan(GoodPlan(), P(), Cal());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->ok()) << (v->violations.empty() ? "" : v->violations[0].message);
  EXPECT_EQ(v->summary.total_hours, 20);
  EXPECT_EQ(v->summary.theory_hours, 12);
  EXPECT_EQ(v->summary.practical_hours, 8);
  EXPECT_EQ(v->summary.online_hours, 4);
  EXPECT_EQ(v->summary.start_date, (Date{2021, 10, 11}));
  EXPECT_EQ(v->summary.declare_deadline, (Date{2021, 10, 18}));
  EXPECT_EQ(v->policy_id, "quanzhou-2021-177");
}

TEST(PlanCheck, ViolationsCarryClauseMessageAndField) {
  Plan p = GoodPlan();
  p.sessions[3].end_minute = p.sessions[3].start_minute + 4 * 45 - 1;
  auto v = CheckPlan(p, P(), Cal());
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(Rules(*v), std::vector<std::string>{"PLAN_HOUR_MINUTES_MIN"});
  EXPECT_EQ(v->violations[0].clause, "二（二）");
  EXPECT_EQ(v->violations[0].field, "sessions[3]");
  EXPECT_NE(v->violations[0].message.find("179 分钟"), std::string::npos)
      << v->violations[0].message;
}

TEST(PlanCheck, SharesAreExactIntegers) {
  // 3 practical of 7 hours is 42.86 %: over 40 %; 2 of 5 is exactly 40 %: allowed.
  Plan p = GoodPlan();
  p.sessions = {S("2021-10-11", 510, 4), S("2021-10-12", 510, 3, SessionKind::kPractical)};
  EXPECT_EQ(Rules(*CheckPlan(p, P(), Cal())),
            (std::vector<std::string>{"PLAN_TOTAL_HOURS_MIN", "PLAN_THEORY_SHARE_MIN",
                                      "PLAN_PRACTICAL_SHARE_MAX"}));
  p.sessions = {S("2021-10-11", 510, 3), S("2021-10-12", 510, 2, SessionKind::kPractical)};
  EXPECT_EQ(Rules(*CheckPlan(p, P(), Cal())), std::vector<std::string>{"PLAN_TOTAL_HOURS_MIN"});
}

TEST(PlanCheck, OverlapsAreReportedOncePerPair) {
  Plan p = GoodPlan();
  p.sessions.push_back(S("2021-10-11", 600, 1));        // inside session 0
  p.sessions.push_back(S("2021-10-11", 510 + 200, 1));  // starts when session 0 ends: no overlap
  auto v = CheckPlan(p, P(), Cal());
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(Rules(*v), std::vector<std::string>{"PLAN_SESSION_OVERLAP"});
  EXPECT_EQ(v->violations[0].field, "sessions[5]");
}

TEST(PlanCheck, DeadlineNeedsCalendarOnlyWhenTheDeclarationDependsOnIt) {
  Plan p = GoodPlan();
  for (PlanSession& s : p.sessions) s.date = s.date.AddDays(-365 * 3);  // October 2018
  auto v = CheckPlan(p, P(), Cal());
  ASSERT_TRUE(v.ok()) << "without declared_at the deadline is informative only";
  EXPECT_FALSE(v->summary.declare_deadline.has_value());
  EXPECT_NE(v->summary.declare_deadline_note.find("2018"), std::string::npos);
  p.declared_at = Instant{0};  // before the start: in time whatever the calendar says
  EXPECT_TRUE(CheckPlan(p, P(), Cal()).ok());
  p.declared_at = *ParseTimestamp("2018-12-01T10:00:00+08:00", "declared_at");
  auto e = CheckPlan(p, P(), Cal());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().field(), "declared_at");
  EXPECT_EQ(e.status().reason(), "calendar.year_unknown");
}

// 2026-12-28 (Monday) starts; 2027 has no data. The 29th, 30th and 31st are working days, so the
// 5th working day is no earlier than 2027-01-02: a declaration up to then is in time.
TEST(PlanCheck, YearEndDeclarationInsideTheKnownDaysIsInTime) {
  Plan p = GoodPlan();
  const int64_t shift = Date{2026, 12, 28}.ToDays() - p.sessions.front().date.ToDays();
  for (PlanSession& s : p.sessions) s.date = s.date.AddDays(shift);
  for (const char* at :
       {"2026-12-29T10:00:00+08:00", "2026-12-31T23:59:59+08:00", "2027-01-02T23:59:59+08:00"}) {
    p.declared_at = *ParseTimestamp(at, "declared_at");
    auto v = CheckPlan(p, P(), Cal());
    ASSERT_TRUE(v.ok()) << at << " " << v.status().ToString();
    EXPECT_TRUE(v->ok()) << at;
    EXPECT_FALSE(v->summary.declare_deadline.has_value());
    EXPECT_NE(v->summary.declare_deadline_note.find("2027"), std::string::npos);
    EXPECT_NE(v->summary.declare_deadline_note.find("2027-01-02"), std::string::npos);
  }
  p.declared_at = *ParseTimestamp("2027-01-03T09:00:00+08:00", "declared_at");
  auto late = CheckPlan(p, P(), Cal());
  ASSERT_FALSE(late.ok()) << "depends on the 2027 calendar";
  EXPECT_EQ(late.status().reason(), "calendar.year_unknown");
}

TEST(PlanCheck, LateDeclarationCitesTheDeadline) {
  Plan p = GoodPlan();
  p.declared_at = *ParseTimestamp("2021-10-18T23:59:59+08:00", "declared_at");
  EXPECT_TRUE(CheckPlan(p, P(), Cal())->ok());
  p.declared_at = *ParseTimestamp("2021-10-18T16:00:00Z", "declared_at");
  auto v = CheckPlan(p, P(), Cal());
  ASSERT_EQ(Rules(*v), std::vector<std::string>{"PLAN_DECLARE_DEADLINE"});
  EXPECT_EQ(v->violations[0].clause, "三（一）1");
  EXPECT_NE(v->violations[0].message.find("2021-10-18"), std::string::npos);
}

TEST(PlanCheck, UnusablePlansAreErrorsNamingTheField) {
  Plan p = GoodPlan();
  p.occupation = "cook";
  EXPECT_EQ(CheckPlan(p, P(), Cal()).status().field(), "occupation");
  p = GoodPlan();
  p.sessions[2].hours = 0;
  EXPECT_EQ(CheckPlan(p, P(), Cal()).status().field(), "sessions[2].hours");
  p = GoodPlan();
  p.sessions[1].end_minute = p.sessions[1].start_minute;
  EXPECT_EQ(CheckPlan(p, P(), Cal()).status().field(), "sessions[1].end");
  p = GoodPlan();
  p.teachers.push_back({"t1", "重名"});
  EXPECT_EQ(CheckPlan(p, P(), Cal()).status().field(), "teachers[1].id");
  p.sessions.clear();
  EXPECT_EQ(ValidatePlan(Plan{"security_guard", {}, {}, {}}, P()).field(), "sessions");
}

TEST(PlanCheck, NumbersComeFromThePolicy) {
  Policy stricter = P();
  stricter.plan.min_total_hours = 24;
  stricter.plan.max_online_percent = 10;
  auto v = CheckPlan(GoodPlan(), stricter, Cal());
  EXPECT_EQ(Rules(*v), (std::vector<std::string>{"PLAN_TOTAL_HOURS_MIN", "PLAN_ONLINE_SHARE_MAX"}));
  EXPECT_NE(v->violations[0].message.find("24"), std::string::npos);
}

}  // namespace
}  // namespace anpei::domain
