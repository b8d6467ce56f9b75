// Reports (统计报表, issue 15 Deliver 6): trainees, certified, paid and clawed back, grouped by
// district, institution, occupation or month (domain/report.h says what each measure counts and
// on which date), as JSON for the console's table and chart, and as an XLSX file.
//
// Who (app/authorize.h kReportReaders): the city bureau, 人社, 财政 and auditors see the city;
// a district's reviewer only its district; an institution only itself — the scope is applied in
// the query, whatever filter the request names (a district or institution outside it simply
// counts nothing). Reading is not audited (no personal data: counts and names of districts,
// institutions and occupations only); an export is, as every export (report.export).
//
// Errors: 401 / 403 (other roles); 400 naming the field for `by` (district|institution|
// occupation|month), `from`/`to` (YYYY-MM, from ≤ to), `institution_id`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/context.h"
#include "app/export.h"
#include "domain/report.h"

namespace anpei::app {

struct ReportRequest {
  std::string by = "district";  // the dimension's id
  std::string from;             // "2021-01" or empty
  std::string to;               // "2021-12" or empty
  std::optional<std::string> district_code;
  std::optional<int64_t> institution_id;
};

Result<domain::Report> GetReport(const AppContext& ctx, const Actor& actor, ReportRequest request);

// The report as XLSX: one row per group with every measure, the total row last; one audit event
// (report.export, the dimension and the months in its note).
Result<ExportFile> ExportReport(const AppContext& ctx, const Actor& actor, ReportRequest request);

}  // namespace anpei::app
