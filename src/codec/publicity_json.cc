#include "codec/publicity_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::value OptText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value OptId(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object BatchObject(const domain::PublicityBatch& b) {
  const auto state = domain::ParseBatchState(b.state).value_or(domain::BatchState::kOpen);
  return {{"id", b.id},
          {"title", b.title},
          {"district_code", b.district_code},
          {"district_name", b.district_name},
          {"working_days", b.working_days},
          {"opens_on", b.opens_on},
          {"closes_on", b.closes_on},
          {"state", b.state},
          {"state_name", domain::BatchStateName(state)},
          {"opened_by", b.opened_by_name},
          {"opened_at", b.opened_at},
          {"closed_by", OptText(b.closed_by_name)},
          {"closed_at", OptText(b.closed_at)},
          {"entries", b.entries},
          {"objections", b.objections},
          {"objections_open", b.objections_open},
          {"version", b.version}};
}

json::object EntryObject(const domain::PublicityEntry& e, bool with_person) {
  json::object o{{"id", e.id},
                 {"class_id", e.class_id},
                 {"name", e.masked_name},
                 {"id_number", e.masked_id_number},
                 {"occupation", e.occupation},
                 {"occupation_name", e.occupation_name},
                 {"level", e.level},
                 {"institution", e.institution_name},
                 {"class_title", e.class_title},
                 {"subsidy_yuan", e.subsidy_yuan},
                 {"withdrawn", e.withdrawn}};
  if (with_person) o["person_id"] = e.person_id;
  return o;
}

json::object StateOf(const domain::Objection& o) {
  const auto state = domain::ParseObjectionState(o.state).value_or(domain::ObjectionState::kOpen);
  return {{"state", o.state}, {"state_name", domain::ObjectionStateName(state)}};
}

json::object ObjectionObject(const domain::Objection& o) {
  json::object out = StateOf(o);
  out["id"] = o.id;
  out["batch_id"] = o.batch_id;
  out["batch_title"] = o.batch_title;
  out["class_id"] = o.class_id;
  out["class_title"] = o.class_title;
  out["entry_id"] = OptId(o.entry_id);
  out["entry_name"] = o.entry_name;
  out["receipt"] = o.receipt;
  out["contact_kind"] = o.contact_kind;
  out["contact"] = o.contact;
  out["text"] = o.body;
  out["filed_at"] = o.filed_at;
  out["reason"] = OptText(o.reason);
  out["resolved_by"] = OptText(o.resolved_by_name);
  out["resolved_at"] = OptText(o.resolved_at);
  out["case_id"] = OptId(o.case_id);
  out["version"] = o.version;
  return out;
}

Result<const json::object*> Body(std::string_view body, json::value& doc) {
  return ParseBodyObject(body.empty() ? std::string_view("{}") : body, doc);
}

Result<std::optional<int64_t>> OptionalId(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  ANPEI_ASSIGN_OR_RETURN(int64_t id, RequiredInt(o, "", key));
  if (id < 1) return Status::Invalid(std::string(key), std::string(key) + " 应为正整数");
  return std::optional<int64_t>(id);
}

}  // namespace

std::string BatchesToJson(const ports::PageOf<domain::PublicityBatch>& page) {
  return PageToJson(page, [](const domain::PublicityBatch& b) { return BatchObject(b); });
}

std::string BatchViewToJson(const app::BatchView& view) {
  json::object o = BatchObject(view.batch);
  json::array classes;
  for (int64_t id : view.class_ids) classes.push_back(id);
  json::array entries;
  for (const auto& e : view.entries) entries.push_back(EntryObject(e, true));
  json::array objections;
  for (const auto& x : view.objections) objections.push_back(ObjectionObject(x));
  o["class_ids"] = std::move(classes);
  o["items"] = std::move(entries);
  o["objection_items"] = std::move(objections);
  o["period_ended"] = view.period_ended;
  return json::serialize(o);
}

