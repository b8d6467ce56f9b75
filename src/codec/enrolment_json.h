// JSON mapping of held enrolments (docs/openapi.yaml, HeldEnrolment): the list masks personal data
// (the names, ID number and phone); one held enrolment for a reviewer shows the given name, the
// name on record and the ID number in full (an audited look). The name on record is never in an
// institution's view (the app layer clears it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/enrolment.h"
#include "base/status.h"
#include "domain/model.h"
#include "ports/page.h"

namespace anpei::codec {

struct HeldDecisionInput {
  app::HeldDecision decision = app::HeldDecision::kConfirm;
  std::string reason;
  std::optional<int64_t> version;
};
// {"decision": "confirm" | "refuse", "reason": "…", "version": N}
Result<HeldDecisionInput> ParseHeldDecision(std::string_view body);

std::string HeldEnrolmentToJson(const domain::HeldEnrolment& held, bool mask);
std::string HeldEnrolmentsToJson(const ports::PageOf<domain::HeldEnrolment>& page);
// Notices to institutions (docs/openapi.yaml, Notice): id, institution_id, kind, message,
// created_at.
std::string NoticesToJson(const ports::PageOf<domain::Notice>& page);

}  // namespace anpei::codec
