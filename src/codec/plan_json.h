// JSON mapping of the plan check (contract "Plan check"): plan JSON text -> request, verdict ->
// result JSON, Status -> error JSON. Shared by the CLI and the HTTP layer so both answer the same.
// Parsing never throws on bad input: every problem is an InvalidArgument naming the field (and
// the line and column for JSON syntax errors).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/plan_check.h"
#include "base/status.h"
#include "domain/plan.h"

namespace anpei::codec {

// Largest plan document accepted, in bytes.
inline constexpr size_t kMaxPlanJsonBytes = 1 << 20;

Result<app::PlanCheckRequest> ParsePlanCheckRequest(std::string_view json_text);

// The result object: {"ok", "policy", "summary", "violations"}.
std::string PlanVerdictToJson(const domain::PlanVerdict& verdict);

// One session object of the plan JSON, at `path` ("sessions[2]") for error fields.
Result<domain::PlanSession> ParseSession(const boost::json::value& v, const std::string& path);
boost::json::object PlanSessionToJson(const domain::PlanSession& session);
// The contract's plan JSON for a plan (declared_at in UTC+8 when set).
std::string PlanToJson(const domain::Plan& plan, const std::string& policy_id, int offset_minutes);

// {"error": {"code", "message", "field"?}}
std::string ErrorToJson(const Status& status);

}  // namespace anpei::codec
