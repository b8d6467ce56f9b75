#include "codec/account_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"
#include "domain/audit_actions.h"
#include "domain/model.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

Result<json::object> Body(std::string_view body) {
  if (body.size() > (64 << 10)) return Status::Invalid("", "请求体过大");
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body));
  if (!root.is_object()) {
    return Status::Invalid("", "请求体应为 JSON 对象（{...}），收到 " + TypeName(root));
  }
  return std::move(root.as_object());
}

json::object UserObject(const domain::User& u) {
  json::array roles;
  for (const auto& r : u.roles) roles.push_back(json::value(r));
  json::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"roles", std::move(roles)},
                 {"disabled", u.disabled_at.has_value()},
                 {"created_at", u.created_at}};
  o["institution_id"] = u.institution_id ? json::value(*u.institution_id) : json::value(nullptr);
  o["district_code"] = u.district_code ? json::value(*u.district_code) : json::value(nullptr);
  o["locked_until"] = u.locked_until ? json::value(*u.locked_until) : json::value(nullptr);
  o["must_change_password"] = u.must_change_password;
  o["version"] = u.version;
  return o;
}

json::object TokenObject(const domain::ApiToken& t) {
  json::object o{{"id", t.id},
                 {"name", t.name},
                 {"user_id", t.user_id},
                 {"username", t.username},
                 {"created_at", t.created_at}};
  o["revoked_at"] = t.revoked_at ? json::value(*t.revoked_at) : json::value(nullptr);
  return o;
}

std::string CsvField(const std::string& s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos;
  // A leading =, +, -, @, TAB or CR would start a formula in a spreadsheet (CSV injection):
  // quote and prefix it with an apostrophe so it stays text.
  std::string v = s;
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
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

Result<SignInRequest> ParseSignIn(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  SignInRequest r;
  ANPEI_ASSIGN_OR_RETURN(auto u, RequiredString(o, "", "username"));
  ANPEI_ASSIGN_OR_RETURN(auto p, RequiredString(o, "", "password"));
  r.username = std::move(u);
  r.password = std::move(p);
  return r;
}

namespace {

// The roles and bindings of a new user or a role change.
template <typename T>
Status ParseRoles(const json::object& o, T& n) {
  const json::value* roles = o.if_contains("roles");
  if (!roles || roles->is_null()) return Status::Invalid("roles", "缺少必填字段 roles（角色）");
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*roles, "roles"));
  for (size_t i = 0; i < (arr)->size(); ++i) {
    const json::value& r = (*arr)[i];
    if (!r.is_string()) {
      return Status::Invalid("roles[" + std::to_string(i) + "]",
                             "角色应为文本，收到 " + TypeName(r));
    }
    n.roles.emplace_back(r.get_string());
  }
  if (const json::value* v = o.if_contains("institution_id"); v && !v->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto id, RequiredInt(o, "", "institution_id"));
    n.institution_id = id;
  }
  ANPEI_ASSIGN_OR_RETURN(auto district, OptionalString(o, "", "district_code"));
  if (district && !(district)->empty()) n.district_code = *district;
  return Status::Ok();
}

}  // namespace

Result<app::NewUser> ParseNewUser(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  app::NewUser n;
  ANPEI_ASSIGN_OR_RETURN(auto u, RequiredString(o, "", "username"));
  n.username = std::move(u);
  ANPEI_ASSIGN_OR_RETURN(auto d, OptionalString(o, "", "display_name"));
  n.display_name = d.value_or("");
  ANPEI_ASSIGN_OR_RETURN(auto p, RequiredString(o, "", "password"));
  n.password = std::move(p);
  ANPEI_RETURN_IF_ERROR(ParseRoles(o, n));
  return n;
}

Result<app::RoleChange> ParseRoleChange(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  app::RoleChange c;
  ANPEI_RETURN_IF_ERROR(ParseRoles(o, c));
  if (const json::value* v = o.if_contains("version"); v && !v->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto version, RequiredInt(o, "", "version"));
    c.version = version;
  }
  return c;
}

std::string ThrottlesToJson(const std::vector<app::ThrottleView>& throttles) {
  json::array items;
  for (const auto& t : throttles) {
    json::object o{{"kind", t.kind},
                   {"username", t.username},
                   {"address", t.address},
                   {"failures", t.failures},
                   {"locks", t.locks}};
    o["user_id"] = t.user_id ? json::value(*t.user_id) : json::value(nullptr);
    o["locked_until"] = t.locked_until ? json::value(*t.locked_until) : json::value(nullptr);
    items.push_back(std::move(o));
  }
  return json::serialize(json::object{{"items", std::move(items)}});
}

Result<std::string> ParsePassword(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  return RequiredString(o, "", "password");
}

