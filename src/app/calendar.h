// Use cases of the working-day calendar (issue 10, Deliver 4): the city bureau imports or corrects
// a year (the format of data/calendar/cn-YYYY.toml) into the store, where it overrides the shipped
// year; every import is a new version, audited (calendar.import). A deadline is decided with the
// calendar in force at the time, and the declaration records that calendar's revision, so a later
// correction never moves a deadline already decided.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/calendar.h"
#include "domain/calendar_year.h"
#include "ports/calendar_repository.h"

namespace anpei::app {

struct CalendarInUse {
  int64_t revision = 0;  // the store's calendar revision (0: the shipped data only)
  std::shared_ptr<const domain::WorkCalendar> calendar;
};
// The calendar as of `revision` (the newest when absent): each year's newest import up to it,
// else the shipped year. Internal when a stored year no longer reads (it was checked on import).
Result<CalendarInUse> CalendarAt(const AppContext& ctx, ports::StoreTx& tx,
                                 std::optional<int64_t> revision = std::nullopt);
// The newest calendar in force, in a read transaction of its own (the CLI's `calendar workday`
// and `calendar add` with --db). Public data: no actor, nothing audited.
Result<CalendarInUse> CalendarInForce(const AppContext& ctx);

struct CalendarImportRequest {
  std::string toml;
  std::string origin = "calendar.toml";  // the file name; cn-YYYY.toml must hold year YYYY
  std::string note;                      // why (a correction's reason), optional
  bool dry_run = false;                  // check only
};
struct CalendarImportOutcome {
  // Every fault found (each names its field); non-empty means refused and nothing stored.
  std::vector<domain::CalendarFault> faults;
  ports::StoredCalendarYear stored;  // the new version (revision 0 on a dry run)
  domain::CalendarYear year;
};
// Only the city bureau (and the operator's CLI). Unreadable TOML is a fault too (its line and
// column in the message); a year that conflicts with its neighbours (a day both off and working)
// is refused as well.
Result<CalendarImportOutcome> ImportCalendarYear(const AppContext& ctx, const Actor& actor,
                                                 const CalendarImportRequest& request);

struct CalendarYearRow {
  int year = 0;
  bool shipped = false;                             // data/calendar/ has this year
  std::string shipped_notice;                       // its notice number
  std::optional<ports::StoredCalendarYear> stored;  // the newest import (toml left empty)
  bool store_in_force() const { return stored.has_value(); }
};
// Every year known, shipped or imported, in year order (city bureau only).
Result<std::vector<CalendarYearRow>> ListCalendarYears(const AppContext& ctx, const Actor& actor);
Result<std::vector<CalendarYearRow>> ListCalendarYearsIn(const AppContext& ctx, ports::StoreTx& tx,
                                                         const Actor& actor);

struct CalendarYearDetail {
  CalendarYearRow row;
  domain::CalendarYear in_force;                    // the year as it applies now
  std::vector<ports::StoredCalendarYear> versions;  // every import, newest first, with the text
};
// NotFound (field "year") when the year is neither shipped nor imported.
Result<CalendarYearDetail> GetCalendarYear(const AppContext& ctx, const Actor& actor, int year);

}  // namespace anpei::app
