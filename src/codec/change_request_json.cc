#include "codec/change_request_json.h"

#include <map>

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"
#include "codec/plan_json.h"
#include "domain/date.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

std::string Idx(std::string_view name, size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

json::value Opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

// An optional array member; absent and null are empty.
Result<const json::array*> OptionalArray(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return &kEmpty;
  return AsArray(*v, std::string(key));
}

Result<domain::SessionMove> ParseMove(const json::value& v, const std::string& path) {
  ANPEI_ASSIGN_OR_RETURN(auto obj, AsObject(v, path));
  domain::SessionMove m;
  ANPEI_ASSIGN_OR_RETURN(m.seq, RequiredInt(*obj, path, "seq"));
  ANPEI_ASSIGN_OR_RETURN(auto date, RequiredString(*obj, path, "date"));
  ANPEI_ASSIGN_OR_RETURN(m.date, domain::ParseDate(date, path + ".date"));
  ANPEI_ASSIGN_OR_RETURN(auto start, RequiredString(*obj, path, "start"));
  ANPEI_ASSIGN_OR_RETURN(m.start_minute, domain::ParseTimeOfDay(start, path + ".start"));
  ANPEI_ASSIGN_OR_RETURN(auto end, RequiredString(*obj, path, "end"));
  ANPEI_ASSIGN_OR_RETURN(m.end_minute, domain::ParseEndTimeOfDay(end, path + ".end"));
  return m;
}

Result<std::optional<int64_t>> OptionalVersion(const json::object& o) {
  const json::value* v = o.if_contains("version");
  if (!v || v->is_null()) return std::optional<int64_t>();
  if (!v->is_int64() || v->get_int64() < 1) return Status::Invalid("version", "version 应为正整数");
  return std::optional<int64_t>(v->get_int64());
}

json::object When(const domain::Date& d, int start, int end) {
  return json::object{{"date", d.ToString()},
                      {"start", domain::FormatTimeOfDay(start)},
                      {"end", domain::FormatTimeOfDay(end)}};
}

// One session with its Chinese labels (the console shows it as a table row).
json::object ReadableSession(const domain::PlanSession& s, int64_t seq,
                             const std::map<std::string, std::string>& teachers) {
  json::object o = PlanSessionToJson(s);
  if (seq > 0) o["seq"] = seq;
  o["kind_name"] = s.kind == domain::SessionKind::kTheory ? "理论" : "实操";
  o["delivery_name"] = s.delivery == domain::Delivery::kOffline ? "线下" : "线上";
  std::string teacher;
  if (s.teacher) {
    auto it = teachers.find(*s.teacher);
    if (it != teachers.end()) teacher = it->second;
  }
  o["teacher_name"] = teacher;
  return o;
}

json::object RequestObject(const domain::ChangeRequest& c) {
  json::array sessions, trainees, ids, moves;
  for (const auto& s : c.sessions) sessions.push_back(ReadableSession(s, 0, {}));
  for (size_t i = 0; i < c.trainee_ids.size(); ++i) {
    ids.push_back(c.trainee_ids[i]);
    trainees.push_back(
        json::object{{"id", c.trainee_ids[i]},
                     {"name", i < c.trainee_names.size() ? c.trainee_names[i] : std::string()}});
  }
  for (const auto& m : c.moves) {
    moves.push_back(
        json::object{{"seq", m.seq},
                     {"date", m.date.ToString()},
                     {"start", domain::FormatTimeOfDay(m.start_minute)},
                     {"end", domain::FormatTimeOfDay(m.end_minute)},
                     {"from", When(m.from_date, m.from_start_minute, m.from_end_minute)},
                     {"to", When(m.date, m.start_minute, m.end_minute)}});
  }
  return json::object{
      {"id", c.id},
      {"class_id", c.class_id},
      {"class_title", c.class_title},
      {"institution_id", c.institution_id},
      {"institution_name", c.institution_name},
      {"district_code", c.district_code},
      {"kind", domain::ChangeKindId(c.kind)},
      {"kind_name", domain::ChangeKindName(c.kind)},
      {"state", domain::ChangeStateId(c.state)},
      {"state_name", domain::ChangeStateName(c.state)},
      {"reason", c.reason},
      {"sessions", std::move(sessions)},
      {"trainee_ids", std::move(ids)},
      {"trainees", std::move(trainees)},
      {"moves", std::move(moves)},
      {"filed_by", c.filed_by},
      {"filed_at", c.filed_at},
      {"class_version", c.class_version},
      {"decided_by", Opt(c.decided_by)},
      {"decided_at", Opt(c.decided_at)},
      {"decision_reason", c.decision_reason},
      {"plan_version", c.plan_version ? json::value(*c.plan_version) : json::value(nullptr)},
      {"version", c.version}};
}

// A kept plan's sessions and teacher names (the plan JSON as declare and approval wrote it).
struct KeptPlan {
  std::vector<domain::PlanSession> sessions;
  std::map<std::string, std::string> teachers;
};
Result<KeptPlan> Decode(const domain::PlanVersion& v) {
  ANPEI_ASSIGN_OR_RETURN(auto request, ParsePlanCheckRequest(v.plan_json));
  KeptPlan out;
  out.sessions = std::move(request.plan.sessions);
  for (const auto& t : request.plan.teachers) out.teachers[t.id] = t.name;
  return out;
}

json::array People(const std::vector<int64_t>& ids,
                   const std::vector<std::pair<int64_t, std::string>>& names) {
  json::array out;
  for (int64_t id : ids) {
    std::string name;
    for (const auto& [nid, n] : names) {
      if (nid == id) name = n;
    }
    out.push_back(json::object{{"id", id}, {"name", name}});
  }
  return out;
}

std::string ReasonText(const domain::PlanVersion& v) {
  return v.reason == "declared" ? std::string("申报") : v.reason;
}

}  // namespace

