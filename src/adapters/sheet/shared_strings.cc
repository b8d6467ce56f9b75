#include "adapters/sheet/shared_strings.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace anpei::adapters {
namespace {

constexpr size_t kBufferBytes = 64 << 10;
constexpr size_t kWindowBytes = 16 << 10;

Status TempFault(std::string_view what, int err) {
  return Status(Code::kUnavailable, "读取 Excel 共享文本需要的服务器临时文件" + std::string(what) +
                                        "（" + std::strerror(err) +
                                        "），请稍后再试或联系系统管理员检查临时目录");
}

// A file in the temporary directory that no name refers to: gone when `fd` is closed.
Result<int> AnonymousTempFile() {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);  // $TMPDIR, else /tmp
  if (ec) return TempFault("所在的目录不可用", ec.value());
  std::string path = (dir / "anpei-sst-XXXXXX").string();
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) return TempFault("无法创建", errno);
  ::unlink(path.c_str());
  return fd;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool ReadAt(int fd, void* out, size_t size, uint64_t offset) {
  auto* p = static_cast<char*>(out);
  while (size > 0) {
    const ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;  // shorter than written: never expected
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<SharedStringTable>> SharedStringTable::Create(size_t max_text_bytes) {
  ANPEI_ASSIGN_OR_RETURN(int texts, AnonymousTempFile());
  auto ends = AnonymousTempFile();
  if (!ends.ok()) {
    ::close(texts);
    return ends.status();
  }
  std::unique_ptr<SharedStringTable> table(new SharedStringTable(texts, *ends, max_text_bytes));
  table->cache_.resize(kCacheSlots);
  return table;
}

SharedStringTable::~SharedStringTable() {
  ::close(texts_fd_);
  ::close(ends_fd_);
}

Status SharedStringTable::Append(std::string_view piece) {
  texts_buffer_ += piece;
  texts_bytes_ += piece.size();
  return texts_buffer_.size() >= kBufferBytes ? Flush() : Status::Ok();
}

Status SharedStringTable::End() {
  ends_buffer_.append(reinterpret_cast<const char*>(&texts_bytes_), sizeof texts_bytes_);
  ++count_;
  return ends_buffer_.size() >= kBufferBytes ? Flush() : Status::Ok();
}

Status SharedStringTable::Flush() {
  for (auto [fd, buffer] : {std::pair{texts_fd_, &texts_buffer_}, {ends_fd_, &ends_buffer_}}) {
    if (buffer->empty()) continue;
    if (!WriteAll(fd, *buffer)) return TempFault("写入失败", errno);
    buffer->clear();
  }
  return Status::Ok();
}

Status SharedStringTable::ReadThrough(int fd, Window& window, uint64_t file_size, uint64_t offset,
                                      size_t size, char* out) {
  if (offset < window.begin || offset + size > window.begin + window.bytes.size()) {
    const uint64_t n = std::min<uint64_t>(std::max(size, kWindowBytes), file_size - offset);
    window.begin = offset;
    window.bytes.resize(n);
    if (!ReadAt(fd, window.bytes.data(), n, offset)) {
      window.bytes.clear();
      return TempFault("读取失败", errno);
    }
  }
  std::memcpy(out, window.bytes.data() + (offset - window.begin), size);
  return Status::Ok();
}

Result<std::optional<std::string>> SharedStringTable::Get(int64_t index) {
  if (index < 0 || index >= count_) return std::optional<std::string>();
  Slot& slot = cache_[static_cast<size_t>(index) % kCacheSlots];
  if (slot.index == index) return std::optional<std::string>(slot.text);
  if (!ends_buffer_.empty() || !texts_buffer_.empty()) ANPEI_RETURN_IF_ERROR(Flush());
  // The ends of texts index-1 and index (the first text begins at 0).
  uint64_t ends[2] = {0, 0};
  const bool first = index == 0;
  const uint64_t at = static_cast<uint64_t>(first ? 0 : index - 1) * sizeof(uint64_t);
  ANPEI_RETURN_IF_ERROR(ReadThrough(
      ends_fd_, ends_window_, static_cast<uint64_t>(count_) * sizeof(uint64_t), at,
      (first ? 1 : 2) * sizeof(uint64_t), reinterpret_cast<char*>(first ? &ends[1] : ends)));
  const uint64_t size = std::min<uint64_t>(ends[1] - ends[0], max_text_bytes_ + 1);
  slot.index = -1;
  slot.text.resize(size);
  ANPEI_RETURN_IF_ERROR(
      ReadThrough(texts_fd_, texts_window_, texts_bytes_, ends[0], size, slot.text.data()));
  slot.index = index;
  return std::optional<std::string>(slot.text);
}

}  // namespace anpei::adapters
