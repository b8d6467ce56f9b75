// JSON of completion and verification (docs/openapi.yaml, "Completion"; issue 15, Deliver 1):
// the request bodies of the scores, the submission and the decision, and the completion view (the
// class summary and every trainee's verdict with each rule's clause, clause text, policy key,
// outcome, message and the masked facts it used).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/completion.h"
#include "app/exclusions.h"

namespace anpei::codec {

// {"scores": [{"person_id": N, "score": 0..100}]}
Result<std::vector<app::ScoreInput>> ParseScores(std::string_view body);
// {"decision": "approve"|"return", "reason": "…", "version": N,
//  "trainees": [{"person_id": N, "decision": "refuse", "reason": "…"}]}
Result<app::CompletionDecisionInput> ParseCompletionDecision(std::string_view body);

std::string CompletionToJson(const app::CompletionView& view);
// {"dry_run", "file_name", "rows", "errors": [{"row", "field", "message"}], "completion":
// view|null}
std::string ScoreImportToJson(const app::ScoreImportOutcome& out);

// Exclusion lists: {"id": "…", "name": "…"}; {"items": [...]} lists; the import's report
// {"dry_run", "kind", "file_name", "rows", "errors": [{"row", "field", "message"}], "batch_id"}.
Result<ports::ExclusionKind> ParseExclusionKind(std::string_view body);
std::string ExclusionKindToJson(const ports::ExclusionKind& kind);
std::string ExclusionKindsToJson(const std::vector<ports::ExclusionKind>& kinds);
std::string ExclusionImportToJson(const app::ExclusionImportOutcome& out);
std::string ExclusionBatchesToJson(const std::vector<ports::ExclusionBatch>& batches);

}  // namespace anpei::codec
