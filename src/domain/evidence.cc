#include "domain/evidence.h"

#include <algorithm>

#include "domain/selfie.h"

namespace anpei::domain {
namespace {

struct KindRow {
  EvidenceKind kind;
  std::string_view id;
  std::string_view name;
  EvidenceCategory category;
};
constexpr KindRow kKinds[] = {
    {EvidenceKind::kGroupPhoto, "group_photo", "集体照", EvidenceCategory::kPhoto},
    {EvidenceKind::kPracticalPhoto, "practical_photo", "实操分组照片", EvidenceCategory::kPhoto},
    {EvidenceKind::kTheoryVideo, "theory_video", "理论课录像", EvidenceCategory::kVideo},
    {EvidenceKind::kPracticalVideo, "practical_video", "实操录像", EvidenceCategory::kVideo},
    {EvidenceKind::kSignInSheet, "sign_in_sheet", "纸质签到表扫描件", EvidenceCategory::kScan},
    {EvidenceKind::kOnlineSummary, "online_summary", "线上学习汇总表（盖章）",
     EvidenceCategory::kTable},
    {EvidenceKind::kOnlineDetail, "online_detail", "线上学习明细表", EvidenceCategory::kTable},
};

const KindRow& RowOf(EvidenceKind k) {
  for (const auto& r : kKinds) {
    if (r.kind == k) return r;
  }
  return kKinds[0];
}

std::string ClauseFor(const Policy& policy, std::string_view rule) {
  std::string c = policy.ClauseOf(rule);
  return c.empty() ? std::string("三（一）3（1）") : c;
}

std::string Clock(int64_t unix_seconds, int offset_minutes) {
  return FormatTimestamp(Instant{unix_seconds}, offset_minutes).substr(0, 16);  // YYYY-MM-DDTHH:MM
}

std::string Readable(int64_t unix_seconds, int offset_minutes) {
  std::string s = Clock(unix_seconds, offset_minutes);
  s[10] = ' ';
  return s;
}

}  // namespace

std::string_view EvidenceKindId(EvidenceKind k) { return RowOf(k).id; }
std::string_view EvidenceKindName(EvidenceKind k) { return RowOf(k).name; }
EvidenceCategory CategoryOf(EvidenceKind k) { return RowOf(k).category; }

std::optional<EvidenceKind> ParseEvidenceKind(std::string_view id) {
  for (const auto& r : kKinds) {
    if (r.id == id) return r.kind;
  }
  return std::nullopt;
}

int64_t MaxBytesOf(EvidenceKind k, const EvidenceLimits& limits) {
  switch (CategoryOf(k)) {
    case EvidenceCategory::kPhoto:
      return int64_t{limits.photo_max_mib} << 20;
    case EvidenceCategory::kVideo:
      return int64_t{limits.video_max_mib} << 20;
    case EvidenceCategory::kScan:
      return kMaxScanBytes;
    case EvidenceCategory::kTable:
      return kMaxTableBytes;
  }
  return 0;
}

std::vector<std::string> MimeTypesOf(EvidenceKind k) {
  switch (CategoryOf(k)) {
    case EvidenceCategory::kPhoto:
      return {"image/jpeg", "image/png"};
    case EvidenceCategory::kVideo:
      return {"video/mp4", "video/quicktime", "video/x-matroska", "video/webm"};
    case EvidenceCategory::kScan:
      return {"image/jpeg", "image/png", "application/pdf"};
    case EvidenceCategory::kTable:
      // XLSX as libmagic names it (older magic files: application/zip … handled by the rule
      // list), CSV as plain text.
      return {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/plain",
              "text/csv"};
  }
  return {};
}

std::optional<int64_t> ParseExifDateTime(std::string_view text, int offset_minutes) {
  if (text.size() < 19) return std::nullopt;
  int v[6] = {};
  constexpr size_t kAt[6] = {0, 5, 8, 11, 14, 17};
  constexpr size_t kLen[6] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; ++i) {
    for (size_t k = 0; k < kLen[i]; ++k) {
      const char c = text[kAt[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      v[i] = v[i] * 10 + (c - '0');
    }
  }
  if (!IsValidDate(v[0], v[1], v[2]) || v[3] > 23 || v[4] > 59 || v[5] > 60) return std::nullopt;
  const Date d{v[0], v[1], v[2]};
  return d.ToDays() * 86400 + int64_t{v[3]} * 3600 + int64_t{v[4]} * 60 + v[5] -
         int64_t{offset_minutes} * 60;
}

std::optional<EvidenceProblem> CheckPhotoTime(std::optional<int64_t> captured_at,
                                              std::optional<int64_t> session_seq,
                                              const std::vector<PlanSession>& sessions,
                                              const Policy& policy) {
  if (!captured_at) return std::nullopt;
  const int64_t tolerance = int64_t{policy.evidence.photo_time_tolerance_minutes} * 60;
  const int offset = policy.utc_offset_minutes;
  const auto inside = [&](const PlanSession& s) {
    return *captured_at >= SessionStart(s, policy).unix_seconds - tolerance &&
           *captured_at <= SessionEnd(s, policy).unix_seconds + tolerance;
  };
  const std::string when = "照片拍摄时间（EXIF）" + Readable(*captured_at, offset);
  if (session_seq) {
    if (*session_seq < 1 || *session_seq > static_cast<int64_t>(sessions.size())) {
      return std::nullopt;
    }
    const PlanSession& s = sessions[static_cast<size_t>(*session_seq - 1)];
    if (inside(s)) return std::nullopt;
    return EvidenceProblem{std::string(kRulePhotoTime), ClauseFor(policy, kRulePhotoTime),
                           when + " 不在第 " + std::to_string(*session_seq) + " 次课（" +
                               Readable(SessionStart(s, policy).unix_seconds, offset) + "–" +
                               FormatTimeOfDay(s.end_minute) + "）前后 " +
                               std::to_string(policy.evidence.photo_time_tolerance_minutes) +
                               " 分钟内"};
  }
  bool any = false;
  for (const PlanSession& s : sessions) {
    if (s.delivery != Delivery::kOffline) continue;
    any = true;
    if (inside(s)) return std::nullopt;
  }
  if (!any) return std::nullopt;
  return EvidenceProblem{std::string(kRulePhotoTime), ClauseFor(policy, kRulePhotoTime),
                         when + " 不在本班任何一次线下课的时段内（前后 " +
                             std::to_string(policy.evidence.photo_time_tolerance_minutes) +
                             " 分钟）"};
}

std::optional<EvidenceProblem> CheckGroupPhotoFaces(int faces, int64_t head_count,
                                                    const Policy& policy) {
  if (faces >= head_count) return std::nullopt;
  return EvidenceProblem{std::string(kRuleGroupPhotoFaces), ClauseFor(policy, kRuleGroupPhotoFaces),
                         "集体照中只识别到 " + std::to_string(faces) + " 张人脸，少于应到学员 " +
                             std::to_string(head_count) + " 人；合影应包含全体培训学员"};
}

std::optional<PhotoElsewhere> FindPhotoReuse(uint64_t phash,
                                             const std::vector<PhotoElsewhere>& others,
                                             const Policy& policy) {
  std::optional<PhotoElsewhere> best;
  int best_bits = 65;
  for (const PhotoElsewhere& o : others) {
    const int bits = HammingDistance(phash, o.phash);
    if (bits > policy.evidence.photo_max_hamming) continue;
    if (bits < best_bits || (bits == best_bits && o.item_id < best->item_id)) {
      best = o;
      best_bits = bits;
    }
  }
  return best;
}

EvidenceProblem PhotoReusedProblem(const PhotoElsewhere& other, int bits, const Policy& policy) {
  const std::string where = other.class_title.empty() ? std::string("另一培训班")
                                                      : "培训班“" + other.class_title + "”（编号 " +
                                                            std::to_string(other.class_id) + "）";
  return EvidenceProblem{std::string(kRulePhotoReused), ClauseFor(policy, kRulePhotoReused),
                         "与" + where + "的照片几乎相同（感知哈希相差 " + std::to_string(bits) +
                             " 位），疑似重复使用"};
}

int64_t RetainUntil(std::optional<Date> last_session, int64_t uploaded_at, int years,
                    int offset_minutes) {
  Date base = LocalDate(Instant{uploaded_at}, offset_minutes);
  if (last_session && *last_session > base) base = *last_session;
  Date until{base.year + years, base.month, base.day};
  if (!IsValidDate(until.year, until.month, until.day)) until.day = 28;  // 29 Feb
  return until.AddDays(1).ToDays() * 86400 - int64_t{offset_minutes} * 60;
}

std::optional<DeletionRefusal> CheckDeletion(const EvidenceItem& item, int64_t now,
                                             int offset_minutes) {
  if (item.legal_hold) {
    return DeletionRefusal{"evidence.legal_hold",
                           "该材料已被依法保全（" + item.legal_hold_reason + "），不能删除"};
  }
  if (now < item.retain_until) {
    return DeletionRefusal{
        "evidence.retained",
        "该材料须保存至 " +
            FormatTimestamp(Instant{item.retain_until - 1}, offset_minutes).substr(0, 10) +
            "（含当日；三（一）3（1）、三（二）1：过程材料保存期内备查），到期前不能删除"};
  }
  return std::nullopt;
}

}  // namespace anpei::domain
