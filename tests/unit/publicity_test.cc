// Publicity (domain/publicity.h): the period over holidays and adjusted working days (调休), the
// Civil Code count (the opening day not counted), the masks of the public list and of the
// objector's contact, the contact's validation, the states.
#include "domain/publicity.h"

#include <gtest/gtest.h>

#include "domain/model.h"
#include "support/reference.h"

namespace anpei::domain {
namespace {

Date D(const char* s) { return *ParseDate(s, "date"); }

const WorkCalendar& Shipped() { return testing::ShippedReference()->calendar(); }

PublicityPeriod Period(const char* today, int days = 5) {
  auto p = PeriodFrom(Shipped(), D(today), days);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : PublicityPeriod{};
}

TEST(PublicityPeriod, OpensOnAWorkingDayAndClosesAfterNWorkingDays) {
  // A Thursday before National Day 2021 (10-01..10-07 off): the opening day is not counted.
  EXPECT_EQ(Period("2021-09-30").opens_on, D("2021-09-30"));
  EXPECT_EQ(Period("2021-09-30").closes_on, D("2021-10-13"));
  // Opened during the holiday: it opens on the next working day (Friday 10-08) and the make-up
  // Saturday 10-09 (调休上班) counts.
  EXPECT_EQ(Period("2021-10-02").opens_on, D("2021-10-08"));
  EXPECT_EQ(Period("2021-10-02").closes_on, D("2021-10-14"));
  // Opened on the make-up Sunday 2021-09-26, itself a working day.
  EXPECT_EQ(Period("2021-09-26").opens_on, D("2021-09-26"));
  EXPECT_EQ(Period("2021-09-26").closes_on, D("2021-10-08"));
  // Opened on a plain Saturday: from Monday.
  EXPECT_EQ(Period("2021-10-16").opens_on, D("2021-10-18"));
  EXPECT_EQ(Period("2021-10-16").closes_on, D("2021-10-25"));
  // Another policy's number of days.
  EXPECT_EQ(Period("2021-10-18", 7).closes_on, D("2021-10-27"));
}

TEST(PublicityPeriod, OutsideTheCalendarIsAnError) {
  EXPECT_FALSE(PeriodFrom(Shipped(), D("2026-12-29"), 5).ok());
}

TEST(PublicityPeriod, EndsAfterTheLastDay) {
  EXPECT_FALSE(PeriodEnded(D("2021-10-13"), D("2021-10-13")));
  EXPECT_TRUE(PeriodEnded(D("2021-10-13"), D("2021-10-14")));
}

TEST(Publicity, PublicListIsMasked) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskIdNumber("350503199003150011"), "3505**********0011");
  EXPECT_EQ(MaskContact("phone", "13800001234"), "138****1234");
  EXPECT_EQ(MaskContact("email", "zhang.san@example.com"), "z***@example.com");
}

TEST(Publicity, ContactIsRequiredAndValidated) {
  EXPECT_EQ(*ContactKind("13800001234", "contact"), "phone");
  EXPECT_EQ(*ContactKind(" zhang.san+x@mail.example.cn ", "contact"), "email");
  for (const char* bad : {"", "   ", "123", "1380000123", "a@b", "@example.com", "a@@b.com",
                          "a b@example.com", "a@-x.com", "a@example..com"}) {
    auto k = ContactKind(bad, "contact");
    ASSERT_FALSE(k.ok()) << bad;
    EXPECT_EQ(k.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(k.status().field(), "contact") << bad;
  }
}

TEST(Publicity, States) {
  EXPECT_EQ(ObjectionStateName(ObjectionState::kUpheld), "异议成立");
  EXPECT_EQ(ParseObjectionDecision("dismissed"), ObjectionState::kDismissed);
  EXPECT_FALSE(ParseObjectionDecision("open").has_value());
  EXPECT_FALSE(ParseObjectionDecision("x").has_value());
  EXPECT_EQ(BatchStateId(BatchState::kClosed), "closed");
  EXPECT_EQ(ParseBatchState("open"), BatchState::kOpen);
}

}  // namespace
}  // namespace anpei::domain
