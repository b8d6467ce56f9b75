#include "codec/plan_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "domain/text.h"

namespace anpei::codec {
namespace json = boost::json;
using domain::Delivery;
using domain::SessionKind;

namespace {

Result<domain::PlanTeacher> ParseTeacher(const json::value& v, const std::string& path) {
  ANPEI_ASSIGN_OR_RETURN(auto obj, AsObject(v, path));
  domain::PlanTeacher t;
  ANPEI_ASSIGN_OR_RETURN(auto id, RequiredString(*obj, path, "id"));
  ANPEI_ASSIGN_OR_RETURN(auto name, RequiredString(*obj, path, "name"));
  t.id = std::move(id);
  t.name = std::move(name);
  return t;
}

}  // namespace

Result<domain::PlanSession> ParseSession(const json::value& v, const std::string& path) {
  ANPEI_ASSIGN_OR_RETURN(auto obj, AsObject(v, path));
  const json::object& o = *obj;
  domain::PlanSession s;

  ANPEI_ASSIGN_OR_RETURN(auto date, RequiredString(o, path, "date"));
  ANPEI_ASSIGN_OR_RETURN(auto d, domain::ParseDate(date, path + ".date"));
  s.date = d;

  for (auto [key, target] : {std::pair{"start", &s.start_minute}, {"end", &s.end_minute}}) {
    ANPEI_ASSIGN_OR_RETURN(auto text, RequiredString(o, path, key));
    const std::string field = path + "." + key;
    ANPEI_ASSIGN_OR_RETURN(auto minutes, std::string_view(key) == "end"
                                             ? domain::ParseEndTimeOfDay(text, field)
                                             : domain::ParseTimeOfDay(text, field));
    *target = minutes;
  }

  ANPEI_ASSIGN_OR_RETURN(auto hours, RequiredInt(o, path, "hours"));
  if (hours < 1 || hours > domain::kMaxSessionHours) {
    return Status::Invalid(path + ".hours", "课时数应为 1 到 " +
                                                std::to_string(domain::kMaxSessionHours) +
                                                " 之间的整数，收到 " + std::to_string(hours));
  }
  s.hours = static_cast<int>(hours);

  ANPEI_ASSIGN_OR_RETURN(auto kind, RequiredEnum(o, path, "kind", {"theory", "practical"},
                                                 "theory（理论课）或 practical（实操课）"));
  s.kind = kind == 0 ? SessionKind::kTheory : SessionKind::kPractical;

  ANPEI_ASSIGN_OR_RETURN(auto delivery, RequiredEnum(o, path, "delivery", {"offline", "online"},
                                                     "offline（线下）或 online（线上）"));
  s.delivery = delivery == 0 ? Delivery::kOffline : Delivery::kOnline;

  ANPEI_ASSIGN_OR_RETURN(auto teacher, OptionalString(o, path, "teacher"));
  s.teacher = std::move(teacher);

  ANPEI_ASSIGN_OR_RETURN(auto content, OptionalString(o, path, "content"));
  if (content) {
    if (domain::Utf8Length(*content) > domain::kMaxSessionContentChars) {
      return Status::Invalid(
          path + ".content",
          "课程内容不能超过 " + std::to_string(domain::kMaxSessionContentChars) + " 个字");
    }
    for (unsigned char c : *content) {
      if (c < 0x20 || c == 0x7f) return Status::Invalid(path + ".content", "课程内容含有控制字符");
    }
    s.content = std::move(*content);
  }
  return s;
}

Result<app::PlanCheckRequest> ParsePlanCheckRequest(std::string_view text) {
  if (text.size() > kMaxPlanJsonBytes) {
    return Status::Invalid("", "教学计划 JSON 过大（" + std::to_string(text.size()) +
                                   " 字节），上限为 " + std::to_string(kMaxPlanJsonBytes) +
                                   " 字节");
  }
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(text));
  if (!root.is_object()) {
    return Status::Invalid("", "教学计划应为 JSON 对象（{...}），收到 " + TypeName(root));
  }
  const json::object& o = root.as_object();
  app::PlanCheckRequest req;

  ANPEI_ASSIGN_OR_RETURN(auto policy, OptionalString(o, "", "policy"));
  req.policy_id = std::move(policy);

  ANPEI_ASSIGN_OR_RETURN(auto occupation, RequiredString(o, "", "occupation"));
  if (occupation.empty()) return Status::Invalid("occupation", "培训工种不能为空");
  req.plan.occupation = std::move(occupation);

  ANPEI_ASSIGN_OR_RETURN(auto declared, OptionalString(o, "", "declared_at"));
  if (declared) {
    ANPEI_ASSIGN_OR_RETURN(auto at, domain::ParseTimestamp(*declared, "declared_at"));
    req.plan.declared_at = at;
  }

