#include "codec/online_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "domain/date.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

Result<json::value> Root(std::string_view body) {
  return ParseJson(body.empty() ? std::string_view("{}") : body);
}

Result<std::optional<bool>> OptionalBool(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<bool>();
  if (!v->is_bool()) {
    return Status::Invalid(std::string(key),
                           std::string(key) + " 应为 true 或 false，收到的是" + TypeName(*v));
  }
  return std::optional<bool>(v->get_bool());
}

json::value Opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object PlatformObject(const domain::OnlinePlatform& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"approved_by_hrss", p.approved_by_hrss},
          {"active", p.active},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json::object TokenObject(const domain::PlatformToken& t) {
  return {{"id", t.id},
          {"platform_id", t.platform_id},
          {"name", t.name},
          {"created_at", t.created_at},
          {"last_used_at", Opt(t.last_used_at)},
          {"revoked_at", Opt(t.revoked_at)}};
}

// A whole number that may be absent (nullopt) but, when present, must be an integer.
Result<std::optional<int64_t>> OptionalInt(const json::object& o, const std::string& path,
                                           std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  const std::string field = JoinPath(path, key);
  if (v->is_int64()) return std::optional<int64_t>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return std::optional<int64_t>(static_cast<int64_t>(v->get_uint64()));
  }
  if (v->is_double() &&
      v->get_double() == static_cast<double>(static_cast<int64_t>(v->get_double()))) {
    return std::optional<int64_t>(static_cast<int64_t>(v->get_double()));
  }
  return Status::Invalid(field, field + " 应为整数，收到的是" + TypeName(*v));
}

Result<std::string> OptionalText(const json::object& o, const std::string& path,
                                 std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::string();
  const std::string field = JoinPath(path, key);
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());  // a phone sent as a number
  return Status::Invalid(field, field + " 应为字符串，收到的是" + TypeName(*v));
}

Result<std::optional<int64_t>> OptionalTime(const json::object& o, const std::string& path,
                                            std::string_view key, int offset) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  const std::string field = JoinPath(path, key);
  if (!v->is_string()) {
    return Status::Invalid(
        field, field + " 应为时间字符串（如 2021-10-11T08:30:00+08:00），收到的是" + TypeName(*v));
  }
  ANPEI_ASSIGN_OR_RETURN(auto t, domain::ParseOnlineTime(v->get_string(), offset, field));
  return std::optional<int64_t>(t);
}

json::array ProblemsArray(const std::vector<domain::OnlineProblem>& problems) {
  json::array out;
  for (const auto& p : problems) {
    out.push_back(json::object{{"sheet", domain::OnlineSheetId(p.sheet)},
                               {"sheet_name", domain::OnlineSheetName(p.sheet)},
                               {"row", p.row},
                               {"column", p.column},
                               {"reason", p.reason},
                               {"message", p.message}});
  }
  return out;
}

json::object ImportObject(const ports::OnlineImport& i) {
  return {{"id", i.id},
          {"class_id", i.class_id},
          {"state", i.state},
          {"state_name", i.state == "accepted" ? "已导入" : "未导入"},
          {"summary_file", i.summary_file},
          {"summary_sha256", i.summary_sha256},
          {"summary_rows", i.summary_rows},
          {"detail_file", i.detail_file},
          {"detail_sha256", i.detail_sha256},
          {"detail_rows", i.detail_rows},
          {"problem_count", i.problem_count},
          {"created_by", i.created_by},
          {"created_at", i.created_at},
          {"report_csv", "/api/v1/online-imports/" + std::to_string(i.id) + "/report.csv"},
          {"report_xlsx", "/api/v1/online-imports/" + std::to_string(i.id) + "/report.xlsx"}};
}

std::string CsvField(const std::string& s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos;
  std::string v = s;
  // A leading =, +, -, @ would start a formula in a spreadsheet: keep it text.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t')) {
    v = "'" + v;
    quote = true;
  }
  if (!quote) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string ImportOutcomeToJson(const app::OnlineImportOutcome& out) {
  json::object o = ImportObject(out.import);
  o["records"] = out.records;
  o["problems"] = ProblemsArray(out.problems);
  if (out.import.state != "accepted") {
    o["error"] =
        json::object{{"code", "failed_precondition"},
                     {"reason", "online.import_refused"},
                     {"message", "两张表中有 " + std::to_string(out.import.problem_count) +
                                     " 处问题，整批未导入；请下载逐行报告，改正后重新导入"}};
  }
  return json::serialize(o);
}

