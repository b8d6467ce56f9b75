// Excel's shared-string table (xl/sharedStrings.xml) kept on disk, so reading a workbook takes the
// same memory at ten thousand rows as at a million (issue 10: "design it for a million rows").
// Excel writes every text cell of every sheet into this one table and the cells refer to it by
// index, so it cannot be streamed past like the sheet's rows: it is written once, in file order,
// into two temporary files — the texts end to end, and each text's end offset (8 bytes, so text
// i is [end[i-1], end[i]) ) — and looked up with pread, a 16 KiB window of each file at a time (a
// sheet mostly asks for the next text). A small direct-mapped cache of recent lookups serves the
// texts a column repeats (a group, a gender) without a read; the kernel's page cache does the
// rest. Memory: two 64 KiB write buffers, the two windows and the cache (at most kCacheSlots texts
// of at most max_text_bytes + 1 bytes each), whatever the table's size. Disk: the texts plus 8
// bytes a string, bounded by the caller's inflate budget (SheetLimits::max_inflated_bytes).
//
// The files are created in the temporary directory ($TMPDIR, else /tmp) and unlinked at once:
// only this object's descriptors keep them, so they disappear when it is destroyed — on success,
// on an error, on an exception — and even when the process dies.
//
// Not thread-safe (one workbook is read by one thread).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace anpei::adapters {

class SharedStringTable {
 public:
  static constexpr size_t kCacheSlots = 1024;

  // Texts longer than max_text_bytes are never loaded whole (see Get). Unavailable when the
  // temporary files cannot be created.
  static Result<std::unique_ptr<SharedStringTable>> Create(size_t max_text_bytes);
  SharedStringTable(const SharedStringTable&) = delete;
  SharedStringTable& operator=(const SharedStringTable&) = delete;
  ~SharedStringTable();

  // Building, in the table's order: the pieces of the current text (a rich-text string comes in
  // several runs), then End() to close it. Unavailable when the temporary directory is full.
  Status Append(std::string_view piece);
  Status End();
  int64_t size() const { return count_; }

  // Text `index` (0-based); nullopt when the table has no such entry. A text longer than
  // max_text_bytes comes back cut to max_text_bytes + 1 bytes: long enough for the caller's
  // length check to refuse it, without reading a huge text into memory.
  Result<std::optional<std::string>> Get(int64_t index);

 private:
  struct Slot {
    int64_t index = -1;
    std::string text;
  };
  // The last block read from one file. Excel numbers the shared strings in the order they are
  // first used, so a sheet mostly asks for the text after the last one: already in the window.
  // The files only grow, so a window never goes stale.
  struct Window {
    uint64_t begin = 0;
    std::string bytes;
  };
  SharedStringTable(int texts_fd, int ends_fd, size_t max_text_bytes)
      : texts_fd_(texts_fd), ends_fd_(ends_fd), max_text_bytes_(max_text_bytes) {}
  Status Flush();
  // Bytes [offset, offset + size) of a file of `file_size` bytes into `out`, through `window`.
  Status ReadThrough(int fd, Window& window, uint64_t file_size, uint64_t offset, size_t size,
                     char* out);

  int texts_fd_ = -1;
  int ends_fd_ = -1;
  size_t max_text_bytes_;
  std::string texts_buffer_, ends_buffer_;  // written, not yet flushed
  uint64_t texts_bytes_ = 0;                // all text bytes appended so far
  int64_t count_ = 0;                       // texts ended so far
  std::vector<Slot> cache_;                 // by index % kCacheSlots
  Window texts_window_, ends_window_;
};

}  // namespace anpei::adapters
