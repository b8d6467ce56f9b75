// The paging query parameters ?page=&page_size=&cursor= of every list endpoint
// (docs/openapi.yaml). A cursor is opaque to clients: they only pass back the next_cursor of the
// previous answer. The answer's envelope is in page_envelope.h (codec-internal, Boost.JSON).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ports/page.h"

namespace anpei::codec {

// ?page=&page_size=&cursor= (defaults 1 and 20, page_size at most 100). A cursor takes precedence
// over page; one that is not a next_cursor of this server is InvalidArgument (field "cursor").
Result<ports::Page> ParsePage(const std::map<std::string, std::string>& query);

std::string EncodeCursor(int64_t key);
Result<int64_t> DecodeCursor(std::string_view cursor);

}  // namespace anpei::codec