Result<ChangeRequestInput> ParseChangeRequest(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  ChangeRequestInput out;
  domain::ChangeRequest& c = out.value;
  ANPEI_ASSIGN_OR_RETURN(
      auto kind, RequiredEnum(*o, "", "kind", {"makeup_class", "makeup_exam", "reschedule"},
                              "makeup_class（补课）、makeup_exam（补考）或 reschedule（改期）"));
  c.kind = kind == 0   ? domain::ChangeKind::kMakeupClass
           : kind == 1 ? domain::ChangeKind::kMakeupExam
                       : domain::ChangeKind::kReschedule;
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  c.reason = reason.value_or("");
  ANPEI_ASSIGN_OR_RETURN(out.version, OptionalVersion(*o));
  ANPEI_ASSIGN_OR_RETURN(auto sessions, OptionalArray(*o, "sessions"));
  if (sessions->size() > domain::kMaxChangeItems) {
    return Status::Invalid("sessions", "新增课次过多");
  }
  for (size_t i = 0; i < sessions->size(); ++i) {
    ANPEI_ASSIGN_OR_RETURN(auto s, ParseSession((*sessions)[i], Idx("sessions", i)));
    c.sessions.push_back(std::move(s));
  }
  ANPEI_ASSIGN_OR_RETURN(auto trainees, OptionalArray(*o, "trainee_ids"));
  if (trainees->size() > 10 * domain::kMaxChangeItems) {
    return Status::Invalid("trainee_ids", "学员名单过长");
  }
  for (size_t i = 0; i < trainees->size(); ++i) {
    const json::value& x = (*trainees)[i];
    if (!x.is_int64() || x.get_int64() < 1) {
      return Status::Invalid(Idx("trainee_ids", i), "学员编号应为正整数");
    }
    c.trainee_ids.push_back(x.get_int64());
  }
  ANPEI_ASSIGN_OR_RETURN(auto moves, OptionalArray(*o, "moves"));
  if (moves->size() > domain::kMaxChangeItems) return Status::Invalid("moves", "调整的课次过多");
  for (size_t i = 0; i < moves->size(); ++i) {
    ANPEI_ASSIGN_OR_RETURN(auto m, ParseMove((*moves)[i], Idx("moves", i)));
    c.moves.push_back(m);
  }
  return out;
}

