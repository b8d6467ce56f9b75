#include "app/plan_check.h"

namespace anpei::app {

Result<domain::PlanVerdict> CheckPlan(const ReferenceData& ref, const PlanCheckRequest& request) {
  auto policy = ref.FindPolicy(request.policy_id.value_or(std::string(kDefaultPolicyId)),
                               request.policy_field);
  if (!policy.ok()) return policy.status();
  return domain::CheckPlan(request.plan, **policy, ref.calendar());
}

}  // namespace anpei::app
