// The ids a route carries in its path and query, parsed one way for every route: a path id that
// is not a positive integer answers 404 like a missing target (reason id.not_found, the field
// naming the parameter), so a malformed id reveals nothing a missing one does not; a query id
// that is not a positive integer is 400 naming the key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/http_types.h"

namespace anpei::http {

// `text` as a positive integer; 404 "<what>「text」不存在（编号应为正整数）" (field `field`)
// otherwise.
Result<int64_t> PositiveId(std::string_view text, std::string_view what,
                           std::string_view field = "id");
// Path parameter "id" (or `param`) as above; `what` names the target in Chinese (培训班, 案件, …).
Result<int64_t> PathId(const HttpRequest& req, std::string_view what);
Result<int64_t> PathId(const HttpRequest& req, const std::string& param, std::string_view what);
// Query parameter `key`: absent or empty → nullopt; otherwise a positive integer or 400 naming it.
Result<std::optional<int64_t>> QueryId(const HttpRequest& req, const std::string& key);
// Query parameter `key` when present and not empty.
std::optional<std::string> QueryText(const HttpRequest& req, const std::string& key);
// Query parameter dry_run of the imports: absent, "false" or "0" → false; "true", "1" or empty →
// true; anything else 400 naming dry_run.
Result<bool> DryRun(const HttpRequest& req);

}  // namespace anpei::http
