// Routes of publicity (公示) and objections (异议) (issue 15 Deliver 3; docs/openapi.yaml
// "Publicity"): the staff's batches (open, list, detail, XLSX, close) and objections (list,
// detail, resolve, open a fraud case), and the public, sign-in-free routes of contract.md — the
// open batches with masked entries, filing an objection and looking it up by receipt, both
// rate-limited per client address. The use cases (app/publicity.h) authorise and audit.
#include <algorithm>
#include <memory>

#include "app/export.h"
#include "app/publicity.h"
#include "codec/page_json.h"
#include "codec/publicity_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"
#include "http/public_limiter.h"

namespace anpei::http {
namespace {

// 429 with Retry-After when `address` is over its limit; nullopt otherwise.
std::optional<HttpResponse> Limited(PublicLimiter& limiter, const app::AppContext& app,
                                    const HttpRequest& req, const std::string& message) {
  int64_t retry = 0;
  if (limiter.Allow(req.remote, app.Now().unix_seconds, &retry)) return std::nullopt;
  HttpResponse r =
      ErrorResponse(Status(Code::kResourceExhausted, message).WithReason("rate_limited"));
  r.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry)));
  return r;
}

HttpResponse Public(HttpResponse r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

void RegisterBatches(Router& router, const std::shared_ptr<const app::AppContext>& app,
                     const std::string& base) {
  router.Add(
      "GET", base + "/publicity-batches", "listPublicityBatches", [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
        app::BatchListFilter filter;
        filter.state = QueryText(req, "state");
        ANPEI_ASSIGN_OR_REPLY(filter.class_id, QueryId(req, "class_id"));
        ANPEI_ASSIGN_OR_REPLY(auto out, app::ListBatches(*app, actor, std::move(filter), page));
        return JsonResponse(200, codec::BatchesToJson(out));
      });
  router.Add("POST", base + "/publicity-batches", "openPublicityBatch",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseOpenBatch(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::OpenBatch(*app, actor, std::move(in)));
               return JsonResponse(201, codec::BatchViewToJson(out));
             });
  router.Add("GET", base + "/publicity-batches/{id}", "getPublicityBatch",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "公示批次"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetBatch(*app, actor, id));
               return JsonResponse(200, codec::BatchViewToJson(out));
             });
  router.Add("GET", base + "/publicity-batches/{id}/export.xlsx", "exportPublicityBatch",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "公示批次"));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportPublicityBatch(*app, actor, id));
               return FileResponse(std::move(file.bytes), kXlsxType, file.file_name,
                                   "publicity-" + std::to_string(id) + ".xlsx");
             });
  router.Add("POST", base + "/publicity-batches/{id}/close", "closePublicityBatch",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "公示批次"));
               ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseBatchVersion(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::CloseBatch(*app, actor, id, version));
               return JsonResponse(200, codec::BatchViewToJson(out));
             });
}

void RegisterObjections(Router& router, const std::shared_ptr<const app::AppContext>& app,
                        const std::string& base) {
  router.Add("GET", base + "/objections", "listObjections", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    app::ObjectionListFilter filter;
    filter.state = QueryText(req, "state");
    ANPEI_ASSIGN_OR_REPLY(filter.batch_id, QueryId(req, "batch_id"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListObjections(*app, actor, std::move(filter), page));
    return JsonResponse(200, codec::ObjectionsToJson(out));
  });
  router.Add("GET", base + "/objections/{id}", "getObjection", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "异议"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetObjection(*app, actor, id));
    return JsonResponse(200, codec::ObjectionToJson(out));
  });
  router.Add("GET", base + "/objections/{id}/contact", "revealObjectionContact",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "异议"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::RevealObjectionContact(*app, actor, id));
               return JsonResponse(200, codec::ObjectionToJson(out));
             });
  router.Add("POST", base + "/objections/{id}/resolution", "resolveObjection",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "异议"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseResolve(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::ResolveObjection(*app, actor, id, std::move(in)));
               return JsonResponse(200, codec::ObjectionToJson(out));
             });
  router.Add("POST", base + "/objections/{id}/case", "openCaseFromObjection",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "异议"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseObjectionCase(req.body));
               ANPEI_ASSIGN_OR_REPLY(
                   auto out, app::OpenCaseFromObjection(*app, actor, id, std::move(in.summary),
                                                        std::move(in.details)));
               return JsonResponse(201, codec::ObjectionCaseToJson(out));
             });
}

void RegisterPublic(Router& router, const std::shared_ptr<const app::AppContext>& app,
                    const std::string& base) {
  // Objections: 10 an hour per address (a person objects a few times at most; a flood of filings
  // is stopped before it buries the reviewers). Receipt lookups: 30 a minute, like certificates
  // (the 80-bit codes cannot be walked).
  auto filings = std::make_shared<PublicLimiter>(10, 3600);
  auto lookups = std::make_shared<PublicLimiter>(30, 60);
  router.Add("GET", base + "/public/publicity", "listPublicPublicity",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::PublicBatches(*app, page));
               return Public(JsonResponse(200, codec::PublicBatchesToJson(out)));
             });
  router.Add("POST", base + "/public/publicity/{id}/objections", "fileObjection",
             [app, filings](const HttpRequest& req) {
               if (auto r = Limited(*filings, *app, req, "提交异议过于频繁，请稍后再试")) return *r;
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "公示批次"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseObjection(req.body, id));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::FileObjection(*app, std::move(in)));
               return Public(JsonResponse(201, codec::PublicObjectionToJson(out)));
             });
  router.Add("GET", base + "/public/objections/{receipt}", "getPublicObjection",
             [app, lookups](const HttpRequest& req) {
               if (auto r = Limited(*lookups, *app, req, "查询过于频繁，请稍后再试")) return *r;
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::ObjectionByReceipt(*app, req.params.at("receipt")));
               return Public(JsonResponse(200, codec::PublicObjectionToJson(out)));
             });
}

}  // namespace

void RegisterPublicityApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterPublic(router, app, base);
  RegisterBatches(router, app, base);
  RegisterObjections(router, app, base);
}

}  // namespace anpei::http
