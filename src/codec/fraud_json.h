// JSON of fraud cases and the credit blacklist (app/fraud_cases.h, app/blacklist.h;
// docs/openapi.yaml "Case", "CaseDetail", "BlacklistEntry"). Parsers: 400 naming the field.
#pragma once

#include <string>
#include <string_view>

#include "app/blacklist.h"
#include "app/fraud_cases.h"
#include "base/status.h"

namespace anpei::codec {

std::string CasesToJson(const ports::PageOf<domain::CaseRecord>& page);
std::string CaseViewToJson(const app::CaseView& view);
std::string BlacklistToJson(const ports::PageOf<domain::BlacklistEntry>& page);
std::string BlacklistEntryToJson(const domain::BlacklistEntry& entry);

// {"source":"signal"|"report","summary":"…","details":"…"}
Result<app::OpenCaseInput> ParseOpenCase(std::string_view body);
// {"findings":"…","version":N}
struct Findings {
  std::string findings;
  int64_t version = 0;
};
Result<Findings> ParseInvestigation(std::string_view body);
// {"text":"…"}
Result<std::string> ParseCaseResponse(std::string_view body);
// {"decision":"fraud"|"cleared","reason":"…","version":N}
Result<app::CaseDecisionInput> ParseCaseDecision(std::string_view body);
// {"reason":"…"}
Result<std::string> ParseLiftReason(std::string_view body);

}  // namespace anpei::codec
