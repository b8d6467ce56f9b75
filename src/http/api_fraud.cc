// Routes of fraud cases and the credit blacklist (四（三）; docs/openapi.yaml "Fraud cases"): open
// a case on a class, investigate, the institution's answer, the decision; list, acknowledge and
// lift blacklist entries. The use cases (app/fraud_cases.h, app/blacklist.h) authorise and audit.
#include <charconv>

#include "app/blacklist.h"
#include "app/fraud_cases.h"
#include "codec/fraud_json.h"
#include "codec/page_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

void RegisterCases(Router& router, const std::shared_ptr<const app::AppContext>& app,
                   const std::string& base) {
  router.Add("GET", base + "/cases", "listCases", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    app::CaseListFilter filter;
    filter.state = QueryText(req, "state");
    ANPEI_ASSIGN_OR_REPLY(filter.class_id, QueryId(req, "class_id"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListCases(*app, actor, std::move(filter), page));
    return JsonResponse(200, codec::CasesToJson(out));
  });
  router.Add("POST", base + "/classes/{id}/cases", "openCase", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseOpenCase(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::OpenCase(*app, actor, id, std::move(in)));
    return JsonResponse(201, codec::CaseViewToJson(out));
  });
  router.Add("GET", base + "/cases/{id}", "getCase", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "案件"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetCase(*app, actor, id));
    return JsonResponse(200, codec::CaseViewToJson(out));
  });
  router.Add("POST", base + "/cases/{id}/investigation", "investigateCase",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "案件"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseInvestigation(req.body));
               ANPEI_ASSIGN_OR_REPLY(
                   auto out, app::InvestigateCase(*app, actor, id, in.findings, in.version));
               return JsonResponse(200, codec::CaseViewToJson(out));
             });
  router.Add("POST", base + "/cases/{id}/responses", "respondToCase",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "案件"));
               ANPEI_ASSIGN_OR_REPLY(auto text, codec::ParseCaseResponse(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::RespondToCase(*app, actor, id, text));
               return JsonResponse(201, codec::CaseViewToJson(out));
             });
  router.Add("POST", base + "/cases/{id}/decision", "decideCase", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "案件"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseCaseDecision(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::DecideCase(*app, actor, id, std::move(in)));
    return JsonResponse(200, codec::CaseViewToJson(out));
  });
}

void RegisterBlacklist(Router& router, const std::shared_ptr<const app::AppContext>& app,
                       const std::string& base) {
  router.Add("GET", base + "/blacklist", "listBlacklist", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    const auto in_force = QueryText(req, "in_force");
    if (in_force && *in_force != "true" && *in_force != "false") {
      return ErrorResponse(Status::Invalid("in_force", "in_force 应为 true 或 false"));
    }
    ANPEI_ASSIGN_OR_REPLY(auto out,
                          app::ListBlacklist(*app, actor, in_force && *in_force == "true", page));
    return JsonResponse(200, codec::BlacklistToJson(out));
  });
  router.Add("GET", base + "/blacklist/{id}", "getBlacklistEntry", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "黑名单记录"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetBlacklistEntry(*app, actor, id));
    return JsonResponse(200, codec::BlacklistEntryToJson(out));
  });
  router.Add("POST", base + "/blacklist/{id}/acknowledgement", "acknowledgeBlacklistEntry",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "黑名单记录"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::AcknowledgeBlacklistEntry(*app, actor, id));
               return JsonResponse(200, codec::BlacklistEntryToJson(out));
             });
  router.Add("POST", base + "/blacklist/{id}/lift", "liftBlacklistEntry",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "黑名单记录"));
               ANPEI_ASSIGN_OR_REPLY(auto reason, codec::ParseLiftReason(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::LiftBlacklistEntry(*app, actor, id, std::move(reason)));
               return JsonResponse(200, codec::BlacklistEntryToJson(out));
             });
}

}  // namespace

void RegisterFraudApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterCases(router, app, base);
  RegisterBlacklist(router, app, base);
}

}  // namespace anpei::http
