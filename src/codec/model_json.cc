#include "codec/model_json.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "codec/json_util.h"
#include "codec/page_envelope.h"
#include "codec/plan_json.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

Result<json::object> ParseBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return Status::Invalid("", "请求体过大（" + std::to_string(body.size()) + " 字节），上限为 " +
                                   std::to_string(kMaxBodyBytes) + " 字节");
  }
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body));
  if (!root.is_object()) {
    return Status::Invalid("", "请求体应为 JSON 对象（{...}），收到 " + TypeName(root));
  }
  return std::move(root.as_object());
}

Status Str(const json::object& o, std::string_view key, std::string& out, bool required) {
  if (required) {
    ANPEI_ASSIGN_OR_RETURN(auto v, RequiredString(o, "", key));
    out = std::move(v);
    return Status::Ok();
  }
  ANPEI_ASSIGN_OR_RETURN(auto v, OptionalString(o, "", key));
  out = v.value_or("");
  return Status::Ok();
}

Result<std::optional<int64_t>> OptInt(const json::object& o, std::string_view parent,
                                      std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  ANPEI_ASSIGN_OR_RETURN(auto r, RequiredInt(o, parent, key));
  return std::optional<int64_t>(r);
}

Result<std::optional<double>> OptNumber(const json::object& o, std::string_view parent,
                                        std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<double>();
  if (v->is_int64()) return std::optional<double>(static_cast<double>(v->get_int64()));
  if (v->is_uint64()) return std::optional<double>(static_cast<double>(v->get_uint64()));
  if (v->is_double()) return std::optional<double>(v->get_double());
  return Status::Invalid(JoinPath(parent, key), "应为数字（number），收到 " + TypeName(*v));
}

Result<int64_t> PositiveId(const json::object& o, std::string_view parent, std::string_view key) {
  ANPEI_ASSIGN_OR_RETURN(auto r, RequiredInt(o, parent, key));
  if (r < 1) return Status::Invalid(JoinPath(parent, key), "编号应为正整数");
  return r;
}

Result<std::optional<int64_t>> Version(const json::object& o) {
  ANPEI_ASSIGN_OR_RETURN(auto v, OptInt(o, "", "version"));
  if (v && *v < 1) return Status::Invalid("version", "版本号应为正整数");
  return v;
}

json::value OptJson(const std::optional<std::string>& s) {
  if (s) return json::value(*s);
  return nullptr;
}

json::object InstitutionObject(const domain::Institution& i) {
  json::array warnings;
  if (i.uscc_status == domain::UsccStatus::kPending) {
    warnings.push_back(json::object{
        {"field", "uscc"},
        {"reason", "uscc.check_digit"},
        {"message",
         "统一社会信用代码 " + i.uscc +
             " 的校验码不符合 GB 32100，已按旧代码登记，待市公安局确认；确认前不能申报培训班"}});
  }
  return json::object{
      {"id", i.id},
      {"name", i.name},
      {"uscc", i.uscc},
      {"uscc_status", domain::UsccStatusId(i.uscc_status)},
      {"uscc_status_name", domain::UsccStatusName(i.uscc_status)},
      {"uscc_note", i.uscc_note},
      {"may_declare", domain::UsccAllowsDeclaring(i.uscc_status) && !i.blacklisted_at.has_value()},
      {"warnings", std::move(warnings)},
      {"district_code", i.district_code},
      {"district_name", i.district_name},
      {"address", i.address},
      {"blacklisted", i.blacklisted_at.has_value()},
      {"blacklisted_at", OptJson(i.blacklisted_at)},
      {"version", i.version},
      {"created_at", i.created_at},
      {"updated_at", i.updated_at}};
}

json::object TeacherObject(const domain::Teacher& t, bool mask) {
  return json::object{{"id", t.id},
                      {"institution_id", t.institution_id},
                      {"institution_name", t.institution_name},
                      {"name", t.name},
                      {"id_number", mask ? domain::MaskIdNumber(t.id_number) : t.id_number},
                      {"qualification", t.qualification},
                      {"version", t.version},
                      {"created_at", t.created_at}};
}

