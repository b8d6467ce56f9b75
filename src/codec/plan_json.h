// JSON mapping of the plan check (contract "Plan check"): plan JSON text -> request, verdict ->
// result JSON, Status -> error JSON. Shared by the CLI and the HTTP layer so both answer the same.
// Parsing never throws on bad input: every problem is an InvalidArgument naming the field (and
// the line and column for JSON syntax errors).
#pragma once

#include <string>
#include <string_view>

#include "app/plan_check.h"
#include "base/status.h"
#include "domain/plan.h"

namespace anpei::codec {

// Largest plan document accepted, in bytes.
inline constexpr size_t kMaxPlanJsonBytes = 1 << 20;

Result<app::PlanCheckRequest> ParsePlanCheckRequest(std::string_view json_text);

// The result object: {"ok", "policy", "summary", "violations"}.
std::string PlanVerdictToJson(const domain::PlanVerdict& verdict);

// {"error": {"code", "message", "field"?}}
std::string ErrorToJson(const Status& status);

}  // namespace anpei::codec
