#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "adapters/toml/toml_reference_source.h"
#include "domain/plan.h"
#include "support/reference.h"

namespace anpei::adapters {
namespace {

std::string ShippedText() {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/policies/quanzhou-2021-177.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(PolicyToml, ShippedPolicyHoldsTheNoticesNumbers) {
  auto p = ParsePolicyToml(ShippedText(), "quanzhou-2021-177.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->id, "quanzhou-2021-177");
  EXPECT_EQ(p->document, "泉公综〔2021〕177号");
  EXPECT_EQ(p->plan.min_total_hours, 20);
  EXPECT_EQ(p->plan.min_minutes_per_hour, 45);
  EXPECT_EQ(p->plan.min_theory_percent, 60);
  EXPECT_EQ(p->plan.max_practical_percent, 40);
  EXPECT_EQ(p->plan.max_online_percent, 60);
  EXPECT_EQ(p->plan.declare_within_working_days, 5);
  EXPECT_EQ(p->utc_offset_minutes, 480);
  EXPECT_EQ(p->retention_years, 3);
  EXPECT_EQ(p->publicity_working_days, 5);
  EXPECT_EQ(p->attendance.token_seconds, 20);
  EXPECT_EQ(p->attendance.check_in_before_min, 30);
  EXPECT_EQ(p->attendance.check_out_after_min, 30);
  EXPECT_EQ(p->attendance.max_distance_m, 300);
  EXPECT_EQ(p->evidence.video_max_gap_seconds, 2);
  EXPECT_EQ(p->evidence.practical_continuous_seconds, 60);
  EXPECT_EQ(p->evidence.theory_uncovered_max_seconds, 300);
  ASSERT_NE(p->FindOccupation("security_guard"), nullptr);
  EXPECT_EQ(p->FindOccupation("security_guard")->subsidy_yuan, 650);
  EXPECT_EQ(p->FindOccupation("security_guard")->name, "保安员");
  EXPECT_EQ(p->FindOccupation("security_manager")->subsidy_yuan, 500);
  EXPECT_EQ(p->trainee_groups.size(), 2u);
  for (std::string_view rule : domain::kPlanRules) EXPECT_FALSE(p->ClauseOf(rule).empty()) << rule;
  EXPECT_EQ(p->ClauseOf(domain::kRuleDeclareDeadline), "三（一）1");
  EXPECT_NE(p->clauses.at("二（二）").text.find("45 分钟"), std::string::npos);
}

struct Broken {
  const char* from;
  const char* to;
  const char* field;
};

TEST(PolicyToml, ErrorsNameTheKeyAtFault) {
  const Broken cases[] = {
      {"min_total_hours = 20", "min_total_hours = \"20\"", "p.toml: plan.min_total_hours"},
      {"min_total_hours = 20", "", "p.toml: plan.min_total_hours"},
      {"max_online_percent = 60", "max_online_percent = 160", "p.toml: plan.max_online_percent"},
      {"subsidy_yuan = 650", "subsidy_yuan = -1", "p.toml: occupations[0]: subsidy_yuan"},
      {"PLAN_SESSION_OVERLAP = \"三（一）1\"", "", "p.toml: rules.PLAN_SESSION_OVERLAP"},
      {"PLAN_SESSION_OVERLAP = \"三（一）1\"", "PLAN_SESSION_OVERLAP = \"九（九）\"",
       "p.toml: rules.PLAN_SESSION_OVERLAP"},
      {"utc_offset = \"+08:00\"", "utc_offset = \"8\"", "p.toml: utc_offset"},
      {"effective_from = 2021-06-30", "effective_from = \"2021-06-30\"", "p.toml: effective_from"},
      {"max_distance_m = 300", "max_distance_m = 0", "p.toml: attendance.max_distance_m"},
      {"token_seconds = 20", "token_seconds = \"20\"", "p.toml: attendance.token_seconds"},
      {"selfie_required = true", "selfie_required = 1", "p.toml: attendance.selfie_required"},
      {"video_max_gap_seconds = 2", "video_max_gap_seconds = 0",
       "p.toml: evidence.video_max_gap_seconds"},
      {"practical_continuous_seconds = 60", "practical_continuous_seconds = 1.5",
       "p.toml: evidence.practical_continuous_seconds"},
      {"EVIDENCE_THEORY_VIDEO = \"三（一）3（1）\"", "", "p.toml: rules.EVIDENCE_THEORY_VIDEO"},
  };
  for (const Broken& b : cases) {
    auto p = ParsePolicyToml(Replace(ShippedText(), b.from, b.to), "p.toml");
    ASSERT_FALSE(p.ok()) << b.to;
    EXPECT_EQ(p.status().field(), b.field) << p.status().ToString();
  }
}

// A policy without [attendance] and [evidence] keeps the issue's defaults (older policy files stay
// valid).
TEST(PolicyToml, AttendanceKeysAreOptionalWithTheIssuesDefaults) {
  std::string text = ShippedText();
  const size_t from = text.find("[attendance]");
  const size_t to = text.find("[retention]");
  ASSERT_NE(from, std::string::npos);
  text.erase(from, to - from);
  auto p = ParsePolicyToml(text, "p.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->attendance.token_seconds, 20);
  EXPECT_EQ(p->attendance.check_in_after_min, 15);
  EXPECT_EQ(p->attendance.max_distance_m, 300);
  EXPECT_TRUE(p->attendance.selfie_required);
  ASSERT_EQ(text.find("[evidence]"), std::string::npos);
  EXPECT_EQ(p->evidence.video_max_gap_seconds, 2);
  EXPECT_EQ(p->evidence.practical_continuous_seconds, 60);
  EXPECT_EQ(p->evidence.theory_uncovered_max_seconds, 300);
}

TEST(PolicyToml, SyntaxErrorsGiveLineAndColumn) {
  auto p = ParsePolicyToml("id = \"x\"\nplan = [\n", "p.toml");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().field().rfind("p.toml:", 0), 0u) << p.status().field();
  EXPECT_NE(p.status().message().find("TOML"), std::string::npos);
}

TEST(CalendarToml, RejectsAQuotedDate) {
  auto y = ParseCalendarToml(
      "year = 2030\nsource = \"t\"\n[[holiday]]\nname = \"x\"\noff = { from = \"2030-01-01\", to = "
      "2030-01-01 }\n",
      "cn-2030.toml");
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().field(), "cn-2030.toml: holiday[0]: off.from");
}

TEST(ReferenceData, UnknownPolicyListsTheKnownOnes) {
  auto ref = testing::ShippedReference();
  ASSERT_TRUE(ref);
  auto p = ref->FindPolicy("xiamen-2030-1", "policy");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().field(), "policy");
  EXPECT_NE(p.status().message().find("quanzhou-2021-177"), std::string::npos);
}

}  // namespace
}  // namespace anpei::adapters
