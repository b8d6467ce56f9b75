// Use cases of selfies at check-in (issue 13, Deliver 3; domain/selfie.h): a trainee uploads a
// selfie from the phone (exactly one face, kept through the blob store), a check-in then uses it
// (once, within ten minutes, flagged when it repeats another used selfie), and the police look at
// a random sample of a class's selfies with the person (no face-matching model is used:
// docs/architecture.md, "Selfies"). Each call is one store transaction; changes are audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/policy.h"
#include "domain/selfie.h"

namespace anpei::app {

// The upload rules: JPEG or PNG, as sniffed, up to 5 MB.
inline constexpr int64_t kMaxSelfieBytes = 5 * 1024 * 1024;
ports::BlobRules SelfieRules();

struct SelfieUploaded {
  int64_t selfie_id = 0;
  int faces = 0;
  std::string sha256;
};
// POST /selfies (trainee session). 422 attendance.selfie_no_face / selfie_many_faces, 400
// attendance.selfie_unreadable (field file), 413 over 5 MB: nothing is kept then. Audited
// selfie.upload.
// Whether the actor may upload a selfie (a trainee's phone session): checked before the upload is
// read, and again by UploadSelfie.
Status CheckSelfieUploader(const Actor& actor);
Result<SelfieUploaded> UploadSelfie(const AppContext& ctx, const Actor& actor,
                                    std::string_view bytes);

// The selfie part of a check-in, inside its transaction: Check before the record is written
// (nullopt selfie_id: 422 attendance.selfie_missing when the policy requires one, else nothing to
// do; a selfie not this person's, older than ten minutes or used: 422 attendance.selfie_invalid),
// Use after it (marks the selfie used by the record and finds a reuse, which is flagged).
struct SelfieAdmission {
  std::optional<domain::Selfie> selfie;  // nullopt: none given and none required
};
Result<SelfieAdmission> AdmitSelfie(const AppContext& ctx, ports::StoreTx& tx,
                                    const domain::AttendanceLimits& limits, int64_t person_id,
                                    std::optional<int64_t> selfie_id);
struct SelfieReuse {
  int64_t of_selfie_id = 0;  // the earlier used selfie this one repeats
  int bits = 0;              // their Hamming distance
  bool other_person = false;
};
Result<std::optional<SelfieReuse>> UseSelfie(ports::StoreTx& tx, const domain::Selfie& selfie,
                                             int64_t record_id, int64_t class_id,
                                             int64_t session_seq);

// The reuse flag kept with a used selfie (for a retried check-in's answer); nullopt when none.
Result<std::optional<SelfieReuse>> RecordedSelfieReuse(ports::StoreTx& tx, int64_t selfie_id);

// GET /selfies/{id}: the picture, for the institution of the class whose record used it, the
// police of its district, the city bureau and auditors; the trainee it shows. An unused selfie
// is its trainee's alone. Audited selfie.view (a look at personal data).
struct SelfieFile {
  domain::Selfie selfie;
  std::string bytes;
};
Result<SelfieFile> GetSelfie(const AppContext& ctx, const Actor& actor, int64_t id);

// GET /classes/{id}/selfie-samples?n=: a random sample (libsodium's random, through the vault) of
// the selfies used by the class's records, for the police of the district and the city bureau.
struct SelfieSample {
  int64_t selfie_id = 0;
  int64_t person_id = 0;
  std::string name;  // masked as the class page masks
  int64_t session_seq = 0;
  int64_t record_id = 0;
  int64_t uploaded_at = 0;
  std::optional<int64_t> reuse_of;
  std::optional<int> reuse_bits;
};
struct SelfieSamples {
  int64_t class_id = 0;
  int64_t total = 0;  // selfies used in the class
  std::vector<SelfieSample> items;
};
inline constexpr int64_t kMaxSelfieSample = 100;
Result<SelfieSamples> SampleSelfies(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                    int64_t n);

// Who may look at selfies and samples.
inline constexpr std::initializer_list<std::string_view> kSelfieViewers = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleAuditor,
    domain::kRoleTrainee};
inline constexpr std::initializer_list<std::string_view> kSelfieSamplers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};

}  // namespace anpei::app
