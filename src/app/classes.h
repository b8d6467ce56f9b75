// Use cases of the class (培训班): create and edit a draft, check its plan, declare it (三（一）1),
// keep the declared plan versions, import a roster. Each call is one store transaction.
//
// Errors: InvalidArgument naming the field for bad input; NotFound for an unknown class; Conflict
// (field "state") when the class is locked by its state — after declaring only a change request
// may change it (三（二）3) — and Conflict (field "version") when someone else changed it first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/model.h"

namespace anpei::app {

Result<ports::PageOf<domain::ClassSummary>> ListClasses(const AppContext& ctx, const Actor& actor,
                                                        const ports::ClassFilter& filter,
                                                        ports::Page page);
Result<domain::TrainingClass> GetClass(const AppContext& ctx, const Actor& actor, int64_t id);
// The same inside the caller's transaction (the exports and printed forms read through these, so
// they see exactly what the list and the class page see: same roles, same scope).
Result<ports::PageOf<domain::ClassSummary>> ListClassesIn(const AppContext& ctx, ports::StoreTx& tx,
                                                          const Actor& actor,
                                                          const ports::ClassFilter& filter,
                                                          ports::Page page);
Result<domain::TrainingClass> GetClassIn(ports::StoreTx& tx, const Actor& actor, int64_t id);
// Creates a draft from institution_id, policy_id (empty: the default policy), occupation, title,
// venue, teachers (key + teacher_id), sessions and roster (trainee_id) of `input`.
Result<domain::TrainingClass> CreateClass(const AppContext& ctx, const Actor& actor,
                                          domain::TrainingClass input);
// Replaces the editable parts of class `id` if it is editable and still at `version`.
Result<domain::TrainingClass> UpdateClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                          domain::TrainingClass input, int64_t version);

// The plan check of the stored plan, as if declared now while it can be declared (a draft, a
// returned class), else at the recorded declaration time (and the calendar of then).
Result<domain::PlanVerdict> CheckClassPlan(const AppContext& ctx, const Actor& actor, int64_t id);
// The same verdict for `cls` inside the caller's transaction (the approval form prints it).
Result<domain::PlanVerdict> ClassVerdictIn(const AppContext& ctx, ports::StoreTx& tx,
                                           const domain::TrainingClass& cls);

struct DeclareOutcome {
  bool declared = false;
  domain::PlanVerdict verdict;  // why it was refused when !declared
  domain::TrainingClass cls;    // the class after the call
};
// Declares the class at the server's time. A plan that breaks the policy is refused (declared =
// false, the verdict lists every violation) and nothing changes. FailedPrecondition (field named)
// when the declaration is incomplete (no sessions, no roster, no venue address) or the institution
// is on the credit blacklist (四（三）).
Result<DeclareOutcome> DeclareClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                    int64_t version);

Result<std::vector<domain::PlanVersion>> ListPlanVersions(const AppContext& ctx, const Actor& actor,
                                                          int64_t id);

// The class `id` for a change by its own institution: 401/403/404 as for every class edit,
// Conflict (field "state") when locked, Conflict (field "version") when `version` is stale.
Result<domain::TrainingClass> EditableClass(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                            int64_t version);

// Classes counted by state and by district (the dashboard).
Result<ports::ClassStats> ClassStatistics(const AppContext& ctx, const Actor& actor);

}  // namespace anpei::app
