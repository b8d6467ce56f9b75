// Enrolment by identity (domain.md §7a; issue "Trust", deliver 1). A trainee is a person found by
// the blind index of the ID number; an institution enrols a person by name + ID number (+ phone,
// group), never by another institution's internal id, and gets its own record of them (the phone
// and group it gave). The answer does not depend on whether the person was known before, nor on
// the name (docs/architecture.md, "What an institution sees of a held enrolment"). A name that
// differs from the one on record is not an error and is not written over the person's: the
// institution's record keeps it (given_name) and the institution sees its enrolment as it typed
// it, while a held enrolment, seen only by a reviewer of the institution's district (or the city
// bureau), waits for confirmation or refusal; the institution is told of the decision by a notice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/context.h"
#include "domain/model.h"

namespace anpei::app {

struct Resolved {
  int64_t trainee_id = 0;
  bool mismatch = false;  // the person is known under another name: the caller files FileHeld
};

// Finds the person of `t` (fields already checked and normalised) or registers them, and gives
// institution `institution_id` its own record of them with t's phone and group (updating the
// record it already has). When the name differs from the person's, the record keeps the name
// given (the person's stays) and the answer is mismatch: the caller files a held enrolment
// (FileHeld) and answers exactly as otherwise.
Result<Resolved> ResolveIdentity(const AppContext& ctx, ports::StoreTx& tx, int64_t institution_id,
                                 const domain::Trainee& t);
// Files a held enrolment of person `trainee_id` as `t` (the institution's name, phone, group) for
// class `class_id` (none: a registration), or finds the one already open; audited
// (enrolment.hold). Returns its id.
Result<int64_t> FileHeld(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                         int64_t institution_id, std::optional<int64_t> class_id,
                         int64_t trainee_id, const domain::Trainee& t);
// The institution's view of a person: the person's name and ID number; phone, group, version and
// dates from the institution's own record.
domain::Trainee OwnView(domain::Trainee person, const domain::Enrolment& record);

// Held enrolments in the actor's scope (a reviewer: the district's; the city bureau: all). An
// institution may not list them (it would learn which of its enrolments were held).
Result<ports::PageOf<domain::HeldEnrolment>> ListHeldEnrolments(const AppContext& ctx,
                                                                const Actor& actor,
                                                                ports::HeldFilter filter,
                                                                ports::Page page);
// The same page inside the caller's transaction (the export walks it).
Result<ports::PageOf<domain::HeldEnrolment>> ListHeldEnrolmentsIn(const AppContext& ctx,
                                                                  ports::StoreTx& tx,
                                                                  const Actor& actor,
                                                                  ports::HeldFilter filter,
                                                                  ports::Page page);
// One held enrolment for a reviewer, with the name on record and the full ID number: audited
// (enrolment.reveal).
Result<domain::HeldEnrolment> GetHeldEnrolment(const AppContext& ctx, const Actor& actor,
                                               int64_t id);

enum class HeldDecision { kConfirm, kRefuse };
// The reviewer's decision on held enrolment `id` (at `version`). Confirm: the person's name becomes
// the one given, the institution's record shows it as the person's and the person stays on (or,
// for an enrolment held before migration 0012, joins, if still editable) the class's roster.
// Refuse (a reason is required, and may not contain the name on record): the person's record is
// untouched; when the institution's record still shows the refused name, the institution sees the
// person's name again if it had given it before, else its record and the person's places on its
// rosters are removed. Either way the institution gets a notice (enrolment.confirmed /
// enrolment.refused) naming the person only as it gave them. Conflict (field state, reason
// enrolment.decided) when already decided.
Result<domain::HeldEnrolment> DecideHeldEnrolment(const AppContext& ctx, const Actor& actor,
                                                  int64_t id, HeldDecision decision,
                                                  std::string reason, int64_t version);

// Notices to institutions in the actor's scope, newest first: an institution's user its own; a
// reviewer the district's; the city bureau all (filter narrowed as for other lists).
Result<ports::PageOf<domain::Notice>> ListNotices(const AppContext& ctx, const Actor& actor,
                                                  ports::NoticeFilter filter, ports::Page page);

}  // namespace anpei::app