std::string PublicBatchesToJson(const ports::PageOf<app::PublicBatch>& page) {
  return PageToJson(page, [](const app::PublicBatch& p) {
    json::object o{{"id", p.batch.id},
                   {"title", p.batch.title},
                   {"district_name", p.batch.district_name},
                   {"working_days", p.batch.working_days},
                   {"opens_on", p.batch.opens_on},
                   {"closes_on", p.batch.closes_on},
                   {"accepting_objections", p.accepting_objections}};
    json::array entries;
    for (const auto& e : p.entries) entries.push_back(EntryObject(e, false));
    o["entries"] = std::move(entries);
    return o;
  });
}

std::string ObjectionsToJson(const ports::PageOf<domain::Objection>& page) {
  return PageToJson(page, [](const domain::Objection& o) {
    json::object out = ObjectionObject(o);
    out.erase("contact");
    return out;
  });
}

std::string ObjectionToJson(const domain::Objection& o) {
  return json::serialize(ObjectionObject(o));
}

std::string ObjectionCaseToJson(const app::ObjectionCase& out) {
  json::object o = ObjectionObject(out.objection);
  o["case"] = json::object{{"id", out.fraud_case.record.id},
                           {"state", out.fraud_case.record.state},
                           {"source", out.fraud_case.record.source},
                           {"summary", out.fraud_case.record.summary}};
  return json::serialize(o);
}

std::string PublicObjectionToJson(const domain::Objection& o) {
  json::object out = StateOf(o);
  out["receipt"] = o.receipt;
  out["batch_title"] = o.batch_title;
  out["class_title"] = o.class_title;
  out["entry_name"] = o.entry_name;
  out["text"] = o.body;
  out["filed_at"] = o.filed_at;
  out["reason"] = OptText(o.reason);
  out["resolved_at"] = OptText(o.resolved_at);
  return json::serialize(out);
}

Result<app::OpenBatchInput> ParseOpenBatch(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, Body(body, doc));
  app::OpenBatchInput out;
  ANPEI_ASSIGN_OR_RETURN(auto title, OptionalString(*o, "", "title"));
  out.title = title.value_or("");
  const json::value* ids = o->if_contains("class_ids");
  if (!ids || ids->is_null()) {
    return Status::Invalid("class_ids", "请选择要公示的培训班（class_ids）");
  }
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*ids, "class_ids"));
  for (size_t i = 0; i < arr->size(); ++i) {
    const json::value& x = (*arr)[i];
    if (!x.is_int64() || x.get_int64() < 1) {
      return Status::Invalid("class_ids[" + std::to_string(i) + "]", "培训班编号应为正整数");
    }
    out.class_ids.push_back(x.get_int64());
  }
  return out;
}

Result<int64_t> ParseBatchVersion(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, Body(body, doc));
  return RequiredInt(*o, "", "version");
}

Result<app::ObjectionInput> ParseObjection(std::string_view body, int64_t batch_id) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, Body(body, doc));
  app::ObjectionInput out;
  out.batch_id = batch_id;
  ANPEI_ASSIGN_OR_RETURN(out.entry_id, OptionalId(*o, "entry_id"));
  ANPEI_ASSIGN_OR_RETURN(out.class_id, OptionalId(*o, "class_id"));
  ANPEI_ASSIGN_OR_RETURN(auto contact, OptionalString(*o, "", "contact"));
  out.contact = contact.value_or("");
  ANPEI_ASSIGN_OR_RETURN(auto text, OptionalString(*o, "", "text"));
  out.text = text.value_or("");
  return out;
}

Result<app::ResolveInput> ParseResolve(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, Body(body, doc));
  app::ResolveInput out;
  ANPEI_ASSIGN_OR_RETURN(out.decision, RequiredString(*o, "", "decision"));
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

Result<ObjectionCaseInput> ParseObjectionCase(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, Body(body, doc));
  ObjectionCaseInput out;
  ANPEI_ASSIGN_OR_RETURN(out.summary, RequiredString(*o, "", "summary"));
  ANPEI_ASSIGN_OR_RETURN(out.details, RequiredString(*o, "", "details"));
  return out;
}

}  // namespace anpei::codec
