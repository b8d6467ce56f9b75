#include "adapters/blob/fs_blob_store.h"

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/mutex.h"

namespace anpei::adapters {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSniffBytes = 64 * 1024;

Status IoError(const std::string& what, const std::string& path) {
  return Status(Code::kUnavailable,
                "文件存储不可用：" + what + " " + path + "（" + std::strerror(errno) + "）");
}

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  return out;
}

bool IsBlobName(std::string_view name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// libmagic's cookie is not thread-safe: one per process, behind a lock (sniffing 64 KiB takes
// well under a millisecond).
class Sniffer {
 public:
  Sniffer() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (cookie_ != nullptr && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~Sniffer() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  Sniffer(const Sniffer&) = delete;
  Sniffer& operator=(const Sniffer&) = delete;
  std::string Mime(std::string_view head) {
    MutexLock lock(mu_);
    if (cookie_ == nullptr || head.empty()) return "application/octet-stream";
    const char* type = magic_buffer(cookie_, head.data(), head.size());
    return type == nullptr ? "application/octet-stream" : type;
  }

 private:
  Mutex mu_;
  magic_t cookie_;
};

Sniffer& TheSniffer() {
  static Sniffer sniffer;
  return sniffer;
}

class FsBlobWriter final : public ports::BlobWriter {
 public:
  FsBlobWriter(std::string root, ports::BlobRules rules, int fd, std::string temp)
      : root_(std::move(root)), rules_(std::move(rules)), fd_(fd), temp_(std::move(temp)) {
    crypto_hash_sha256_init(&state_);
  }
  ~FsBlobWriter() override {
    if (fd_ >= 0) ::close(fd_);
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }
  FsBlobWriter(const FsBlobWriter&) = delete;
  FsBlobWriter& operator=(const FsBlobWriter&) = delete;

  Status Write(std::string_view chunk) override {
    if (fd_ < 0) return Status::Internal("blob writer used after commit");
    size_ += static_cast<int64_t>(chunk.size());
    if (size_ > rules_.max_bytes) {
      return Status(Code::kPayloadTooLarge, "文件过大：" + Limit() + "，请压缩后再上传", "file")
          .WithReason("blob.too_large");
    }
    if (head_.size() < kSniffBytes) {
      head_.append(chunk.substr(0, kSniffBytes - head_.size()));
    }
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(chunk.data()),
                              chunk.size());
    while (!chunk.empty()) {
      const ssize_t n = ::write(fd_, chunk.data(), chunk.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError("写入失败", temp_);
      }
      chunk.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }

  Result<ports::BlobRef> Commit() override {
    if (fd_ < 0) return Status::Internal("blob writer committed twice");
    if (size_ == 0) {
      return Status::Invalid("file", "文件为空，请重新选择").WithReason("blob.empty");
    }
    ports::BlobRef ref;
    ref.size = size_;
    ref.mime = SniffMime(head_);
    if (std::find(rules_.mime_types.begin(), rules_.mime_types.end(), ref.mime) ==
        rules_.mime_types.end()) {
      std::string allowed;
      for (const auto& m : rules_.mime_types) allowed += (allowed.empty() ? "" : "、") + m;
      return Status::Invalid("file", "文件内容不是允许的类型（应为 " + allowed + "，实际为 " +
                                         ref.mime + "）；请上传原始照片文件")
          .WithReason("blob.type");
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    ref.sha256 = Hex(digest, sizeof digest);
    if (::fsync(fd_) != 0) return IoError("同步失败", temp_);
    ::fchmod(fd_, 0640);
    ::close(fd_);
    fd_ = -1;
    const fs::path dir = fs::path(root_) / ref.sha256.substr(0, 2) / ref.sha256.substr(2, 2);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return IoError("无法创建目录", dir.string());
    const fs::path target = dir / ref.sha256;
    if (::rename(temp_.c_str(), target.c_str()) != 0) return IoError("无法保存", target.string());
    temp_.clear();
    if (int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
      ::fsync(d);
      ::close(d);
    }
    return ref;
  }

 private:
  std::string Limit() const {
    const int64_t mib = rules_.max_bytes / (1024 * 1024);
    return mib > 0 ? "不能超过 " + std::to_string(mib) + " MB"
                   : "不能超过 " + std::to_string(rules_.max_bytes) + " 字节";
  }

  std::string root_;
  ports::BlobRules rules_;
  int fd_;
  std::string temp_;
  crypto_hash_sha256_state state_{};
  int64_t size_ = 0;
  std::string head_;
};

bool IsUploadId(std::string_view id) {
  return id.size() >= 16 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

Status BadUploadId() { return Status::Invalid("upload_id", "上传编号无效"); }

Status OffsetMismatch(int64_t have, int64_t offset) {
  return Status(Code::kConflict,
                "上传进度不一致：服务器已收到 " + std::to_string(have) + " 字节，请求从第 " +
                    std::to_string(offset) + " 字节续传；请查询进度后继续",
                "Upload-Offset")
      .WithReason("evidence.offset_mismatch");
}

// A file descriptor closed on scope exit.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

class FsBlobReader final : public ports::BlobReader {
 public:
  FsBlobReader(int fd, int64_t size) : fd_(fd), size_(size) {}
  ~FsBlobReader() override { ::close(fd_); }
  FsBlobReader(const FsBlobReader&) = delete;
  FsBlobReader& operator=(const FsBlobReader&) = delete;
  int64_t Size() const override { return size_; }
  Result<std::string> ReadAt(int64_t offset, size_t n) override {
    std::string out(n, '\0');
    size_t got = 0;
    while (got < n) {
      const ssize_t r = ::pread(fd_, out.data() + got, n - got, static_cast<off_t>(offset + got));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return IoError("读取失败", "blob");
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    out.resize(got);
    return out;
  }

 private:
  int fd_;
  int64_t size_;
};

class FsBlobStore final : public ports::BlobStore {
 public:
  explicit FsBlobStore(std::string root) : root_(std::move(root)) {}

  Result<std::unique_ptr<ports::BlobReader>> Open(std::string_view sha256) const override {
    if (!IsBlobName(sha256)) return Status::Invalid("sha256", "文件名应为 64 位十六进制摘要");
    return OpenFile(PathOf(sha256), "sha256");
  }

  Status CreatePartial(std::string_view id) const override {
    if (!IsUploadId(id)) return BadUploadId();
    const std::string path = Partial(id);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return IoError("无法创建上传文件", path);
    ::close(fd);
    return Status::Ok();
  }

  Result<int64_t> PartialSize(std::string_view id) const override {
    if (!IsUploadId(id)) return BadUploadId();
    struct stat st {};
    if (::stat(Partial(id).c_str(), &st) != 0) {
      if (errno == ENOENT) return Status::NotFound("上传不存在或已过期", "upload_id");
      return IoError("无法读取", Partial(id));
    }
    return static_cast<int64_t>(st.st_size);
  }

  Status AppendPartial(std::string_view id, int64_t offset, std::string_view bytes) const override {
    if (!IsUploadId(id)) return BadUploadId();
    const std::string path = Partial(id);
    Fd f(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (f.fd < 0) {
      if (errno == ENOENT) return Status::NotFound("上传不存在或已过期", "upload_id");
      return IoError("无法打开", path);
    }
    // One append at a time: a second request for the same upload is told to ask for the offset.
    if (::flock(f.fd, LOCK_EX | LOCK_NB) != 0) return OffsetMismatch(-1, offset);
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) return IoError("无法读取", path);
    if (st.st_size != offset) return OffsetMismatch(st.st_size, offset);
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pwrite(f.fd, bytes.data() + done, bytes.size() - done,
                                 static_cast<off_t>(offset + static_cast<int64_t>(done)));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        Status st_err = IoError("写入失败", path);
        if (::ftruncate(f.fd, static_cast<off_t>(offset)) != 0) { /* best effort */
        }
        return st_err;
      }
      done += static_cast<size_t>(n);
    }
    if (::fdatasync(f.fd) != 0) {
      Status st_err = IoError("同步失败", path);
      if (::ftruncate(f.fd, static_cast<off_t>(offset)) != 0) { /* best effort */
      }
      return st_err;
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<ports::BlobReader>> OpenPartial(std::string_view id) const override {
    if (!IsUploadId(id)) return BadUploadId();
    return OpenFile(Partial(id), "upload_id");
  }

  Result<fs::path> PartialPath(std::string_view id) const override {
    if (!IsUploadId(id)) return BadUploadId();
    return fs::path(Partial(id));
  }

  Result<ports::BlobRef> SealPartial(std::string_view id,
                                     const ports::BlobRules& rules) const override {
    if (!IsUploadId(id)) return BadUploadId();
    const std::string path = Partial(id);
    Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (f.fd < 0) return Status::NotFound("上传不存在或已过期", "upload_id");
    crypto_hash_sha256_state state{};
    crypto_hash_sha256_init(&state);
    std::string head;
    std::string buf(1 << 20, '\0');
    int64_t size = 0;
    for (;;) {
      const ssize_t n = ::read(f.fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError("读取失败", path);
      if (n == 0) break;
      if (head.size() < kSniffBytes) {
        head.append(buf.data(), std::min(static_cast<size_t>(n), kSniffBytes - head.size()));
      }
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                                static_cast<size_t>(n));
      size += n;
    }
    ports::BlobRef ref;
    ref.size = size;
    if (size == 0) return Status::Invalid("file", "文件为空，请重新选择").WithReason("blob.empty");
    if (size > rules.max_bytes) {
      return Status(Code::kPayloadTooLarge,
                    "文件过大：不能超过 " + std::to_string(rules.max_bytes / (1024 * 1024)) + " MB",
                    "file")
          .WithReason("blob.too_large");
    }
    ref.mime = SniffMime(head);
    if (std::find(rules.mime_types.begin(), rules.mime_types.end(), ref.mime) ==
        rules.mime_types.end()) {
      std::string allowed;
      for (const auto& m : rules.mime_types) allowed += (allowed.empty() ? "" : "、") + m;
      return Status::Invalid("file", "文件内容不是允许的类型（应为 " + allowed + "，实际为 " +
                                         ref.mime + "）；请上传原始文件")
          .WithReason("blob.type");
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    ref.sha256 = Hex(digest, sizeof digest);
    return ref;
  }

  Status PublishPartial(std::string_view id, const ports::BlobRef& ref) const override {
    if (!IsUploadId(id)) return BadUploadId();
    if (!IsBlobName(ref.sha256)) return Status::Internal("bad blob name");
    const std::string path = Partial(id);
    const fs::path dir = fs::path(root_) / ref.sha256.substr(0, 2) / ref.sha256.substr(2, 2);
    const fs::path target = dir / ref.sha256;
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) {  // the same bytes are kept already: once
      ::unlink(path.c_str());
      return Status::Ok();
    }
    {
      Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (f.fd < 0) return Status::NotFound("上传不存在或已过期", "upload_id");
      if (::fsync(f.fd) != 0) return IoError("同步失败", path);
      ::fchmod(f.fd, 0640);
    }
    fs::create_directories(dir, ec);
    if (ec) return IoError("无法创建目录", dir.string());
    if (::rename(path.c_str(), target.c_str()) != 0) return IoError("无法保存", target.string());
    if (int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
      ::fsync(d);
      ::close(d);
    }
    return Status::Ok();
  }

  Status RemovePartial(std::string_view id) const override {
    if (!IsUploadId(id)) return BadUploadId();
    if (::unlink(Partial(id).c_str()) != 0 && errno != ENOENT) {
      return IoError("无法删除", Partial(id));
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<ports::BlobWriter>> Begin(const ports::BlobRules& rules) const override {
    std::string temp = root_ + "/tmp/upload-XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) return IoError("无法创建临时文件", root_ + "/tmp");
    return std::unique_ptr<ports::BlobWriter>(
        std::make_unique<FsBlobWriter>(root_, rules, fd, std::move(temp)));
  }

  Result<std::string> Read(std::string_view sha256) const override {
    if (!IsBlobName(sha256)) return Status::Invalid("sha256", "文件名应为 64 位十六进制摘要");
    std::ifstream in(PathOf(sha256), std::ios::binary);
    if (!in) return Status::NotFound("文件不存在", "sha256");
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) return IoError("读取失败", PathOf(sha256));
    return std::move(out).str();
  }

  Result<bool> Exists(std::string_view sha256) const override {
    if (!IsBlobName(sha256)) return Status::Invalid("sha256", "文件名应为 64 位十六进制摘要");
    std::error_code ec;
    return fs::is_regular_file(PathOf(sha256), ec);
  }

 private:
  static Result<std::unique_ptr<ports::BlobReader>> OpenFile(const std::string& path,
                                                             const char* field) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound("文件不存在", field);
      return IoError("无法打开", path);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      return IoError("无法读取", path);
    }
    return std::unique_ptr<ports::BlobReader>(std::make_unique<FsBlobReader>(fd, st.st_size));
  }
  std::string Partial(std::string_view id) const { return root_ + "/partial/" + std::string(id); }
  std::string PathOf(std::string_view sha256) const {
    return root_ + "/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256.substr(2, 2)) +
           "/" + std::string(sha256);
  }
  std::string root_;
};

}  // namespace

std::string SniffMime(std::string_view head) { return TheSniffer().Mime(head); }

Result<std::shared_ptr<ports::BlobStore>> OpenFsBlobStore(const std::string& root) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  std::error_code ec;
  fs::create_directories(fs::path(root) / "tmp", ec);
  if (!ec) fs::create_directories(fs::path(root) / "partial", ec);
  if (ec) {
    return Status(Code::kUnavailable, "无法创建文件存储目录 " + root + "：" + ec.message(),
                  "--blob-dir");
  }
  // Uploads a crash interrupted: never published, so nothing refers to them.
  for (const auto& entry : fs::directory_iterator(fs::path(root) / "tmp", ec)) {
    fs::remove(entry.path(), ec);
  }
  if (::access(root.c_str(), W_OK) != 0) {
    return Status(Code::kUnavailable, "文件存储目录 " + root + " 不可写", "--blob-dir");
  }
  return std::shared_ptr<ports::BlobStore>(std::make_shared<FsBlobStore>(root));
}

}  // namespace anpei::adapters