json::object TraineeObject(const domain::Trainee& t, bool mask) {
  return json::object{{"id", t.id},
                      {"name", t.name},  // masked by the app where the viewer may not see it
                      {"id_number", mask ? domain::MaskIdNumber(t.id_number) : t.id_number},
                      {"phone", mask ? domain::MaskPhone(t.phone) : t.phone},
                      {"group", t.group},
                      {"version", t.version},
                      {"created_at", t.created_at}};
}

}  // namespace

Result<domain::District> ParseDistrict(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  domain::District d;
  ANPEI_RETURN_IF_ERROR(Str(o, "code", d.code, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "name", d.name, true));
  return d;
}

Result<Versioned<domain::Institution>> ParseInstitution(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  Versioned<domain::Institution> out;
  ANPEI_RETURN_IF_ERROR(Str(o, "name", out.value.name, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "uscc", out.value.uscc, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "district_code", out.value.district_code, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "address", out.value.address, false));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  out.version = v;
  return out;
}

Result<Versioned<domain::Teacher>> ParseTeacher(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  Versioned<domain::Teacher> out;
  ANPEI_ASSIGN_OR_RETURN(auto inst, OptInt(o, "", "institution_id"));
  out.value.institution_id = inst.value_or(0);
  ANPEI_RETURN_IF_ERROR(Str(o, "name", out.value.name, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "id_number", out.value.id_number, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "qualification", out.value.qualification, false));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  out.version = v;
  return out;
}

namespace {
Status TraineeFields(const json::object& o, std::string_view parent, domain::Trainee& t) {
  for (auto [key, target] : {std::pair{"name", &t.name},
                             {"id_number", &t.id_number},
                             {"phone", &t.phone},
                             {"group", &t.group}}) {
    ANPEI_ASSIGN_OR_RETURN(auto v, RequiredString(o, parent, key));
    *target = std::move(v);
  }
  return Status::Ok();
}
}  // namespace

Result<Versioned<domain::Trainee>> ParseTrainee(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  Versioned<domain::Trainee> out;
  ANPEI_RETURN_IF_ERROR(TraineeFields(o, "", out.value));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  out.version = v;
  return out;
}

namespace {
// The roster of a class body: ids of people the institution has a record of, or people by
// identity ({name, id_number, phone, group}).
Status ParseRoster(const json::value& v, std::vector<domain::RosterEntry>& roster) {
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(v, "roster"));
  if ((arr)->size() > app::kMaxRoster) {
    return Status::Invalid("roster",
                           "一个培训班的学员不能超过 " + std::to_string(app::kMaxRoster) + " 人");
  }
  for (size_t i = 0; i < (arr)->size(); ++i) {
    const std::string path = "roster[" + std::to_string(i) + "]";
    const json::value& x = (*arr)[i];
    if (x.is_object()) {  // by identity: {"name","id_number","phone","group"}
      domain::RosterEntry e;
      for (auto [key, target] : {std::pair{"name", &e.name},
                                 {"id_number", &e.id_number},
                                 {"phone", &e.phone},
                                 {"group", &e.group}}) {
        ANPEI_ASSIGN_OR_RETURN(auto text, RequiredString(x.get_object(), path, key));
        *target = std::move(text);
      }
      roster.push_back(std::move(e));
      continue;
    }
    if (!x.is_int64() || x.get_int64() < 1) {
      return Status::Invalid(path,
                             "名单项应为本机构学员的编号（正整数），或按身份报名的 {name, "
                             "id_number, phone, group}，收到 " +
                                 TypeName(x));
    }
    roster.push_back({x.get_int64(), "", "", "", ""});
  }
  return Status::Ok();
}
}  // namespace

