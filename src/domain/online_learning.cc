#include "domain/online_learning.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "domain/identity.h"

namespace anpei::domain {
namespace {

std::string Minutes(int64_t seconds) { return std::to_string(seconds / 60); }

void Add(std::vector<OnlineProblem>& out, OnlineSheet sheet, int64_t row, OnlineField column,
         std::string_view reason, std::string message) {
  out.push_back(
      {sheet, row, std::string(OnlineFieldName(column)), std::string(reason), std::move(message)});
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of digits at `at` (at most `max` of them); -1 when none.
int64_t Digits(std::string_view s, size_t& at, size_t max) {
  int64_t v = 0;
  size_t n = 0;
  while (at < s.size() && IsDigit(s[at]) && n < max) {
    v = v * 10 + (s[at] - '0');
    ++at;
    ++n;
  }
  return n == 0 ? -1 : v;
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

Status BadTime(std::string_view field, std::string_view text) {
  return Status::Invalid(
             std::string(field),
             "时间「" + std::string(text) + "」无法识别，应为 2021-10-11 08:30 这样的日期和时间")
      .WithReason(std::string(kOnlineValueInvalid));
}

// "H:MM[:SS]" at `at`; seconds of the day or -1.
int64_t TimeOfDay(std::string_view s, size_t& at) {
  const int64_t h = Digits(s, at, 2);
  if (h < 0 || at >= s.size() || (s[at] != ':' && s.substr(at, 3) != "：")) return -1;
  at += s[at] == ':' ? 1 : 3;
  const int64_t mi = Digits(s, at, 2);
  if (mi < 0) return -1;
  int64_t sec = 0;
  if (at < s.size() && s[at] == ':') {
    ++at;
    sec = Digits(s, at, 2);
    if (sec < 0) return -1;
  }
  if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi > 0 || sec > 0))) return -1;
  return h * 3600 + mi * 60 + sec;
}

}  // namespace

bool ValidMobilePhone(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  return std::all_of(phone.begin(), phone.end(), IsDigit);
}

void CheckOnlineRow(OnlineSheet sheet, OnlineRow& row, const OnlineCheckContext& ctx,
                    std::vector<OnlineProblem>& out) {
  const int64_t r = row.row;
  using F = OnlineField;
  if (row.name.empty()) Add(out, sheet, r, F::kName, kOnlineMissing, "缺少姓名");
  if (row.id_number.empty()) {
    Add(out, sheet, r, F::kIdNumber, kOnlineMissing, "缺少身份证号");
  } else {
    const PersonIdCheck id = CheckPersonId(row.id_number, ctx.today);
    if (!id.ok()) {
      Add(out, sheet, r, F::kIdNumber, kOnlineIdInvalid, "身份证号无效：" + id.detail);
    } else {
      auto it = ctx.roster.find(CanonicalPersonId(row.id_number));
      if (it == ctx.roster.end()) {
        Add(out, sheet, r, F::kIdNumber, kOnlineNotOnRoster, "此人不在本培训班花名册上");
      } else {
        row.person_id = it->second;
      }
    }
  }
  if (row.phone.empty()) {
    Add(out, sheet, r, F::kPhone, kOnlineMissing, "缺少手机号");
  } else if (!ValidMobilePhone(row.phone)) {
    Add(out, sheet, r, F::kPhone, kOnlinePhoneInvalid,
        "手机号「" + row.phone + "」无效，应为 1 开头的 11 位数字");
  }
  if (row.course.empty()) {
    Add(out, sheet, r, F::kCourse, kOnlineMissing,
        sheet == OnlineSheet::kSummary ? "缺少职业（工种）或课程" : "缺少课程名称");
  }
  if (!row.started_at) Add(out, sheet, r, F::kStart, kOnlineMissing, "缺少学习开始时间");
  if (!row.ended_at) Add(out, sheet, r, F::kEnd, kOnlineMissing, "缺少学习结束时间");
  if (!row.minutes) Add(out, sheet, r, F::kMinutes, kOnlineMissing, "缺少学习时长（分钟）");
  if (!row.class_hours) Add(out, sheet, r, F::kClassHours, kOnlineMissing, "缺少学时");
  const bool faces = sheet != OnlineSheet::kSummary;
  if (faces && !row.face_captures) {
    Add(out, sheet, r, F::kFaceCaptures, kOnlineMissing, "缺少人脸抓拍次数");
  }
  if (row.minutes && *row.minutes < 0) {
    Add(out, sheet, r, F::kMinutes, kOnlineValueInvalid, "学习时长不能为负数");
  }
  if (row.class_hours && *row.class_hours < 1) {
    Add(out, sheet, r, F::kClassHours, kOnlineValueInvalid, "学时应为正整数");
  }
  if (row.started_at && row.ended_at) {
    const int64_t from = *row.started_at, to = *row.ended_at;
    if (to <= from) {
      Add(out, sheet, r, F::kEnd, kOnlineValueInvalid, "学习结束时间应晚于开始时间");
    } else {
      if (from < ctx.period_from || to > ctx.period_to) {
        Add(out, sheet, r, from < ctx.period_from ? F::kStart : F::kEnd, kOnlineOutsidePeriod,
            "学习时间不在培训班的培训期内");
      }
      if (row.minutes && *row.minutes * 60 > to - from) {
        Add(out, sheet, r, F::kMinutes, kOnlineExceedsSpan,
            "学习时长 " + std::to_string(*row.minutes) + " 分钟超过了起止时间之间的 " +
                Minutes(to - from) + " 分钟");
      }
    }
  }
  if (row.minutes && row.class_hours && *row.class_hours > 0 &&
      *row.minutes < *row.class_hours * ctx.min_minutes_per_hour) {
    Add(out, sheet, r, F::kMinutes, kOnlineMinutesShort,
        "学习时长 " + std::to_string(*row.minutes) + " 分钟不足 " +
            std::to_string(*row.class_hours) + " 学时 × " +
            std::to_string(ctx.min_minutes_per_hour) + " 分钟");
  }
  if (faces && row.face_captures && row.class_hours && *row.class_hours > 0 &&
      *row.face_captures < *row.class_hours * ctx.min_faces_per_hour) {
    Add(out, sheet, r, F::kFaceCaptures, kOnlineFacesShort,
        "人脸抓拍 " + std::to_string(*row.face_captures) + " 次，少于每学时 " +
            std::to_string(ctx.min_faces_per_hour) + " 次（共应 " +
            std::to_string(*row.class_hours * ctx.min_faces_per_hour) + " 次）");
  }
  if (row.exam_score && (*row.exam_score < 0 || *row.exam_score > 100)) {
    Add(out, sheet, r, F::kExamScore, kOnlineValueInvalid, "考试成绩应在 0 到 100 之间");
  }
}

