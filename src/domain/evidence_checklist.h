// The evidence checklist of a class (issue 14, Deliver 5; domain.md §5): what the notice asks a
// class to keep, and for each requirement whether it is present, missing, or present but failed a
// check. Computed from what the decoders found in the real files (photos: capture time, faces,
// perceptual-hash reuse; videos: the probe's report) and from the class's plan, its approved paper
// sign-in exceptions and its online learning records:
//
//   requirement (rule id)                 when                          clause
//   EVIDENCE_GROUP_PHOTO                  the class teaches offline     三（一）3（1） ≥
//   evidence.group_photos_min EVIDENCE_PRACTICAL_PHOTOS             it has practical sessions
//   三（一）3（1） ≥ evidence.practical_photos_min EVIDENCE_THEORY_VIDEO  (per session)  offline
//   theory session        三（一）3（1） whole session on video EVIDENCE_PRACTICAL_VIDEO (per
//   session) practical session            三（一）3（1） 1 continuous minute per hour
//   EVIDENCE_PHOTO_CHECKS                 any photo uploaded            the photos' own rules
//   (time, reuse, faces) EVIDENCE_SIGN_IN_SHEET (per session)  paper sign-in was approved 三（二）2
//   the scanned sheets EVIDENCE_ONLINE_RECORDS               the class teaches online
//   三（一）3（2） platform records, or the
//                                                                        summary and detail tables
//                                                                        imported
//
// A photo with a problem does not count towards a required number. Pure: plain values in, the
// checklist out; the clause of each rule comes from the policy's [rules].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/evidence.h"
#include "domain/evidence_video.h"
#include "domain/plan.h"
#include "domain/policy.h"

namespace anpei::domain {

inline constexpr std::string_view kRuleGroupPhoto = "EVIDENCE_GROUP_PHOTO";
inline constexpr std::string_view kRulePracticalPhotos = "EVIDENCE_PRACTICAL_PHOTOS";
inline constexpr std::string_view kRuleOnlineRecords = "EVIDENCE_ONLINE_RECORDS";
inline constexpr std::string_view kRuleSignInSheet = "EVIDENCE_SIGN_IN_SHEET";
// The rules a policy must map to a clause for the checklist (the video rules are required with
// evidence_video.h's).
inline constexpr std::string_view kChecklistRules[] = {kRuleGroupPhoto, kRulePracticalPhotos,
                                                       kRuleOnlineRecords, kRuleSignInSheet};
// The photo item has no rule of its own: it cites the clauses of the problems it lists (the
// photos' clause, 三（一）3（1）, when there are none).
inline constexpr std::string_view kChecklistPhotoChecks = "EVIDENCE_PHOTO_CHECKS";

// One stored evidence file, as far as the checklist needs it.
struct ChecklistEvidence {
  int64_t id = 0;
  EvidenceKind kind = EvidenceKind::kGroupPhoto;
  std::optional<int64_t> session_seq;  // 1-based; nullopt: the whole class
  std::string file_name;
  std::vector<EvidenceProblem> problems;
  std::optional<VideoReport> video;         // videos: the probe's report
  std::optional<Instant> video_started_at;  // the creation time, or the time the uploader gave
};

// The class's online learning records (issue 14, Deliver 4).
struct OnlineRecordsStatus {
  std::string platform_name;          // "" when the institution has named none
  bool platform_approved = false;     // one of the platforms the provincial 人社厅 approved
  int64_t planned_hours = 0;          // the plan's online class hours
  int64_t trainees = 0;               // on the roster
  int64_t trainees_with_records = 0;  // whose accepted online class hours reach planned_hours
};

// A session whose paper sign-in (纸质签到) a reviewer approved (issue 13): the sheets may come
// with the exception (its files) or later as evidence of kind sign_in_sheet for the session.
struct PaperSignIn {
  int64_t session_seq = 0;
  int64_t exception_id = 0;
  int64_t files = 0;  // files uploaded with the exception
};

struct ChecklistInput {
  std::vector<PlanSession> sessions;  // the class's plan, in order (seq = index + 1)
  std::vector<ChecklistEvidence> evidence;
  std::vector<PaperSignIn> paper_sign_in;
  OnlineRecordsStatus online;
};

enum class ChecklistState { kPresent, kMissing, kFailed, kNotRequired };
std::string_view ChecklistStateId(ChecklistState s);  // present|missing|failed|not_required
std::string_view ChecklistStateName(ChecklistState s);  // 已齐全|缺少|未通过核验|无需提供

struct ChecklistItem {
  std::string id;      // stable within a class: "group_photo", "session_video:3", …
  std::string rule;    // the rule id
  std::string clause;  // the clause(s) it cites, "、"-separated
  std::string title;   // Chinese: what is required
  ChecklistState state = ChecklistState::kMissing;
  std::string message;  // Chinese: what was found
  std::optional<int64_t> session_seq;
  int64_t required = 0;               // how many files (or trainees) are needed; 0 when not a count
  int64_t have = 0;                   // how many count
  std::vector<int64_t> evidence_ids;  // the files the item looked at
  std::vector<EvidenceProblem> problems;     // what failed, file by file
  std::optional<SessionVideoVerdict> video;  // the session-video items
};

struct Checklist {
  std::vector<ChecklistItem> items;
  int64_t present = 0, missing = 0, failed = 0, not_required = 0;
  bool complete() const { return missing == 0 && failed == 0; }
};

Checklist BuildChecklist(const ChecklistInput& in, const Policy& policy);

}  // namespace anpei::domain
