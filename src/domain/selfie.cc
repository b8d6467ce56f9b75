#include "domain/selfie.h"

#include <bit>

namespace anpei::domain {

std::array<int64_t, kSelfieHashBands> SelfieHashBands(uint64_t phash) {
  // 64 bits in kSelfieHashBands bands, the first ones one bit wider: 13, 13, 13, 13, 12.
  std::array<int64_t, kSelfieHashBands> out{};
  int shift = 0;
  for (int i = 0; i < kSelfieHashBands; ++i) {
    const int width = 64 / kSelfieHashBands + (i < 64 % kSelfieHashBands ? 1 : 0);
    out[static_cast<size_t>(i)] =
        static_cast<int64_t>((phash >> shift) & ((uint64_t{1} << width) - 1));
    shift += width;
  }
  return out;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

std::string PhashHex(uint64_t phash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[phash & 0xf];
    phash >>= 4;
  }
  return out;
}

std::optional<uint64_t> ParsePhashHex(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  uint64_t out = 0;
  for (char c : hex) {
    int v = 0;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    out = (out << 4) | static_cast<uint64_t>(v);
  }
  return out;
}

std::string_view SelfieRefusalCode(SelfieRefusal r) {
  switch (r) {
    case SelfieRefusal::kMissing:
      return "attendance.selfie_missing";
    case SelfieRefusal::kInvalid:
      return "attendance.selfie_invalid";
  }
  return "attendance.selfie_invalid";
}

std::string_view SelfieRefusalMessage(SelfieRefusal r) {
  switch (r) {
    case SelfieRefusal::kMissing:
      return "签到需要本人自拍照，请先拍照";
    case SelfieRefusal::kInvalid:
      return "自拍照无效或已过期（须本人十分钟内拍摄且未使用过），请重新拍照";
  }
  return "自拍照无效，请重新拍照";
}

std::optional<SelfieRefusal> CheckSelfieForCheckIn(const std::optional<Selfie>& selfie,
                                                   int64_t person_id, int64_t now) {
  if (!selfie || selfie->person_id != person_id) return SelfieRefusal::kInvalid;
  if (selfie->used_by_record) return SelfieRefusal::kInvalid;
  if (selfie->uploaded_at > now || now - selfie->uploaded_at > kSelfieMaxAgeSeconds) {
    return SelfieRefusal::kInvalid;
  }
  return std::nullopt;
}

std::optional<UsedSelfie> FindReuse(uint64_t phash, int64_t person_id, int64_t class_id,
                                    int64_t session_seq, const std::vector<UsedSelfie>& used) {
  std::optional<UsedSelfie> best;
  int best_distance = kSelfieReuseMaxBits + 1;
  for (const auto& u : used) {
    const bool same_session = u.class_id == class_id && u.session_seq == session_seq;
    if (u.person_id == person_id && same_session) continue;  // check-in and check-out alike
    const int d = HammingDistance(phash, u.phash);
    if (d > kSelfieReuseMaxBits) continue;
    if (d < best_distance || (d == best_distance && best && u.selfie_id < best->selfie_id)) {
      best = u;
      best_distance = d;
    }
  }
  return best;
}

FaceVerdict JudgeFaces(int faces) {
  if (faces == 1) return FaceVerdict::kOne;
  return faces == 0 ? FaceVerdict::kNone : FaceVerdict::kMany;
}

std::string_view FaceVerdictCode(FaceVerdict v) {
  switch (v) {
    case FaceVerdict::kOne:
      return "ok";
    case FaceVerdict::kNone:
      return "attendance.selfie_no_face";
    case FaceVerdict::kMany:
      return "attendance.selfie_many_faces";
  }
  return "attendance.selfie_no_face";
}

std::string_view FaceVerdictMessage(FaceVerdict v) {
  switch (v) {
    case FaceVerdict::kOne:
      return "";
    case FaceVerdict::kNone:
      return "照片中没有检测到人脸，请正对镜头、光线充足后重拍";
    case FaceVerdict::kMany:
      return "照片中有多张人脸，请只拍本人后重拍";
  }
  return "";
}

}  // namespace anpei::domain
