// JSON mapping of online learning (docs/openapi.yaml "Online learning"): platforms, their tokens,
// a class's platform, a platform's push and its outcome, a class's online hours and records, the
// imports and their problems. Parsing never throws on bad input: every problem is an
// InvalidArgument naming the field (the JSON path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/online_imports.h"
#include "app/online_platforms.h"
#include "base/status.h"
#include "domain/online_learning.h"

namespace anpei::codec {

// {"name":"…","approved_by_hrss"?:bool,"active"?:bool}
Result<app::PlatformInput> ParsePlatformInput(std::string_view body);
// {"name"?:"…","approved_by_hrss"?:bool,"active"?:bool,"version"?:N}
Result<app::PlatformPatch> ParsePlatformPatch(std::string_view body);
// {"name":"…"}
Result<std::string> ParseTokenName(std::string_view body);
// {"platform_id":N|null}
Result<std::optional<int64_t>> ParseClassPlatform(std::string_view body);

// {"class_id":N,"records":[{"id_number","name","phone","course","started_at","ended_at",
//  "minutes","class_hours","face_captures","exam_score"?}]}; times RFC 3339 or local
// "YYYY-MM-DD HH:MM[:SS]" (China Standard Time at `offset_minutes`).
struct PushInput {
  int64_t class_id = 0;
  std::vector<domain::OnlineRow> rows;
};
Result<PushInput> ParsePushInput(std::string_view body, int offset_minutes);

std::string PlatformToJson(const domain::OnlinePlatform& p);
std::string PlatformsToJson(const std::vector<domain::OnlinePlatform>& list);
std::string TokenToJson(const domain::PlatformToken& t);
std::string TokensToJson(const std::vector<domain::PlatformToken>& list);
// The token's fields and "token": the secret, this once.
std::string IssuedTokenToJson(const app::IssuedPlatformToken& t);
std::string ClassPlatformToJson(const app::ClassPlatformView& v);
// {"received","accepted","duplicates"}; refused: the error object (reason
// online.records_refused) and "problems".
std::string PushOutcomeToJson(const app::PushOutcome& out);
std::string ClassOnlineToJson(const app::ClassOnline& c, int offset_minutes);

// An import: its fields, "records" (imported), "problems" (the first ones); refused: also the
// error object (reason online.import_refused).
std::string ImportOutcomeToJson(const app::OnlineImportOutcome& out);
std::string ImportsToJson(const std::vector<ports::OnlineImport>& list);
std::string ImportReportToJson(const app::OnlineImportReport& r);
// The row-by-row report as CSV (UTF-8 with a BOM, so Excel opens it as UTF-8).
std::string ImportReportToCsv(const app::OnlineImportReport& r);
// {"summary_evidence_id":N,"detail_evidence_id":N}
struct ImportByEvidence {
  int64_t summary_evidence_id = 0, detail_evidence_id = 0;
};
Result<ImportByEvidence> ParseImportByEvidence(std::string_view body);

}  // namespace anpei::codec
