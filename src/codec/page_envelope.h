// The list envelope shared by every paged endpoint (docs/openapi.yaml, Page), for the codec's own
// .cc files (it includes Boost.JSON, which stays out of the codec's public headers):
// {"items":[…], "total":N, "total_exact":bool, "page":N|null, "page_size":N, "next_cursor":…|null}
// `page` is null when the page was asked for by cursor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "ports/page.h"

namespace anpei::codec {

// The envelope around already-mapped items.
boost::json::object PageEnvelope(boost::json::array items, int64_t total, bool total_exact,
                                 const ports::Page& page, std::optional<int64_t> next);

template <typename T, typename F>
std::string PageToJson(const ports::PageOf<T>& page, F&& item) {
  boost::json::array items;
  for (const auto& x : page.items) items.push_back(item(x));
  return boost::json::serialize(
      PageEnvelope(std::move(items), page.total, page.total_exact, page.page, page.next));
}

}  // namespace anpei::codec
