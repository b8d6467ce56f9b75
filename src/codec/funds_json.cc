#include "codec/funds_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::value OptText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object TotalsObject(const domain::FundTotals& t) {
  return {{"lines", t.lines},
          {"requested_yuan", t.requested_yuan},
          {"paid_yuan", t.paid_yuan},
          {"failed_yuan", t.failed_yuan},
          {"pending_yuan", t.pending_yuan},
          {"cancelled_yuan", t.cancelled_yuan},
          {"paid_lines", t.paid_lines},
          {"failed_lines", t.failed_lines},
          {"pending_lines", t.pending_lines},
          {"cancelled_lines", t.cancelled_lines},
          {"reconciles", t.Reconciles()}};
}

json::object RequestObject(const ports::FundRequestRecord& r) {
  const auto state =
      domain::ParseFundRequestState(r.state).value_or(domain::FundRequestState::kSubmitted);
  return {{"id", r.id},
          {"state", r.state},
          {"state_name", domain::FundRequestStateName(state)},
          {"district_code", OptText(r.district_code)},
          {"created_by", r.created_by_name},
          {"created_at", r.created_at},
          {"hrss_by", OptText(r.hrss_by_name)},
          {"hrss_at", OptText(r.hrss_at)},
          {"finance_by", OptText(r.finance_by_name)},
          {"finance_at", OptText(r.finance_at)},
          {"return_reason", OptText(r.return_reason)},
          {"returned_by", OptText(r.returned_by_name)},
          {"returned_at", OptText(r.returned_at)},
          {"exported_at", OptText(r.exported_at)},
          {"export_count", r.export_count},
          {"class_count", r.class_count},
          {"line_count", r.line_count},
          {"requested_yuan", r.requested_yuan},
          {"version", r.version}};
}

json::object LineObject(const app::FundLineView& v) {
  const auto& l = v.line;
  const auto status =
      domain::ParseFundLineStatus(l.status).value_or(domain::FundLineStatus::kPending);
  const auto kind = domain::ParsePayeeAccountKind(l.account_kind)
                        .value_or(domain::PayeeAccountKind::kSocialSecurityCard);
  return {{"id", l.id},
          {"request_id", l.request_id},
          {"class_id", l.class_id},
          {"class_title", l.class_title},
          {"institution_name", l.institution_name},
          {"person_id", l.person_id},
          {"payee_name", l.person_name},
          {"amount_yuan", l.amount_yuan},
          {"account_kind", l.account_kind},
          {"account_kind_name", domain::PayeeAccountKindName(kind)},
          {"account", l.account.empty() ? json::value(nullptr) : json::value(l.account)},
          {"flagged", v.flagged},
          {"status", l.status},
          {"status_name", domain::FundLineStatusName(status)},
          {"attempt", l.attempt},
          {"reference", v.reference},
          {"bank_reference", OptText(l.bank_reference)},
          {"paid_on", OptText(l.paid_on)},
          {"failure_reason", OptText(l.failure_reason)},
          {"version", l.version}};
}

json::object ClawbackObject(const ports::ClawbackRecord& c) {
  const auto state =
      domain::ParseClawbackState(c.state).value_or(domain::ClawbackState::kOutstanding);
  return {{"id", c.id},
          {"line_id", c.line_id},
          {"class_id", c.class_id},
          {"class_title", c.class_title},
          {"institution_id", c.institution_id},
          {"institution_name", c.institution_name},
          {"person_id", c.person_id},
          {"payee_name", c.person_name},
          {"case_id", c.case_id ? json::value(*c.case_id) : json::value(nullptr)},
          {"due_yuan", c.due_yuan},
          {"recovered_yuan", c.recovered_yuan},
          {"outstanding_yuan", c.due_yuan - c.recovered_yuan},
          {"state", c.state},
          {"state_name", domain::ClawbackStateName(state)},
          {"created_at", c.created_at},
          {"version", c.version}};
}

json::object SumObject(const ports::ClawbackTotals& t) {
  return {{"institution_id", t.institution_id},
          {"institution_name", t.institution_name},
          {"count", t.count},
          {"due_yuan", t.due_yuan},
          {"recovered_yuan", t.recovered_yuan},
          {"outstanding_yuan", t.due_yuan - t.recovered_yuan}};
}

}  // namespace

std::string FundRequestsToJson(const ports::PageOf<ports::FundRequestRecord>& page) {
  return PageToJson(page, [](const ports::FundRequestRecord& r) { return RequestObject(r); });
}

