// JSON of a class's evidence (app/evidence.h; docs/openapi.yaml, EvidenceItem): the items with
// their photo or video report and problems. Times are RFC 3339 in the policy's local time.
#pragma once

#include <string>
#include <vector>

#include "app/evidence.h"

namespace anpei::codec {

std::string EvidenceItemToJson(const app::EvidenceView& v, int offset_minutes);
// PUT /evidence/{id}/legal-hold: {"hold": bool, "reason": string (required to set)}.
struct LegalHoldRequest {
  bool hold = false;
  std::string reason;
};
Result<LegalHoldRequest> ParseLegalHold(std::string_view body);

std::string EvidenceListToJson(const std::vector<app::EvidenceView>& items, int offset_minutes);

}  // namespace anpei::codec
