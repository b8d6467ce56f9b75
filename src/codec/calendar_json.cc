#include "codec/calendar_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

// Largest calendar file accepted: a year is about 1 kB.
constexpr size_t kMaxCalendarBytes = 64 * 1024;

json::array HolidaysJson(const domain::CalendarYear& y) {
  json::array out;
  for (const auto& h : y.holidays) {
    json::array work;
    for (const auto& w : h.work) work.push_back(json::value(w.ToString()));
    out.push_back(json::object{
        {"name", h.name},
        {"off", json::object{{"from", h.off_from.ToString()}, {"to", h.off_to.ToString()}}},
        {"work", std::move(work)}});
  }
  return out;
}

json::object StoredJson(const ports::StoredCalendarYear& s, bool with_text) {
  json::object o{{"revision", s.revision},       {"year", s.year},
                 {"version", s.version},         {"notice", s.notice},
                 {"source", s.source},           {"imported_by", s.imported_by},
                 {"imported_at", s.imported_at}, {"note", s.note}};
  if (with_text) o["toml"] = s.toml;
  return o;
}

json::object RowJson(const app::CalendarYearRow& r) {
  json::object o{{"year", r.year},
                 {"shipped", r.shipped},
                 {"shipped_notice", r.shipped_notice},
                 {"in_force", r.store_in_force() ? "store" : "shipped"}};
  o["stored"] = r.stored ? json::value(StoredJson(*r.stored, false)) : json::value(nullptr);
  return o;
}

}  // namespace

Result<app::CalendarImportRequest> ParseCalendarImport(std::string_view body) {
  if (body.size() > kMaxCalendarBytes) {
    return Status::Invalid("toml", "工作日历文件过大（" + std::to_string(body.size()) +
                                       " 字节），上限为 " + std::to_string(kMaxCalendarBytes) +
                                       " 字节");
  }
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  app::CalendarImportRequest out;
  ANPEI_ASSIGN_OR_RETURN(out.toml, RequiredString(*o, "", "toml"));
  ANPEI_ASSIGN_OR_RETURN(auto name, OptionalString(*o, "", "file_name"));
  if (name && !name->empty()) out.origin = *name;
  ANPEI_ASSIGN_OR_RETURN(auto note, OptionalString(*o, "", "note"));
  out.note = note.value_or("");
  return out;
}

std::string CalendarFaultsToJson(const std::vector<domain::CalendarFault>& faults) {
  json::array details;
  for (const auto& f : faults) {
    details.push_back(json::object{
        {"field", ValidUtf8(f.field)}, {"reason", f.reason}, {"message", ValidUtf8(f.message)}});
  }
  json::object e{{"code", "invalid_argument"}};
  if (!faults.empty()) {
    e["reason"] = faults.front().reason;
    e["message"] = ValidUtf8(faults.front().message);
    e["field"] = ValidUtf8(faults.front().field);
  }
  e["details"] = std::move(details);
  return json::serialize(json::object{{"error", std::move(e)}});
}

std::string CalendarImportToJson(const app::CalendarImportOutcome& out, bool dry_run) {
  json::object o = StoredJson(out.stored, false);
  o["dry_run"] = dry_run;
  o["holidays"] = HolidaysJson(out.year);
  return json::serialize(o);
}

std::string CalendarYearsToJson(const std::vector<app::CalendarYearRow>& rows) {
  json::array items;
  for (const auto& r : rows) items.push_back(RowJson(r));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string CalendarYearToJson(const app::CalendarYearDetail& d) {
  json::object o = RowJson(d.row);
  o["source"] = d.in_force.source;
  o["holidays"] = HolidaysJson(d.in_force);
  json::array versions;
  for (const auto& v : d.versions) versions.push_back(StoredJson(v, true));
  o["versions"] = std::move(versions);
  return json::serialize(o);
}

}  // namespace anpei::codec
