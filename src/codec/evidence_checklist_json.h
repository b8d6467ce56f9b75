// JSON of a class's evidence checklist (docs/openapi.yaml, "EvidenceChecklist"; issue 14
// Deliver 5): the counts by state, `complete`, and each item with its rule, clause, Chinese title
// and message, state id and name, the counted files, the files' problems and, for the session
// videos, the verdict's details (per class hour for practical sessions, covered seconds for
// theory sessions).
#pragma once

#include <string>

#include "domain/evidence_checklist.h"

namespace anpei::codec {

std::string ChecklistToJson(int64_t class_id, const domain::Checklist& checklist);

}  // namespace anpei::codec
