// Use case: check a teaching plan against a policy (contract "Plan check"). Pure apart from the
// reference data; needs no sign-in, changes nothing, audits nothing.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "app/reference_data.h"
#include "domain/plan.h"

namespace anpei::app {

struct PlanCheckRequest {
  // The policy id from the plan itself ("policy" key), and where it came from for error messages.
  std::optional<std::string> policy_id;
  std::string policy_field = "policy";
  domain::Plan plan;
};

// InvalidArgument for an unknown policy or an unusable plan (field named); otherwise the verdict.
// With the shipped calendar.
Result<domain::PlanVerdict> CheckPlan(const ReferenceData& ref, const PlanCheckRequest& request);
// The same with the calendar in force in the store (a year imported there overrides the shipped
// one): one read transaction.
Result<domain::PlanVerdict> CheckPlanWithStore(const AppContext& ctx,
                                               const PlanCheckRequest& request);

}  // namespace anpei::app
