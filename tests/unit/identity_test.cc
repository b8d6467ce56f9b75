#include "domain/identity.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

const Date kToday{2026, 11, 28};

std::string WithCheck(const std::string& first17) { return first17 + Mod112CheckChar(first17); }

TEST(ResidentId, AcceptsAPublishedSampleWithUpperOrLowerX) {
  for (const char* id : {"11010519491231002X", "11010519491231002x"}) {
    const PersonIdCheck r = CheckPersonId(id, kToday);
    EXPECT_TRUE(r.ok()) << id << " " << r.detail;
    EXPECT_EQ(r.birth_date, (Date{1949, 12, 31}));
    EXPECT_EQ(r.kind, PersonIdKind::kResident);
  }
  EXPECT_EQ(CanonicalPersonId("11010519491231002x"), "11010519491231002X");
}

TEST(ResidentId, CheckDigitFollowsMod112) {
  EXPECT_EQ(Mod112CheckChar("35050219900101123"), 'X');
  const std::string good = WithCheck("35058320050101123");
  EXPECT_TRUE(CheckPersonId(good, kToday).ok());
  for (char c : std::string("0123456789X")) {
    if (c == good.back()) continue;
    std::string bad = good;
    bad.back() = c;
    EXPECT_EQ(CheckPersonId(bad, kToday).error, IdError::kCheckDigit) << bad;
  }
}

TEST(ResidentId, EachReasonIsNamed) {
  EXPECT_EQ(CheckPersonId("1101051949123100", kToday).error, IdError::kLength);
  EXPECT_EQ(CheckPersonId("11010519491231002XX", kToday).error, IdError::kLength);
  EXPECT_EQ(CheckPersonId("1101051949123100AX", kToday).error, IdError::kCharacters);
  EXPECT_EQ(CheckPersonId("11010519491231002Y", kToday).error, IdError::kCharacters);
  EXPECT_EQ(CheckPersonId(WithCheck("99010519491231002"), kToday).error, IdError::kRegion);
  EXPECT_EQ(CheckPersonId(WithCheck("35000019900101123"), kToday).error, IdError::kRegion);
  EXPECT_EQ(CheckPersonId(WithCheck("35050219900230123"), kToday).error, IdError::kBirthDate);
  EXPECT_EQ(CheckPersonId(WithCheck("35050220261129123"), kToday).error, IdError::kBirthDate)
      << "born tomorrow";
  EXPECT_TRUE(CheckPersonId(WithCheck("35050220261128123"), kToday).ok()) << "born today";
  EXPECT_EQ(CheckPersonId(WithCheck("35050218991231123"), kToday).error, IdError::kBirthDate);
  EXPECT_EQ(IdErrorName(IdError::kCheckDigit), "check_digit");
  EXPECT_EQ(IdErrorName(IdError::kBirthDate), "birth_date");
}

TEST(ResidencePermit, HongKongMacauTaiwanPrefixes) {
  EXPECT_EQ(CheckPersonId(WithCheck("81000019900101123"), kToday).kind,
            PersonIdKind::kPermitHongKong);
  EXPECT_EQ(CheckPersonId(WithCheck("82000019900101123"), kToday).kind, PersonIdKind::kPermitMacau);
  const PersonIdCheck tw = CheckPersonId(WithCheck("83000019850505001"), kToday);
  EXPECT_TRUE(tw.ok()) << tw.detail;
  EXPECT_EQ(tw.kind, PersonIdKind::kPermitTaiwan);
  // A permit prefix with a county part is no real address code.
  EXPECT_EQ(CheckPersonId(WithCheck("83010019850505001"), kToday).error, IdError::kRegion);
  // The resident-only check refuses permits.
  EXPECT_EQ(CheckResidentId(WithCheck("81000019900101123"), kToday).error, IdError::kRegion);
}

TEST(Age, CountsWholeYears) {
  EXPECT_EQ(AgeOn(Date{2003, 10, 1}, Date{2021, 9, 30}), 17);
  EXPECT_EQ(AgeOn(Date{2003, 9, 30}, Date{2021, 9, 30}), 18);
}

TEST(Uscc, AcceptsRealCodes) {
  for (const char* code : {"91350100M000100Y43", "91110108551385082Q"}) {
    const OrgCodeCheck r = CheckUscc(code);
    EXPECT_TRUE(r.ok()) << code << " " << r.detail;
  }
}

TEST(Uscc, RejectsEachKindOfMistake) {
  EXPECT_EQ(CheckUscc("91350100M000100Y4").error, IdError::kLength);
  EXPECT_EQ(CheckUscc("91350100M000100I43").error, IdError::kCharacters);  // I is not used
  EXPECT_EQ(CheckUscc("91350100m000100Y43").error, IdError::kCharacters);
  EXPECT_EQ(CheckUscc("B1350100M000100Y43").error, IdError::kCharacters);  // no such authority
  EXPECT_EQ(CheckUscc("919901005513850820").error, IdError::kRegion);
  EXPECT_EQ(CheckUscc("91110108551385083Q").error, IdError::kOrgCode);
  EXPECT_EQ(CheckUscc("91110108551385082R").error, IdError::kCheckDigit);
}

}  // namespace
}  // namespace anpei::domain
