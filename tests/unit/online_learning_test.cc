// The online learning rules (domain/online_learning.h): times as offices and platforms write them,
// the column headers, each row check, overlaps with offline attendance, the summary's agreement
// with the details, and how online hours fill the plan's online sessions.
#include "domain/online_learning.h"

#include <gtest/gtest.h>

#include "support/fixtures.h"

namespace anpei::domain {
namespace {

constexpr int kCst = 480;
// 2021-10-11 00:00 China Standard Time.
constexpr int64_t kDay = 1633881600;

OnlineCheckContext Context() {
  OnlineCheckContext c;
  c.period_from = kDay;
  c.period_to = kDay + 5 * 86400;
  c.today = Date{2021, 10, 1};
  c.roster[testing::ValidId(10)] = 7;
  return c;
}

OnlineRow Good() {
  OnlineRow r;
  r.row = 2;
  r.name = "学员10";
  r.id_number = testing::ValidId(10);
  r.phone = "13800001234";
  r.course = "安全防范基础";
  r.started_at = kDay + 8 * 3600 + 1800;
  r.ended_at = kDay + 11 * 3600 + 1800;
  r.minutes = 180;
  r.class_hours = 4;
  r.face_captures = 8;
  return r;
}

std::vector<std::string> Reasons(const std::vector<OnlineProblem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.reason);
  return out;
}

TEST(OnlineTime, LocalFormsAndSerialsAndRfc3339) {
  EXPECT_EQ(*ParseOnlineTime("2021-10-11 08:30", kCst, "f"), kDay + 8 * 3600 + 1800);
  EXPECT_EQ(*ParseOnlineTime("2021/10/11 8:30:15", kCst, "f"), kDay + 8 * 3600 + 1815);
  EXPECT_EQ(*ParseOnlineTime("2021年10月11日 08:30", kCst, "f"), kDay + 8 * 3600 + 1800);
  EXPECT_EQ(*ParseOnlineTime("2021-10-11T00:30:00Z", kCst, "f"), kDay + 8 * 3600 + 1800);
  EXPECT_EQ(*OnlineTimeOfSerial("44480.3541666667", kCst, "f"), kDay + 8 * 3600 + 1800);
  auto bad = ParseOnlineTime("2021-02-30 08:00", kCst, "开始时间");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "开始时间");
  EXPECT_FALSE(ParseOnlineTime("2021-10-11", kCst, "f").ok());  // a time of day is needed
  EXPECT_FALSE(ParseOnlineTime("08:30", kCst, "f").ok());
  auto span = ParseOnlineSpan("2021-10-11 08:30 至 2021-10-11 11:30", kCst, "f");
  ASSERT_TRUE(span.ok());
  EXPECT_EQ(span->to - span->from, 3 * 3600);
  auto short_end = ParseOnlineSpan("2021-10-11 08:30-10:30", kCst, "f");
  ASSERT_TRUE(short_end.ok()) << short_end.status().message();
  EXPECT_EQ(short_end->to - short_end->from, 2 * 3600);
  EXPECT_FALSE(ParseOnlineSpan("上午", kCst, "f").ok());
}

TEST(OnlineHeaders, OfficeSpellingsMapToFields) {
  EXPECT_EQ(OnlineFieldOfHeader(" 公民身份号码 "), OnlineField::kIdNumber);
  EXPECT_EQ(OnlineFieldOfHeader("学习时长(分钟)"), OnlineField::kMinutes);
  EXPECT_EQ(OnlineFieldOfHeader("*姓名"), OnlineField::kName);
  EXPECT_EQ(OnlineFieldOfHeader("职业（工种）或课程"), OnlineField::kCourse);
  EXPECT_EQ(OnlineFieldOfHeader("备注"), std::nullopt);
  std::vector<bool> present(kOnlineFieldCount, true);
  present[static_cast<size_t>(OnlineField::kFaceCaptures)] = false;
  EXPECT_EQ(MissingOnlineFields(OnlineSheet::kDetail, present),
            std::vector<OnlineField>{OnlineField::kFaceCaptures});
  EXPECT_TRUE(MissingOnlineFields(OnlineSheet::kSummary, present).empty());
  present[static_cast<size_t>(OnlineField::kStart)] = false;
  EXPECT_EQ(MissingOnlineFields(OnlineSheet::kSummary, present).size(), 0u);  // the span column
  present[static_cast<size_t>(OnlineField::kSpan)] = false;
  EXPECT_EQ(MissingOnlineFields(OnlineSheet::kSummary, present),
            std::vector<OnlineField>{OnlineField::kStart});
}

TEST(OnlineRowCheck, AGoodRowPassesAndFindsItsPerson) {
  auto ctx = Context();
  auto row = Good();
  std::vector<OnlineProblem> out;
  CheckOnlineRow(OnlineSheet::kDetail, row, ctx, out);
  EXPECT_TRUE(out.empty()) << out.front().message;
  EXPECT_EQ(row.person_id, 7);
}

