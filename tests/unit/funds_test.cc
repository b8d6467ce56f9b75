// The pure rules of funds and clawbacks (domain/funds.h; 三（一）4, 四（二）, 四（三）).
#include "domain/funds.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

TEST(Funds, IdsRoundTripAndUnknownIsRefused) {
  for (auto s :
       {FundRequestState::kSubmitted, FundRequestState::kApproved, FundRequestState::kConfirmed,
        FundRequestState::kReturned, FundRequestState::kCompleted}) {
    EXPECT_EQ(ParseFundRequestState(FundRequestStateId(s)), s);
    EXPECT_FALSE(FundRequestStateName(s).empty());
  }
  for (auto s : {FundLineStatus::kPending, FundLineStatus::kPaid, FundLineStatus::kFailed,
                 FundLineStatus::kCancelled}) {
    EXPECT_EQ(ParseFundLineStatus(FundLineStatusId(s)), s);
  }
  EXPECT_EQ(ParsePayeeAccountKind("social_security_card"), PayeeAccountKind::kSocialSecurityCard);
  EXPECT_EQ(PayeeAccountKindName(PayeeAccountKind::kSocialSecurityCard), "社会保障卡金融账户");
  EXPECT_EQ(ParseClawbackState("settled"), ClawbackState::kSettled);
  EXPECT_FALSE(ParseFundRequestState("paid"));
  EXPECT_FALSE(ParseFundLineStatus("sent"));
  EXPECT_FALSE(ParsePayeeAccountKind("cash"));
}

TEST(Funds, AccountNumbersAreDigitsAndShownMasked) {
  EXPECT_EQ(*NormalizeAccountNumber("6217 0012-3456 7890", "account"), "6217001234567890");
  EXPECT_EQ(NormalizeAccountNumber("6217a", "account").status().field(), "account");
  EXPECT_FALSE(NormalizeAccountNumber("1234567", "account").ok());
  EXPECT_FALSE(NormalizeAccountNumber(std::string(33, '1'), "account").ok());
  EXPECT_EQ(MaskAccount("6217001234567890"), "6217********7890");
  EXPECT_EQ(MaskAccount(""), "");
  EXPECT_EQ(MaskAccount("12345678"), "********");
}

TEST(Funds, PaymentReferencesRoundTripAndRefuseAnythingElse) {
  EXPECT_EQ(PaymentReference(12, 345, 2), "FR12-L345-A2");
  const auto p = ParsePaymentReference(" FR12-L345-A2 ");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->request_id, 12);
  EXPECT_EQ(p->line_id, 345);
  EXPECT_EQ(p->attempt, 2);
  for (const char* bad : {"", "FR", "FR12", "FR12-L345", "FR12-L345-A0", "FR12-L345-A2x",
                          "FX12-L345-A2", "FR-1-L3-A1", "12-345-2"}) {
    EXPECT_FALSE(ParsePaymentReference(bad)) << bad;
  }
}

TEST(Funds, TotalsReconcileAndCancelledLinesAreNotRequested) {
  FundTotals t;
  t.Add(FundLineStatus::kPaid, 650);
  t.Add(FundLineStatus::kFailed, 650);
  t.Add(FundLineStatus::kPending, 500);
  t.Add(FundLineStatus::kCancelled, 500);
  EXPECT_EQ(t.lines, 4);
  EXPECT_EQ(t.requested_yuan, 1800);
  EXPECT_EQ(t.paid_yuan + t.failed_yuan + t.pending_yuan, t.requested_yuan);
  EXPECT_EQ(t.cancelled_yuan, 500);
  EXPECT_TRUE(t.Reconciles());
  EXPECT_FALSE(t.AllPaid());
  FundTotals paid;
  paid.Add(FundLineStatus::kPaid, 650);
  paid.Add(FundLineStatus::kCancelled, 650);
  EXPECT_TRUE(paid.AllPaid());
  EXPECT_FALSE(FundTotals().AllPaid());
}

TEST(Funds, RecoveriesNeverExceedWhatIsOutstanding) {
  EXPECT_TRUE(CheckRecovery(650, 0, 650).ok());
  EXPECT_TRUE(CheckRecovery(650, 600, 50).ok());
  EXPECT_EQ(CheckRecovery(650, 600, 51).field(), "amount_yuan");
  EXPECT_EQ(CheckRecovery(650, 0, 0).field(), "amount_yuan");
  EXPECT_EQ(CheckRecovery(650, 650, 1).reason(), "clawback.settled");
}

}  // namespace
}  // namespace anpei::domain