void CheckOnlineOverlaps(OnlineSheet sheet, std::vector<OnlineSpanRow>& rows,
                         const std::map<int64_t, std::vector<TimeSpan>>& held,
                         const OnlineCheckContext& ctx, std::vector<OnlineProblem>& out) {
  std::sort(rows.begin(), rows.end(), [](const OnlineSpanRow& a, const OnlineSpanRow& b) {
    return a.person_id != b.person_id ? a.person_id < b.person_id
           : a.from != b.from         ? a.from < b.from
                                      : a.row < b.row;
  });
  static const std::vector<TimeSpan> kNone;
  auto overlaps = [](const std::vector<TimeSpan>& spans, int64_t from, int64_t to) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const TimeSpan& s) { return s.from < to && from < s.to; });
  };
  int64_t person = 0, reach = 0, reach_row = 0;
  const std::vector<TimeSpan>* held_spans = &kNone;
  const std::vector<TimeSpan>* offline_spans = &kNone;
  for (const auto& r : rows) {
    if (r.person_id != person || reach_row == 0) {
      person = r.person_id;
      reach = r.to;
      reach_row = r.row;
      auto h = held.find(person);
      held_spans = h == held.end() ? &kNone : &h->second;
      auto o = ctx.offline.find(person);
      offline_spans = o == ctx.offline.end() ? &kNone : &o->second;
    } else {
      if (r.from < reach) {
        Add(out, sheet, r.row, OnlineField::kStart, kOnlineOverlapOnline,
            "与第 " + std::to_string(reach_row) + " 行的学习时间重叠：同一时间只能学习一门课程");
      }
      if (r.to > reach) {
        reach = r.to;
        reach_row = r.row;
      }
    }
    if (overlaps(*held_spans, r.from, r.to)) {
      Add(out, sheet, r.row, OnlineField::kStart, kOnlineOverlapOnline,
          "与已接收的线上学习记录时间重叠");
    }
    if (overlaps(*offline_spans, r.from, r.to)) {
      Add(out, sheet, r.row, OnlineField::kStart, kOnlineOverlapOffline,
          "与本人线下考勤（签到至签退）时间重叠");
    }
  }
}

