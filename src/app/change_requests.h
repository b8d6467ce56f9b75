// Use cases of change requests (变更申请, 三（二）3): the institution of an approved class files a
// make-up class, a make-up exam or moved sessions; the reviewer of the class's district (or the
// city bureau) approves — the class's sessions change and a new plan version naming the request
// is kept — or refuses with a reason, which changes nothing else. The changed plan is checked
// against the policy when filed and again when approved: a change that breaks it is refused with
// the violations. Each call is one store transaction, audited (change_request.create / .approve /
// .refuse).
//
// Errors: 401/403 by role, 404 outside the actor's scope (word for word a missing id); Conflict
// (field "state") when the class is not approved or the request no longer pending, (field
// "version") when stale; InvalidArgument naming the field for bad input; an id in the body that
// is not on the class's roster answers the 404 of a missing one (trainee_ids[i]).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/change_request.h"
#include "ports/change_request_repository.h"

namespace anpei::app {

struct ChangeOutcome {
  bool done = false;            // false: the changed plan breaks the policy (verdict says how)
  domain::PlanVerdict verdict;  // of the changed plan
  domain::ChangeRequest request;
};

// Files `input` (kind, reason, sessions, trainee_ids, moves) for class `class_id`; when
// `class_version` is given it must be the class's current version.
Result<ChangeOutcome> FileChangeRequest(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        domain::ChangeRequest input,
                                        std::optional<int64_t> class_version);

// Lists within the actor's scope (filter.class_id: that class's, 404 when not visible).
Result<ports::PageOf<domain::ChangeRequest>> ListChangeRequests(const AppContext& ctx,
                                                                const Actor& actor,
                                                                ports::ChangeRequestFilter filter,
                                                                ports::Page page);
Result<domain::ChangeRequest> GetChangeRequest(const AppContext& ctx, const Actor& actor,
                                               int64_t id);

enum class ChangeDecision { kApprove, kRefuse };
// Approves (re-checks the change on the class as it is now; the class's sessions change and a
// new plan version is kept) or refuses (a reason is required). `version`, when given, must be the
// request's current version. Of two concurrent decisions exactly one wins.
Result<ChangeOutcome> DecideChangeRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                          ChangeDecision decision, std::string reason,
                                          std::optional<int64_t> version);

// Two plan versions of a class and the names of the people their rosters name, for the diff.
struct PlanVersionPair {
  domain::PlanVersion from;
  domain::PlanVersion to;
  std::vector<std::pair<int64_t, std::string>> names;  // trainee id -> name as the actor sees it
};
Result<PlanVersionPair> GetPlanVersionPair(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id, int64_t from, int64_t to);

// Every kept plan version of a class with the names its rosters name (GET plan-versions).
struct PlanVersionList {
  std::vector<domain::PlanVersion> versions;
  std::vector<std::pair<int64_t, std::string>> names;
};
Result<PlanVersionList> ListPlanVersionsNamed(const AppContext& ctx, const Actor& actor,
                                              int64_t class_id);

// Names of the people on the kept versions' rosters, as the actor sees them (app::NameFor).
Result<std::vector<std::pair<int64_t, std::string>>> TraineeNames(const AppContext& ctx,
                                                                  ports::StoreTx& tx,
                                                                  const Actor& actor,
                                                                  int64_t institution_id,
                                                                  const std::vector<int64_t>& ids);

}  // namespace anpei::app
