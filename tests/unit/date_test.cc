#include "domain/date.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

TEST(Date, ParsesRealDates) {
  auto d = ParseDate("2024-02-29", "date");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 2);
  EXPECT_EQ(d->day, 29);
  EXPECT_EQ(d->ToString(), "2024-02-29");
}

TEST(Date, RejectsImpossibleDatesNamingTheField) {
  for (const char* bad : {"2021-02-30", "2023-02-29", "2021-13-01", "2021-00-10", "2021-04-31",
                          "2021-4-01", "2021/04/01", "20210401", "", "2021-04-01T00:00"}) {
    auto d = ParseDate(bad, "sessions[0].date");
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(d.status().field(), "sessions[0].date");
  }
}

TEST(Date, WeekdaysAndDayNumbersRoundTrip) {
  EXPECT_EQ((Date{1970, 1, 1}.ToDays()), 0);
  EXPECT_EQ((Date{2021, 9, 30}.IsoWeekday()), 4);  // Thursday
  EXPECT_TRUE((Date{2021, 10, 9}.IsWeekend()));
  for (int64_t n = -800000; n < 800000; n += 997) EXPECT_EQ(Date::FromDays(n).ToDays(), n);
  EXPECT_EQ((Date{2020, 12, 31}.AddDays(1)), (Date{2021, 1, 1}));
}

TEST(Time, ParsesHoursAndMinutes) {
  EXPECT_EQ(*ParseTimeOfDay("08:30", "start"), 510);
  EXPECT_EQ(*ParseTimeOfDay("23:59", "start"), 1439);
  for (const char* bad : {"24:00", "8:30", "08:60", "0830", "ab:cd", ""})
    EXPECT_FALSE(ParseTimeOfDay(bad, "start").ok()) << bad;
  EXPECT_EQ(FormatTimeOfDay(510), "08:30");
}

TEST(Timestamp, HonoursOffsets) {
  auto a = ParseTimestamp("2021-09-28T10:00:00+08:00", "declared_at");
  auto b = ParseTimestamp("2021-09-28T02:00:00Z", "declared_at");
  auto c = ParseTimestamp("2021-09-27T21:00:00-05:00", "declared_at");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*a, *c);
  EXPECT_TRUE(ParseTimestamp("2021-09-28T10:00:00.123456+08:00", "declared_at").ok());
}

TEST(Timestamp, LocalDateCrossesMidnight) {
  auto t = ParseTimestamp("2021-10-13T16:30:00Z", "declared_at");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(LocalDate(*t, 480), (Date{2021, 10, 14}));
  EXPECT_EQ(LocalDate(*t, 0), (Date{2021, 10, 13}));
  auto early = ParseTimestamp("1969-12-31T23:00:00Z", "x");
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(LocalDate(*early, 0), (Date{1969, 12, 31}));
}

TEST(Timestamp, RejectsMalformedNamingTheField) {
  for (const char* bad : {"2021-09-28 10:00:00+08:00", "2021-09-28T10:00:00", "2021-09-28",
                          "2021-09-31T10:00:00+08:00", "2021-09-28T25:00:00+08:00",
                          "2021-09-28T10:00:00+8:00", "2021-09-28T10:00:00.+08:00", "soon"}) {
    auto t = ParseTimestamp(bad, "declared_at");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().field(), "declared_at");
  }
}

}  // namespace
}  // namespace anpei::domain
