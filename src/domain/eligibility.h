// Subsidy eligibility (三（一）3 "系统自动核验", domain.md §6; issue 15, Deliver 1): every rule
// checked for one trainee of a class, passed or failed, with its clause, its policy key and the
// facts it used (masked). Pure: the facts are gathered by the app (app/completion.h); the same
// facts always give the same verdict, rule for rule and word for word.
//
//   rule                              clause     policy key
//   ELIG_ID_NUMBER                    三（一）3   — (GB 11643 check digit, or a residence permit)
//   ELIG_TRAINEE_GROUP                二（一）    trainee_groups
//   ELIG_MIN_AGE                      三（一）3   occupations.min_age (age at class start)
//   ELIG_EXCLUSION_LIST               三（一）3   exclusion lists (pension, civil servants, …)
//   ELIG_HOURS_ATTENDED               三（一）3   every planned hour (make-up and online count)
//   ELIG_ASSESSMENT_PASSED            二（三）    eligibility.pass_score
//   ELIG_SAME_OCCUPATION_LEVEL        三（一）3   occupations.level (same occupation+level once)
//   ELIG_LIFETIME_CAP                 三（一）3   eligibility.max_subsidies_lifetime (0: none)
//   ELIG_YEAR_CAP                     三（一）3   eligibility.max_subsidies_per_year (0: none)
//   ELIG_INSTITUTION_NOT_BLACKLISTED  四（三）    — (the credit blacklist at declaration)
//   ELIG_CLASS_APPROVED               四（二）    — (the class was reviewed on the platform)
//
// A prior subsidy is an approved, eligible verdict of another class (any institution, any year)
// that was not disqualified; its year is the year of that class's last session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/policy.h"

namespace anpei::domain {

inline constexpr std::string_view kRuleEligIdNumber = "ELIG_ID_NUMBER";
inline constexpr std::string_view kRuleEligGroup = "ELIG_TRAINEE_GROUP";
inline constexpr std::string_view kRuleEligMinAge = "ELIG_MIN_AGE";
inline constexpr std::string_view kRuleEligExclusion = "ELIG_EXCLUSION_LIST";
inline constexpr std::string_view kRuleEligHours = "ELIG_HOURS_ATTENDED";
inline constexpr std::string_view kRuleEligAssessment = "ELIG_ASSESSMENT_PASSED";
inline constexpr std::string_view kRuleEligSameOccupation = "ELIG_SAME_OCCUPATION_LEVEL";
inline constexpr std::string_view kRuleEligLifetimeCap = "ELIG_LIFETIME_CAP";
inline constexpr std::string_view kRuleEligYearCap = "ELIG_YEAR_CAP";
inline constexpr std::string_view kRuleEligNotBlacklisted = "ELIG_INSTITUTION_NOT_BLACKLISTED";
inline constexpr std::string_view kRuleEligClassApproved = "ELIG_CLASS_APPROVED";
// Every rule, in the order a verdict lists them; a policy must map each to a clause.
inline constexpr std::string_view kEligibilityRules[] = {
    kRuleEligIdNumber, kRuleEligGroup,          kRuleEligMinAge,         kRuleEligExclusion,
    kRuleEligHours,    kRuleEligAssessment,     kRuleEligSameOccupation, kRuleEligLifetimeCap,
    kRuleEligYearCap,  kRuleEligNotBlacklisted, kRuleEligClassApproved};

// A rule's name in Chinese as people say it ("考核合格"), and what failing it means ("考核不合格"),
// for the console and for the refusal a verdict writes; the rule id itself for an unknown rule.
struct RuleWords {
  std::string_view name;
  std::string_view failure;
};
RuleWords EligibilityRuleWords(std::string_view rule);

// An entry of an exclusion list the person's ID number matched (through the blind index).
struct ExclusionHit {
  std::string kind;       // pension, civil_servant, student, deceased, …
  std::string kind_name;  // 领取养老金人员
  int64_t batch_id = 0;
  std::optional<Date> valid_from, valid_until;  // absent: always
};

// A subsidy the person already has: an approved eligible verdict of another class.
struct PriorSubsidy {
  int64_t class_id = 0;
  std::string occupation;  // occupation id
  std::string level;
  int year = 0;  // the year of that class's last session
  int64_t institution_id = 0;
};

struct EligibilityFacts {
  int64_t person_id = 0;
  std::string id_number;  // in clear; the verdict shows it masked only
  std::string group;      // the trainee group the institution enrolled the person in
  Date class_start;       // the first session's date
  int class_year = 0;     // the year of the class's last session (ELIG_YEAR_CAP)
  std::string occupation;
  std::vector<ExclusionHit> exclusion_hits;
  int planned_hours = 0;
  int attended_hours = 0;  // check-ins and -outs, paper back-fill, make-up, online hours
  std::optional<int> score;
  std::vector<PriorSubsidy> prior_subsidies;  // other classes, all institutions and years
  bool blacklisted_at_declaration = false;
  bool class_approved = false;
};

struct RuleOutcome {
  std::string rule;
  std::string clause;
  std::string policy_key;  // "" when the rule has none
  bool passed = false;
  bool skipped = false;  // not applicable under this policy (said in the message); counts as passed
  std::string message;   // Chinese
  std::vector<std::pair<std::string, std::string>> data;  // the facts it used, masked
};

struct TraineeVerdict {
  int64_t person_id = 0;
  bool eligible = false;
  std::vector<RuleOutcome> rules;
  int64_t subsidy_yuan = 0;  // of the occupation when eligible, else 0
  std::string occupation;
  std::string level;
};

TraineeVerdict VerifyTrainee(const Policy& policy, const EligibilityFacts& facts);

// The canonical text of the facts a verdict rests on, with the ID number masked and the policy's
// id and version: equal facts give byte-equal text (its SHA-256 is the verdict's inputs_hash).
std::string CanonicalFacts(const Policy& policy, const EligibilityFacts& facts);

// A reviewer's decision on one trainee of a submitted completion.
enum class TraineeReview { kPending, kApproved, kRefused };
std::string_view TraineeReviewId(TraineeReview r);    // pending, approved, refused
std::string_view TraineeReviewName(TraineeReview r);  // 待审核, 通过, 不予通过
std::optional<TraineeReview> ParseTraineeReview(std::string_view id);

// The seeded exclusion kinds (more are data, added through the API).
inline constexpr std::pair<std::string_view, std::string_view> kSeededExclusionKinds[] = {
    {"pension", "领取养老金人员"},
    {"civil_servant", "在编公职人员"},
    {"student", "非毕业年度在校学生"},
    {"deceased", "死亡人员"}};

}  // namespace anpei::domain
