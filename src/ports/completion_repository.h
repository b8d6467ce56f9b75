// Port: completion and verification (结业审核, migration 0025; domain/eligibility.h): assessment
// scores, exclusion lists (kinds, imported batches, entries matched through the blind index of
// the ID number), the completion of a class and its trainees' stored verdicts. Valid for one
// transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/eligibility.h"

namespace anpei::ports {

struct AssessmentScore {
  int64_t person_id = 0;
  int score = 0;
  int64_t entered_by_user = 0;
  std::string entered_at;
};

struct ExclusionKind {
  std::string id;
  std::string name;
};

struct ExclusionBatch {
  int64_t id = 0;
  std::string kind;
  std::string kind_name;  // read-only, joined
  std::string file_name;
  int64_t rows = 0;
  int64_t imported_by = 0;
  std::string imported_at;
};

// One person of an imported list: the ID number in clear (the store keeps its blind index and
// the sealed number only), the name if the file had one.
struct ExclusionEntryInput {
  std::string id_number;
  std::string name;
  std::optional<std::string> valid_from, valid_until;  // YYYY-MM-DD
};

// An exclusion entry that matched a person (trainees.id_number = exclusion_entries.id_blind).
struct ExclusionMatch {
  int64_t person_id = 0;
  domain::ExclusionHit hit;
};

// A prior subsidy of a person: an approved eligible verdict of a class not disqualified.
struct PriorSubsidyRow {
  int64_t person_id = 0;
  domain::PriorSubsidy subsidy;
};

struct CompletionRecord {
  int64_t class_id = 0;
  int64_t submitted_by_user = 0;
  std::string submitted_at;
  std::optional<int64_t> decided_by_user;
  std::optional<std::string> decided_at;
  std::optional<std::string> decision;  // approve | return
  std::string reason;
};

struct StoredVerdict {
  int64_t class_id = 0;
  domain::TraineeVerdict verdict;  // person_id, eligible, rules, subsidy, occupation, level
  std::string inputs_hash;
  std::string policy_id;
  int64_t policy_version = 0;
  std::string computed_at;
  domain::TraineeReview review = domain::TraineeReview::kPending;
  std::string review_reason;
};

class CompletionRepository {
 public:
  virtual ~CompletionRepository() = default;

  virtual Result<std::vector<AssessmentScore>> ListScores(int64_t class_id) = 0;
  // Inserts or replaces the scores of the given persons.
  virtual Status PutScores(int64_t class_id, const std::vector<AssessmentScore>& scores) = 0;

  virtual Result<std::vector<ExclusionKind>> ListExclusionKinds() = 0;
  // Conflict (field "id") when the id exists.
  virtual Status InsertExclusionKind(const ExclusionKind& kind) = 0;
  // Inserts the batch and its entries; returns the batch id.
  virtual Result<int64_t> InsertExclusionBatch(const ExclusionBatch& batch,
                                               const std::vector<ExclusionEntryInput>& entries) = 0;
  // Newest first.
  virtual Result<std::vector<ExclusionBatch>> ListExclusionBatches() = 0;
  // The entries whose blind index equals one of the persons' ID numbers' index.
  virtual Result<std::vector<ExclusionMatch>> MatchExclusions(
      const std::vector<int64_t>& person_ids) = 0;
  // The approved eligible verdicts of the persons in classes other than `except_class` that are
  // not disqualified.
  virtual Result<std::vector<PriorSubsidyRow>> PriorSubsidies(
      const std::vector<int64_t>& person_ids, int64_t except_class) = 0;

  virtual Result<std::optional<CompletionRecord>> GetCompletion(int64_t class_id) = 0;
  // Inserts or replaces the completion of record.class_id.
  virtual Status PutCompletion(const CompletionRecord& record) = 0;

  virtual Result<std::vector<StoredVerdict>> ListVerdicts(int64_t class_id) = 0;
  // Replaces every verdict of the class.
  virtual Status ReplaceVerdicts(int64_t class_id, const std::vector<StoredVerdict>& verdicts) = 0;
  // Sets the review decision of one verdict.
  virtual Status SetReview(int64_t class_id, int64_t person_id, domain::TraineeReview review,
                           const std::string& reason) = 0;
};

}  // namespace anpei::ports
