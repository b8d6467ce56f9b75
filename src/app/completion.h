// Completion and verification (结业审核, 三（一）3; issue 15, Deliver 1; domain/eligibility.h):
//   PutScores          the institution enters assessment scores (class approved, not submitted)
//   SubmitCompletion   the institution submits after the last session ended: approved →
//                      completion_submitted; every rostered trainee verified, verdicts stored
//   GetCompletion      the class summary and every trainee's verdict (readers in scope)
//   VerifyCompletion   re-runs the verification before the decision (institution, reviewer);
//                      unchanged data gives identical verdicts (equal inputs_hash)
//   DecideCompletion   the district's reviewer or the city bureau: approve (→ completion_approved;
//                      eligible trainees approved unless refused here, ineligible ones never) or
//                      return (→ approved, with reasons)
// After approval the completion's data is frozen: scores, verification, paper back-fill and the
// deletion of evidence answer 409 completion.frozen.
// Each call is one store transaction, authorised (401 / 403 by role / 404 outside scope) and
// audited (completion.*).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/eligibility.h"
#include "domain/evidence_checklist.h"
#include "domain/model.h"
#include "ports/completion_repository.h"

namespace anpei::app {

// Who reads a completion: the class's institution, the police of its district, the city bureau,
// 人社 and auditors.
inline constexpr std::initializer_list<std::string_view> kCompletionReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};
// Who decides: the district's reviewer and the city bureau.
inline constexpr std::initializer_list<std::string_view> kCompletionReviewers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};

struct ScoreInput {
  int64_t person_id = 0;
  int64_t score = 0;
};

struct TraineeCompletion {
  int64_t person_id = 0;
  std::string name;       // as the actor may see it (app::NameFor)
  std::string id_number;  // masked
  int planned_hours = 0;
  int attended_hours = 0;
  std::optional<int> score;
  std::optional<ports::StoredVerdict> verdict;
};

struct CompletionView {
  domain::TrainingClass cls;
  std::optional<ports::CompletionRecord> record;
  bool frozen = false;  // approved: the data may no longer change
  int64_t eligible = 0, ineligible = 0, approved = 0, refused = 0;
  domain::Checklist checklist;
  int64_t signal_count = 0;
  std::map<std::string, int64_t> signals_by_kind;  // SignalKindId -> count
  std::vector<TraineeCompletion> trainees;
  std::map<std::string, std::string> clause_texts;  // clause id -> the notice's words
};

Result<CompletionView> PutScores(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                 const std::vector<ScoreInput>& scores);
// POST /classes/{id}/assessment-scores/import: a spreadsheet (XLSX or CSV) with 身份证号 and
// 成绩 (姓名 optional, checked against the roster); all or nothing with a row report by the
// sheet's own row numbers; dry_run checks only. Allowed as PutScores.
struct ScoreImportError {
  int64_t row = 0;
  std::string field;  // id_number, score, name
  std::string message;
};
struct ScoreImportOutcome {
  bool dry_run = false;
  std::string file_name;
  int64_t rows = 0;
  std::vector<ScoreImportError> errors;  // any: nothing stored
  std::optional<CompletionView> view;    // after the scores were stored
};
Result<ScoreImportOutcome> ImportScores(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        std::string bytes, const std::string& file_name,
                                        bool dry_run);
// The class whose scores the actor may enter (institution staff, approved, not frozen).
Result<domain::TrainingClass> ScoresClass(ports::StoreTx& tx, const Actor& actor, int64_t class_id);

Result<CompletionView> SubmitCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        int64_t version);
Result<CompletionView> GetCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id);
// The same inside the caller's transaction (the XLSX export, app/export.h).
Result<CompletionView> CompletionViewIn(const AppContext& ctx, ports::StoreTx& tx,
                                        const Actor& actor, int64_t class_id);
Result<CompletionView> VerifyCompletion(const AppContext& ctx, const Actor& actor,
                                        int64_t class_id);

struct TraineeRefusal {
  int64_t person_id = 0;
  std::string decision;  // refuse
  std::string reason;
};
struct CompletionDecisionInput {
  std::string decision;  // approve | return
  std::string reason;    // required for return
  int64_t version = 0;
  std::vector<TraineeRefusal> trainees;
};
Result<CompletionView> DecideCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        CompletionDecisionInput in);

// The approved eligible trainees of a class (for certificates): read-only, in the caller's
// transaction; no authorisation (the caller has authorised the class).
struct ApprovedTrainee {
  int64_t person_id = 0;
  std::string occupation;
  std::string level;
  int64_t subsidy_yuan = 0;
};
Result<std::vector<ApprovedTrainee>> ApprovedTrainees(ports::StoreTx& tx, int64_t class_id);

// 409 completion.frozen when the class's completion was approved (or it went further): the
// data the verdict rests on may no longer change. Used by scores, paper back-fill, evidence.
Status RefuseIfFrozen(const domain::TrainingClass& cls);

}  // namespace anpei::app
