// Paging for the repositories' lists: a page of items with the total over all pages.
#pragma once

#include <cstdint>
#include <vector>

namespace anpei::ports {

struct Page {
  int64_t page = 1;  // 1-based
  int64_t page_size = 20;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  int64_t total = 0;  // matching rows over all pages
  Page page;
};

}  // namespace anpei::ports