  if (const json::value* t = o.if_contains("teachers"); t && !t->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*t, "teachers"));
    if ((arr)->size() > domain::kMaxPlanTeachers) {
      return Status::Invalid("teachers",
                             "师资不能超过 " + std::to_string(domain::kMaxPlanTeachers) + " 人");
    }
    for (size_t i = 0; i < (arr)->size(); ++i) {
      ANPEI_ASSIGN_OR_RETURN(auto teacher,
                             ParseTeacher((*arr)[i], "teachers[" + std::to_string(i) + "]"));
      req.plan.teachers.push_back(std::move(teacher));
    }
  }

  const json::value* sv = o.if_contains("sessions");
  if (!sv || sv->is_null()) return Status::Invalid("sessions", "缺少必填字段 sessions（课程安排）");
  ANPEI_ASSIGN_OR_RETURN(auto sessions, AsArray(*sv, "sessions"));
  if ((sessions)->empty()) return Status::Invalid("sessions", "教学计划至少需要一次课");
  if ((sessions)->size() > domain::kMaxPlanSessions) {
    return Status::Invalid(
        "sessions", "一个教学计划不能超过 " + std::to_string(domain::kMaxPlanSessions) + " 次课");
  }
  for (size_t i = 0; i < (sessions)->size(); ++i) {
    ANPEI_ASSIGN_OR_RETURN(auto s,
                           ParseSession((*sessions)[i], "sessions[" + std::to_string(i) + "]"));
    req.plan.sessions.push_back(std::move(s));
  }
  return req;
}

std::string PlanVerdictToJson(const domain::PlanVerdict& v) {
  json::object summary;
  summary["total_hours"] = v.summary.total_hours;
  summary["theory_hours"] = v.summary.theory_hours;
  summary["practical_hours"] = v.summary.practical_hours;
  summary["online_hours"] = v.summary.online_hours;
  summary["start_date"] = v.summary.start_date.ToString();
  if (v.summary.declare_deadline) {
    summary["declare_deadline"] = v.summary.declare_deadline->ToString();
  } else {
    summary["declare_deadline"] = nullptr;
    if (!v.summary.declare_deadline_note.empty()) {
      summary["declare_deadline_reason"] = v.summary.declare_deadline_note;
    }
  }
  json::array violations;
  for (const domain::Violation& x : v.violations) {
    json::object o;
    o["rule"] = x.rule;
    o["clause"] = x.clause;
    o["message"] = x.message;
    if (!x.field.empty()) o["field"] = x.field;
    violations.push_back(std::move(o));
  }
  json::object out;
  out["ok"] = v.ok();
  out["policy"] = v.policy_id;
  out["summary"] = std::move(summary);
  out["violations"] = std::move(violations);
  return json::serialize(out);
}

json::object PlanSessionToJson(const domain::PlanSession& s) {
  json::object o;
  o["date"] = s.date.ToString();
  o["start"] = domain::FormatTimeOfDay(s.start_minute);
  o["end"] = domain::FormatTimeOfDay(s.end_minute);
  o["hours"] = s.hours;
  o["kind"] = domain::SessionKindId(s.kind);
  o["delivery"] = domain::DeliveryId(s.delivery);
  if (s.teacher) {
    o["teacher"] = *s.teacher;
  } else {
    o["teacher"] = nullptr;
  }
  if (!s.content.empty()) o["content"] = s.content;
  return o;
}

std::string PlanToJson(const domain::Plan& plan, const std::string& policy_id, int offset_minutes) {
  json::object o;
  o["policy"] = policy_id;
  o["occupation"] = plan.occupation;
  if (plan.declared_at) {
    o["declared_at"] = domain::FormatTimestamp(*plan.declared_at, offset_minutes);
  }
  json::array teachers;
  for (const auto& t : plan.teachers)
    teachers.push_back(json::object{{"id", t.id}, {"name", t.name}});
  o["teachers"] = std::move(teachers);
  json::array sessions;
  for (const auto& s : plan.sessions) sessions.push_back(PlanSessionToJson(s));
  o["sessions"] = std::move(sessions);
  return json::serialize(o);
}

std::string ErrorToJson(const Status& status) {
  json::object e;
  e["code"] = std::string(CodeName(status.code()));
  e["reason"] = ValidUtf8(status.reason());
  e["message"] = ValidUtf8(status.message());
  if (!status.field().empty()) e["field"] = ValidUtf8(status.field());
  json::object out;
  out["error"] = std::move(e);
  return json::serialize(out);
}

}  // namespace anpei::codec
