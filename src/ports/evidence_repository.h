// Port: the evidence of classes (domain/evidence.h, migration 0023) — the kept items with their
// photo or video reports, and the state of resumable uploads (tus) still under way. Valid for one
// transaction (Store::Run); failures as in store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/evidence.h"

namespace anpei::ports {

// A resumable upload under way (table evidence_uploads): its bytes live in the blob store's
// partial area (BlobStore::AppendPartial), never in the database.
struct EvidenceUpload {
  std::string upload_id;  // random token, the URL's last segment
  int64_t class_id = 0;
  std::optional<int64_t> session_seq;
  domain::EvidenceKind kind = domain::EvidenceKind::kGroupPhoto;
  std::string file_name;
  int64_t length = 0;  // Upload-Length
  int64_t offset = 0;  // bytes received so far
  std::optional<int64_t> started_at;
  int64_t created_by_user = 0;
  int64_t created_at = 0;  // Unix s
  int64_t expires_at = 0;  // Unix s: an unfinished upload is dropped after this
};

// A photo of some class near a hash, with that class's owner (so the caller's scope is judged).
struct EvidencePhotoNear {
  int64_t item_id = 0;
  int64_t class_id = 0;
  uint64_t phash = 0;
  std::string class_title;
  int64_t institution_id = 0;
  std::string district_code;
};

class EvidenceRepository {
 public:
  virtual ~EvidenceRepository() = default;
  // Keeps an item (hash bands derived from item.photo->phash); returns its id.
  virtual Result<int64_t> InsertItem(const domain::EvidenceItem& item) = 0;
  // The class's items not deleted, by id.
  virtual Result<std::vector<domain::EvidenceItem>> ListForClass(int64_t class_id) = 0;
  // nullopt when no item has that id (deleted items included: deleted_at set).
  virtual Result<std::optional<domain::EvidenceItem>> Get(int64_t id) = 0;
  // An item of the class with these bytes (not deleted), if any.
  virtual Result<std::optional<int64_t>> FindSameFile(int64_t class_id,
                                                      const std::string& sha256) = 0;
  // The photos (not deleted) of classes other than `class_id` sharing at least one hash band
  // with one of `phashes` (a superset of those within domain::kSelfieReuseMaxBits bits), through
  // the band indexes — never a scan.
  virtual Result<std::vector<EvidencePhotoNear>> PhotosNearElsewhere(
      int64_t class_id, const std::vector<uint64_t>& phashes) = 0;
  virtual Status MarkDeleted(int64_t id, int64_t at) = 0;
  virtual Status SetLegalHold(int64_t id, bool hold, const std::string& reason) = 0;

  // Uploads: insert (Conflict on a repeated id), find, record the bytes received (the partial's
  // size in the blob store is the truth; the column follows it), delete, and the expired ones.
  virtual Status InsertUpload(const EvidenceUpload& upload) = 0;
  virtual Result<std::optional<EvidenceUpload>> FindUpload(const std::string& upload_id) = 0;
  virtual Status SetUploadOffset(const std::string& upload_id, int64_t offset) = 0;
  virtual Status DeleteUpload(const std::string& upload_id) = 0;
  virtual Result<std::vector<std::string>> ExpiredUploads(int64_t now, int limit) = 0;
};

}  // namespace anpei::ports