Result<Versioned<domain::TrainingClass>> ParseClass(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseBody(body));
  const json::object& o = root;
  Versioned<domain::TrainingClass> out;
  domain::TrainingClass& c = out.value;
  ANPEI_ASSIGN_OR_RETURN(auto inst, OptInt(o, "", "institution_id"));
  c.institution_id = inst.value_or(0);
  ANPEI_RETURN_IF_ERROR(Str(o, "policy", c.policy_id, false));
  ANPEI_RETURN_IF_ERROR(Str(o, "occupation", c.occupation, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "title", c.title, true));

  if (const json::value* v = o.if_contains("venue"); v && !v->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto venue, AsObject(*v, "venue"));
    ANPEI_ASSIGN_OR_RETURN(auto address, OptionalString(*venue, "venue", "address"));
    c.venue.address = address.value_or("");
    ANPEI_ASSIGN_OR_RETURN(auto lat, OptNumber(*venue, "venue", "lat"));
    ANPEI_ASSIGN_OR_RETURN(auto lng, OptNumber(*venue, "venue", "lng"));
    c.venue.lat = lat;
    c.venue.lng = lng;
  }

  if (const json::value* v = o.if_contains("teachers"); v && !v->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*v, "teachers"));
    if ((arr)->size() > domain::kMaxPlanTeachers) {
      return Status::Invalid("teachers",
                             "师资不能超过 " + std::to_string(domain::kMaxPlanTeachers) + " 人");
    }
    for (size_t i = 0; i < (arr)->size(); ++i) {
      const std::string path = "teachers[" + std::to_string(i) + "]";
      ANPEI_ASSIGN_OR_RETURN(auto t, AsObject((*arr)[i], path));
      domain::ClassTeacher ct;
      ANPEI_ASSIGN_OR_RETURN(auto key, RequiredString(*t, path, "key"));
      ct.key = std::move(key);
      ANPEI_ASSIGN_OR_RETURN(auto id, PositiveId(*t, path, "teacher_id"));
      ct.teacher_id = id;
      c.teachers.push_back(std::move(ct));
    }
  }

  if (const json::value* v = o.if_contains("sessions"); v && !v->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*v, "sessions"));
    if ((arr)->size() > domain::kMaxPlanSessions) {
      return Status::Invalid(
          "sessions", "一个教学计划不能超过 " + std::to_string(domain::kMaxPlanSessions) + " 次课");
    }
    for (size_t i = 0; i < (arr)->size(); ++i) {
      ANPEI_ASSIGN_OR_RETURN(auto s,
                             ParseSession((*arr)[i], "sessions[" + std::to_string(i) + "]"));
      c.sessions.push_back(std::move(s));
    }
  }

  if (const json::value* v = o.if_contains("roster"); v && !v->is_null()) {
    ANPEI_RETURN_IF_ERROR(ParseRoster(*v, c.roster));
  }
  ANPEI_ASSIGN_OR_RETURN(auto ver, Version(o));
  out.version = ver;
  return out;
}

Result<int64_t> ParseVersion(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  if (!v)
    return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
  return *v;
}

Result<app::UsccDecision> ParseUsccDecision(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  app::UsccDecision out;
  ANPEI_RETURN_IF_ERROR(Str(o, "decision", out.decision, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "reason", out.reason, false));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  if (!v)
    return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
  out.version = *v;
  return out;
}

Result<app::ReviewInput> ParseReview(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  app::ReviewInput out;
  ANPEI_RETURN_IF_ERROR(Str(o, "decision", out.decision, true));
  ANPEI_RETURN_IF_ERROR(Str(o, "reason", out.reason, false));
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  if (!v)
    return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
  out.version = *v;
  return out;
}