std::string ImportsToJson(const std::vector<ports::OnlineImport>& list) {
  json::array items;
  for (const auto& i : list) items.push_back(ImportObject(i));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string ImportReportToJson(const app::OnlineImportReport& r) {
  json::object o = ImportObject(r.import);
  o["problems"] = ProblemsArray(r.problems);
  return json::serialize(o);
}

std::string ImportReportToCsv(const app::OnlineImportReport& r) {
  std::string out = "\xEF\xBB\xBF表,行号,列,问题代码,说明\r\n";
  if (r.problems.empty()) out += "全部,0,,,全部通过核验，已导入\r\n";
  for (const auto& p : r.problems) {
    out += CsvField(std::string(domain::OnlineSheetName(p.sheet))) + "," + std::to_string(p.row) +
           "," + CsvField(p.column) + "," + CsvField(p.reason) + "," + CsvField(p.message) + "\r\n";
  }
  return out;
}

Result<ImportByEvidence> ParseImportByEvidence(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  ImportByEvidence in;
  ANPEI_ASSIGN_OR_RETURN(in.summary_evidence_id, RequiredInt(*o, "", "summary_evidence_id"));
  ANPEI_ASSIGN_OR_RETURN(in.detail_evidence_id, RequiredInt(*o, "", "detail_evidence_id"));
  return in;
}

Result<app::PlatformInput> ParsePlatformInput(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  app::PlatformInput in;
  ANPEI_ASSIGN_OR_RETURN(in.name, RequiredString(*o, "", "name"));
  ANPEI_ASSIGN_OR_RETURN(auto approved, OptionalBool(*o, "approved_by_hrss"));
  ANPEI_ASSIGN_OR_RETURN(auto active, OptionalBool(*o, "active"));
  in.approved_by_hrss = approved.value_or(false);
  in.active = active.value_or(true);
  return in;
}

Result<app::PlatformPatch> ParsePlatformPatch(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  app::PlatformPatch p;
  ANPEI_ASSIGN_OR_RETURN(p.name, OptionalString(*o, "", "name"));
  ANPEI_ASSIGN_OR_RETURN(p.approved_by_hrss, OptionalBool(*o, "approved_by_hrss"));
  ANPEI_ASSIGN_OR_RETURN(p.active, OptionalBool(*o, "active"));
  ANPEI_ASSIGN_OR_RETURN(p.version, OptionalInt(*o, "", "version"));
  return p;
}

Result<std::string> ParseTokenName(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  return RequiredString(*o, "", "name");
}

Result<std::optional<int64_t>> ParseClassPlatform(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  if (!o->contains("platform_id")) {
    return Status::Invalid("platform_id", "请选择线上学习平台（platform_id；清除选择时为 null）");
  }
  return OptionalInt(*o, "", "platform_id");
}

Result<PushInput> ParsePushInput(std::string_view body, int offset) {
  ANPEI_ASSIGN_OR_RETURN(auto root, Root(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  PushInput in;
  ANPEI_ASSIGN_OR_RETURN(in.class_id, RequiredInt(*o, "", "class_id"));
  const json::value* records = o->if_contains("records");
  if (!records) return Status::Invalid("records", "缺少 records（学习记录数组）");
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*records, "records"));
  if (arr->size() > app::kMaxPushRecords) {
    return Status::Invalid("records",
                           "一次最多推送 " + std::to_string(app::kMaxPushRecords) + " 条记录");
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = "records[" + std::to_string(i) + "]";
    ANPEI_ASSIGN_OR_RETURN(auto r, AsObject((*arr)[i], path));
    domain::OnlineRow row;
    row.row = static_cast<int64_t>(i) + 1;
    ANPEI_ASSIGN_OR_RETURN(row.id_number, OptionalText(*r, path, "id_number"));
    ANPEI_ASSIGN_OR_RETURN(row.name, OptionalText(*r, path, "name"));
    ANPEI_ASSIGN_OR_RETURN(row.phone, OptionalText(*r, path, "phone"));
    ANPEI_ASSIGN_OR_RETURN(row.course, OptionalText(*r, path, "course"));
    ANPEI_ASSIGN_OR_RETURN(row.started_at, OptionalTime(*r, path, "started_at", offset));
    ANPEI_ASSIGN_OR_RETURN(row.ended_at, OptionalTime(*r, path, "ended_at", offset));
    ANPEI_ASSIGN_OR_RETURN(row.minutes, OptionalInt(*r, path, "minutes"));
    ANPEI_ASSIGN_OR_RETURN(row.class_hours, OptionalInt(*r, path, "class_hours"));
    ANPEI_ASSIGN_OR_RETURN(row.face_captures, OptionalInt(*r, path, "face_captures"));
    ANPEI_ASSIGN_OR_RETURN(row.exam_score, OptionalInt(*r, path, "exam_score"));
    in.rows.push_back(std::move(row));
  }
  return in;
}

std::string PlatformToJson(const domain::OnlinePlatform& p) {
  return json::serialize(PlatformObject(p));
}

std::string PlatformsToJson(const std::vector<domain::OnlinePlatform>& list) {
  json::array items;
  for (const auto& p : list) items.push_back(PlatformObject(p));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string TokenToJson(const domain::PlatformToken& t) { return json::serialize(TokenObject(t)); }

std::string TokensToJson(const std::vector<domain::PlatformToken>& list) {
  json::array items;
  for (const auto& t : list) items.push_back(TokenObject(t));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string IssuedTokenToJson(const app::IssuedPlatformToken& t) {
  json::object o = TokenObject(t.token);
  o["token"] = t.secret;
  return json::serialize(o);
}

std::string ClassPlatformToJson(const app::ClassPlatformView& v) {
  return json::serialize(json::object{
      {"class_id", v.class_id},
      {"platform", v.platform ? json::value(PlatformObject(*v.platform)) : json::value(nullptr)},
      {"chosen_at", Opt(v.chosen_at)}});
}

std::string PushOutcomeToJson(const app::PushOutcome& out) {
  json::object o{{"received", out.received},
                 {"accepted", out.problems.empty() ? out.accepted : 0},
                 {"duplicates", out.problems.empty() ? out.duplicates : 0}};
  if (!out.problems.empty()) {
    o["error"] = json::object{{"code", "failed_precondition"},
                              {"reason", "online.records_refused"},
                              {"message", "有 " + std::to_string(out.problems.size()) +
                                              " 处问题，本次推送的记录均未接收；请改正后重新推送"}};
    o["problems"] = ProblemsArray(out.problems);
  }
  return json::serialize(o);
}

std::string ClassOnlineToJson(const app::ClassOnline& c, int offset) {
  json::array trainees;
  for (const auto& t : c.trainees) {
    trainees.push_back(json::object{{"person_id", t.person_id},
                                    {"name", t.name},
                                    {"class_hours", t.class_hours},
                                    {"minutes", t.minutes},
                                    {"records", t.records}});
  }
  json::array records;
  for (const auto& r : c.records) {
    records.push_back(json::object{
        {"id", r.id},
        {"person_id", r.person_id},
        {"source", domain::OnlineSourceId(r.source)},
        {"course", r.course},
        {"started_at", domain::FormatTimestamp({r.started_at}, offset)},
        {"ended_at", domain::FormatTimestamp({r.ended_at}, offset)},
        {"minutes", r.minutes},
        {"class_hours", r.class_hours},
        {"face_captures", r.face_captures},
        {"exam_score", r.exam_score ? json::value(*r.exam_score) : json::value(nullptr)}});
  }
  return json::serialize(json::object{{"class_id", c.class_id},
                                      {"planned_online_hours", c.planned_online_hours},
                                      {"trainees", std::move(trainees)},
                                      {"records", std::move(records)}});
}

}  // namespace anpei::codec
