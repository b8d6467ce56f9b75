#include "app/calendar.h"
#include "app/plan_check.h"

namespace anpei::app {

Result<domain::PlanVerdict> CheckPlanWithStore(const AppContext& ctx,
                                               const PlanCheckRequest& request) {
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(
                                          request.policy_id.value_or(std::string(kDefaultPolicyId)),
                                          request.policy_field));
  return InTx<domain::PlanVerdict>(
      ctx, ports::TxMode::kRead, [&](ports::StoreTx& tx, domain::PlanVerdict& out) {
        ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx));
        ANPEI_ASSIGN_OR_RETURN(out, domain::CheckPlan(request.plan, *policy, *calendar.calendar));
        return Status::Ok();
      });
}

}  // namespace anpei::app
