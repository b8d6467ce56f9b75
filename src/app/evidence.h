// Use cases of a class's evidence (过程材料, issue 14; domain/evidence.h; docs/architecture.md,
// "Evidence uploads"): resumable uploads (tus 1.0.0: create, offset, append, terminate; the file
// checked, analysed and kept on its last byte), the list of a class's items with their photo and
// video reports and the problems found, the bytes, deletion (refused before retain_until and while
// on legal hold) and the legal hold. Each call is one store transaction (the bytes themselves go
// to the blob store outside it); every change is audited.
//
// Who: the class's institution uploads (class approved or later) and reads; the police of the
// class's district, the city bureau, 人社 and auditors read; everybody else gets 404 (existence
// never revealed). The legal hold: the city bureau, 人社 and auditors.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/evidence.h"
#include "ports/evidence_repository.h"

namespace anpei::app {

inline constexpr std::initializer_list<std::string_view> kEvidenceReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};
inline constexpr std::initializer_list<std::string_view> kEvidenceUploaders = {
    domain::kRoleInstitution};
inline constexpr std::initializer_list<std::string_view> kEvidenceHolders = {
    domain::kRolePoliceAdmin, domain::kRoleHrss, domain::kRoleAuditor};
inline constexpr std::initializer_list<std::string_view> kEvidenceDeleters = {
    domain::kRoleInstitution, domain::kRolePoliceAdmin};

// An unfinished upload is dropped this long after it was created.
inline constexpr int64_t kUploadLifetimeSeconds = 7 * 24 * 3600;
// The largest upload any kind allows (Tus-Max-Size).
int64_t MaxEvidenceBytes(const AppContext& ctx);

// ---- uploads (app/evidence_uploads.cc) ----

struct NewUpload {
  int64_t class_id = 0;
  std::string kind;  // an EvidenceKind id
  std::string file_name;
  std::optional<int64_t> session_seq;
  std::optional<int64_t> started_at;  // Unix s
  int64_t length = 0;                 // Upload-Length
};
// POST /classes/{id}/evidence/uploads: checks the metadata and the size (400 naming the field:
// kind, filename, session, started_at; 413 Upload-Length over the kind's limit; 409
// evidence.class_not_approved) and opens the upload. Audited evidence.upload_start.
Result<ports::EvidenceUpload> CreateUpload(const AppContext& ctx, const Actor& actor,
                                           const NewUpload& in);
// HEAD: the upload (its offset the bytes on disk); 404 for anyone but its creator.
Result<ports::EvidenceUpload> GetUpload(const AppContext& ctx, const Actor& actor,
                                        const std::string& upload_id);
// PATCH: appends `bytes` at `offset` (409 evidence.offset_mismatch otherwise; 400
// evidence.upload_overflow past Upload-Length). On the last byte the file is sealed (SHA-256,
// type, size), analysed (photo: faces, pHash, EXIF time; video: the probe), kept as an evidence
// item and the upload closed: `item_id` set. A file refused then (type, undecodable, duplicate in
// the class) is dropped with the upload: nothing is kept.
struct AppendResult {
  int64_t offset = 0;
  std::optional<int64_t> item_id;
};
Result<AppendResult> AppendUpload(const AppContext& ctx, const Actor& actor,
                                  const std::string& upload_id, int64_t offset,
                                  std::string_view bytes);
// DELETE: drops an unfinished upload. Audited evidence.upload_cancel.
Status TerminateUpload(const AppContext& ctx, const Actor& actor, const std::string& upload_id);

// ---- items (app/evidence.cc) ----

struct EvidenceView {
  domain::EvidenceItem item;
  std::vector<domain::EvidenceProblem> problems;
};
// Every item of the class with the problems found (photo time, reuse in another class, group
// photo faces against the head-count), in id order; the class's checklist uses the same list.
// Runs inside the caller's transaction; the caller has authorised `actor` for the class.
Result<std::vector<EvidenceView>> LoadEvidence(const AppContext& ctx, ports::StoreTx& tx,
                                               const domain::TrainingClass& cls,
                                               const Actor& actor);
// GET /classes/{id}/evidence.
Result<std::vector<EvidenceView>> ListEvidence(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id);
// GET /evidence/{id}/content: the item and a reader of its bytes. Audited evidence.view.
struct EvidenceContent {
  domain::EvidenceItem item;
  std::unique_ptr<ports::BlobReader> reader;
};
// `audit`: false for the further Range requests of one viewing (a video player's), true for the
// first (no Range, or one from byte 0).
Result<EvidenceContent> OpenEvidence(const AppContext& ctx, const Actor& actor, int64_t id,
                                     bool audit);
// DELETE /evidence/{id}: 409 evidence.legal_hold / evidence.retained. Audited evidence.delete.
Status DeleteEvidence(const AppContext& ctx, const Actor& actor, int64_t id);
// PUT /evidence/{id}/legal-hold: sets or lifts the hold (a reason required to set it). Audited
// evidence.legal_hold / evidence.legal_hold_release.
Result<EvidenceView> SetLegalHold(const AppContext& ctx, const Actor& actor, int64_t id, bool hold,
                                  const std::string& reason);

// The class an evidence use case acts on, authorised: 404 unless the actor may read it.
Result<domain::TrainingClass> EvidenceClass(ports::StoreTx& tx, const Actor& actor,
                                            int64_t class_id);

}  // namespace anpei::app
