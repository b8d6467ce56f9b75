// Port: selfies (domain/selfie.h, migration 0020) — the accepted uploads, their use by a check-in
// and the reuse flag. Valid for one transaction (Store::Run); failures as in store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/selfie.h"

namespace anpei::ports {

// A selfie used by a check-in, where and by whom (samples for the reviewer, flags for signals).
struct SelfieUse {
  domain::Selfie selfie;  // used_by_record and reuse_of set
  int64_t class_id = 0;
  int64_t session_seq = 0;
  std::optional<int> reuse_bits;
  // The person of the repeated selfie (reuse_of), when there is one.
  std::optional<int64_t> reuse_of_person;
};

// A used selfie of another class, with that class's title and owner (so the caller's scope can be
// judged: app::InScope).
struct SelfieElsewhere {
  domain::UsedSelfie used;
  std::string class_title;
  int64_t institution_id = 0;
  std::string district_code;
};

class SelfieRepository {
 public:
  virtual ~SelfieRepository() = default;
  // Keeps an accepted upload (the hash bands are derived from selfie.phash); returns its id.
  virtual Result<int64_t> Insert(const domain::Selfie& selfie) = 0;
  // nullopt when no selfie has that id.
  virtual Result<std::optional<domain::Selfie>> Find(int64_t id) = 0;
  // Where a used selfie was used; nullopt when it is unused or missing.
  virtual Result<std::optional<SelfieUse>> FindUse(int64_t id) = 0;
  // The used selfies that share at least one hash band with `phash` (a superset of those within
  // domain::kSelfieReuseMaxBits bits; domain::FindReuse picks among them), through the indexes.
  virtual Result<std::vector<domain::UsedSelfie>> UsedNear(uint64_t phash) = 0;
  // The used selfies of classes other than `class_id` that share at least one hash band with any
  // of `phashes` (a superset of those within domain::kSelfieReuseMaxBits bits of one of them),
  // through the band indexes — never a scan.
  virtual Result<std::vector<SelfieElsewhere>> UsedNearElsewhere(
      int64_t class_id, const std::vector<uint64_t>& phashes) = 0;
  // Marks the selfie used by `record_id` in (class_id, session_seq), with the reuse flag.
  // Conflict (field selfie_id, reason attendance.selfie_invalid) when it was used meanwhile.
  virtual Status MarkUsed(int64_t selfie_id, int64_t record_id, int64_t class_id,
                          int64_t session_seq, std::optional<int64_t> reuse_of,
                          std::optional<int> reuse_bits) = 0;
  // The selfies used in a class (all sessions), by record id.
  virtual Result<std::vector<SelfieUse>> ListUsedInClass(int64_t class_id) = 0;
};

}  // namespace anpei::ports