std::string FundRequestViewToJson(const app::FundRequestView& view) {
  json::object o = RequestObject(view.request);
  json::array classes;
  for (const auto& c : view.classes) {
    classes.push_back(json::object{{"class_id", c.class_id},
                                   {"class_title", c.class_title},
                                   {"institution_name", c.institution_name},
                                   {"state", c.state},
                                   {"totals", TotalsObject(c.totals)}});
  }
  json::array lines;
  for (const auto& l : view.lines) lines.push_back(LineObject(l));
  o["classes"] = std::move(classes);
  o["lines"] = std::move(lines);
  o["totals"] = TotalsObject(view.totals);
  o["flagged"] = view.flagged;
  return json::serialize(o);
}

std::string FundLineViewToJson(const app::FundLineView& view) {
  return json::serialize(LineObject(view));
}

std::string ResultImportToJson(const app::ResultImportOutcome& out) {
  json::array errors;
  for (const auto& e : out.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return json::serialize(
      json::object{{"dry_run", out.dry_run},
                   {"file_name", out.file_name},
                   {"rows", out.rows},
                   {"paid", out.paid},
                   {"failed", out.failed},
                   {"errors", std::move(errors)},
                   {"fund_request", out.view ? json::parse(FundRequestViewToJson(*out.view))
                                             : json::value(nullptr)}});
}

std::string ClawbackListToJson(const app::ClawbackList& list) {
  json::array items;
  for (const auto& c : list.page.items) items.push_back(ClawbackObject(c));
  json::object o = PageEnvelope(std::move(items), list.page.total, list.page.total_exact,
                                list.page.page, list.page.next);
  json::array by_institution;
  for (size_t i = 1; i < list.totals.size(); ++i)
    by_institution.push_back(SumObject(list.totals[i]));
  o["totals"] = list.totals.empty() ? json::value(nullptr) : json::value(SumObject(list.totals[0]));
  o["by_institution"] = std::move(by_institution);
  return json::serialize(o);
}

std::string ClawbackViewToJson(const app::ClawbackView& view) {
  json::object o = ClawbackObject(view.clawback);
  json::array recoveries;
  for (const auto& r : view.recoveries) {
    recoveries.push_back(json::object{{"id", r.id},
                                      {"amount_yuan", r.amount_yuan},
                                      {"recovered_on", r.recovered_on},
                                      {"reference", r.reference},
                                      {"by", r.by_name},
                                      {"at", r.at}});
  }
  o["recoveries"] = std::move(recoveries);
  return json::serialize(o);
}

Result<app::CreateFundRequestInput> ParseCreateFundRequest(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  const auto* v = o->if_contains("class_ids");
  if (!v) return Status::Invalid("class_ids", "缺少 class_ids（培训班编号列表）");
  ANPEI_ASSIGN_OR_RETURN(const json::array* a, AsArray(*v, "class_ids"));
  app::CreateFundRequestInput out;
  for (size_t i = 0; i < a->size(); ++i) {
    const auto& x = (*a)[i];
    if (!x.is_int64() || x.as_int64() < 1) {
      return Status::Invalid("class_ids[" + std::to_string(i) + "]", "培训班编号应为正整数");
    }
    out.class_ids.push_back(x.as_int64());
  }
  return out;
}

Result<app::FundDecisionInput> ParseFundDecision(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  app::FundDecisionInput out;
  ANPEI_ASSIGN_OR_RETURN(out.decision, RequiredString(*o, "", "decision"));
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

Result<app::PayeeInput> ParsePayee(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  app::PayeeInput out;
  ANPEI_ASSIGN_OR_RETURN(out.kind, RequiredString(*o, "", "kind"));
  ANPEI_ASSIGN_OR_RETURN(out.account, RequiredString(*o, "", "account"));
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

Result<app::RecoveryInput> ParseRecovery(std::string_view body) {
  json::value doc;
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, ParseBodyObject(body, doc));
  app::RecoveryInput out;
  ANPEI_ASSIGN_OR_RETURN(out.amount_yuan, RequiredInt(*o, "", "amount_yuan"));
  ANPEI_ASSIGN_OR_RETURN(out.recovered_on, RequiredString(*o, "", "recovered_on"));
  ANPEI_ASSIGN_OR_RETURN(out.reference, RequiredString(*o, "", "reference"));
  ANPEI_ASSIGN_OR_RETURN(out.version, RequiredInt(*o, "", "version"));
  return out;
}

}  // namespace anpei::codec
