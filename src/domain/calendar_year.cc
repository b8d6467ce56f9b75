#include "domain/calendar_year.h"

#include <algorithm>

namespace anpei::domain {
namespace {

// 元旦's days off and its adjusted working day may begin in the last days of the previous year
// (2023: off from 2022-12-31; 2012: work on 2011-12-31); nothing else lies outside the year.
constexpr int64_t kDaysBeforeYear = 7;
// A holiday period never spans more than a month (as WorkCalendar::Build checks).
constexpr int64_t kMaxOffSpanDays = 31;
// The agency prefix of a notice number ("国办发明电") is a few characters long.
constexpr size_t kMaxPrefixChars = 6;

std::string HolidayPath(size_t i) { return "holiday[" + std::to_string(i) + "]"; }

bool InYear(Date d, int year) {
  if (d.year == year) return true;
  const int64_t first = Date{year, 1, 1}.ToDays();
  return d.ToDays() < first && d.ToDays() >= first - kDaysBeforeYear;
}

// A CJK unified ideograph (U+4E00..U+9FFF) encoded in the 3 bytes ending before `end`.
bool IdeographBefore(std::string_view s, size_t end) {
  if (end < 3) return false;
  const auto b0 = static_cast<unsigned char>(s[end - 3]);
  const auto b1 = static_cast<unsigned char>(s[end - 2]);
  return b0 >= 0xE4 && b0 <= 0xE9 && b1 >= 0x80 && b1 <= 0xBF;
}

size_t DigitsAt(std::string_view s, size_t at) {
  size_t n = 0;
  while (at + n < s.size() && s[at + n] >= '0' && s[at + n] <= '9') ++n;
  return n;
}

// The notice number starting at the opening bracket `open` (of byte length `open_len`), if any.
std::optional<std::string> NoticeAt(std::string_view s, size_t open, size_t open_len) {
  static constexpr std::string_view kClose[] = {"〕", "]", "】"};
  size_t at = open + open_len;
  if (DigitsAt(s, at) != 4) return std::nullopt;
  at += 4;
  size_t close_len = 0;
  for (std::string_view c : kClose) {
    if (s.substr(at).starts_with(c)) close_len = c.size();
  }
  if (close_len == 0) return std::nullopt;
  at += close_len;
  const size_t number = DigitsAt(s, at);
  if (number == 0 || !s.substr(at + number).starts_with("号")) return std::nullopt;
  size_t begin = open;
  for (size_t chars = 0; chars < kMaxPrefixChars && IdeographBefore(s, begin); ++chars) begin -= 3;
  return std::string(s.substr(begin, at + number + std::string_view("号").size() - begin));
}

void CheckOffRange(const HolidayPeriod& h, size_t i, int year, std::vector<CalendarFault>& out) {
  const std::string path = HolidayPath(i) + ".off";
  if (!InYear(h.off_from, year)) {
    out.push_back({path + ".from",
                   "放假起始日 " + h.off_from.ToString() + " 不在 " + std::to_string(year) + " 年",
                   "calendar.date_outside_year"});
  }
  if (h.off_to.year != year) {
    out.push_back({path + ".to",
                   "放假结束日 " + h.off_to.ToString() + " 不在 " + std::to_string(year) + " 年",
                   "calendar.date_outside_year"});
  }
  const int64_t span = h.off_to.ToDays() - h.off_from.ToDays();
  if (span < 0 || span >= kMaxOffSpanDays) {
    out.push_back({path,
                   "放假区间无效：" + h.off_from.ToString() + " 至 " + h.off_to.ToString() +
                       "（结束日应不早于起始日，且不超过 " + std::to_string(kMaxOffSpanDays) +
                       " 天）",
                   "calendar.off_range"});
  }
}

void CheckWorkDays(const CalendarYear& y, size_t i, std::vector<CalendarFault>& out) {
  const HolidayPeriod& h = y.holidays[i];
  for (size_t j = 0; j < h.work.size(); ++j) {
    const Date w = h.work[j];
    const std::string path = HolidayPath(i) + ".work[" + std::to_string(j) + "]";
    if (!InYear(w, y.year)) {
      out.push_back({path, "调休上班日 " + w.ToString() + " 不在 " + std::to_string(y.year) + " 年",
                     "calendar.date_outside_year"});
    }
    if (!w.IsWeekend()) {
      out.push_back({path, "调休上班日 " + w.ToString() + " 不是周六或周日（本就是工作日）",
                     "calendar.work_not_weekend"});
    }
    for (const HolidayPeriod& other : y.holidays) {
      if (other.off_from <= w && w <= other.off_to) {
        out.push_back({path, w.ToString() + " 同时在「" + other.name + "」的放假区间内",
                       "calendar.off_and_work"});
      }
    }
  }
}

void CheckOverlaps(const CalendarYear& y, std::vector<CalendarFault>& out) {
  std::vector<size_t> order(y.holidays.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return y.holidays[a].off_from < y.holidays[b].off_from; });
  for (size_t k = 1; k < order.size(); ++k) {
    const HolidayPeriod& prev = y.holidays[order[k - 1]];
    const HolidayPeriod& cur = y.holidays[order[k]];
    if (cur.off_from <= prev.off_to) {
      out.push_back({HolidayPath(order[k]) + ".off",
                     "「" + cur.name + "」的放假区间与「" + prev.name + "」（" +
                         prev.off_from.ToString() + " 至 " + prev.off_to.ToString() + "）重叠",
                     "calendar.off_overlap"});
    }
  }
}

}  // namespace

std::optional<std::string> NoticeNumber(std::string_view source) {
  static constexpr std::string_view kOpen[] = {"〔", "[", "【"};
  for (size_t at = 0; at < source.size(); ++at) {
    for (std::string_view open : kOpen) {
      if (!source.substr(at).starts_with(open)) continue;
      if (auto n = NoticeAt(source, at, open.size())) return n;
    }
  }
  return std::nullopt;
}

std::vector<CalendarFault> ValidateCalendarYear(const CalendarYear& y,
                                                std::optional<int> expected_year) {
  std::vector<CalendarFault> out;
  if (expected_year && *expected_year != y.year) {
    out.push_back({"year",
                   "year = " + std::to_string(y.year) + " 与文件名所示年份 " +
                       std::to_string(*expected_year) + " 不一致",
                   "calendar.year_mismatch"});
  }
  if (!NoticeNumber(y.source)) {
    out.push_back({"source",
                   "来源须写明国务院办公厅通知的文号，例如「国务院办公厅关于" +
                       std::to_string(y.year) + "年部分节假日安排的通知（国办发明电〔" +
                       std::to_string(y.year - 1) + "〕7号）」",
                   "calendar.notice_missing"});
  }
  if (y.holidays.empty()) {
    out.push_back({"holiday", "没有任何节假日安排（[[holiday]]）", "calendar.no_holidays"});
  }
  for (size_t i = 0; i < y.holidays.size(); ++i) {
    CheckOffRange(y.holidays[i], i, y.year, out);
    CheckWorkDays(y, i, out);
  }
  CheckOverlaps(y, out);
  return out;
}

Status FirstFault(const std::vector<CalendarFault>& faults) {
  if (faults.empty()) return Status::Ok();
  const CalendarFault& f = faults.front();
  return Status::Invalid(f.field, f.message).WithReason(f.reason);
}

}  // namespace anpei::domain
