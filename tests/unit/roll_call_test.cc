// Random roll call rules (domain/roll_call.h): who may be drawn (checked in, not out), how many,
// uniform and without repeats, when a roll call may be drawn and until when it may be answered.
#include "domain/roll_call.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace anpei::domain {
namespace {

constexpr int kCst = 480;
const int64_t kDay = ParseDate("2026-12-07", "date")->ToDays() * 86400 - kCst * 60;
int64_t Local(int hour, int minute, int second = 0) {
  return kDay + hour * 3600 + minute * 60 + second;
}

PlanSession Morning() {
  PlanSession s;
  s.date = *ParseDate("2026-12-07", "date");
  s.start_minute = 9 * 60;
  s.end_minute = 11 * 60;
  s.hours = 2;
  return s;
}

SignalRecord Rec(int seq, int64_t person, Direction d) {
  SignalRecord r;
  r.seq = seq;
  r.person_id = person;
  r.direction = d;
  return r;
}

TEST(RollCall, CountIsBetweenOneAndTwenty) {
  EXPECT_EQ(CheckRollCallCount(0).field(), "count");
  EXPECT_EQ(CheckRollCallCount(21).field(), "count");
  EXPECT_EQ(CheckRollCallCount(-3).field(), "count");
  EXPECT_TRUE(CheckRollCallCount(1).ok());
  EXPECT_TRUE(CheckRollCallCount(20).ok());
}

TEST(RollCall, PresentMeansCheckedInAndNotOutInThatSession) {
  const std::vector<SignalRecord> records = {
      Rec(1, 30, Direction::kIn),  Rec(1, 10, Direction::kIn),
      Rec(1, 20, Direction::kIn),  Rec(1, 20, Direction::kOut),  // left
      Rec(2, 40, Direction::kIn),                                // another session
      Rec(1, 50, Direction::kOut),                               // out without in
  };
  EXPECT_EQ(PresentPersons(records, 1), (std::vector<int64_t>{10, 30}));
  EXPECT_EQ(PresentPersons(records, 2), (std::vector<int64_t>{40}));
  EXPECT_TRUE(PresentPersons(records, 3).empty());
}

TEST(RollCall, DrawsDistinctPersonsAmongThePresent) {
  std::mt19937 gen(7);
  const UniformRandom rnd = [&gen](uint32_t upper) {
    return std::uniform_int_distribution<uint32_t>(0, upper - 1)(gen);
  };
  const std::vector<int64_t> present = {5, 3, 9, 1, 7, 3};
  for (int i = 0; i < 50; ++i) {
    const auto drawn = DrawRollCall(present, 3, rnd);
    ASSERT_EQ(drawn.size(), 3u);
    const std::set<int64_t> unique(drawn.begin(), drawn.end());
    EXPECT_EQ(unique.size(), 3u);
    for (int64_t p : drawn) EXPECT_TRUE(std::set<int64_t>({1, 3, 5, 7, 9}).count(p));
  }
  // More asked than present: everyone, once.
  EXPECT_EQ(DrawRollCall(present, 20, rnd).size(), 5u);
  EXPECT_TRUE(DrawRollCall({}, 3, rnd).empty());
}

TEST(RollCall, DrawIsUniform) {
  std::mt19937 gen(11);
  const UniformRandom rnd = [&gen](uint32_t upper) {
    return std::uniform_int_distribution<uint32_t>(0, upper - 1)(gen);
  };
  std::map<int64_t, int> hits;
  constexpr int kRounds = 20000;
  for (int i = 0; i < kRounds; ++i) {
    for (int64_t p : DrawRollCall({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2, rnd)) ++hits[p];
  }
  ASSERT_EQ(hits.size(), 10u);
  for (const auto& [p, n] : hits) {
    EXPECT_NEAR(n, kRounds * 2 / 10, kRounds * 2 / 10 * 0.06) << "person " << p;
  }
}

TEST(RollCall, DrawUsesTheGivenRandomness) {
  // A generator that always answers its largest value picks from the end each time.
  const UniformRandom last = [](uint32_t upper) { return upper - 1; };
  EXPECT_EQ(DrawRollCall({4, 1, 3, 2}, 2, last), (std::vector<int64_t>{4, 1}));
  const UniformRandom first = [](uint32_t) { return 0u; };
  EXPECT_EQ(DrawRollCall({4, 1, 3, 2}, 2, first), (std::vector<int64_t>{1, 2}));
}

TEST(RollCall, MayBeDrawnFromCheckInOpeningUntilTheEnd) {
  const AttendanceLimits lim;
  EXPECT_EQ(CheckRollCallTime(Morning(), Local(8, 29, 59), lim, kCst),
            RollCallRefusal::kNotInSession);
  EXPECT_FALSE(CheckRollCallTime(Morning(), Local(8, 30), lim, kCst));
  EXPECT_FALSE(CheckRollCallTime(Morning(), Local(11, 0), lim, kCst));
  EXPECT_EQ(CheckRollCallTime(Morning(), Local(11, 0, 1), lim, kCst),
            RollCallRefusal::kNotInSession);
}

TEST(RollCall, DeadlineFollowsThePolicy) {
  AttendanceLimits lim;
  EXPECT_EQ(RollCallDeadline(1000, lim), 1120);
  lim.roll_call_seconds = 60;
  const int64_t deadline = RollCallDeadline(1000, lim);
  EXPECT_EQ(deadline, 1060);
  EXPECT_FALSE(CheckRollCallAnswerTime(deadline, 1060));
  EXPECT_EQ(CheckRollCallAnswerTime(deadline, 1061), RollCallRefusal::kClosed);
}

TEST(RollCall, RefusalsHaveStableCodesAndChineseMessages) {
  EXPECT_EQ(RollCallRefusalCode(RollCallRefusal::kClosed), "attendance.roll_call_closed");
  EXPECT_EQ(RollCallRefusalCode(RollCallRefusal::kNobodyPresent), "attendance.roll_call_nobody");
  EXPECT_EQ(RollCallRefusalCode(RollCallRefusal::kNotDrawn), "attendance.roll_call_not_drawn");
  EXPECT_EQ(RollCallRefusalCode(RollCallRefusal::kNotInSession),
            "attendance.roll_call_not_in_session");
  for (auto r : {RollCallRefusal::kClosed, RollCallRefusal::kNobodyPresent,
                 RollCallRefusal::kNotDrawn, RollCallRefusal::kNotInSession}) {
    EXPECT_GT(RollCallRefusalMessage(r).size(), 10u);
  }
}

}  // namespace
}  // namespace anpei::domain