Result<PasswordChange> ParsePasswordChange(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  PasswordChange out;
  ANPEI_ASSIGN_OR_RETURN(out.current_password, RequiredString(o, "", "current_password"));
  ANPEI_ASSIGN_OR_RETURN(out.new_password, RequiredString(o, "", "new_password"));
  return out;
}

Result<std::string> ParseAdminPassword(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::string();
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  ANPEI_ASSIGN_OR_RETURN(auto p, OptionalString(o, "", "admin_password"));
  return p.value_or("");
}

std::string ApiTokensToJson(const std::vector<domain::ApiToken>& tokens) {
  json::array items;
  for (const auto& t : tokens) items.push_back(TokenObject(t));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string ApiTokenToJson(const domain::ApiToken& t) { return json::serialize(TokenObject(t)); }

std::string UserToJson(const domain::User& u) { return json::serialize(UserObject(u)); }

std::string UsersToJson(const ports::PageOf<domain::User>& page) {
  return PageToJson(page, UserObject);
}

std::string SessionToJson(const domain::User& u, const std::string& csrf,
                          const std::vector<std::string>& permissions, int64_t idle_timeout_s) {
  json::array perms;
  for (const auto& p : permissions) perms.emplace_back(p);
  json::array roles;
  for (std::string_view r : domain::kAllRoles) {
    roles.push_back(
        json::object{{"id", r}, {"name", domain::RoleName(r)}, {"scope", domain::RoleScope(r)}});
  }
  json::array states;
  for (domain::ClassState s : domain::kAllClassStates) {
    json::array next;
    for (domain::ClassState n : domain::NextStates(s)) next.emplace_back(domain::ClassStateId(n));
    states.push_back(json::object{{"id", domain::ClassStateId(s)},
                                  {"name", domain::ClassStateName(s)},
                                  {"editable", domain::IsPlanEditable(s)},
                                  {"next", std::move(next)}});
  }
  return json::serialize(json::object{
      {"user", UserObject(u)},
      {"csrf_token", csrf},
      {"permissions", std::move(perms)},
      {"idle_timeout_s", idle_timeout_s},
      {"model", json::object{{"roles", std::move(roles)}, {"class_states", std::move(states)}}}});
}

namespace {

// The Chinese name of an action (domain/audit_actions.h); the code itself when the table has none.
std::string ActionName(const std::string& code) {
  return std::string(domain::AuditActionNameOf(code).value_or(code));
}

}  // namespace

std::string AuditPageToJson(const ports::PageOf<domain::AuditEvent>& page) {
  return PageToJson(page, [](const domain::AuditEvent& e) {
    json::array changes;
    for (const auto& c : e.changes) {
      changes.push_back(json::object{{"field", c.field}, {"before", c.before}, {"after", c.after}});
    }
    return json::object{{"seq", e.seq},
                        {"at", e.at},
                        {"actor", e.actor},
                        {"actor_name", e.actor_name},
                        {"role", e.role},
                        {"role_name", domain::AuditRoleName(e.role)},
                        {"action", e.action},
                        {"action_name", ActionName(e.action)},
                        {"target", e.target},
                        {"before_digest", e.before_digest},
                        {"after_digest", e.after_digest},
                        {"detail", e.detail},
                        {"changes", std::move(changes)},
                        {"prev_link", e.prev_link},
                        {"link", e.link}};
  });
}

std::string AuditActionsToJson() {
  json::array out;
  for (const auto& n : domain::AuditActionNames()) {
    out.push_back(json::object{{"code", n.code}, {"name", n.name}});
  }
  return json::serialize(json::object{{"items", std::move(out)}});
}

std::string AuditCsv(const std::vector<domain::AuditEvent>& events) {
  std::string out =
      "\xEF\xBB\xBF序号,时间,操作人,角色,操作,操作代码,对象,变更内容,说明,变更前摘要,变更后摘要,"
      "链接值\r\n";
  for (const auto& e : events) {
    std::string changes;
    for (const auto& c : e.changes) {
      changes += (changes.empty() ? "" : "；") + c.field + "：" +
                 (c.before.empty() ? "—" : c.before) + " → " + (c.after.empty() ? "—" : c.after);
    }
    out += std::to_string(e.seq) + "," + CsvField(e.at) + "," + CsvField(e.actor) + "," +
           CsvField(domain::AuditRoleName(e.role)) + "," + CsvField(ActionName(e.action)) + "," +
           CsvField(e.action) + "," + CsvField(e.target) + "," + CsvField(changes) + "," +
           CsvField(e.detail) + "," + CsvField(e.before_digest) + "," + CsvField(e.after_digest) +
           "," + CsvField(e.link) + "\r\n";
  }
  return out;
}

}  // namespace anpei::codec
