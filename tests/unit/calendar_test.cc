#include "domain/calendar.h"

#include <gtest/gtest.h>

#include "support/reference.h"

namespace anpei::domain {
namespace {

Date D(const char* s) { return *ParseDate(s, "date"); }

const WorkCalendar& Shipped() { return testing::ShippedReference()->calendar(); }

TEST(Calendar, ShippedDataCoversEveryYearFrom2020To2026) {
  for (int y = 2020; y <= 2026; ++y) EXPECT_TRUE(Shipped().Covers(y)) << y;
  EXPECT_FALSE(Shipped().Covers(2019));
  EXPECT_FALSE(Shipped().Covers(2027));
}

// Every adjusted working day (调休上班) of the State Council notices 2020–2026.
TEST(Calendar, AdjustedWorkingDaysAreWorkdays) {
  for (const char* d :
       {"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10",
        "2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26",
        "2021-10-09", "2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07",
        "2022-10-08", "2022-10-09", "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06",
        "2023-06-25", "2023-10-07", "2023-10-08", "2024-02-04", "2024-02-18", "2024-04-07",
        "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12", "2025-01-26",
        "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14",
        "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
    auto w = Shipped().IsWorkday(D(d));
    ASSERT_TRUE(w.ok()) << d;
    EXPECT_TRUE(*w) << d << " is an adjusted working day";
    EXPECT_TRUE(D(d).IsWeekend()) << d;
  }
}

TEST(Calendar, HolidaysAndWeekendsAreOff) {
  for (const char* d : {"2020-01-01", "2020-01-31", "2020-02-01", "2020-02-02", "2021-10-07",
                        "2021-10-16", "2022-12-31", "2023-01-02", "2023-04-05", "2024-02-16",
                        "2025-01-28", "2025-02-04", "2025-05-05", "2025-10-08", "2026-02-23",
                        "2026-01-02", "2026-06-19", "2026-09-25", "2026-10-07"}) {
    auto w = Shipped().IsWorkday(D(d));
    ASSERT_TRUE(w.ok()) << d;
    EXPECT_FALSE(*w) << d;
  }
  EXPECT_EQ(Shipped().HolidayName(D("2021-10-05")), "国庆节");
  EXPECT_TRUE(*Shipped().IsWorkday(D("2020-02-03")));  // the day after the extended 2020 holiday
}

TEST(Calendar, AddCountsFromTheDayAfter) {
  EXPECT_EQ(*Shipped().AddWorkdays(D("2021-09-30"), 5), D("2021-10-13"));  // contract example
  EXPECT_EQ(*Shipped().AddWorkdays(D("2021-09-30"), 0), D("2021-09-30"));
  EXPECT_EQ(*Shipped().AddWorkdays(D("2021-10-08"), 1), D("2021-10-09"));  // make-up Saturday
  EXPECT_EQ(*Shipped().AddWorkdays(D("2025-01-24"), 5), D("2025-02-07"));
  // 2019-12-31 itself is not counted, so only 2020's days are needed.
  EXPECT_EQ(*Shipped().AddWorkdays(D("2019-12-31"), 1), D("2020-01-02"));
}

TEST(Calendar, OutsideTheDataIsAnErrorNotAGuess) {
  auto w = Shipped().IsWorkday(D("2019-06-03"), "DATE");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().field(), "DATE");
  EXPECT_NE(w.status().message().find("2019"), std::string::npos);
  EXPECT_FALSE(Shipped().AddWorkdays(D("2026-12-28"), 5).ok());
  EXPECT_FALSE(Shipped().AddWorkdays(D("2021-01-04"), 100000).ok());  // runs off the end, stops
  EXPECT_FALSE(Shipped().AddWorkdays(D("2021-01-04"), -1).ok());
}

TEST(Calendar, BuildRejectsInconsistentData) {
  CalendarYear y{
      2030, "test", {HolidayPeriod{"x", D("2021-10-01"), D("2021-10-03"), {D("2021-10-04")}}}};
  EXPECT_FALSE(WorkCalendar::Build({y}).ok()) << "a make-up day on a Monday";
  CalendarYear reversed{2030, "t", {HolidayPeriod{"x", D("2021-10-03"), D("2021-10-01"), {}}}};
  EXPECT_FALSE(WorkCalendar::Build({reversed}).ok());
  CalendarYear both{
      2030, "t", {HolidayPeriod{"x", D("2021-10-01"), D("2021-10-10"), {D("2021-10-09")}}}};
  EXPECT_FALSE(WorkCalendar::Build({both}).ok()) << "a day both off and on";
  CalendarYear a{2030, "t", {}};
  EXPECT_FALSE(WorkCalendar::Build({a, a}).ok()) << "a year twice";
}

}  // namespace
}  // namespace anpei::domain
