// The pure check (reference data only). CheckPlanWithStore, which reads the calendar in force
// from the store, is in plan_check_store.cc, so that the fuzzing target links this file alone.
#include "app/plan_check.h"

namespace anpei::app {

Result<domain::PlanVerdict> CheckPlan(const ReferenceData& ref, const PlanCheckRequest& request) {
  ANPEI_ASSIGN_OR_RETURN(auto policy,
                         ref.FindPolicy(request.policy_id.value_or(std::string(kDefaultPolicyId)),
                                        request.policy_field));
  return domain::CheckPlan(request.plan, *policy, ref.calendar());
}

}  // namespace anpei::app
