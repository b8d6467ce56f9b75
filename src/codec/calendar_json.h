// JSON mapping of the working-day calendar resources (docs/openapi.yaml, "calendar"): the import
// request, its faults (every one, each naming its field), the list of years and one year with
// its versions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/calendar.h"
#include "base/status.h"

namespace anpei::codec {

// {"toml": "…", "file_name": "cn-2027.toml", "note": "…"}; dry_run comes from the query.
Result<app::CalendarImportRequest> ParseCalendarImport(std::string_view body);

// The error object of the first fault, with every fault in error.details.
std::string CalendarFaultsToJson(const std::vector<domain::CalendarFault>& faults);
std::string CalendarImportToJson(const app::CalendarImportOutcome& outcome, bool dry_run);
std::string CalendarYearsToJson(const std::vector<app::CalendarYearRow>& rows);
std::string CalendarYearToJson(const app::CalendarYearDetail& detail);

}  // namespace anpei::codec
