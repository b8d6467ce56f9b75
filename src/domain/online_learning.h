// Online learning (线上学习, notice 三（一）3（2）, domain.md §5; issue 14, Deliver 4): the online
// training platforms, the learning records they push or that arrive as the 汇总表 (summary) and
// 明细表 (detail) of another platform, and the checks every record passes before it is accepted.
// Pure: rows in, problems out. Each problem carries a stable reason (online.*), the row (the
// spreadsheet's own row number, or the 1-based index of a pushed record), the column and a
// Chinese message.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "domain/date.h"
#include "domain/plan.h"

namespace anpei::domain {

struct OnlinePlatform {
  int64_t id = 0;
  std::string name;
  bool approved_by_hrss = false;  // approved by the provincial 人社厅: pushes its records
  bool active = true;
  int64_t version = 1;
  std::string created_at, updated_at;
};

// A platform's API token (only its keyed hash is stored; the token is shown once).
struct PlatformToken {
  int64_t id = 0;
  int64_t platform_id = 0;
  std::string token_hash;
  std::string name;
  int64_t created_by_user = 0;
  std::string created_at;
  std::optional<std::string> last_used_at, revoked_at;
};

// Names and a platform's length limits.
inline constexpr size_t kMaxPlatformNameChars = 60;
inline constexpr size_t kMaxTokenNameChars = 40;

enum class OnlineSource { kPlatform, kImport };
inline constexpr std::string_view OnlineSourceId(OnlineSource s) {
  return s == OnlineSource::kPlatform ? "platform" : "import";
}

// An accepted learning record: one course sitting of one person of the class's roster.
struct OnlineRecord {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  OnlineSource source = OnlineSource::kPlatform;
  std::optional<int64_t> platform_id, import_id;
  std::string course;
  int64_t started_at = 0, ended_at = 0;  // Unix seconds
  int64_t minutes = 0, class_hours = 0, face_captures = 0;
  std::optional<int64_t> exam_score;
  std::string created_at;
};

// The two tables of another platform, and a platform's push.
enum class OnlineSheet { kSummary, kDetail, kPush };
inline constexpr std::string_view OnlineSheetId(OnlineSheet s) {
  return s == OnlineSheet::kSummary ? "summary" : s == OnlineSheet::kDetail ? "detail" : "push";
}
inline constexpr std::string_view OnlineSheetName(OnlineSheet s) {
  return s == OnlineSheet::kSummary ? "汇总表" : s == OnlineSheet::kDetail ? "明细表" : "推送记录";
}

// One row as read: a pushed record, a 明细表 row or a 汇总表 row (the summary has no face
// captures but an exam score and a photo; its course is the occupation or course). Values that
// could not be read are absent; the reader has already reported them.
struct OnlineRow {
  int64_t row = 0;
  std::string name, id_number, phone, course, photo;
  std::optional<int64_t> started_at, ended_at;  // Unix seconds
  std::optional<int64_t> minutes, class_hours, face_captures, exam_score;
  int64_t person_id = 0;  // set by CheckOnlineRow when the person is on the roster
};

struct OnlineProblem {
  OnlineSheet sheet = OnlineSheet::kDetail;
  int64_t row = 0;     // 0: the file as a whole
  std::string column;  // the column's Chinese header ("身份证号") or the push's key
  std::string reason;  // online.*
  std::string message;
};

// A time interval [from, to) in Unix seconds.
struct TimeSpan {
  int64_t from = 0, to = 0;
};

// What the checks compare a row with.
struct OnlineCheckContext {
  int64_t period_from = 0, period_to = 0;  // the class period: first session's day to last's end
  int64_t min_minutes_per_hour = 45;       // policy plan.min_minutes_per_hour (二（二）)
  int64_t min_faces_per_hour = 2;          // random face captures per class hour (domain.md §5)
  Date today;                              // bounds ID numbers' birth dates
  std::unordered_map<std::string, int64_t> roster;   // canonical ID number -> person id
  std::map<int64_t, std::vector<TimeSpan>> offline;  // person -> offline attendance
};

// The stable reasons.
inline constexpr std::string_view kOnlineIdInvalid = "online.id_invalid";
inline constexpr std::string_view kOnlineNotOnRoster = "online.not_on_roster";
inline constexpr std::string_view kOnlinePhoneInvalid = "online.phone_invalid";
inline constexpr std::string_view kOnlineMissing = "online.missing";
inline constexpr std::string_view kOnlineValueInvalid = "online.value_invalid";
inline constexpr std::string_view kOnlineOutsidePeriod = "online.outside_period";
inline constexpr std::string_view kOnlineMinutesShort = "online.minutes_short";
inline constexpr std::string_view kOnlineFacesShort = "online.faces_short";
inline constexpr std::string_view kOnlineExceedsSpan = "online.exceeds_span";
inline constexpr std::string_view kOnlineOverlapOnline = "online.overlap_online";
inline constexpr std::string_view kOnlineOverlapOffline = "online.overlap_offline";
inline constexpr std::string_view kOnlineSummaryMismatch = "online.summary_mismatch";
inline constexpr std::string_view kOnlineSummaryMissing = "online.summary_missing";

// A mainland mobile number: 11 digits starting 1[3-9].
bool ValidMobilePhone(std::string_view phone);

// The checks of one row on its own: required values, ID valid (GB 11643) and on the roster
// (sets row.person_id), phone, times inside the class period and ending after they start,
// minutes no longer than the time spanned, minutes ≥ class hours × the minutes per hour, and for
// a detail or pushed row ≥ 2 face captures per class hour. Appends to `out`.
void CheckOnlineRow(OnlineSheet sheet, OnlineRow& row, const OnlineCheckContext& ctx,
                    std::vector<OnlineProblem>& out);

// What the overlap and agreement checks need of a row that passed CheckOnlineRow with a person
// and times (compact: a detail table may hold a million rows).
struct OnlineSpanRow {
  int64_t row = 0;
  int64_t person_id = 0;
  int64_t from = 0, to = 0;
};
// Rows of one person that overlap each other (a day's online time longer than it spans), or the
// person's offline attendance (domain.md §7). `held`: the person's records already accepted
// (pushes arrive in batches). Sorts `rows`.
void CheckOnlineOverlaps(OnlineSheet sheet, std::vector<OnlineSpanRow>& rows,
                         const std::map<int64_t, std::vector<TimeSpan>>& held,
                         const OnlineCheckContext& ctx, std::vector<OnlineProblem>& out);

// Per person, the 明细表's totals.
struct DetailTotals {
  int64_t minutes = 0, class_hours = 0;
  int64_t first_row = 0;
};
// The summary agrees with the details: per person the same minutes and class hours, and every
// person of one table in the other.
void CheckSummaryAgainstDetail(const std::vector<OnlineRow>& summary,
                               const std::map<int64_t, DetailTotals>& detail,
                               std::vector<OnlineProblem>& out);

// Online class hours credited to the plan's online sessions, in session order, from a person's
// accepted online class hours: each online session (by index into `sessions`) gets
// min(its hours, what remains). Offline sessions get nothing here.
std::vector<int64_t> CreditOnlineHours(const std::vector<PlanSession>& sessions,
                                       int64_t online_hours);

// The column headers of the two tables: each field, the header texts that name it (matched
// ignoring spaces and brackets), and whether the sheet requires it.
enum class OnlineField {
  kName,
  kIdNumber,
  kPhone,
  kCourse,
  kStart,
  kEnd,
  kSpan,  // one column "学习起止时间" holding start–end
  kMinutes,
  kClassHours,
  kFaceCaptures,
  kExamScore,
  kPhoto,
};
inline constexpr size_t kOnlineFieldCount = 12;
std::string_view OnlineFieldName(OnlineField f);  // the canonical Chinese header
// Which field a header cell names (nullopt: none).
std::optional<OnlineField> OnlineFieldOfHeader(std::string_view header);
// The required fields of a sheet missing from `present` (kStart/kEnd satisfied by kSpan).
std::vector<OnlineField> MissingOnlineFields(OnlineSheet sheet, const std::vector<bool>& present);

// Parses a local time as offices write it: "2021-10-11 08:30[:00]", "2021/10/11 8:30",
// "2021年10月11日 08:30", or an RFC 3339 timestamp (offset given). Local times are at
// `offset_minutes`. Errors name `field`.
Result<int64_t> ParseOnlineTime(std::string_view text, int offset_minutes, std::string_view field);
// A spreadsheet's date serial (days since 1899-12-30, fraction = time of day) as Unix seconds.
Result<int64_t> OnlineTimeOfSerial(std::string_view number, int offset_minutes,
                                   std::string_view field);
// "start–end" in one cell (separators: ~ ～ 至 – — -, with spaces allowed around them); the end
// may be a time of day only ("08:30-10:30" after a date).
Result<TimeSpan> ParseOnlineSpan(std::string_view text, int offset_minutes, std::string_view field);

}  // namespace anpei::domain