Result<ChangeDecisionInput> ParseChangeDecision(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  ChangeDecisionInput out;
  ANPEI_ASSIGN_OR_RETURN(auto decision, RequiredEnum(*o, "", "decision", {"approve", "refuse"},
                                                     "approve（批准）或 refuse（不予批准）"));
  out.decision = decision == 0 ? app::ChangeDecision::kApprove : app::ChangeDecision::kRefuse;
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  ANPEI_ASSIGN_OR_RETURN(out.version, OptionalVersion(*o));
  return out;
}

std::string ChangeRequestToJson(const domain::ChangeRequest& request) {
  return json::serialize(RequestObject(request));
}

std::string ChangeRequestsToJson(const ports::PageOf<domain::ChangeRequest>& page) {
  return PageToJson(page, [](const domain::ChangeRequest& c) { return RequestObject(c); });
}

std::string ChangeRefusalToJson(const domain::PlanVerdict& verdict, bool at_decision) {
  std::string rules;
  for (const auto& v : verdict.violations) rules += (rules.empty() ? "" : "、") + v.rule;
  json::object error{{"code", CodeName(Code::kFailedPrecondition)},
                     {"reason", "change_request.breaks_policy"},
                     {"message", std::string("变更后的教学计划不符合政策，") +
                                     (at_decision ? "不能批准" : "不能提交") + "（" + rules + "）"},
                     {"field", "sessions"}};
  boost::system::error_code ec;
  json::value v = json::parse(PlanVerdictToJson(verdict), ec);
  return json::serialize(json::object{{"error", std::move(error)}, {"verdict", std::move(v)}});
}

std::string ReadablePlanVersionsToJson(const std::vector<domain::PlanVersion>& versions,
                                       const std::vector<std::pair<int64_t, std::string>>& names) {
  json::array items;
  for (const auto& v : versions) {
    json::object o{{"version", v.version},
                   {"reason", v.reason},
                   {"reason_text", ReasonText(v)},
                   {"change_request_id",
                    v.change_request_id ? json::value(*v.change_request_id) : json::value(nullptr)},
                   {"created_at", v.created_at}};
    boost::system::error_code ec;
    json::value plan = json::parse(v.plan_json, ec);
    o["plan"] = ec ? json::value(v.plan_json) : std::move(plan);
    json::array sessions;
    int64_t total = 0;
    if (auto kept = Decode(v); kept.ok()) {
      int64_t seq = 0;
      for (const auto& s : kept->sessions) {
        sessions.push_back(ReadableSession(s, ++seq, kept->teachers));
        total += s.hours;
      }
    }
    o["sessions"] = std::move(sessions);
    o["total_hours"] = total;
    o["roster"] = People(v.roster, names);
    items.push_back(std::move(o));
  }
  return json::serialize(json::object{{"items", std::move(items)}});
}

Result<std::string> PlanDiffToJson(const app::PlanVersionPair& pair) {
  ANPEI_ASSIGN_OR_RETURN(auto from, Decode(pair.from));
  ANPEI_ASSIGN_OR_RETURN(auto to, Decode(pair.to));
  const domain::PlanDiff d =
      domain::DiffPlans(from.sessions, pair.from.roster, to.sessions, pair.to.roster);
  json::array added, removed, moved;
  for (const auto& s : d.added) added.push_back(ReadableSession(s, 0, to.teachers));
  for (const auto& s : d.removed) removed.push_back(ReadableSession(s, 0, from.teachers));
  for (const auto& [a, b] : d.moved) {
    moved.push_back(json::object{{"from", ReadableSession(a, 0, from.teachers)},
                                 {"to", ReadableSession(b, 0, to.teachers)}});
  }
  return json::serialize(json::object{{"from", pair.from.version},
                                      {"to", pair.to.version},
                                      {"sessions_added", std::move(added)},
                                      {"sessions_removed", std::move(removed)},
                                      {"sessions_moved", std::move(moved)},
                                      {"roster_added", People(d.roster_added, pair.names)},
                                      {"roster_removed", People(d.roster_removed, pair.names)}});
}

}  // namespace anpei::codec
