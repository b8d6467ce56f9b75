// Port: the working-day calendar years an operator imported into the store (issue 10, Deliver 4).
// Each import or correction of a year is a new row, never an update: its `revision` is a number
// increasing across all years (what a declaration records as the calendar version it used), its
// `version` counts the imports of that year (1, 2, ...). Valid for one transaction (see
// Store::Run in ports/store.h); not thread-safe. Failures as in store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

struct StoredCalendarYear {
  int64_t revision = 0;  // assigned by the store
  int year = 0;
  int64_t version = 0;  // assigned by the store: 1 + the year's previous imports
  std::string notice;   // the official notice's number (国办发明电〔2025〕7号)
  std::string source;   // the notice's title, as in the file
  std::string toml;     // the file as imported (the record of what was decided)
  std::string imported_by;
  std::string imported_at;
  std::string note;  // why (a correction's reason)
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;

  // The newest revision in the store; 0 when no year was ever imported.
  virtual Result<int64_t> LatestRevision() = 0;
  // The newest version of each year among the revisions up to `up_to` (all when absent), by year.
  virtual Result<std::vector<StoredCalendarYear>> CurrentYears(std::optional<int64_t> up_to) = 0;
  // Every version of one year, newest first.
  virtual Result<std::vector<StoredCalendarYear>> YearVersions(int year) = 0;
  // Appends a version of `year.year`; fills in revision and version.
  virtual Status InsertCalendarYear(StoredCalendarYear& year) = 0;
};

}  // namespace anpei::ports
