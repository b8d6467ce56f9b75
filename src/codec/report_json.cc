#include "codec/report_json.h"

#include <boost/json.hpp>

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::object RowObject(const domain::ReportRow& row) {
  json::object o{{"key", row.key}, {"label", row.label}};
  for (auto m : domain::kReportMeasures) o[domain::ReportMeasureId(m)] = row.Get(m);
  o["clawback_outstanding_yuan"] = row.clawback_outstanding_yuan();
  return o;
}

}  // namespace

std::string ReportToJson(const domain::Report& report) {
  json::array measures;
  for (auto m : domain::kReportMeasures) {
    measures.push_back(
        json::object{{"id", domain::ReportMeasureId(m)}, {"name", domain::ReportMeasureName(m)}});
  }
  json::array rows;
  for (const auto& row : report.rows) rows.push_back(RowObject(row));
  json::object o{{"by", domain::ReportDimensionId(report.dimension)},
                 {"by_name", domain::ReportDimensionName(report.dimension)},
                 {"from", report.from_month},
                 {"to", report.to_month},
                 {"measures", std::move(measures)},
                 {"rows", std::move(rows)},
                 {"total", RowObject(report.total)}};
  return json::serialize(o);
}

}  // namespace anpei::codec
