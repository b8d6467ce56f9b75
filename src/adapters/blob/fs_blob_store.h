// The blob store on local disk (ports/blob_store.h). Layout under the root directory:
//   ab/cd/abcd…(64 hex)   a blob, named by its SHA-256, read-only (0640)
//   tmp/upload-XXXXXX     a blob being written (same file system, so the rename is atomic)
// A write streams into a temporary file while hashing (libsodium SHA-256) and counting; Commit
// sniffs the MIME type from the first bytes with libmagic, fsyncs the file, renames it to its
// name and fsyncs the directory, so a blob is either complete under its name or absent, even
// across a crash. Leftover temporary files (a crash mid-upload) are removed at start.
#pragma once

#include <memory>
#include <string>

#include "ports/blob_store.h"

namespace anpei::adapters {

// Opens (creating if needed) the store rooted at `root`. Unavailable naming the directory when
// it cannot be created or written.
Result<std::shared_ptr<ports::BlobStore>> OpenFsBlobStore(const std::string& root);

// The MIME type libmagic sniffs from `head` (the first bytes of a file), e.g. "image/jpeg";
// "application/octet-stream" when unknown.
std::string SniffMime(std::string_view head);

}  // namespace anpei::adapters