Result<Versioned<std::vector<domain::Trainee>>> ParseRosterImport(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, ParseBody(body));
  Versioned<std::vector<domain::Trainee>> out;
  ANPEI_ASSIGN_OR_RETURN(auto v, Version(o));
  out.version = v;
  const json::value* rows = o.if_contains("rows");
  if (!rows || rows->is_null()) return Status::Invalid("rows", "缺少必填字段 rows（导入的学员行）");
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*rows, "rows"));
  if ((arr)->size() > app::kMaxImportRows) {
    return Status::Invalid("rows", "一次最多导入 " + std::to_string(app::kMaxImportRows) + " 行");
  }
  for (size_t i = 0; i < (arr)->size(); ++i) {
    const std::string path = "rows[" + std::to_string(i) + "]";
    ANPEI_ASSIGN_OR_RETURN(auto row, AsObject((*arr)[i], path));
    domain::Trainee t;
    // Cells may come as numbers from a spreadsheet (an 11-digit phone); take them as text.
    for (auto [key, target] : {std::pair{"name", &t.name},
                               {"id_number", &t.id_number},
                               {"phone", &t.phone},
                               {"group", &t.group}}) {
      const json::value* cell = (row)->if_contains(key);
      if (!cell || cell->is_null()) continue;
      if (cell->is_string()) {
        *target = std::string(cell->get_string());
      } else if (cell->is_int64()) {
        *target = std::to_string(cell->get_int64());
      } else {
        return Status::Invalid(JoinPath(path, key), "应为文本，收到 " + TypeName(*cell));
      }
    }
    out.value.push_back(std::move(t));
  }
  return out;
}

Result<std::optional<int64_t>> QueryId(const std::map<std::string, std::string>& query,
                                       const std::string& name) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1) {
    return Status::Invalid(name, name + " 应为正整数，收到「" + it->second + "」");
  }
  return std::optional<int64_t>(v);
}

std::optional<std::string> QueryString(const std::map<std::string, std::string>& query,
                                       const std::string& name) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string DistrictToJson(const domain::District& d) {
  return json::serialize(json::object{{"code", d.code}, {"name", d.name}});
}

std::string DistrictsToJson(const std::vector<domain::District>& districts) {
  json::array items;
  for (const auto& d : districts) items.push_back(json::object{{"code", d.code}, {"name", d.name}});
  const auto n = static_cast<int64_t>(districts.size());
  return json::serialize(PageEnvelope(std::move(items), n, true, ports::Page(1, n), {}));
}

std::string InstitutionToJson(const domain::Institution& i) {
  return json::serialize(InstitutionObject(i));
}
std::string InstitutionsToJson(const ports::PageOf<domain::Institution>& page) {
  return PageToJson(page, InstitutionObject);
}
std::string TeacherToJson(const domain::Teacher& t) {
  return json::serialize(TeacherObject(t, false));
}
std::string TeachersToJson(const ports::PageOf<domain::Teacher>& page) {
  return PageToJson(page, [](const domain::Teacher& t) { return TeacherObject(t, true); });
}
std::string TraineeToJson(const domain::Trainee& t) {
  return json::serialize(TraineeObject(t, false));
}
std::string TraineesToJson(const ports::PageOf<domain::Trainee>& page) {
  return PageToJson(page, [](const domain::Trainee& t) { return TraineeObject(t, true); });
}

namespace {
// A review decision; the verification code is printed on the approval form only.
json::object DecisionJson(const domain::ClassDecision& d) {
  return json::object{{"id", d.id},
                      {"decision", domain::ReviewDecisionId(d.decision)},
                      {"decision_name", domain::ReviewDecisionName(d.decision)},
                      {"reason", d.reason},
                      {"reviewer_name", d.reviewer_name},
                      {"decided_at", d.decided_at},
                      {"plan_version", d.plan_version}};
}
}  // namespace

