// The pure attendance rules of issue "Attendance" (domain/attendance.h): sign-in windows, the
// rotating token's slots, the distance rule with the fix's accuracy, and earned class hours.
#include <gtest/gtest.h>

#include "domain/attendance.h"

namespace anpei::domain {
namespace {

constexpr int kCst = 480;  // UTC+8

// 2026-12-07 09:00–11:00 local (China Standard Time), 2 class hours.
PlanSession Morning() {
  PlanSession s;
  s.date = *ParseDate("2026-12-07", "date");
  s.start_minute = 9 * 60;
  s.end_minute = 11 * 60;
  s.hours = 2;
  return s;
}
int64_t Local(int hour, int minute, int second = 0) {
  // 2026-12-07 at the given local time, as Unix seconds.
  return ParseDate("2026-12-07", "date")->ToDays() * 86400 - kCst * 60 + hour * 3600 + minute * 60 +
         second;
}

TEST(Attendance, SessionBoundsAreLocalTimes) {
  const Interval b = SessionBounds(Morning(), kCst);
  EXPECT_EQ(b.from, Local(9, 0));
  EXPECT_EQ(b.until, Local(11, 0));
  EXPECT_EQ(FormatTimestamp({b.from}, kCst), "2026-12-07T09:00:00+08:00");
}

TEST(Attendance, CheckInOpensThirtyMinutesBeforeAndClosesFifteenAfter) {
  const AttendanceLimits lim;
  EXPECT_EQ(CheckTime(Morning(), Direction::kIn, Local(8, 29, 59), lim, kCst),
            AttendanceRefusal::kTooEarly);
  EXPECT_FALSE(CheckTime(Morning(), Direction::kIn, Local(8, 30), lim, kCst));
  EXPECT_FALSE(CheckTime(Morning(), Direction::kIn, Local(9, 15), lim, kCst));
  EXPECT_EQ(CheckTime(Morning(), Direction::kIn, Local(9, 15, 1), lim, kCst),
            AttendanceRefusal::kTooLate);
}

TEST(Attendance, CheckOutOpensTenMinutesBeforeTheEndAndClosesThirtyAfter) {
  const AttendanceLimits lim;
  EXPECT_EQ(CheckTime(Morning(), Direction::kOut, Local(10, 49, 59), lim, kCst),
            AttendanceRefusal::kTooEarly);
  EXPECT_FALSE(CheckTime(Morning(), Direction::kOut, Local(10, 50), lim, kCst));
  EXPECT_FALSE(CheckTime(Morning(), Direction::kOut, Local(11, 30), lim, kCst));
  EXPECT_EQ(CheckTime(Morning(), Direction::kOut, Local(11, 30, 1), lim, kCst),
            AttendanceRefusal::kTooLate);
}

TEST(Attendance, WindowsFollowThePolicy) {
  AttendanceLimits lim;
  lim.check_in_before_min = 5;
  EXPECT_EQ(CheckTime(Morning(), Direction::kIn, Local(8, 50), lim, kCst),
            AttendanceRefusal::kTooEarly);
  EXPECT_FALSE(CheckTime(Morning(), Direction::kIn, Local(8, 55), lim, kCst));
}

TEST(Attendance, ATokenIsGoodForItsSlotAndTheGrace) {
  const AttendanceLimits lim;  // 20 s slots, 5 s grace
  const int64_t t = Local(9, 0, 3);
  const int64_t slot = TokenSlot(t, lim);
  EXPECT_EQ(slot * 20, Local(9, 0, 0));  // 09:00:00 is a multiple of 20 s
  EXPECT_FALSE(CheckTokenSlot(slot, t, lim));
  EXPECT_FALSE(CheckTokenSlot(slot, Local(9, 0, 24), lim));  // 19 s slot end + 5 s grace
  EXPECT_EQ(CheckTokenSlot(slot, Local(9, 0, 25), lim), AttendanceRefusal::kTokenExpired);
  EXPECT_EQ(CheckTokenSlot(slot + 1, t, lim), AttendanceRefusal::kTokenFromFuture);
  EXPECT_FALSE(CheckTokenSlot(slot + 1, Local(9, 0, 15), lim));  // within the grace of skew
  EXPECT_EQ(TokenSlot(-1, lim), -1);                             // floor, not truncation
}

TEST(Attendance, HaversineMatchesKnownDistances) {
  // One degree of latitude is about 111.2 km on the mean sphere.
  EXPECT_NEAR(DistanceMetres({24.0, 118.0}, {25.0, 118.0}), 111195, 5);
  // Quanzhou (泉州) to Xiamen (厦门) city centres: about 71 km as the crow flies.
  EXPECT_NEAR(DistanceMetres({24.874, 118.676}, {24.480, 118.089}), 72000, 2500);
  EXPECT_DOUBLE_EQ(DistanceMetres({24.9, 118.6}, {24.9, 118.6}), 0);
  // Antipodes: half the circumference, no NaN from rounding.
  EXPECT_NEAR(DistanceMetres({0, 0}, {0, 180}), 20015115, 10);
}

TEST(Attendance, TheFixMayUseItsAccuracyButNotAVagueOne) {
  const AttendanceLimits lim;  // 300 m, accuracy at most 500 m
  const GeoPoint venue{24.9000, 118.6000};
  const GeoPoint near{24.9000 + 250.0 / 111195, 118.6000};  // 250 m north
  const GeoPoint far{24.9000 + 450.0 / 111195, 118.6000};   // 450 m north
  EXPECT_FALSE(CheckLocation(venue, near, 10, lim));
  EXPECT_EQ(CheckLocation(venue, far, 10, lim), AttendanceRefusal::kTooFar);
  EXPECT_FALSE(CheckLocation(venue, far, 200, lim));  // 450 − 200 ≤ 300
  EXPECT_EQ(CheckLocation(venue, far, 800, lim), AttendanceRefusal::kLocationVague);
  EXPECT_EQ(CheckLocation(venue, {91, 0}, 10, lim), AttendanceRefusal::kLocationInvalid);
  EXPECT_EQ(CheckLocation(venue, near, -1, lim), AttendanceRefusal::kLocationInvalid);
  EXPECT_EQ(CheckLocation(std::nullopt, near, 10, lim), AttendanceRefusal::kVenueUnknown);
}

TEST(Attendance, EarnedHoursCountMinutesInsideTheSession) {
  const PlanSession s = Morning();  // 2 h, 120 min
  EXPECT_EQ(EarnedHours(s, Local(8, 40), Local(11, 5), 45, kCst), 2);
  EXPECT_EQ(EarnedHours(s, Local(9, 10), Local(10, 50), 45, kCst), 2);  // 100 min
  EXPECT_EQ(EarnedHours(s, Local(10, 0), Local(11, 0), 45, kCst), 1);   // 60 min
  EXPECT_EQ(EarnedHours(s, Local(10, 20), Local(11, 0), 45, kCst), 0);  // 40 min
  EXPECT_EQ(EarnedHours(s, Local(9, 0), std::nullopt, 45, kCst), 0);    // never checked out
  EXPECT_EQ(EarnedHours(s, std::nullopt, Local(11, 0), 45, kCst), 0);
  EXPECT_EQ(EarnedHours(s, Local(11, 0), Local(9, 0), 45, kCst), 0);  // reversed
  EXPECT_EQ(EarnedHours(s, Local(6, 0), Local(8, 0), 45, kCst), 0);   // before the session
}

TEST(Attendance, DirectionsRoundTrip) {
  EXPECT_EQ(ParseDirection("in"), Direction::kIn);
  EXPECT_EQ(ParseDirection("out"), Direction::kOut);
  EXPECT_FALSE(ParseDirection("IN"));
  EXPECT_EQ(DirectionId(Direction::kOut), "out");
  for (auto r : {AttendanceRefusal::kTooEarly, AttendanceRefusal::kTooFar}) {
    EXPECT_EQ(RefusalCode(r).substr(0, 11), "attendance.");
    EXPECT_FALSE(RefusalMessage(r).empty());
  }
}

}  // namespace
}  // namespace anpei::domain
