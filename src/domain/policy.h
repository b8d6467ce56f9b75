// A subsidy-training policy as data (domain.md §2): every number a rule uses, the occupations with
// their subsidies, the trainee groups, and the clause each rule cites. Loaded from a versioned file
// (policies/*.toml) by an adapter; the domain never hard-codes a policy number.
// Plain value; immutable after loading, safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace anpei::domain {

struct Occupation {
  std::string id;       // security_guard
  std::string name;     // 保安员
  bool scarce = false;  // 紧缺工种
  int64_t subsidy_yuan = 0;
  int min_age = 0;  // minimum age at class start
  // The level the training leads to (职业技能等级, e.g. 五级/初级工): certificates print it and
  // "the same occupation and level only once" (ELIG_SAME_OCCUPATION_LEVEL) compares it.
  std::string level;
};

struct TraineeGroup {
  std::string id;    // security_staff
  std::string name;  // 安保从业人员
};

struct PlanLimits {
  int min_total_hours = 0;
  int min_minutes_per_hour = 0;
  int min_theory_percent = 0;
  int max_practical_percent = 0;
  int max_online_percent = 0;
  bool practical_offline_only = true;
  int declare_within_working_days = 0;  // after the first session date
};

// Subsidy eligibility (domain.md §6, domain/eligibility.h): the policy keys of [eligibility].
struct EligibilityLimits {
  int pass_score = 0;              // the final assessment's pass mark (0..100)
  int max_subsidies_lifetime = 0;  // subsidies a person may ever have (0: no lifetime cap)
  int max_subsidies_per_year = 0;  // per calendar year (0: no per-year cap)
};

// Attendance (考勤, 三（一）3, 三（二）2; domain/attendance.h): the policy keys of [attendance]
// (policies/*.toml). The defaults are the issue's; a policy file without the table keeps them.
struct AttendanceLimits {
  int token_seconds = 20;         // a QR token's slot length (attendance.token_seconds)
  int token_grace_seconds = 5;    // clock skew / scan delay accepted after a slot ends
  int check_in_before_min = 30;   // check-in opens this long before the start …
  int check_in_after_min = 15;    // … and closes this long after it
  int check_out_before_min = 10;  // check-out opens this long before the end …
  int check_out_after_min = 30;   // … and closes this long after it
  int max_distance_m = 300;       // from the venue, after allowing for the fix's accuracy
  int max_accuracy_m = 500;       // a fix vaguer than this proves nothing: refused, retry
  int roll_call_seconds = 120;    // a random roll call (随机点名) must be answered within this
  bool selfie_required = true;    // a check-in needs a fresh selfie with one face (domain/selfie.h)
};

// Session videos (录像, 三（一）3（1）; domain/evidence_video.h): the policy keys of [evidence].
// The defaults are the shipped policy's; a policy file without the table keeps them.
struct EvidenceLimits {
  int video_max_gap_seconds = 2;           // a larger jump between video timestamps is a break
  int practical_continuous_seconds = 60;   // per practical class hour, uninterrupted
  int theory_uncovered_max_seconds = 300;  // of an offline theory session, not covered in all
  int group_photos_min = 1;      // 全体培训学员合影, a class with offline teaching
  int practical_photos_min = 3;  // 分组（分工位）实操照片, a class with practical teaching
  // Photos (domain/evidence.h): a capture time this far outside its session is still inside it;
  // two photos whose perceptual hashes differ in at most photo_max_hamming bits are the same
  // picture (at most 4: the banded index finds exactly those, domain/selfie.h).
  int photo_time_tolerance_minutes = 30;
  int photo_max_hamming = 4;
  int photo_max_mib = 20;    // the largest photo upload
  int video_max_mib = 4096;  // the largest video upload (4 GiB)
};

// Fraud outcomes (四（三）; domain/fraud_case.h): the policy keys of [fraud]. The notice sets
// neither number; the defaults are the shipped policy's (to be confirmed by the department).
struct FraudLimits {
  int response_working_days = 5;  // the institution's time to answer (陈述申辩) a case
  int blacklist_years = 3;        // the listing period a fraud decision sets (信用黑名单)
};

struct Clause {
  std::string id;    // 二（二）
  std::string text;  // the notice's own words
};

struct Policy {
  std::string id;  // quanzhou-2021-177
  int version = 1;
  std::string title;     // the notice's title
  std::string document;  // 泉公综〔2021〕177号
  Date effective_from;
  std::optional<Date> effective_until;
  int utc_offset_minutes = 0;  // local time of every date and deadline (+480: China Standard Time)
  PlanLimits plan;
  EligibilityLimits eligibility;
  AttendanceLimits attendance;
  EvidenceLimits evidence;
  FraudLimits fraud;
  int publicity_working_days = 0;
  // The certificates' number prefix ([certificates] number_prefix; domain/certificate.h): 2–8
  // upper-case letters or digits, e.g. QZAB (泉州安保) → QZAB-2026-000001.
  std::string certificate_prefix = "AP";
  int retention_years = 0;
  std::vector<Occupation> occupations;
  std::vector<TraineeGroup> trainee_groups;
  std::map<std::string, Clause> clauses;           // by clause id
  std::map<std::string, std::string> rule_clause;  // rule id -> clause id

  const Occupation* FindOccupation(std::string_view occupation_id) const;
  // The clause id a rule cites ("" if the policy does not map it; loaders reject that case).
  std::string ClauseOf(std::string_view rule) const;
};

}  // namespace anpei::domain