void CheckSummaryAgainstDetail(const std::vector<OnlineRow>& summary,
                               const std::map<int64_t, DetailTotals>& details,
                               std::vector<OnlineProblem>& out) {
  std::map<int64_t, int64_t> seen;  // person -> summary row
  for (const auto& s : summary) {
    if (s.person_id == 0) continue;
    if (auto it = seen.find(s.person_id); it != seen.end()) {
      Add(out, OnlineSheet::kSummary, s.row, OnlineField::kIdNumber, kOnlineSummaryMismatch,
          "同一人在汇总表中出现了两次（另见第 " + std::to_string(it->second) + " 行）");
      continue;
    }
    seen[s.person_id] = s.row;
    auto d = details.find(s.person_id);
    if (d == details.end()) {
      Add(out, OnlineSheet::kSummary, s.row, OnlineField::kIdNumber, kOnlineSummaryMismatch,
          "此人在明细表中没有学习记录");
      continue;
    }
    if (s.minutes && d->second.minutes != *s.minutes) {
      Add(out, OnlineSheet::kSummary, s.row, OnlineField::kMinutes, kOnlineSummaryMismatch,
          "汇总表的学习时长 " + std::to_string(*s.minutes) + " 分钟与明细表合计 " +
              std::to_string(d->second.minutes) + " 分钟不一致");
    }
    if (s.class_hours && d->second.class_hours != *s.class_hours) {
      Add(out, OnlineSheet::kSummary, s.row, OnlineField::kClassHours, kOnlineSummaryMismatch,
          "汇总表的学时 " + std::to_string(*s.class_hours) + " 与明细表合计 " +
              std::to_string(d->second.class_hours) + " 学时不一致");
    }
  }
  for (const auto& [person, d] : details) {
    if (!seen.count(person)) {
      Add(out, OnlineSheet::kDetail, d.first_row, OnlineField::kIdNumber, kOnlineSummaryMissing,
          "此人在明细表中有学习记录，但汇总表中没有");
    }
  }
}

std::vector<int64_t> CreditOnlineHours(const std::vector<PlanSession>& sessions,
                                       int64_t online_hours) {
  std::vector<int64_t> out(sessions.size(), 0);
  for (size_t i = 0; i < sessions.size() && online_hours > 0; ++i) {
    if (sessions[i].delivery != Delivery::kOnline) continue;
    out[i] = std::min<int64_t>(sessions[i].hours, online_hours);
    online_hours -= out[i];
  }
  return out;
}

namespace {

struct FieldNames {
  OnlineField field;
  std::string_view canonical;
  std::array<std::string_view, 6> aliases;
};
// Longer, more specific names first where one contains another (学习开始时间 before 学习时长).
constexpr FieldNames kFields[] = {
    {OnlineField::kName, "姓名", {"姓名", "学员姓名"}},
    {OnlineField::kIdNumber,
     "身份证号",
     {"身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"}},
    {OnlineField::kPhone, "手机号", {"手机号", "手机号码", "联系电话", "电话", "手机"}},
    {OnlineField::kCourse,
     "课程",
     {"课程", "课程名称", "职业（工种）或课程", "职业或课程", "职业（工种）", "工种"}},
    {OnlineField::kStart, "学习开始时间", {"学习开始时间", "开始时间", "开始学习时间"}},
    {OnlineField::kEnd, "学习结束时间", {"学习结束时间", "结束时间", "结束学习时间"}},
    {OnlineField::kSpan, "学习起止时间", {"学习起止时间", "起止时间", "学习起止"}},
    {OnlineField::kMinutes,
     "学习时长（分钟）",
     {"学习时长（分钟）", "学习时长", "时长（分钟）", "学习分钟数", "分钟数", "时长"}},
    {OnlineField::kClassHours, "学时", {"学时", "课时", "学时数"}},
    {OnlineField::kFaceCaptures,
     "人脸抓拍次数",
     {"人脸抓拍次数", "随机人脸抓拍次数", "抓拍次数", "人脸抓拍", "人脸识别次数"}},
    {OnlineField::kExamScore, "考试成绩", {"考试成绩", "成绩", "考核成绩"}},
    {OnlineField::kPhoto, "照片", {"照片", "学员照片", "人脸照片"}},
};

std::string NormalHeader(std::string_view h) {
  std::string s = Trim(h);
  s = Replace(std::move(s), " ", "");
  s = Replace(std::move(s), "　", "");
  s = Replace(std::move(s), "(", "（");
  s = Replace(std::move(s), ")", "）");
  s = Replace(std::move(s), "*", "");
  return s;
}

}  // namespace

std::string_view OnlineFieldName(OnlineField f) {
  for (const auto& n : kFields) {
    if (n.field == f) return n.canonical;
  }
  return "";
}

