#include "codec/fraud_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::value OptText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object CaseObject(const domain::CaseRecord& c) {
  const auto state = domain::ParseCaseState(c.state).value_or(domain::CaseState::kOpen);
  const auto source = domain::ParseCaseSource(c.source).value_or(domain::CaseSource::kReport);
  return {{"id", c.id},
          {"class_id", c.class_id},
          {"class_title", c.class_title},
          {"institution_id", c.institution_id},
          {"institution_name", c.institution_name},
          {"district_code", c.district_code},
          {"source", c.source},
          {"source_name", domain::CaseSourceName(source)},
          {"source_id", c.source_id},
          {"state", c.state},
          {"state_name", domain::CaseStateName(state)},
          {"summary", c.summary},
          {"opened_by", c.opened_by},
          {"opened_at", c.opened_at},
          {"response_due", OptText(c.response_due)},
          {"version", c.version}};
}

json::object EntryObject(const domain::BlacklistEntry& e) {
  return {{"id", e.id},
          {"institution_id", e.institution_id},
          {"institution_name", e.institution_name},
          {"district_code", e.district_code},
          {"case_id", e.case_id ? json::value(*e.case_id) : json::value(nullptr)},
          {"reason", e.reason},
          {"listed_at", e.listed_at},
          {"period_until", e.period_until},
          {"listed_by", e.listed_by_name},
          {"sent_to_hrss_at", e.sent_to_hrss_at},
          {"acknowledged_at", OptText(e.acknowledged_at)},
          {"acknowledged_by", OptText(e.acknowledged_by_name)},
          {"in_force", !e.lifted_at.has_value()},
          {"lifted_at", OptText(e.lifted_at)},
          {"lifted_by", OptText(e.lifted_by_name)},
          {"lift_reason", OptText(e.lift_reason)}};
}

}  // namespace

std::string CasesToJson(const ports::PageOf<domain::CaseRecord>& page) {
  return PageToJson(page, [](const domain::CaseRecord& c) { return CaseObject(c); });
}

std::string CaseViewToJson(const app::CaseView& view) {
  json::object o = CaseObject(view.record);
  json::array steps;
  for (const auto& s : view.steps) {
    steps.push_back(json::object{
        {"id", s.id}, {"kind", s.kind}, {"body", s.body}, {"by", s.by_name}, {"at", s.at}});
  }
  o["steps"] = std::move(steps);
  o["answered"] = view.answered;
  o["awaiting_response"] = view.awaiting_response;
  o["blacklist"] = view.blacklist ? json::value(EntryObject(*view.blacklist)) : nullptr;
  return json::serialize(o);
}

std::string BlacklistToJson(const ports::PageOf<domain::BlacklistEntry>& page) {
  return PageToJson(page, [](const domain::BlacklistEntry& e) { return EntryObject(e); });
}

std::string BlacklistEntryToJson(const domain::BlacklistEntry& entry) {
  return json::serialize(EntryObject(entry));
}

Result<app::OpenCaseInput> ParseOpenCase(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  app::OpenCaseInput out;
  ANPEI_ASSIGN_OR_RETURN(out.source, RequiredString(*o, "", "source"));
  ANPEI_ASSIGN_OR_RETURN(out.summary, RequiredString(*o, "", "summary"));
  ANPEI_ASSIGN_OR_RETURN(out.details, RequiredString(*o, "", "details"));
  return out;
}

Result<Findings> ParseInvestigation(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  Findings out;
  ANPEI_ASSIGN_OR_RETURN(out.findings, RequiredString(*o, "", "findings"));
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

Result<std::string> ParseCaseResponse(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  return RequiredString(*o, "", "text");
}

Result<app::CaseDecisionInput> ParseCaseDecision(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  app::CaseDecisionInput out;
  ANPEI_ASSIGN_OR_RETURN(out.decision, RequiredString(*o, "", "decision"));
  ANPEI_ASSIGN_OR_RETURN(out.reason, RequiredString(*o, "", "reason"));
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

Result<std::string> ParseLiftReason(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  return RequiredString(*o, "", "reason");
}

}  // namespace anpei::codec