TEST(OnlineRowCheck, EachRuleHasItsReason) {
  auto ctx = Context();
  auto check = [&](OnlineRow row, OnlineSheet sheet = OnlineSheet::kDetail) {
    std::vector<OnlineProblem> out;
    CheckOnlineRow(sheet, row, ctx, out);
    return Reasons(out);
  };
  using V = std::vector<std::string>;
  auto r = Good();
  r.id_number = "350503199003150100";  // wrong check digit
  EXPECT_EQ(check(r), V{"online.id_invalid"});
  r = Good();
  r.id_number = testing::ValidId(11);
  EXPECT_EQ(check(r), V{"online.not_on_roster"});
  r = Good();
  r.phone = "23800001234";
  EXPECT_EQ(check(r), V{"online.phone_invalid"});
  r = Good();
  r.started_at = *r.started_at - 2 * 86400;
  r.ended_at = *r.ended_at - 2 * 86400;
  EXPECT_EQ(check(r), V{"online.outside_period"});
  r = Good();
  r.minutes = 179;
  EXPECT_EQ(check(r), V{"online.minutes_short"});
  r = Good();
  r.face_captures = 7;
  EXPECT_EQ(check(r), V{"online.faces_short"});
  EXPECT_TRUE(check(r, OnlineSheet::kSummary).empty());  // the summary has no face captures
  r = Good();
  r.minutes = 200;
  EXPECT_EQ(check(r), V{"online.exceeds_span"});
  r = Good();
  r.ended_at = r.started_at;
  EXPECT_EQ(check(r), V{"online.value_invalid"});
  r = Good();
  r.course.clear();
  r.face_captures.reset();
  EXPECT_EQ(check(r), (V{"online.missing", "online.missing"}));
}

TEST(OnlineOverlaps, WithinAPersonAndWithOfflineAttendance) {
  auto ctx = Context();
  ctx.offline[7] = {{kDay + 86400 + 8 * 3600, kDay + 86400 + 11 * 3600}};  // day 2, 08:00–11:00
  std::vector<OnlineSpanRow> rows = {
      {2, 7, kDay + 8 * 3600, kDay + 11 * 3600},
      {3, 7, kDay + 10 * 3600, kDay + 12 * 3600},                  // overlaps row 2
      {4, 7, kDay + 11 * 3600, kDay + 12 * 3600},                  // overlaps row 3 only
      {5, 7, kDay + 86400 + 10 * 3600, kDay + 86400 + 12 * 3600},  // overlaps offline
      {6, 8, kDay + 8 * 3600, kDay + 11 * 3600},                   // another person
  };
  std::vector<OnlineProblem> out;
  CheckOnlineOverlaps(OnlineSheet::kDetail, rows, {}, ctx, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].row, 3);
  EXPECT_EQ(out[0].reason, "online.overlap_online");
  EXPECT_NE(out[0].message.find("第 2 行"), std::string::npos);
  EXPECT_EQ(out[1].row, 4);
  EXPECT_NE(out[1].message.find("第 3 行"), std::string::npos);
  EXPECT_EQ(out[2].row, 5);
  EXPECT_EQ(out[2].reason, "online.overlap_offline");
  // Against records already held.
  std::vector<OnlineSpanRow> one = {{2, 8, kDay, kDay + 3600}};
  out.clear();
  CheckOnlineOverlaps(OnlineSheet::kPush, one, {{8, {{kDay + 1800, kDay + 7200}}}}, ctx, out);
  EXPECT_EQ(Reasons(out), std::vector<std::string>{"online.overlap_online"});
}

TEST(OnlineSummary, AgreesWithTheDetailsPerPerson) {
  OnlineRow s = Good();
  s.person_id = 7;
  s.minutes = 360;
  s.class_hours = 8;
  std::map<int64_t, DetailTotals> d = {{7, {360, 8, 2}}};
  std::vector<OnlineProblem> out;
  CheckSummaryAgainstDetail({s}, d, out);
  EXPECT_TRUE(out.empty());
  d[7].minutes = 300;
  d[9] = {180, 4, 9};
  CheckSummaryAgainstDetail({s}, d, out);
  EXPECT_EQ(Reasons(out),
            (std::vector<std::string>{"online.summary_mismatch", "online.summary_missing"}));
  EXPECT_EQ(out[1].row, 9);
}

TEST(OnlineHours, FillTheOnlineSessionsInOrder) {
  std::vector<PlanSession> plan(4);
  plan[0].hours = 4;
  plan[0].delivery = Delivery::kOnline;
  plan[1].hours = 4;
  plan[2].hours = 3;
  plan[2].delivery = Delivery::kOnline;
  plan[3].hours = 2;
  plan[3].delivery = Delivery::kOnline;
  EXPECT_EQ(CreditOnlineHours(plan, 6), (std::vector<int64_t>{4, 0, 2, 0}));
  EXPECT_EQ(CreditOnlineHours(plan, 100), (std::vector<int64_t>{4, 0, 3, 2}));
  EXPECT_EQ(CreditOnlineHours(plan, 0), (std::vector<int64_t>{0, 0, 0, 0}));
}

}  // namespace
}  // namespace anpei::domain
