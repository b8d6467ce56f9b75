// JSON mapping of change requests (变更申请, docs/openapi.yaml ChangeRequest) and of the readable
// plan versions and their differences. Parsing never throws on bad input: every problem is an
// InvalidArgument naming the field. Trainees' names come as the app layer resolved them (masked
// for anyone but the class's own institution).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/change_requests.h"
#include "base/status.h"
#include "domain/change_request.h"
#include "ports/page.h"

namespace anpei::codec {

struct ChangeRequestInput {
  domain::ChangeRequest value;     // kind, reason, sessions, trainee_ids, moves
  std::optional<int64_t> version;  // the class's version, when given
};
// {"kind","reason","version"?,"sessions"?:[session],"trainee_ids"?:[id],
//  "moves"?:[{"seq","date","start","end"}]}
Result<ChangeRequestInput> ParseChangeRequest(std::string_view body);

struct ChangeDecisionInput {
  app::ChangeDecision decision = app::ChangeDecision::kApprove;
  std::string reason;
  std::optional<int64_t> version;
};
// {"decision":"approve"|"refuse","reason":"…","version"?:N}
Result<ChangeDecisionInput> ParseChangeDecision(std::string_view body);

std::string ChangeRequestToJson(const domain::ChangeRequest& request);
std::string ChangeRequestsToJson(const ports::PageOf<domain::ChangeRequest>& page);
// The refusal of a change whose plan breaks the policy: the error object plus the verdict.
std::string ChangeRefusalToJson(const domain::PlanVerdict& verdict, bool at_decision);

// GET /classes/{id}/plan-versions: each version with Chinese labels (reason, sessions one row
// each with kind, delivery and teacher names, totals, the roster by name) and the plan JSON.
std::string ReadablePlanVersionsToJson(const std::vector<domain::PlanVersion>& versions,
                                       const std::vector<std::pair<int64_t, std::string>>& names);
// GET /classes/{id}/plan-versions/diff: sessions added, removed and moved, roster changes.
Result<std::string> PlanDiffToJson(const app::PlanVersionPair& pair);

}  // namespace anpei::codec
