// The pure rules of fraud cases and the blacklist (domain/fraud_case.h, 四（三）).
#include "domain/fraud_case.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(FraudCase, IdsRoundTripAndUnknownIsRefused) {
  for (auto s :
       {CaseState::kOpen, CaseState::kInvestigating, CaseState::kFraud, CaseState::kCleared}) {
    EXPECT_EQ(ParseCaseState(CaseStateId(s)), s);
    EXPECT_FALSE(CaseStateName(s).empty());
  }
  EXPECT_FALSE(ParseCaseState("closed"));
  EXPECT_EQ(ParseCaseSource("signal"), CaseSource::kSignal);
  EXPECT_FALSE(ParseCaseSource("rumour"));
  EXPECT_EQ(StateAfter(CaseDecision::kFraud), CaseState::kFraud);
  EXPECT_EQ(StateAfter(CaseDecision::kCleared), CaseState::kCleared);
  EXPECT_FALSE(ParseCaseDecision("guilty"));
  EXPECT_TRUE(IsDecided(CaseState::kCleared));
  EXPECT_FALSE(IsDecided(CaseState::kInvestigating));
}

TEST(FraudCase, DecidedOnlyAfterTheAnswerOrItsTime) {
  const std::optional<std::string> due = "2021-10-14";
  EXPECT_EQ(MayDecide(CaseState::kInvestigating, false, due, D(2021, 10, 14)).reason(),
            "case.awaiting_response");
  EXPECT_TRUE(MayDecide(CaseState::kInvestigating, false, due, D(2021, 10, 15)).ok());
  EXPECT_TRUE(MayDecide(CaseState::kInvestigating, true, due, D(2021, 10, 9)).ok());
  EXPECT_EQ(MayDecide(CaseState::kOpen, true, due, D(2021, 10, 20)).code(), Code::kConflict);
  EXPECT_EQ(MayDecide(CaseState::kFraud, true, due, D(2021, 10, 20)).code(), Code::kConflict);
}

TEST(FraudCase, AnswersOnlyWhileInvestigatedAndInTime) {
  const std::optional<std::string> due = "2021-10-14";
  EXPECT_TRUE(MayRespond(CaseState::kInvestigating, due, D(2021, 10, 14)).ok());
  EXPECT_EQ(MayRespond(CaseState::kInvestigating, due, D(2021, 10, 15)).reason(),
            "case.response_closed");
  EXPECT_EQ(MayRespond(CaseState::kOpen, due, D(2021, 10, 10)).code(), Code::kConflict);
  EXPECT_EQ(MayRespond(CaseState::kCleared, due, D(2021, 10, 10)).code(), Code::kConflict);
}

TEST(FraudCase, DisqualifiesFromApprovedOn) {
  EXPECT_FALSE(MayDisqualify(ClassState::kDraft));
  EXPECT_FALSE(MayDisqualify(ClassState::kDeclared));
  EXPECT_FALSE(MayDisqualify(ClassState::kRejected));
  for (auto s : {ClassState::kApproved, ClassState::kCompletionSubmitted, ClassState::kCertified,
                 ClassState::kInPublicity, ClassState::kFundsRequested, ClassState::kPaid}) {
    EXPECT_TRUE(MayDisqualify(s)) << ClassStateId(s);
  }
}

TEST(Blacklist, InForceFromListingUntilLifted) {
  BlacklistEntry e;
  e.listed_at_unix = 1000;
  EXPECT_FALSE(InForceAt(e, 999));
  EXPECT_TRUE(InForceAt(e, 1000));
  EXPECT_TRUE(InForceAt(e, 1'000'000));
  e.lifted_at_unix = 2000;
  EXPECT_TRUE(InForceAt(e, 1999));
  EXPECT_FALSE(InForceAt(e, 2000));
}

TEST(Blacklist, PeriodInCalendarYears) {
  EXPECT_EQ(PeriodUntil(D(2021, 10, 8), 3), D(2024, 10, 8));
  EXPECT_EQ(PeriodUntil(D(2024, 2, 29), 1), D(2025, 2, 28));
  EXPECT_EQ(PeriodUntil(D(2024, 2, 29), 4), D(2028, 2, 29));
}

}  // namespace
}  // namespace anpei::domain
