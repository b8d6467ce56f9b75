// The official working-day calendar (PRC): weekends off, statutory holidays off, adjusted working
// days (调休上班) on. Built from data (one record per year, from the State Council's yearly
// notice); a date in a year without data is an error, never a guess. Immutable once built: safe to
// share between threads.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/date.h"

namespace anpei::domain {

struct HolidayPeriod {
  std::string name;        // 春节
  Date off_from, off_to;   // inclusive range of days off
  std::vector<Date> work;  // adjusted working days that belong to this holiday
};

struct CalendarYear {
  int year = 0;
  std::string source;  // the notice it comes from
  std::vector<HolidayPeriod> holidays;
};

class WorkCalendar {
 public:
  // Validates and indexes the years. Errors (InvalidArgument, field names the year/holiday):
  // a year given twice, an off range reversed or longer than 31 days, an adjusted working day
  // that is already a weekday, or a day both off and on.
  static Result<WorkCalendar> Build(const std::vector<CalendarYear>& years);

  // Whether `date` is a working day; NotFound-style InvalidArgument when its year has no data.
  Result<bool> IsWorkday(Date date, std::string_view field = "date") const;

  // The date of the n-th working day after `date` (the date itself not counted, as the Civil
  // Code art. 201 counts periods); n = 0 returns `date`. Fails when the count leaves the data.
  Result<Date> AddWorkdays(Date date, int n, std::string_view field = "date") const;

  // What can be known of the n-th working day after `date` when some days on the way are in a
  // year without data (the State Council publishes each year's holidays in November or
  // December; years before the data are unknown too).
  struct WorkdayBound {
    std::optional<Date> exact;  // the n-th working day, when every day up to it is known
    // The earliest it can be: every unknown day counted as a working day.
    Date at_least;
    // The latest it can be: every unknown day counted as a day off; absent when that walk runs
    // past the last year with data (a future year can, in principle, be all holidays).
    std::optional<Date> at_most;
    int missing_year = 0;  // the first year without data met (0 when exact)
  };
  // Never fails for a year without data: reports the bounds instead.
  WorkdayBound BoundWorkdays(Date date, int n) const;

  bool Covers(int year) const { return years_.count(year) > 0; }
  int FirstYear() const { return years_.empty() ? 0 : *years_.begin(); }
  int LastYear() const { return years_.empty() ? 0 : *years_.rbegin(); }
  // The holiday a day off belongs to ("" for a plain weekend or a working day).
  std::string HolidayName(Date date) const;

 private:
  std::set<int> years_;
  std::map<int64_t, std::string> off_;   // day number -> holiday name
  std::map<int64_t, std::string> work_;  // day number -> holiday name
};

}  // namespace anpei::domain
