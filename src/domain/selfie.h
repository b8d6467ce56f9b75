// Selfies at check-in (issue 13, Deliver 3; domain.md §4): which selfie a check-in may use and
// when a selfie counts as reused. Pure functions over plain values (the face count and the
// perceptual hash come from ports::FaceInspector).
//
// Reuse: two selfies whose 64-bit perceptual hashes differ in at most kSelfieReuseMaxBits bits
// show the same picture (the same file, or the same photo re-encoded, rescaled or slightly
// cropped); two photos taken separately differ in far more (about 32 bits for unrelated images).
// A check-in whose selfie is near one used by another person, or by the same person for another
// class session, is flagged — not refused: the reviewer judges it with both pictures.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpei::domain {

// The most bits two hashes may differ in and still count as the same picture.
inline constexpr int kSelfieReuseMaxBits = 4;
// Candidate search without a scan: a hash is cut into kSelfieHashBands bands (13, 13, 13, 13 and
// 12 bits); two hashes at most kSelfieReuseMaxBits apart agree on at least one band (pigeonhole),
// so the store finds every candidate through one index per band.
inline constexpr int kSelfieHashBands = kSelfieReuseMaxBits + 1;
std::array<int64_t, kSelfieHashBands> SelfieHashBands(uint64_t phash);

int HammingDistance(uint64_t a, uint64_t b);

// The hash as 16 lower-case hex digits, and back (nullopt unless exactly 16 hex digits).
std::string PhashHex(uint64_t phash);
std::optional<uint64_t> ParsePhashHex(std::string_view hex);

// A selfie as kept (table selfies).
struct Selfie {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string sha256;  // the blob
  int64_t size_bytes = 0;
  std::string mime;  // as sniffed: image/jpeg | image/png
  int width = 0;
  int height = 0;
  uint64_t phash = 0;
  int faces = 0;
  int64_t uploaded_at = 0;                // Unix seconds
  std::optional<int64_t> used_by_record;  // the attendance record that used it
  std::optional<int64_t> reuse_of;        // the earlier selfie it repeats (flag), if any
  std::optional<int> reuse_bits;          // and their Hamming distance
};

// A selfie already used by a check-in, with where it was used: a reuse candidate.
struct UsedSelfie {
  int64_t selfie_id = 0;
  int64_t person_id = 0;
  int64_t class_id = 0;
  int64_t session_seq = 0;
  uint64_t phash = 0;
};

// Why a check-in's selfie is refused.
enum class SelfieRefusal {
  kMissing,  // attendance.selfie_missing: no selfie given (and the policy requires one)
  kInvalid,  // attendance.selfie_invalid: not this person's, too old, or already used
};
std::string_view SelfieRefusalCode(SelfieRefusal r);
std::string_view SelfieRefusalMessage(SelfieRefusal r);

// How long after its upload a selfie may be used for a check-in.
inline constexpr int64_t kSelfieMaxAgeSeconds = 10 * 60;

// Whether `selfie` (nullopt: unknown id) may be used by `person_id` at `now`: the person's own,
// uploaded at most kSelfieMaxAgeSeconds ago (and not in the future), not used before.
std::optional<SelfieRefusal> CheckSelfieForCheckIn(const std::optional<Selfie>& selfie,
                                                   int64_t person_id, int64_t now);

// The used selfie that `phash` repeats, for a check-in of `person_id` in (class_id, session_seq):
// one within kSelfieReuseMaxBits bits used by another person, or by the same person in another
// class session. The closest wins; ties go to the earliest (lowest id). nullopt: no reuse.
std::optional<UsedSelfie> FindReuse(uint64_t phash, int64_t person_id, int64_t class_id,
                                    int64_t session_seq, const std::vector<UsedSelfie>& used);

// The rules of the upload itself: exactly one face.
enum class FaceVerdict { kOne, kNone, kMany };
FaceVerdict JudgeFaces(int faces);
std::string_view FaceVerdictCode(FaceVerdict v);     // attendance.selfie_no_face | _many_faces
std::string_view FaceVerdictMessage(FaceVerdict v);  // the Chinese sentence the phone shows

}  // namespace anpei::domain