std::string DecisionsToJson(const std::vector<domain::ClassDecision>& decisions) {
  json::array items;
  for (const auto& d : decisions) items.push_back(DecisionJson(d));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string ClassToJson(const domain::TrainingClass& c) {
  json::object venue{{"address", c.venue.address}};
  venue["lat"] = c.venue.lat ? json::value(*c.venue.lat) : json::value(nullptr);
  venue["lng"] = c.venue.lng ? json::value(*c.venue.lng) : json::value(nullptr);
  json::array teachers;
  for (const auto& t : c.teachers) {
    teachers.push_back(
        json::object{{"key", t.key}, {"teacher_id", t.teacher_id}, {"name", t.name}});
  }
  json::array sessions;
  for (const auto& s : c.sessions) sessions.push_back(PlanSessionToJson(s));
  json::array roster;
  for (const auto& r : c.roster) {
    roster.push_back(json::object{{"trainee_id", r.trainee_id},
                                  {"name", r.name},
                                  {"id_number", domain::MaskIdNumber(r.id_number)},
                                  {"group", r.group}});
  }
  return json::serialize(json::object{
      {"id", c.id},
      {"institution_id", c.institution_id},
      {"institution_name", c.institution_name},
      {"district_code", c.district_code},
      {"policy", c.policy_id},
      {"occupation", c.occupation},
      {"title", c.title},
      {"venue", std::move(venue)},
      {"teachers", std::move(teachers)},
      {"sessions", std::move(sessions)},
      {"roster", std::move(roster)},
      {"state", domain::ClassStateId(c.state)},
      {"state_name", domain::ClassStateName(c.state)},
      {"editable", domain::IsPlanEditable(c.state)},
      {"declared_at", OptJson(c.declared_at)},
      {"calendar_version",
       c.calendar_version ? json::value(*c.calendar_version) : json::value(nullptr)},
      {"latest_decision",
       c.latest_decision ? json::value(DecisionJson(*c.latest_decision)) : json::value(nullptr)},
      {"version", c.version},
      {"created_at", c.created_at},
      {"updated_at", c.updated_at}});
}

std::string ClassesToJson(const ports::PageOf<domain::ClassSummary>& page) {
  return PageToJson(page, [](const domain::ClassSummary& s) {
    return json::object{{"id", s.id},
                        {"institution_id", s.institution_id},
                        {"institution_name", s.institution_name},
                        {"district_code", s.district_code},
                        {"title", s.title},
                        {"occupation", s.occupation},
                        {"policy", s.policy_id},
                        {"state", domain::ClassStateId(s.state)},
                        {"state_name", domain::ClassStateName(s.state)},
                        {"start_date", OptJson(s.start_date)},
                        {"total_hours", s.total_hours},
                        {"session_count", s.session_count},
                        {"roster_count", s.roster_count},
                        {"declared_at", OptJson(s.declared_at)},
                        {"version", s.version},
                        {"updated_at", s.updated_at}};
  });
}

std::string PlanVersionsToJson(const std::vector<domain::PlanVersion>& versions) {
  json::array items;
  for (const auto& v : versions) {
    json::object o{{"version", v.version}, {"reason", v.reason}, {"created_at", v.created_at}};
    boost::system::error_code ec;
    json::value plan = json::parse(v.plan_json, ec);
    o["plan"] = ec ? json::value(v.plan_json) : std::move(plan);
    items.push_back(std::move(o));
  }
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string ClassStatsToJson(const ports::ClassStats& stats) {
  json::array by_state;
  for (const auto& s : stats.by_state) {
    by_state.push_back(json::object{{"state", s.key}, {"state_name", s.name}, {"count", s.count}});
  }
  json::array by_district;
  for (const auto& d : stats.by_district) {
    by_district.push_back(
        json::object{{"district_code", d.key}, {"district_name", d.name}, {"count", d.count}});
  }
  return json::serialize(
      json::object{{"by_state", std::move(by_state)}, {"by_district", std::move(by_district)}});
}

std::string DeclareRefusalToJson(const domain::PlanVerdict& verdict) {
  std::string rules;
  for (const auto& v : verdict.violations) rules += (rules.empty() ? "" : "、") + v.rule;
  json::object error{{"code", CodeName(Code::kFailedPrecondition)},
                     {"message", "教学计划不符合政策，不能申报（" + rules + "）"},
                     {"field", "sessions"}};
  boost::system::error_code ec;
  json::value v = json::parse(PlanVerdictToJson(verdict), ec);
  return json::serialize(json::object{{"error", std::move(error)}, {"verdict", std::move(v)}});
}

}  // namespace anpei::codec
