// Routes of funds (资金拨付, 三（一）4, 四（二）) and clawbacks (追回, 四（三）); docs/openapi.yaml
// "Funds". The use cases (app/funds.h) authorise, scope and audit.
#include "app/funds.h"
#include "codec/funds_json.h"
#include "codec/model_json.h"
#include "codec/page_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

void RegisterRequests(Router& router, const std::shared_ptr<const app::AppContext>& app,
                      const std::string& base) {
  router.Add("GET", base + "/fund-requests", "listFundRequests", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    app::FundRequestListFilter filter;
    filter.state = QueryText(req, "state");
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListFundRequests(*app, actor, filter, page));
    return JsonResponse(200, codec::FundRequestsToJson(out));
  });
  router.Add("POST", base + "/fund-requests", "createFundRequest", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseCreateFundRequest(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::CreateFundRequest(*app, actor, std::move(in)));
    return JsonResponse(201, codec::FundRequestViewToJson(out));
  });
  router.Add("GET", base + "/fund-requests/{id}", "getFundRequest", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付申请"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetFundRequest(*app, actor, id));
    return JsonResponse(200, codec::FundRequestViewToJson(out));
  });
  router.Add("POST", base + "/fund-requests/{id}/approval", "approveFundRequest",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付申请"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseFundDecision(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::DecideFundRequest(*app, actor, id, in));
               return JsonResponse(200, codec::FundRequestViewToJson(out));
             });
  router.Add("POST", base + "/fund-requests/{id}/confirmation", "confirmFundRequest",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付申请"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseFundDecision(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ConfirmFundRequest(*app, actor, id, in));
               return JsonResponse(200, codec::FundRequestViewToJson(out));
             });
}

void RegisterPayments(Router& router, const std::shared_ptr<const app::AppContext>& app,
                      const std::string& base) {
  router.Add("GET", base + "/fund-requests/{id}/payment-list.xlsx", "exportPaymentList",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付申请"));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportPaymentList(*app, actor, id));
               return FileResponse(std::move(file.bytes), kXlsxType, file.file_name,
                                   "payment-list-" + std::to_string(id) + ".xlsx");
             });
  router.Add(
      "POST", base + "/fund-requests/{id}/results/import", "importPaymentResults",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付申请"));
        ANPEI_ASSIGN_OR_REPLY(auto dry_run, DryRun(req));
        ANPEI_ASSIGN_OR_REPLY(auto file, OptionalFormFile(req.Header("content-type"), req.body));
        ANPEI_ASSIGN_OR_REPLY(
            auto out,
            app::ImportPaymentResults(*app, actor, id, std::move(file.bytes), file.name, dry_run));
        return JsonResponse(out.errors.empty() ? 200 : 400, codec::ResultImportToJson(out));
      });
  router.Add("PUT", base + "/fund-lines/{id}/payee", "setFundLinePayee",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付明细"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParsePayee(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::SetPayee(*app, actor, id, std::move(in)));
               return JsonResponse(200, codec::FundLineViewToJson(out));
             });
  router.Add("POST", base + "/fund-lines/{id}/reissue", "reissueFundLine",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "拨付明细"));
               ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseVersion(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ReissueLine(*app, actor, id, version));
               return JsonResponse(200, codec::FundLineViewToJson(out));
             });
}

void RegisterClawbacks(Router& router, const std::shared_ptr<const app::AppContext>& app,
                       const std::string& base) {
  router.Add("GET", base + "/clawbacks", "listClawbacks", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    app::ClawbackListFilter filter;
    filter.state = QueryText(req, "state");
    ANPEI_ASSIGN_OR_REPLY(filter.institution_id, QueryId(req, "institution_id"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListClawbacks(*app, actor, filter, page));
    return JsonResponse(200, codec::ClawbackListToJson(out));
  });
  router.Add("GET", base + "/clawbacks/{id}", "getClawback", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "追回记录"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetClawback(*app, actor, id));
    return JsonResponse(200, codec::ClawbackViewToJson(out));
  });
  router.Add("POST", base + "/clawbacks/{id}/recoveries", "recordClawbackRecovery",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "追回记录"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseRecovery(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::RecordRecovery(*app, actor, id, std::move(in)));
               return JsonResponse(201, codec::ClawbackViewToJson(out));
             });
}

}  // namespace

void RegisterFundsApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterRequests(router, app, base);
  RegisterPayments(router, app, base);
  RegisterClawbacks(router, app, base);
}

}  // namespace anpei::http