std::optional<OnlineField> OnlineFieldOfHeader(std::string_view header) {
  const std::string h = NormalHeader(header);
  if (h.empty()) return std::nullopt;
  for (const auto& n : kFields) {
    for (auto a : n.aliases) {
      if (!a.empty() && h == a) return n.field;
    }
  }
  return std::nullopt;
}

std::vector<OnlineField> MissingOnlineFields(OnlineSheet sheet, const std::vector<bool>& present) {
  auto has = [&](OnlineField f) {
    const auto i = static_cast<size_t>(f);
    return i < present.size() && present[i];
  };
  std::vector<OnlineField> need = {OnlineField::kName,    OnlineField::kIdNumber,
                                   OnlineField::kPhone,   OnlineField::kCourse,
                                   OnlineField::kMinutes, OnlineField::kClassHours};
  if (sheet == OnlineSheet::kDetail) need.push_back(OnlineField::kFaceCaptures);
  std::vector<OnlineField> out;
  for (auto f : need) {
    if (!has(f)) out.push_back(f);
  }
  if (!has(OnlineField::kSpan)) {
    if (!has(OnlineField::kStart)) out.push_back(OnlineField::kStart);
    if (!has(OnlineField::kEnd)) out.push_back(OnlineField::kEnd);
  }
  return out;
}

Result<int64_t> ParseOnlineTime(std::string_view text, int offset_minutes, std::string_view field) {
  const std::string t = Trim(text);
  if (t.size() > 10 && t[10] == 'T') {
    auto ts = ParseTimestamp(t, field);
    if (!ts.ok()) return BadTime(field, t);
    return ts->unix_seconds;
  }
  std::string s = Replace(t, "年", "-");
  s = Replace(std::move(s), "月", "-");
  s = Replace(std::move(s), "日", " ");
  s = Replace(std::move(s), "/", "-");
  size_t at = 0;
  const int64_t y = Digits(s, at, 4);
  if (y < 1900 || at >= s.size() || s[at] != '-') return BadTime(field, t);
  ++at;
  const int64_t m = Digits(s, at, 2);
  if (m < 1 || at >= s.size() || s[at] != '-') return BadTime(field, t);
  ++at;
  const int64_t d = Digits(s, at, 2);
  if (d < 1 || !IsValidDate(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d))) {
    return BadTime(field, t);
  }
  while (at < s.size() && s[at] == ' ') ++at;
  const int64_t secs = TimeOfDay(s, at);
  if (secs < 0 || at != s.size()) return BadTime(field, t);
  const Date date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
  return date.ToDays() * 86400 + secs - int64_t{offset_minutes} * 60;
}

Result<int64_t> OnlineTimeOfSerial(std::string_view number, int offset_minutes,
                                   std::string_view field) {
  const std::string t = Trim(number);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v) || v < 1 || v > 2958465) {
    return BadTime(field, t);
  }
  // Whole seconds, rounded (a serial's fraction rarely lands on a second exactly).
  const auto secs = static_cast<int64_t>(std::llround(v * 86400.0));
  constexpr int64_t kEpochSerialDays = 25569;  // 1970-01-01
  return secs - kEpochSerialDays * 86400 - int64_t{offset_minutes} * 60;
}

Result<TimeSpan> ParseOnlineSpan(std::string_view text, int offset_minutes,
                                 std::string_view field) {
  const std::string t = Trim(text);
  static constexpr std::string_view kSeps[] = {"~", "～", "至", "—", "–", "-"};
  for (auto sep : kSeps) {
    for (size_t p = t.find(sep); p != std::string::npos; p = t.find(sep, p + 1)) {
      const std::string left = Trim(std::string_view(t).substr(0, p));
      const std::string right = Trim(std::string_view(t).substr(p + sep.size()));
      auto from = ParseOnlineTime(left, offset_minutes, field);
      if (!from.ok()) continue;
      auto to = ParseOnlineTime(right, offset_minutes, field);
      if (!to.ok()) {
        // "2021-10-11 08:30-10:30": the end is a time of the start's day.
        size_t at = 0;
        const int64_t secs = TimeOfDay(right, at);
        if (secs < 0 || at != right.size()) continue;
        const int64_t local = *from + int64_t{offset_minutes} * 60;
        const int64_t day = local - ((local % 86400) + 86400) % 86400;
        to = day + secs - int64_t{offset_minutes} * 60;
      }
      return TimeSpan{*from, *to};
    }
  }
  return Status::Invalid(
             std::string(field),
             "学习起止时间「" + t + "」无法识别，应为 2021-10-11 08:30 至 2021-10-11 10:30")
      .WithReason(std::string(kOnlineValueInvalid));
}

}  // namespace anpei::domain
