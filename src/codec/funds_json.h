// JSON of fund requests, their lines and clawbacks (app/funds.h; docs/openapi.yaml "FundRequest",
// "FundRequestDetail", "FundLine", "Clawback"). Amounts are whole yuan (`*_yuan`). Parsers: 400
// naming the field.
#pragma once

#include <string>
#include <string_view>

#include "app/funds.h"
#include "base/status.h"

namespace anpei::codec {

std::string FundRequestsToJson(const ports::PageOf<ports::FundRequestRecord>& page);
std::string FundRequestViewToJson(const app::FundRequestView& view);
std::string FundLineViewToJson(const app::FundLineView& view);
std::string ResultImportToJson(const app::ResultImportOutcome& out);
std::string ClawbackListToJson(const app::ClawbackList& list);
std::string ClawbackViewToJson(const app::ClawbackView& view);

// {"class_ids":[1,2]}
Result<app::CreateFundRequestInput> ParseCreateFundRequest(std::string_view body);
// {"decision":"approve"|"confirm"|"return","reason":"…","version":N} (reason optional)
Result<app::FundDecisionInput> ParseFundDecision(std::string_view body);
// {"kind":"social_security_card"|"other","account":"…","version":N}
Result<app::PayeeInput> ParsePayee(std::string_view body);
// {"amount_yuan":N,"recovered_on":"YYYY-MM-DD","reference":"…","version":N}
Result<app::RecoveryInput> ParseRecovery(std::string_view body);

}  // namespace anpei::codec
