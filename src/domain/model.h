// The registry and the class (培训班) as plain values (domain.md §1, §3): districts, institutions,
// teachers, trainees and classes with their venue, teachers, teaching plan and roster. No I/O;
// the store keeps them, the app layer validates and changes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/plan.h"

namespace anpei::domain {

struct District {
  std::string code;  // GB/T 2260 county-level code, e.g. 350503
  std::string name;  // 丰泽区
};

// The standing of an institution's credit code (issue 10, finding 6): a code that fails only its
// GB 32100 check character (some were issued before the standard took full effect) is accepted
// with a warning and held for the city bureau, which confirms or refuses it. Only a valid or a
// confirmed code lets the institution declare classes.
enum class UsccStatus { kValid, kPending, kConfirmed, kRefused };
std::string_view UsccStatusId(
    UsccStatus status);  // valid, pending_confirmation, confirmed, refused
std::string_view UsccStatusName(UsccStatus status);  // 有效, 待市局确认, ...
std::optional<UsccStatus> ParseUsccStatus(std::string_view id);
bool UsccAllowsDeclaring(UsccStatus status);

struct Institution {
  int64_t id = 0;
  std::string name;
  std::string uscc;  // unified social credit code (GB 32100)
  UsccStatus uscc_status = UsccStatus::kValid;
  std::string uscc_note;  // the city bureau's reason when it confirmed or refused a legacy code
  std::string district_code;
  std::string district_name;  // read-only, joined from districts
  std::string address;
  std::optional<std::string> blacklisted_at;  // 四（三）: on the credit blacklist since
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Teacher {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string institution_name;  // read-only, joined
  std::string name;
  std::string id_number;
  std::string qualification;  // e.g. 保安员（高级）证书编号
  int64_t version = 1;
  std::string created_at;
};

struct Trainee {
  int64_t id = 0;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string group;  // a policy trainee_groups id (二（一）)
  int64_t version = 1;
  std::string created_at;
};

// The class's life cycle (domain.md §3).
enum class ClassState {
  kDraft,
  kDeclared,
  kReturned,
  kRejected,
  kApproved,
  kCompletionSubmitted,
  kCompletionApproved,
  kCertified,
  kInPublicity,
  kPublicityClosed,
  kFundsRequested,
  kPaid,
  kDisqualified,
};

inline constexpr ClassState kAllClassStates[] = {
    ClassState::kDraft,
    ClassState::kDeclared,
    ClassState::kReturned,
    ClassState::kRejected,
    ClassState::kApproved,
    ClassState::kCompletionSubmitted,
    ClassState::kCompletionApproved,
    ClassState::kCertified,
    ClassState::kInPublicity,
    ClassState::kPublicityClosed,
    ClassState::kFundsRequested,
    ClassState::kPaid,
    ClassState::kDisqualified,
};

std::string_view ClassStateId(ClassState state);    // "draft"
std::string_view ClassStateName(ClassState state);  // "草稿"
std::optional<ClassState> ParseClassState(std::string_view id);
// The institution may change the plan, venue, teachers and roster only before the declaration or
// after a reviewer returned it (三（一）1-2); afterwards only a change request may (三（二）3).
bool IsPlanEditable(ClassState state);
// Declaring is allowed from draft and, after fixing, from returned.
bool CanDeclare(ClassState state);
// The states a class may move to from `state` (domain.md §3): declared → approved / returned /
// rejected, returned → declared, declared → draft (withdrawal before review), … and any state
// from approved on → disqualified (fraud, 四（三）).
std::vector<ClassState> NextStates(ClassState state);

// A reviewer's decision on a declared class (三（一）2, domain.md §3): approve, return with reasons
// (the institution fixes the plan and declares again) or reject.
enum class ReviewDecision { kApprove, kReturn, kReject };
std::string_view ReviewDecisionId(ReviewDecision decision);    // "approve", "return", "reject"
std::string_view ReviewDecisionName(ReviewDecision decision);  // "批准", "退回", "不予批准"
std::optional<ReviewDecision> ParseReviewDecision(std::string_view id);
// The state a declared class moves to: approved, returned, rejected.
ClassState StateAfter(ReviewDecision decision);
// Return and reject must give reasons (the institution sees them); approve may add a remark.
bool NeedsReason(ReviewDecision decision);
inline constexpr size_t kMaxReviewReasonChars = 500;

// The record of one decision (审核记录): the approval form (审核审批单) prints the latest.
struct ClassDecision {
  int64_t id = 0;
  int64_t class_id = 0;
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string reason;
  int64_t reviewer_id = 0;    // the user (0: the operator's tools)
  std::string reviewer_name;  // the user's display name at the time
  std::string decided_at;
  int64_t plan_version = 0;       // the plan_versions version decided on
  std::string verification_code;  // random, printed on the form
};

struct Venue {
  std::string address;
  std::optional<double> lat;  // WGS-84 degrees
  std::optional<double> lng;
};

// A teacher of the class under the plan's key ("t1") that the sessions name.
struct ClassTeacher {
  std::string key;
  int64_t teacher_id = 0;
  std::string name;  // read-only, joined from teachers
};

// A person on a roster. In a class save, trainee_id names a person the institution already has a
// record of; trainee_id 0 means "enrol by identity": name, id_number, phone and group as given.
// Read back, name and id_number are the person's and group the institution's record's.
struct RosterEntry {
  int64_t trainee_id = 0;
  std::string name;
  std::string id_number;
  std::string group;
  std::string phone;  // by identity only: goes to the institution's own record
};

// An institution's own record of a person it enrols (报名记录, domain.md §7a): the phone and
// trainee group it was given. The person (Trainee: name, ID number) is shared; this is not.
struct Enrolment {
  int64_t institution_id = 0;
  int64_t trainee_id = 0;
  std::string phone;
  std::string group;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  int64_t id = 0;  // the record's own id (read-only)
  // The name this institution gave while it differs from the person's and no reviewer has
  // confirmed it (empty: the person's name). The institution sees it in place of the person's.
  std::string given_name;
  // The record exists only through such an enrolment: a refusal removes it (and the person from
  // the institution's rosters).
  bool unconfirmed = false;
};

// What an institution is told of a reviewer's decision on one of its enrolments (通知).
struct Notice {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string kind;     // "enrolment.confirmed", "enrolment.refused"
  std::string subject;  // "held_enrolment:<id>"
  std::string message;  // plain Chinese, naming the person only as the institution gave them
  std::string created_at;
};

// An enrolment waiting for a reviewer (待审核报名): the institution gave a name that differs from
// the person's on record (or asked to change it). Confirmed, the person's name becomes the given
// one and the enrolment proceeds; refused, nothing changes.
enum class HeldState { kHeld, kConfirmed, kRefused };
std::string_view HeldStateId(HeldState state);    // "held", "confirmed", "refused"
std::string_view HeldStateName(HeldState state);  // "待审核", "已确认", "已拒绝"
std::optional<HeldState> ParseHeldState(std::string_view id);

struct HeldEnrolment {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string institution_name;  // read-only, joined
  std::string district_code;     // read-only, the institution's district
  std::optional<int64_t> class_id;
  std::string class_title;  // read-only, joined
  int64_t trainee_id = 0;
  std::string given_name;     // as the institution gave it
  std::string recorded_name;  // read-only, the person's name on record (reviewers only)
  std::string id_number;      // read-only, the person's
  std::string phone;          // as given, for the institution's record
  std::string group;
  HeldState state = HeldState::kHeld;
  std::string reason;  // the reviewer's
  std::optional<std::string> decided_by;
  std::optional<std::string> decided_at;
  int64_t version = 1;
  std::string created_at;
};

struct TrainingClass {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string institution_name;  // read-only, joined
  std::string district_code;     // read-only, the institution's district
  std::string policy_id;
  std::string occupation;
  std::string title;
  Venue venue;
  std::vector<ClassTeacher> teachers;
  std::vector<PlanSession> sessions;
  std::vector<RosterEntry> roster;
  ClassState state = ClassState::kDraft;
  std::optional<std::string> declared_at;
  // The calendar revision the declaration's deadline was decided with (0: the shipped data only;
  // app/calendar.h); kept so a later correction of a year never moves it.
  std::optional<int64_t> calendar_version;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  // Read-only: the reviewer's latest decision, if any (the class page shows it prominently).
  std::optional<ClassDecision> latest_decision;
};

// One row of a class list.
struct ClassSummary {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string institution_name;
  std::string district_code;
  std::string title;
  std::string occupation;
  std::string policy_id;
  ClassState state = ClassState::kDraft;
  std::optional<std::string> start_date;
  int64_t total_hours = 0;
  int64_t session_count = 0;
  int64_t roster_count = 0;
  std::optional<std::string> declared_at;
  int64_t version = 1;
  std::string updated_at;
};

// A kept version of a plan (三（二）3: every version is kept). plan_json is the contract's plan
// JSON as it was declared.
struct PlanVersion {
  int64_t version = 0;
  std::string plan_json;
  std::string reason;
  std::string created_at;
  // The change request (变更申请) whose approval made it; absent for a declaration.
  std::optional<int64_t> change_request_id;
  // The roster the version was made with (trainee ids, in the roster's order).
  std::vector<int64_t> roster;
};

// The teaching plan of a class in the plan check's terms; the plan's teacher ids are the class's
// teacher keys.
Plan PlanOf(const TrainingClass& cls, std::optional<Instant> declared_at);

// Whether a phone is a mainland mobile number (11 digits, 1[3-9]...).
bool IsMobilePhone(std::string_view phone);

// Masks for lists and publicity (domain.md §8): 3505**********1234, 138****5678, 张*.
std::string MaskIdNumber(std::string_view id_number);
std::string MaskPhone(std::string_view phone);
std::string MaskName(std::string_view name);

}  // namespace anpei::domain
