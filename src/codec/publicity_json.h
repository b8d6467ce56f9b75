// JSON of publicity batches and objections (app/publicity.h; docs/openapi.yaml
// "PublicityBatch", "PublicityBatchDetail", "PublicPublicityBatch", "Objection",
// "PublicObjection"). Parsers: 400 naming the field.
#pragma once

#include <string>
#include <string_view>

#include "app/publicity.h"
#include "base/status.h"

namespace anpei::codec {

std::string BatchesToJson(const ports::PageOf<domain::PublicityBatch>& page);
std::string BatchViewToJson(const app::BatchView& view);
// The public list: masked entries, no person ids, no objections.
std::string PublicBatchesToJson(const ports::PageOf<app::PublicBatch>& page);
std::string ObjectionsToJson(const ports::PageOf<domain::Objection>& page);
// Staff: the contact as the use case left it (masked).
std::string ObjectionToJson(const domain::Objection& o);
std::string ObjectionCaseToJson(const app::ObjectionCase& out);
// What the objector sees (on filing, and by receipt): status, reasons; never the contact.
std::string PublicObjectionToJson(const domain::Objection& o);

// {"title":"…"?, "class_ids":[N, …]}
Result<app::OpenBatchInput> ParseOpenBatch(std::string_view body);
// {"version":N}
Result<int64_t> ParseBatchVersion(std::string_view body);
// {"entry_id":N?, "class_id":N?, "contact":"…", "text":"…"} (batch_id from the path)
Result<app::ObjectionInput> ParseObjection(std::string_view body, int64_t batch_id);
// {"decision":"upheld"|"dismissed","reason":"…","version":N}
Result<app::ResolveInput> ParseResolve(std::string_view body);
// {"summary":"…","details":"…"}
struct ObjectionCaseInput {
  std::string summary, details;
};
Result<ObjectionCaseInput> ParseObjectionCase(std::string_view body);

}  // namespace anpei::codec
