// Reports (统计报表, issue 15 Deliver 6; 三（一）4, 四（二）, 四（三）): how many people were
// trained, certified and paid, and how much was clawed back, grouped by district, institution,
// occupation or month. Pure: the store hands over facts (one number of one measure for one group),
// and BuildReport merges them into rows with a total row, so the grouping and the totals are the
// same for the page, the chart and the XLSX export.
//
// Measures and the date each is counted on (a month report puts a number in the month its event
// happened, not in the class's month):
//  - trainees   people on the roster of a class reviewed and approved on the platform (approved
//               or any later state, disqualified included), in the month of its first session;
//  - certified  certificates issued and not revoked, in the month of issue;
//  - paid       subsidy payments registered paid by the bank, count and yuan, in the month paid;
//  - clawback   subsidies to recover (追回) after a fraud decision: yuan due, in the month the
//               clawback arose, and yuan recovered, in the month each recovery was registered.
// Amounts are whole yuan (元), as the policy sets subsidies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpei::domain {

enum class ReportDimension { kDistrict, kInstitution, kOccupation, kMonth };
std::string_view ReportDimensionId(ReportDimension d);  // district|institution|occupation|month
std::string_view ReportDimensionName(ReportDimension d);  // 区县|培训机构|职业（工种）|月份
std::optional<ReportDimension> ParseReportDimension(std::string_view id);

enum class ReportMeasure {
  kTrainees,
  kCertified,
  kPaidCount,
  kPaidYuan,
  kClawbackDueYuan,
  kClawbackRecoveredYuan,
};
inline constexpr ReportMeasure kReportMeasures[] = {
    ReportMeasure::kTrainees,        ReportMeasure::kCertified,
    ReportMeasure::kPaidCount,       ReportMeasure::kPaidYuan,
    ReportMeasure::kClawbackDueYuan, ReportMeasure::kClawbackRecoveredYuan};
std::string_view ReportMeasureId(ReportMeasure m);    // trainees, certified, paid, paid_yuan, ...
std::string_view ReportMeasureName(ReportMeasure m);  // 培训人数, 取证人数, ...

// One number the store counted: `value` of `measure` for the group `key` (a district code, an
// institution id, an occupation id, a month "2021-10"), with the group's label as shown.
struct ReportFact {
  std::string key;
  std::string label;
  ReportMeasure measure = ReportMeasure::kTrainees;
  int64_t value = 0;
};

struct ReportRow {
  std::string key;
  std::string label;
  int64_t trainees = 0;
  int64_t certified = 0;
  int64_t paid = 0;
  int64_t paid_yuan = 0;
  int64_t clawback_due_yuan = 0;
  int64_t clawback_recovered_yuan = 0;
  // Due minus recovered: what is still to be recovered.
  int64_t clawback_outstanding_yuan() const { return clawback_due_yuan - clawback_recovered_yuan; }
  int64_t Get(ReportMeasure m) const;
};

struct Report {
  ReportDimension dimension = ReportDimension::kDistrict;
  std::string from_month;       // "2021-01", inclusive; empty = from the start
  std::string to_month;         // "2021-12", inclusive; empty = up to now
  std::vector<ReportRow> rows;  // ordered by key (months in time order)
  ReportRow total;              // key "total", label 合计
};

// Merges the facts into one row per key (facts of one key and measure add up), ordered by key;
// the total adds every row.
Report BuildReport(ReportDimension dimension, std::string from_month, std::string to_month,
                   const std::vector<ReportFact>& facts);

// Whether `text` is a month "YYYY-MM" (year 2000 on, month 01–12).
bool IsReportMonth(std::string_view text);

}  // namespace anpei::domain
