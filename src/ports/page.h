// Paging for the repositories' lists: a page of items, a bounded total, and the key to continue
// from. Two ways to ask for a page:
//  - keyset (`after` set, from the opaque cursor of the previous answer): the rows after that key
//    in the list's order, found through an index — the same cost on the last page as on the first;
//  - page numbers (`page`, kept for compatibility): LIMIT/OFFSET, whose cost grows with the page.
// Every answer carries `next` (the key after which the next page starts; empty on the last page),
// so a client may start with page numbers and continue by cursor.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace anpei::ports {

// Totals count matching rows only up to this many (or up to the end of the requested page, when
// paging by number beyond it): counting every match of a list with 100 000 rows on each request
// would cost more than the page itself. `total_exact` says whether the count reached the end.
inline constexpr int64_t kTotalCountLimit = 1000;

struct Page {
  Page() = default;
  Page(int64_t page_number, int64_t size, std::optional<int64_t> after_key = std::nullopt)
      : page(page_number), page_size(size), after(after_key) {}

  int64_t page = 1;  // 1-based; ignored when `after` is set
  int64_t page_size = 20;
  std::optional<int64_t> after;  // keyset: the sort key of the last row already seen
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  int64_t total = 0;        // matching rows over all pages, counted up to the limit above
  bool total_exact = true;  // false: there are more than `total`
  Page page;
  std::optional<int64_t> next;  // sort key of the last item, when more rows follow
};

}  // namespace anpei::ports
