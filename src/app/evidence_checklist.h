// The evidence checklist of a class (issue 14, Deliver 5; domain/evidence_checklist.h): the
// class's plan, its evidence items with the problems their decoders found (app::LoadEvidence), its
// approved paper sign-in exceptions with their files, and its online learning status (the platform
// it chose, each trainee's accepted online class hours) put through domain::BuildChecklist.
//
// Who: the readers of the class's evidence (app::kEvidenceReaders: its institution, the police of
// its district, the city bureau, 人社, auditors); anyone else 403, or 404 for a class out of scope
// (as for a missing one). Read-only; the export is audited (app/export.h).
#pragma once

#include <cstdint>

#include "app/context.h"
#include "domain/evidence_checklist.h"

namespace anpei::app {

// GET /classes/{id}/evidence/checklist: one read transaction.
Result<domain::Checklist> GetEvidenceChecklist(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id);
// The same inside the caller's transaction (the XLSX export).
Result<domain::Checklist> EvidenceChecklistIn(const AppContext& ctx, ports::StoreTx& tx,
                                              const Actor& actor, int64_t class_id);

}  // namespace anpei::app
