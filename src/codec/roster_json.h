// JSON of the roster import (docs/openapi.yaml, importRoster): the outcome of an import or a dry
// run with one entry per row (the spreadsheet's own row numbers), and the refusal when rows have
// faults. ID numbers and phones are masked in the report, as in every list.
#pragma once

#include <string>

#include "app/roster_import.h"

namespace anpei::codec {

// A dry run: {"dry_run":true,"sheet","header_row","counts":{…},"rows":[…],"errors":[…]}.
std::string ImportReportToJson(const app::ImportOutcome& out);
// A saved import: the class, plus "import": {"sheet","header_row","created","added","skipped",
// "skipped_rows":[…]}.
std::string ImportedClassToJson(const app::ImportOutcome& out);
// Rows with faults, nothing saved: {"error":{…,"field":"rows"},"rows":[{row,field,message,
// reason,rule,clause}],"report":{…as a dry run}}.
std::string ImportRefusalToJson(const app::ImportOutcome& out);

}  // namespace anpei::codec
