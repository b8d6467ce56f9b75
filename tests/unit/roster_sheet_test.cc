// The roster spreadsheet's rules: header names and their variants, '*' marks, identifiers that a
// spreadsheet turned into numbers, the occupation's minimum age.
#include "domain/roster_sheet.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

TEST(RosterHeader, AcceptsTheUsualVariantsAndMarks) {
  for (const char* h : {"身份证号", "身份证号码", "公民身份号码", "证件号码", "*身份证号码",
                        "身份证号码*", "* 身份证号（必填）", "身份证号码：", "ID_Number"}) {
    EXPECT_EQ(RosterFieldOfHeader(h), RosterField::kIdNumber) << h;
  }
  for (const char* h : {"手机", "手机号", "手机号码", "联系电话", "*联系电话"}) {
    EXPECT_EQ(RosterFieldOfHeader(h), RosterField::kPhone) << h;
  }
  EXPECT_EQ(RosterFieldOfHeader("姓 名"), RosterField::kName);
  EXPECT_EQ(RosterFieldOfHeader("人员类别"), RosterField::kGroup);
  EXPECT_FALSE(RosterFieldOfHeader("泉州市保安员初级技能培训班学员花名册").has_value());
  EXPECT_FALSE(RosterFieldOfHeader("备注").has_value());
}

TEST(RosterHeader, MatchesColumnsInAnyOrderAndNamesWhatIsMissing) {
  const auto c = MatchRosterHeader({"序号", "*联系电话", "*姓名", "公民身份号码", "备注"});
  EXPECT_TRUE(c.Complete());
  EXPECT_EQ(c.Of(RosterField::kPhone), 1);
  EXPECT_EQ(c.Of(RosterField::kName), 2);
  EXPECT_EQ(c.Of(RosterField::kIdNumber), 3);
  EXPECT_EQ(c.Of(RosterField::kGroup), -1);
  const auto title = MatchRosterHeader({"泉州市保安员初级技能培训班学员花名册"});
  EXPECT_FALSE(title.Complete());
  EXPECT_EQ(title.Missing(), "姓名、身份证号、手机号");
}

TEST(ScientificNumber, RecognisesWhatExcelWritesForALongNumber) {
  EXPECT_TRUE(LooksLikeScientificNumber("3.50503E+17"));
  EXPECT_TRUE(LooksLikeScientificNumber("3.50503199001019E+17"));
  EXPECT_TRUE(LooksLikeScientificNumber("3.5E17"));
  EXPECT_FALSE(LooksLikeScientificNumber("350503199001019000"));
  EXPECT_FALSE(LooksLikeScientificNumber("11010519491231002X"));
  EXPECT_FALSE(LooksLikeScientificNumber("E+17"));
}

TEST(MinAge, SixteenYearOldIsTooYoungForASecurityGuard) {
  const Occupation guard{"security_guard", "保安员", true, 650, 18, "五级/初级工"};
  const Occupation manager{"security_manager", "保卫管理员", false, 500, 16, "五级/初级工"};
  const Date birth{2010, 6, 1}, start{2026, 12, 1};
  auto v = MinAgeViolation(guard, birth, start);
  ASSERT_TRUE(v.has_value());
  EXPECT_NE(v->find("16 周岁"), std::string::npos) << *v;
  EXPECT_FALSE(MinAgeViolation(manager, birth, start).has_value());
  // The birthday itself counts: 18 on the start date is old enough.
  EXPECT_FALSE(MinAgeViolation(guard, Date{2008, 12, 1}, start).has_value());
  EXPECT_TRUE(MinAgeViolation(guard, Date{2008, 12, 2}, start).has_value());
}

}  // namespace
}  // namespace anpei::domain
