#include "codec/roster_json.h"

#include <boost/json.hpp>

#include "codec/model_json.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

json::object FaultToJson(const app::RowError& e) {
  json::object o{{"row", e.row}, {"field", e.field}, {"message", e.message}, {"reason", e.reason}};
  if (!e.rule.empty()) {
    o["rule"] = e.rule;
    o["clause"] = e.clause;
  }
  return o;
}

// One row's error: the first fault's fields (as before) and `faults`, every fault of the row.
json::object ErrorToJson(const app::RowError& e) {
  json::object o = FaultToJson(e);
  json::array faults;
  for (const auto& f : e.faults) faults.push_back(FaultToJson(f));
  if (faults.empty()) faults.push_back(FaultToJson(e));
  o["faults"] = std::move(faults);
  return o;
}

json::object Report(const app::ImportOutcome& out) {
  json::object counts{{"new", 0}, {"on_roster", 0}, {"error", 0}};
  std::map<int64_t, const app::RowError*> by_row;
  for (const auto& e : out.errors) by_row.emplace(e.row, &e);
  json::array rows;
  for (const auto& r : out.rows) {
    const std::string status(app::RowStatusId(r.status));
    counts[status] = counts[status].as_int64() + 1;
    json::object o{{"row", r.row},
                   {"status", status},
                   {"name", r.trainee.name},
                   {"id_number", domain::MaskIdNumber(r.trainee.id_number)},
                   {"phone", domain::MaskPhone(r.trainee.phone)},
                   {"group", r.trainee.group}};
    if (auto it = by_row.find(r.row); it != by_row.end() && r.status == app::RowStatus::kError) {
      o["error"] = ErrorToJson(*it->second);
    }
    rows.push_back(std::move(o));
  }
  json::array errors;
  for (const auto& e : out.errors) errors.push_back(ErrorToJson(e));
  json::object o{{"dry_run", out.dry_run},
                 {"counts", std::move(counts)},
                 {"rows", std::move(rows)},
                 {"errors", std::move(errors)}};
  if (!out.sheet.empty()) {
    o["sheet"] = out.sheet;
    o["header_row"] = out.header_row;
  }
  return o;
}

}  // namespace

std::string ImportReportToJson(const app::ImportOutcome& out) {
  return json::serialize(Report(out));
}

std::string ImportedClassToJson(const app::ImportOutcome& out) {
  json::value cls = json::parse(ClassToJson(out.cls));
  json::array skipped_rows;
  for (const auto& r : out.rows) {
    if (r.status == app::RowStatus::kOnRoster) skipped_rows.push_back(r.row);
  }
  json::object report{
      {"added", out.added}, {"skipped", out.skipped}, {"skipped_rows", std::move(skipped_rows)}};
  if (!out.sheet.empty()) {
    report["sheet"] = out.sheet;
    report["header_row"] = out.header_row;
  }
  cls.as_object()["import"] = std::move(report);
  return json::serialize(cls);
}

std::string ImportRefusalToJson(const app::ImportOutcome& out) {
  json::array rows;
  for (const auto& e : out.errors) rows.push_back(ErrorToJson(e));
  std::string where = out.sheet.empty() ? "" : "工作表「" + out.sheet + "」中";
  json::object error{
      {"code", CodeName(Code::kInvalidArgument)},
      {"reason", "roster.rows_invalid"},
      {"message", where + "有 " + std::to_string(out.errors.size()) + " 行有误，未导入任何数据"},
      {"field", "rows"}};
  return json::serialize(json::object{
      {"error", std::move(error)}, {"rows", std::move(rows)}, {"report", Report(out)}});
}

}  // namespace anpei::codec
