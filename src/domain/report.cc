#include "domain/report.h"

#include <algorithm>
#include <map>

namespace anpei::domain {

std::string_view ReportDimensionId(ReportDimension d) {
  switch (d) {
    case ReportDimension::kDistrict:
      return "district";
    case ReportDimension::kInstitution:
      return "institution";
    case ReportDimension::kOccupation:
      return "occupation";
    case ReportDimension::kMonth:
      return "month";
  }
  return "district";
}

std::string_view ReportDimensionName(ReportDimension d) {
  switch (d) {
    case ReportDimension::kDistrict:
      return "区县";
    case ReportDimension::kInstitution:
      return "培训机构";
    case ReportDimension::kOccupation:
      return "职业（工种）";
    case ReportDimension::kMonth:
      return "月份";
  }
  return "区县";
}

std::optional<ReportDimension> ParseReportDimension(std::string_view id) {
  for (auto d : {ReportDimension::kDistrict, ReportDimension::kInstitution,
                 ReportDimension::kOccupation, ReportDimension::kMonth}) {
    if (ReportDimensionId(d) == id) return d;
  }
  return std::nullopt;
}

std::string_view ReportMeasureId(ReportMeasure m) {
  switch (m) {
    case ReportMeasure::kTrainees:
      return "trainees";
    case ReportMeasure::kCertified:
      return "certified";
    case ReportMeasure::kPaidCount:
      return "paid";
    case ReportMeasure::kPaidYuan:
      return "paid_yuan";
    case ReportMeasure::kClawbackDueYuan:
      return "clawback_due_yuan";
    case ReportMeasure::kClawbackRecoveredYuan:
      return "clawback_recovered_yuan";
  }
  return "trainees";
}

std::string_view ReportMeasureName(ReportMeasure m) {
  switch (m) {
    case ReportMeasure::kTrainees:
      return "培训人数";
    case ReportMeasure::kCertified:
      return "取证人数";
    case ReportMeasure::kPaidCount:
      return "已拨付人数";
    case ReportMeasure::kPaidYuan:
      return "已拨付金额（元）";
    case ReportMeasure::kClawbackDueYuan:
      return "应追回金额（元）";
    case ReportMeasure::kClawbackRecoveredYuan:
      return "已追回金额（元）";
  }
  return "";
}

namespace {

// The field of `m` in `row` (ReportRow or const ReportRow).
template <typename Row>
auto& Slot(Row& row, ReportMeasure m) {
  switch (m) {
    case ReportMeasure::kTrainees:
      return row.trainees;
    case ReportMeasure::kCertified:
      return row.certified;
    case ReportMeasure::kPaidCount:
      return row.paid;
    case ReportMeasure::kPaidYuan:
      return row.paid_yuan;
    case ReportMeasure::kClawbackDueYuan:
      return row.clawback_due_yuan;
    case ReportMeasure::kClawbackRecoveredYuan:
      return row.clawback_recovered_yuan;
  }
  return row.trainees;
}

}  // namespace

int64_t ReportRow::Get(ReportMeasure m) const { return Slot(*this, m); }

Report BuildReport(ReportDimension dimension, std::string from_month, std::string to_month,
                   const std::vector<ReportFact>& facts) {
  Report report;
  report.dimension = dimension;
  report.from_month = std::move(from_month);
  report.to_month = std::move(to_month);
  std::map<std::string, ReportRow> rows;
  for (const ReportFact& f : facts) {
    ReportRow& row = rows[f.key];
    if (row.key.empty()) {
      row.key = f.key;
      row.label = f.label;
    }
    Slot(row, f.measure) += f.value;
  }
  report.total.key = "total";
  report.total.label = "合计";
  for (auto& [key, row] : rows) {
    for (ReportMeasure m : kReportMeasures) Slot(report.total, m) += row.Get(m);
    report.rows.push_back(std::move(row));
  }
  // Institutions are keyed by id: order them by number, not by text ("10" after "9").
  if (dimension == ReportDimension::kInstitution) {
    std::stable_sort(
        report.rows.begin(), report.rows.end(), [](const ReportRow& a, const ReportRow& b) {
          return a.key.size() != b.key.size() ? a.key.size() < b.key.size() : a.key < b.key;
        });
  }
  return report;
}

bool IsReportMonth(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  return month >= 1 && month <= 12 && t.substr(0, 4) >= "2000";
}

}  // namespace anpei::domain
