// The evidence of a class (过程材料, issue 14; domain.md §5; notice 三（一）3（1）, 三（二）1): the
// kinds of file an institution uploads, what each may be (size, type), the photo checks (capture
// time inside the session, the same picture used in another class, a group photo with fewer faces
// than trainees present) and how long an item is kept (retain_until) and when it may be deleted.
// Pure functions over plain values; the pixels, EXIF tags and video timelines come from ports
// (FaceInspector, ExifReader, VideoProbe) and reach this file as numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/evidence_problem.h"
#include "domain/evidence_video.h"
#include "domain/plan.h"
#include "domain/policy.h"

namespace anpei::domain {

enum class EvidenceKind {
  kGroupPhoto,      // 集体照 (全体培训学员合影)
  kPracticalPhoto,  // 实操分组照片 (分组/分工位)
  kTheoryVideo,     // 理论课录像
  kPracticalVideo,  // 实操录像
  kSignInSheet,     // 纸质签到表扫描件
  kOnlineSummary,   // 线上学习汇总表（盖章）
  kOnlineDetail,    // 线上学习明细表
};
inline constexpr EvidenceKind kAllEvidenceKinds[] = {
    EvidenceKind::kGroupPhoto,     EvidenceKind::kPracticalPhoto, EvidenceKind::kTheoryVideo,
    EvidenceKind::kPracticalVideo, EvidenceKind::kSignInSheet,    EvidenceKind::kOnlineSummary,
    EvidenceKind::kOnlineDetail};

// How a kind is analysed: photos are decoded (faces, pHash, EXIF), videos probed, the rest kept.
enum class EvidenceCategory { kPhoto, kVideo, kScan, kTable };

std::string_view EvidenceKindId(EvidenceKind k);    // "group_photo"
std::string_view EvidenceKindName(EvidenceKind k);  // "集体照"
std::optional<EvidenceKind> ParseEvidenceKind(std::string_view id);
EvidenceCategory CategoryOf(EvidenceKind k);

// Fixed limits of the kinds the policy does not size (scans and tables).
inline constexpr int64_t kMaxScanBytes = int64_t{20} << 20;    // 20 MiB
inline constexpr int64_t kMaxTableBytes = int64_t{512} << 20;  // 512 MiB
// The largest file of a kind, and the MIME types (as sniffed) it may be.
int64_t MaxBytesOf(EvidenceKind k, const EvidenceLimits& limits);
std::vector<std::string> MimeTypesOf(EvidenceKind k);

// What a photo showed when it was uploaded.
struct PhotoReport {
  std::optional<int64_t>
      captured_at;  // Unix s: EXIF DateTimeOriginal read as the policy's local time
  int faces = 0;
  uint64_t phash = 0;
  int width = 0;
  int height = 0;
};

// An EXIF date-time ("YYYY:MM:DD HH:MM:SS") read as local time at `offset_minutes`: Unix s, or
// nullopt when it is not a real date and time (cameras write "0000:00:00 00:00:00" when unset).
std::optional<int64_t> ParseExifDateTime(std::string_view text, int offset_minutes);

// One kept file (table evidence_items).
struct EvidenceItem {
  int64_t id = 0;
  int64_t class_id = 0;
  std::optional<int64_t> session_seq;  // 1-based; nullopt: the whole class
  EvidenceKind kind = EvidenceKind::kGroupPhoto;
  std::string file_name;
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  int64_t uploaded_by_user = 0;
  std::string uploaded_by;   // the user's name, as the audit trail records it
  int64_t uploaded_at = 0;   // Unix s
  int64_t retain_until = 0;  // Unix s: not deletable before
  bool legal_hold = false;
  std::string legal_hold_reason;
  std::optional<int64_t> deleted_at;
  std::optional<int64_t> started_at;  // videos: the start the uploader gave (no creation_time)
  std::optional<PhotoReport> photo;
  std::optional<VideoReport> video;
};

// A problem found with one item: domain::EvidenceProblem (domain/evidence_problem.h), shared
// with the checklist (domain/evidence_checklist.h).

inline constexpr std::string_view kRulePhotoTime = "EVIDENCE_PHOTO_TIME";
inline constexpr std::string_view kRulePhotoReused = "EVIDENCE_PHOTO_REUSED";
inline constexpr std::string_view kRuleGroupPhotoFaces = "EVIDENCE_GROUP_PHOTO_FACES";

// A photo captured outside its session (± policy evidence.photo_time_tolerance_minutes); for a
// photo of the whole class (no session), outside every offline session of the class. No capture
// time (no EXIF): nothing can be judged, nullopt.
std::optional<EvidenceProblem> CheckPhotoTime(std::optional<int64_t> captured_at,
                                              std::optional<int64_t> session_seq,
                                              const std::vector<PlanSession>& sessions,
                                              const Policy& policy);

// A group photo showing fewer faces than the head-count (trainees checked in to the session, or
// the roster's size when nobody did).
std::optional<EvidenceProblem> CheckGroupPhotoFaces(int faces, int64_t head_count,
                                                    const Policy& policy);

// A photo of another class: the candidate of a near-duplicate search.
struct PhotoElsewhere {
  int64_t item_id = 0;
  int64_t class_id = 0;
  uint64_t phash = 0;
  std::string class_title;  // "" when the caller may not see that class
};
// The closest photo of another class within policy evidence.photo_max_hamming bits of `phash`
// (ties: the lowest item id); nullopt when none.
std::optional<PhotoElsewhere> FindPhotoReuse(uint64_t phash,
                                             const std::vector<PhotoElsewhere>& others,
                                             const Policy& policy);
// The problem naming that class ("另一培训班" when its title is not to be shown).
EvidenceProblem PhotoReusedProblem(const PhotoElsewhere& other, int bits, const Policy& policy);

// retain_until: the start of the day after (the class's last session date, or the upload date
// when later) plus the policy's retention years (retention.evidence_years), local time. 29 Feb
// moves to 28 Feb in a common year.
int64_t RetainUntil(std::optional<Date> last_session, int64_t uploaded_at, int years,
                    int offset_minutes);

// Whether an item may be deleted at `now`: nullopt, or the refusal's reason and Chinese message.
struct DeletionRefusal {
  std::string reason;  // evidence.legal_hold | evidence.retained
  std::string message;
};
std::optional<DeletionRefusal> CheckDeletion(const EvidenceItem& item, int64_t now,
                                             int offset_minutes);

}  // namespace anpei::domain
