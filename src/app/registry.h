// Use cases of the registry: districts, training institutions, their teachers, and trainees
// (domain.md §1, §3 三（一）1). Each call is one store transaction. Validation errors are
// InvalidArgument naming the field, with a Chinese message; an unknown id is NotFound; a duplicate
// USCC or ID number is Conflict; a stale version is Conflict (field "version").
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "app/context.h"
#include "domain/model.h"

namespace anpei::app {

Result<std::vector<domain::District>> ListDistricts(const AppContext& ctx, const Actor& actor);
Result<domain::District> CreateDistrict(const AppContext& ctx, const Actor& actor,
                                        domain::District input);

Result<ports::PageOf<domain::Institution>> ListInstitutions(const AppContext& ctx,
                                                            const Actor& actor,
                                                            const ports::InstitutionFilter& filter,
                                                            ports::Page page);
Result<domain::Institution> GetInstitution(const AppContext& ctx, const Actor& actor, int64_t id);
// The lists' pages inside the caller's transaction, with the same roles and scope (the exports
// walk these).
Result<ports::PageOf<domain::Institution>> ListInstitutionsIn(
    const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
    const ports::InstitutionFilter& filter, ports::Page page);
Result<ports::PageOf<domain::Teacher>> ListTeachersIn(const AppContext& ctx, ports::StoreTx& tx,
                                                      const Actor& actor,
                                                      const ports::TeacherFilter& filter,
                                                      ports::Page page);
Result<ports::PageOf<domain::Trainee>> ListTraineesIn(const AppContext& ctx, ports::StoreTx& tx,
                                                      const Actor& actor,
                                                      const ports::TraineeFilter& filter,
                                                      ports::Page page);
// Creates from name, uscc, district_code and address of `input`.
Result<domain::Institution> CreateInstitution(const AppContext& ctx, const Actor& actor,
                                              domain::Institution input);
// Replaces name, uscc, district_code and address of institution `id` if it is still at `version`.
Result<domain::Institution> UpdateInstitution(const AppContext& ctx, const Actor& actor, int64_t id,
                                              domain::Institution input, int64_t version);
// A credit code failing only its GB 32100 check character is accepted by Create/Update with
// uscc_status pending_confirmation (a warning; the institution cannot declare classes). The city
// bureau confirms ("confirm") or refuses ("refuse", reason required) it; audited as
// institution.uscc_confirm / institution.uscc_refuse. Conflict (field uscc_status) for an
// institution whose code is valid, Conflict (field version) when `version` is stale.
struct UsccDecision {
  std::string decision;
  std::string reason;
  int64_t version = 0;
};
Result<domain::Institution> DecideLegacyUscc(const AppContext& ctx, const Actor& actor, int64_t id,
                                             const UsccDecision& decision);

Result<ports::PageOf<domain::Teacher>> ListTeachers(const AppContext& ctx, const Actor& actor,
                                                    const ports::TeacherFilter& filter,
                                                    ports::Page page);
// Shows the full ID number: the look is audited (teacher.reveal).
Result<domain::Teacher> GetTeacher(const AppContext& ctx, const Actor& actor, int64_t id);
Result<domain::Teacher> CreateTeacher(const AppContext& ctx, const Actor& actor,
                                      domain::Teacher input);
// A teacher stays with the institution that registered them; institution_id is not changed.
Result<domain::Teacher> UpdateTeacher(const AppContext& ctx, const Actor& actor, int64_t id,
                                      domain::Teacher input, int64_t version);

// An institution lists the people it has its own record of (phone and group its record's); a
// reviewer the people known to an institution of the district; the others everyone.
Result<ports::PageOf<domain::Trainee>> ListTrainees(const AppContext& ctx, const Actor& actor,
                                                    const ports::TraineeFilter& filter,
                                                    ports::Page page);
// Shows the full ID number and phone: the look is audited (trainee.reveal). An institution sees a
// person only while it has its own record of them (404 otherwise, as for a missing id).
Result<domain::Trainee> GetTrainee(const AppContext& ctx, const Actor& actor, int64_t id);

// A trainee as registered or edited (for an institution: its own view, enrolment.h OwnView).
struct TraineeOutcome {
  domain::Trainee trainee;
};
// An institution enrols a person by identity (enrolment.h): the answer is the same whether the
// person was known before or not, under the name given or another; a name that differs from the
// one on record is also held for a reviewer, unseen by the institution. The city bureau registers
// a person directly (Conflict when known).
Result<TraineeOutcome> CreateTrainee(const AppContext& ctx, const Actor& actor,
                                     domain::Trainee input);
// An institution edits its own record (phone, group, name as it sees it; `version` is the
// record's); a name that differs from the person's is held for a reviewer as when enrolling, a
// different ID number refused (trainee.identity_locked). The city bureau edits the person.
Result<TraineeOutcome> UpdateTrainee(const AppContext& ctx, const Actor& actor, int64_t id,
                                     domain::Trainee input, int64_t version);

// Field checks shared with the class use cases (roster import). Each returns InvalidArgument
// naming `field` (prefixed by `path` when not empty).
Status CheckTraineeFields(const AppContext& ctx, domain::Trainee& t, const std::string& path);
// Every fault of the trainee's fields (name, id_number, phone, group, in that order), each field
// normalised as CheckTraineeFields does; empty when all hold.
std::vector<Status> TraineeFieldFaults(const AppContext& ctx, domain::Trainee& t,
                                       const std::string& path);
// Text: non-empty after trimming (when required) and at most max_chars characters.
// Normalised first (ctx.text: NFKC, invisible characters removed, spaces trimmed); the length
// counts characters.
Status CheckText(const AppContext& ctx, std::string& value, const std::string& field,
                 std::string_view label, size_t max_chars, bool required);
// Ids of the trainee groups of every policy (二（一）).
bool IsKnownTraineeGroup(const ReferenceData& ref, std::string_view group);

}  // namespace anpei::app
