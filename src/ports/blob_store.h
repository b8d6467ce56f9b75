// Port: the blob store — files people upload (spot-check photos now; selfies, sign-in sheets,
// evidence photos and videos in the attendance and evidence issues). Content-addressed: a blob
// is named by the SHA-256 of its bytes (lower-case hex), so the same file stored twice is kept
// once, and a name says what the bytes are. Rows in the database refer to blobs by that name;
// the store itself knows no classes, visits or owners.
//
// Writing is streamed: Begin() gives a BlobWriter, Write() takes the bytes in chunks as they
// arrive (never the whole file in memory), Commit() checks the kind's rules and makes the blob
// visible atomically (a reader sees all of it or nothing). A writer destroyed without Commit()
// leaves nothing behind. A blob written while the database transaction that refers to it fails
// stays unreferenced; it is harmless (content-addressed) and a sweep may remove it.
//
// Adapters: adapters/blob/fs_blob_store (a directory on local disk). Another backend (an
// S3-compatible object store) is one more adapter of this interface (docs/architecture.md, "The
// blob store"). Implementations are thread-safe; a writer is used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

// What a kind of upload may be: its size limit and the MIME types allowed, as sniffed from the
// bytes (never the file name or the client's Content-Type).
struct BlobRules {
  std::string kind;  // "spot_check_photo", for messages and logs
  int64_t max_bytes = 0;
  std::vector<std::string> mime_types;  // e.g. {"image/jpeg", "image/png"}
};

struct BlobRef {
  std::string sha256;  // lower-case hex, the blob's name
  int64_t size = 0;
  std::string mime;  // as sniffed
};

class BlobWriter {
 public:
  virtual ~BlobWriter() = default;  // without Commit: discards what was written
  // Appends bytes. PayloadTooLarge (field "file", reason blob.too_large) once the total passes
  // the rules' max_bytes; Unavailable when the storage cannot be written.
  virtual Status Write(std::string_view chunk) = 0;
  // Checks the type and publishes the blob: InvalidArgument (field "file", reason blob.type)
  // when the sniffed MIME type is not one the rules allow, or the file is empty (reason
  // blob.empty). Storing a blob that already exists succeeds and keeps one copy.
  virtual Result<BlobRef> Commit() = 0;
};

// Reads a stored blob piece by piece (large videos answered with Range, never whole in memory).
class BlobReader {
 public:
  virtual ~BlobReader() = default;
  virtual int64_t Size() const = 0;
  // Up to `n` bytes from `offset` (fewer only at the end).
  virtual Result<std::string> ReadAt(int64_t offset, size_t n) = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // A reader of the blob; NotFound when no blob has that name.
  virtual Result<std::unique_ptr<BlobReader>> Open(std::string_view sha256) const = 0;

  // Resumable uploads (tus, app/evidence_uploads.h): the bytes received so far of an upload under
  // way, kept under its id (a random token: letters, digits, '-', '_'; 16–64 characters) apart
  // from the blobs and appended request by request, then sealed (hashed, sniffed, checked against
  // the rules like a streamed write) and published as a blob. An S3-compatible adapter keeps the
  // partial on local disk too (or uses multipart uploads) and publishes by uploading it.
  virtual Status CreatePartial(std::string_view upload_id) const = 0;
  // Bytes received so far; NotFound when there is no such partial.
  virtual Result<int64_t> PartialSize(std::string_view upload_id) const = 0;
  // Appends `bytes` at `offset`, durably (fdatasync) before returning. Conflict (field
  // Upload-Offset, reason evidence.offset_mismatch) when the partial's size is not `offset` or
  // another append to it is under way; nothing is appended then.
  virtual Status AppendPartial(std::string_view upload_id, int64_t offset,
                               std::string_view bytes) const = 0;
  // A reader of the partial's bytes (a photo is decoded from them before anything is kept).
  virtual Result<std::unique_ptr<BlobReader>> OpenPartial(std::string_view upload_id) const = 0;
  // A local file holding the partial's bytes, for analysers that read files (ports/video_probe.h).
  virtual Result<std::filesystem::path> PartialPath(std::string_view upload_id) const = 0;
  // Hashes the partial (streamed), sniffs its type and checks it against `rules` (errors as
  // BlobWriter::Write and Commit); publishes nothing.
  virtual Result<BlobRef> SealPartial(std::string_view upload_id, const BlobRules& rules) const = 0;
  // Makes the sealed partial the blob `ref` names (kept once when it already exists) and removes
  // the partial.
  virtual Status PublishPartial(std::string_view upload_id, const BlobRef& ref) const = 0;
  // Drops a partial (an abandoned or refused upload); OK when there is none.
  virtual Status RemovePartial(std::string_view upload_id) const = 0;

  virtual Result<std::unique_ptr<BlobWriter>> Begin(const BlobRules& rules) const = 0;
  // The whole blob (for blobs small enough to answer in one response: photos). NotFound when no
  // blob has that name; InvalidArgument for a name that is not 64 hex digits.
  virtual Result<std::string> Read(std::string_view sha256) const = 0;
  virtual Result<bool> Exists(std::string_view sha256) const = 0;
};

// Writes `bytes` through a writer in chunks of 64 KiB and commits: for callers that already hold
// the upload in memory (the HTTP layer's size-limited bodies).
inline Result<BlobRef> PutBlob(const BlobStore& store, const BlobRules& rules,
                               std::string_view bytes) {
  ANPEI_ASSIGN_OR_RETURN(auto writer, store.Begin(rules));
  constexpr size_t kChunk = 64 * 1024;
  for (size_t at = 0; at < bytes.size(); at += kChunk) {
    ANPEI_RETURN_IF_ERROR(writer->Write(bytes.substr(at, kChunk)));
  }
  return writer->Commit();
}

}  // namespace anpei::ports
