// Use cases of the review (三（一）2, domain.md §3) up to `approved`, one per transition:
//   declared → approved | returned | rejected   ReviewClass   the district's reviewer, city bureau
//   declared → draft                            WithdrawClass the institution, before a decision
//   returned → declared                         DeclareClass (app/classes.h) declares again
//   draft → (deleted)                           DeleteDraft   the institution
// Each is one store transaction, authorised (401 / 404 outside scope, word for word the answer
// for a missing class / 403 for a role that sees the class but may not do this) and audited.
//
// A transition the class's state does not allow answers Conflict (field "state", reason
// class.state_conflict) naming the current state in Chinese ("当前状态：已批准"); a stale version
// answers Conflict (field "version"). The state change is an UPDATE … WHERE version = ?, so of two
// concurrent decisions on one class exactly one wins and the other gets one of these conflicts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/model.h"

namespace anpei::app {

struct ReviewInput {
  std::string decision;  // approve | return | reject
  std::string reason;    // required for return and reject, at most 500 characters
  int64_t version = 0;   // the class version the reviewer saw
};

// Decides on a declared class: records the decision (reviewer, time, reason, the plan version
// decided on, a random verification code for the approval form) and moves the class to approved,
// returned or rejected. Audited as class.review.approve / .return / .reject.
Result<domain::TrainingClass> ReviewClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                          ReviewInput input);

// The institution takes its declared class back to draft before a reviewer decided
// (class.withdraw).
Result<domain::TrainingClass> WithdrawClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                            int64_t version);

// The institution deletes its draft with its plan, teachers and roster (class.delete). Declared or
// later: Conflict naming the state. A draft that a reviewer once decided on (returned, declared
// again, withdrawn) keeps its history and cannot be deleted (Conflict, reason class.has_decisions).
Status DeleteDraft(const AppContext& ctx, const Actor& actor, int64_t id, int64_t version);

// Every decision on the class, newest first; authorised like reading the class.
Result<std::vector<domain::ClassDecision>> ListDecisions(const AppContext& ctx, const Actor& actor,
                                                         int64_t id);

// The Conflict for a transition `action` ("审核", "撤回", "删除") that the state of `cls` does not
// allow, naming the state it needs.
Status StateConflict(const domain::TrainingClass& cls, std::string_view action,
                     domain::ClassState needed);

}  // namespace anpei::app
