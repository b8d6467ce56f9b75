// Subsidy eligibility (domain/eligibility.h, domain.md §6): every rule passing and failing on the
// shipped policy, the skipped per-year cap, determinism and the canonical facts.
#include "domain/eligibility.h"

#include <gtest/gtest.h>

#include "domain/model.h"

#include "support/fixtures.h"
#include "support/reference.h"

namespace anpei::domain {
namespace {

const Policy& Shipped() {
  static const Policy* p = [] {
    auto ref = testing::ShippedReference();
    auto found = ref->FindPolicy("quanzhou-2021-177", "policy");
    EXPECT_TRUE(found.ok());
    return new Policy(**found);
  }();
  return *p;
}

// A trainee who passes every rule: a valid ID (born 1990), security staff, a 保安员 class starting
// 2021-10-11, every hour attended, 75 points, no prior subsidy, class approved.
EligibilityFacts Good() {
  EligibilityFacts f;
  f.person_id = 42;
  f.id_number = testing::ValidId(7, 1990);
  f.group = "security_staff";
  f.class_start = Date{2021, 10, 11};
  f.class_year = 2021;
  f.occupation = "security_guard";
  f.planned_hours = 20;
  f.attended_hours = 20;
  f.score = 75;
  f.class_approved = true;
  return f;
}

const RuleOutcome& Rule(const TraineeVerdict& v, std::string_view id) {
  for (const auto& r : v.rules) {
    if (r.rule == id) return r;
  }
  static RuleOutcome none;
  ADD_FAILURE() << "no rule " << id;
  return none;
}

// Only `rule` fails (every other passes) and the verdict is ineligible with no subsidy.
void OnlyFails(const EligibilityFacts& f, std::string_view rule, const Policy& p = Shipped()) {
  const TraineeVerdict v = VerifyTrainee(p, f);
  EXPECT_FALSE(v.eligible) << rule;
  EXPECT_EQ(v.subsidy_yuan, 0);
  for (const auto& r : v.rules) {
    EXPECT_EQ(r.passed, r.rule != rule) << r.rule << ": " << r.message;
  }
}

TEST(Eligibility, EveryRulePassesForAGoodTraineeWithClauseAndSubsidy) {
  const TraineeVerdict v = VerifyTrainee(Shipped(), Good());
  EXPECT_TRUE(v.eligible);
  EXPECT_EQ(v.subsidy_yuan, 650);
  EXPECT_EQ(v.occupation, "security_guard");
  EXPECT_EQ(v.level, "五级/初级工");
  ASSERT_EQ(v.rules.size(), std::size(kEligibilityRules));
  for (size_t i = 0; i < v.rules.size(); ++i) {
    EXPECT_EQ(v.rules[i].rule, kEligibilityRules[i]);
    EXPECT_TRUE(v.rules[i].passed) << v.rules[i].rule << ": " << v.rules[i].message;
    EXPECT_FALSE(v.rules[i].clause.empty()) << v.rules[i].rule;
    EXPECT_FALSE(v.rules[i].message.empty()) << v.rules[i].rule;
  }
  EXPECT_EQ(Rule(v, kRuleEligAssessment).clause, "二（三）");
  EXPECT_EQ(Rule(v, kRuleEligClassApproved).clause, "四（二）");
  EXPECT_EQ(Rule(v, kRuleEligNotBlacklisted).clause, "四（三）");
  EXPECT_EQ(Rule(v, kRuleEligGroup).clause, "二（一）");
  EXPECT_EQ(Rule(v, kRuleEligLifetimeCap).policy_key, "eligibility.max_subsidies_lifetime");
  // The shipped policy has no per-year cap: skipped, and said so.
  EXPECT_TRUE(Rule(v, kRuleEligYearCap).skipped);
  EXPECT_NE(Rule(v, kRuleEligYearCap).message.find("不适用"), std::string::npos);
  // The 保卫管理员 subsidy.
  auto m = Good();
  m.occupation = "security_manager";
  EXPECT_EQ(VerifyTrainee(Shipped(), m).subsidy_yuan, 500);
}

TEST(Eligibility, IdNumberFailsOnAWrongCheckDigitAndIsNeverShownInClear) {
  auto f = Good();
  std::string id = f.id_number;
  id.back() = id.back() == '1' ? '2' : '1';
  f.id_number = id;
  const TraineeVerdict v = VerifyTrainee(Shipped(), f);
  EXPECT_FALSE(Rule(v, kRuleEligIdNumber).passed);
  EXPECT_FALSE(Rule(v, kRuleEligMinAge).passed);  // no birth date to go by
  EXPECT_FALSE(v.eligible);
  for (const auto& r : v.rules) {
    for (const auto& [k, val] : r.data) EXPECT_EQ(val.find(id), std::string::npos) << k;
    EXPECT_EQ(r.message.find(id), std::string::npos);
  }
  EXPECT_EQ(Rule(v, kRuleEligIdNumber).data.front().second, MaskIdNumber(id));
}

TEST(Eligibility, TraineeGroupOutsideThePolicyFails) {
  auto f = Good();
  f.group = "cleaner";
  OnlyFails(f, kRuleEligGroup);
  f.group = "auxiliary_police";
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
}

TEST(Eligibility, MinimumAgeAtClassStartPerOccupation) {
  auto f = Good();
  f.id_number = testing::ValidId(8, 2004);  // born 2004: 17 at the start in 2021
  OnlyFails(f, kRuleEligMinAge);
  f.occupation = "security_manager";  // 16 is enough for 保卫管理员
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
}

TEST(Eligibility, ExclusionListHitFailsOnlyWhileTheEntryIsValid) {
  auto f = Good();
  f.exclusion_hits.push_back({"pension", "领取养老金人员", 3, std::nullopt, std::nullopt});
  OnlyFails(f, kRuleEligExclusion);
  EXPECT_NE(Rule(VerifyTrainee(Shipped(), f), kRuleEligExclusion).message.find("领取养老金人员"),
            std::string::npos);
  // An entry valid only until before the class started is no hit.
  f.exclusion_hits[0].valid_until = Date{2021, 1, 1};
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
  f.exclusion_hits[0].valid_until.reset();
  f.exclusion_hits[0].valid_from = Date{2022, 1, 1};
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
}

TEST(Eligibility, EveryPlannedHourMustBeAttended) {
  auto f = Good();
  f.attended_hours = 19;
  OnlyFails(f, kRuleEligHours);
  f.planned_hours = 0;
  f.attended_hours = 0;
  OnlyFails(f, kRuleEligHours);
}

TEST(Eligibility, AssessmentNeedsAScoreAtThePassMark) {
  auto f = Good();
  f.score = 59;
  OnlyFails(f, kRuleEligAssessment);
  f.score.reset();
  OnlyFails(f, kRuleEligAssessment);
  f.score = 60;
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
}

TEST(Eligibility, SameOccupationAndLevelOnlyOnceAnywhereAnyYear) {
  auto f = Good();
  f.prior_subsidies.push_back({7, "security_guard", "五级/初级工", 2020, 99});
  OnlyFails(f, kRuleEligSameOccupation);
  // Another occupation is not the same.
  f.prior_subsidies[0].occupation = "security_manager";
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
  // Nor another level of the same occupation.
  f.prior_subsidies[0].occupation = "security_guard";
  f.prior_subsidies[0].level = "四级/中级工";
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);
}

TEST(Eligibility, LifetimeCapCountsEveryPriorSubsidy) {
  auto f = Good();
  f.occupation = "security_manager";
  f.prior_subsidies = {{1, "security_guard", "五级/初级工", 2019, 1},
                       {2, "security_guard", "四级/中级工", 2020, 2}};
  EXPECT_TRUE(VerifyTrainee(Shipped(), f).eligible);  // the third
  f.prior_subsidies.push_back({3, "other", "五级/初级工", 2021, 3});
  OnlyFails(f, kRuleEligLifetimeCap);  // would be the fourth
  Policy none = Shipped();
  none.eligibility.max_subsidies_lifetime = 0;
  const auto v = VerifyTrainee(none, f);
  EXPECT_TRUE(v.eligible);
  EXPECT_TRUE(Rule(v, kRuleEligLifetimeCap).skipped);
}

TEST(Eligibility, YearCapCountsTheClassYearOnlyWhenTheKeyIsSet) {
  Policy per_year = Shipped();
  per_year.eligibility.max_subsidies_lifetime = 0;
  per_year.eligibility.max_subsidies_per_year = 1;
  auto f = Good();
  f.prior_subsidies = {{1, "other", "五级/初级工", 2020, 1}};
  const auto ok = VerifyTrainee(per_year, f);
  EXPECT_TRUE(ok.eligible);
  EXPECT_FALSE(Rule(ok, kRuleEligYearCap).skipped);
  f.prior_subsidies.push_back({2, "other2", "五级/初级工", 2021, 1});
  OnlyFails(f, kRuleEligYearCap, per_year);
}

TEST(Eligibility, BlacklistedInstitutionAndUnapprovedClassFail) {
  auto f = Good();
  f.blacklisted_at_declaration = true;
  OnlyFails(f, kRuleEligNotBlacklisted);
  f = Good();
  f.class_approved = false;
  OnlyFails(f, kRuleEligClassApproved);
}

TEST(Eligibility, SameFactsGiveTheSameVerdictAndCanonicalText) {
  auto a = Good();
  a.prior_subsidies = {{2, "x", "五级/初级工", 2020, 1}, {1, "y", "五级/初级工", 2019, 2}};
  a.exclusion_hits = {{"student", "非毕业年度在校学生", 5, std::nullopt, Date{2020, 1, 1}},
                      {"pension", "领取养老金人员", 4, std::nullopt, Date{2020, 1, 1}}};
  auto b = a;
  std::swap(b.prior_subsidies[0], b.prior_subsidies[1]);
  std::swap(b.exclusion_hits[0], b.exclusion_hits[1]);
  const auto va = VerifyTrainee(Shipped(), a), vb = VerifyTrainee(Shipped(), b);
  ASSERT_EQ(va.rules.size(), vb.rules.size());
  for (size_t i = 0; i < va.rules.size(); ++i) {
    EXPECT_EQ(va.rules[i].message, vb.rules[i].message);
    EXPECT_EQ(va.rules[i].data, vb.rules[i].data);
  }
  EXPECT_EQ(CanonicalFacts(Shipped(), a), CanonicalFacts(Shipped(), b));
  // The canonical text masks the ID number and changes with any fact.
  EXPECT_EQ(CanonicalFacts(Shipped(), a).find(a.id_number), std::string::npos);
  b.score = 76;
  EXPECT_NE(CanonicalFacts(Shipped(), a), CanonicalFacts(Shipped(), b));
}

TEST(Eligibility, TraineeReviewIds) {
  for (auto r : {TraineeReview::kPending, TraineeReview::kApproved, TraineeReview::kRefused}) {
    EXPECT_EQ(ParseTraineeReview(TraineeReviewId(r)), r);
  }
  EXPECT_FALSE(ParseTraineeReview("maybe"));
}

}  // namespace
}  // namespace anpei::domain
