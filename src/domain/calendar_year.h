// Checks of one year of the working-day calendar as an operator supplies it (the format of
// data/calendar/cn-YYYY.toml), before it may replace the shipped year: every fault is reported,
// each naming its field, so a console can show them beside the fields and the CLI can list them.
// Pure; the TOML syntax itself is the adapter's (adapters/toml).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/calendar.h"

namespace anpei::domain {

// One fault of a calendar year: field as a path ("holiday[2].work[0]"), a Chinese message and a
// stable reason key (calendar.date_outside_year, calendar.off_overlap, calendar.work_not_weekend,
// calendar.off_and_work, calendar.off_range, calendar.notice_missing, calendar.no_holidays,
// calendar.year_mismatch).
struct CalendarFault {
  std::string field;
  std::string message;
  std::string reason;
};

// The official notice's number in a source text: "国办发明电〔2025〕7号" (brackets 〔〕, [] or
// 【】; an optional agency prefix of CJK characters). Absent when the text names none.
std::optional<std::string> NoticeNumber(std::string_view source);

// Every fault of `year`: dates outside the year (an off range may begin in the last days of the
// previous December when it ends in the year, as 元旦 often does), a reversed or over-long off
// range, off ranges that overlap, adjusted working days not on a weekend or inside an off range,
// no holiday at all, no notice number in `source`. `expected_year` (from a file name
// cn-YYYY.toml) must match when given. Empty when the year may be imported.
std::vector<CalendarFault> ValidateCalendarYear(const CalendarYear& year,
                                                std::optional<int> expected_year = std::nullopt);

// The first fault as a Status (InvalidArgument, field and reason kept); OK when there is none.
Status FirstFault(const std::vector<CalendarFault>& faults);

}  // namespace anpei::domain
