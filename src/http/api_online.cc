// Routes of online learning (线上学习, docs/openapi.yaml "Online learning"): the platform
// registry and its tokens (人社), a class's platform (its institution), a platform's push of
// learning records (with its token), a class's online hours and records.
#include <charconv>

#include "app/online_imports.h"
#include "app/online_platforms.h"
#include "codec/online_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

void RegisterPlatforms(Router& router, const std::shared_ptr<const app::AppContext>& app,
                       const std::string& base) {
  router.Add("GET", base + "/online-platforms", "listOnlinePlatforms",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListOnlinePlatforms(*app, actor));
               return JsonResponse(200, codec::PlatformsToJson(out));
             });
  router.Add("POST", base + "/online-platforms", "createOnlinePlatform",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParsePlatformInput(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::CreateOnlinePlatform(*app, actor, in));
               return JsonResponse(201, codec::PlatformToJson(out));
             });
  router.Add("PATCH", base + "/online-platforms/{id}", "updateOnlinePlatform",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习平台"));
               ANPEI_ASSIGN_OR_REPLY(auto patch, codec::ParsePlatformPatch(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::UpdateOnlinePlatform(*app, actor, id, std::move(patch)));
               return JsonResponse(200, codec::PlatformToJson(out));
             });
  router.Add("POST", base + "/online-platforms/{id}/tokens", "createPlatformToken",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习平台"));
               ANPEI_ASSIGN_OR_REPLY(auto name, codec::ParseTokenName(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::CreatePlatformToken(*app, actor, id, name));
               HttpResponse r = JsonResponse(201, codec::IssuedTokenToJson(out));
               r.headers.emplace_back("Cache-Control", "no-store");
               return r;
             });
  router.Add("GET", base + "/online-platforms/{id}/tokens", "listPlatformTokens",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习平台"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListPlatformTokens(*app, actor, id));
               return JsonResponse(200, codec::TokensToJson(out));
             });
  router.Add("DELETE", base + "/online-platforms/{id}/tokens/{tid}", "revokePlatformToken",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习平台"));
               ANPEI_ASSIGN_OR_REPLY(auto tid, PathId(req, "tid", "平台令牌"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::RevokePlatformToken(*app, actor, id, tid));
               return JsonResponse(200, codec::TokenToJson(out));
             });
}

// POST /classes/{id}/online-imports: the two tables as multipart/form-data fields `summary`
// (汇总表) and `detail` (明细表).
HttpResponse Import(const app::AppContext& app, const app::Actor& actor, int64_t id,
                    const HttpRequest& req) {
  ANPEI_REPLY_IF_ERROR(app::CheckOnlineImport(app, actor, id));  // before reading the files
  if (req.Header("content-type").starts_with("application/json")) {
    // The tables uploaded before through the evidence uploads (tus), by their evidence ids.
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseImportByEvidence(req.body));
    ANPEI_ASSIGN_OR_REPLY(
        auto out,
        app::ImportOnlineEvidence(app, actor, id, in.summary_evidence_id, in.detail_evidence_id));
    return JsonResponse(out.import.state == "accepted" ? 201 : 422,
                        codec::ImportOutcomeToJson(out));
  }
  if (!IsMultipartForm(req.Header("content-type"))) {
    return ErrorResponse(
        Status::Invalid("summary",
                        "请以 multipart/form-data 在字段 summary 和 detail 中分别上传"
                        "汇总表和明细表（XLSX 或 CSV）")
            .WithReason("online.no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(auto form, ParseMultipartForm(req.Header("content-type"), req.body));
  app::OnlineTableFile tables[2];
  const char* fields[2] = {"summary", "detail"};
  const char* names[2] = {"汇总表", "明细表"};
  for (int i = 0; i < 2; ++i) {
    auto part = form.find(fields[i]);
    if (part == form.end() || part->second.data.empty()) {
      return ErrorResponse(Status::Invalid(fields[i], std::string("请在字段 ") + fields[i] +
                                                          " 中上传" + names[i] + "（XLSX 或 CSV）")
                               .WithReason("online.no_file"));
    }
    tables[i].bytes = std::move(part->second.data);
    tables[i].file_name =
        part->second.file_name.empty() ? std::string(names[i]) + ".csv" : part->second.file_name;
  }
  ANPEI_ASSIGN_OR_REPLY(auto out, app::ImportOnlineTables(app, actor, id, std::move(tables[0]),
                                                          std::move(tables[1])));
  return JsonResponse(out.import.state == "accepted" ? 201 : 422, codec::ImportOutcomeToJson(out));
}

void RegisterImports(Router& router, const std::shared_ptr<const app::AppContext>& app,
                     const std::string& base) {
  router.Add("POST", base + "/classes/{id}/online-imports", "importOnlineTables",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               return Import(*app, actor, id, req);
             });
  router.Add("GET", base + "/classes/{id}/online-imports", "listOnlineImports",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListOnlineImports(*app, actor, id));
               return JsonResponse(200, codec::ImportsToJson(out));
             });
  router.Add("GET", base + "/online-imports/{id}", "getOnlineImport",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习导入"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetOnlineImport(*app, actor, id));
               return JsonResponse(200, codec::ImportReportToJson(out));
             });
  router.Add("GET", base + "/online-imports/{id}/report.csv", "getOnlineImportReportCsv",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习导入"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetOnlineImport(*app, actor, id));
               HttpResponse r;
               r.content_type = "text/csv; charset=utf-8";
               r.body = codec::ImportReportToCsv(out);
               r.headers.emplace_back(
                   "Content-Disposition",
                   "attachment; filename=\"online-import-" + std::to_string(id) + "-report.csv\"");
               r.headers.emplace_back("Cache-Control", "private, no-store");
               return r;
             });
  router.Add("GET", base + "/online-imports/{id}/report.xlsx", "getOnlineImportReportXlsx",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "线上学习导入"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetOnlineImport(*app, actor, id));
               ANPEI_ASSIGN_OR_REPLY(auto bytes, app::OnlineImportReportXlsx(*app, out));
               HttpResponse r;
               r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
               r.body = std::move(bytes);
               r.headers.emplace_back(
                   "Content-Disposition",
                   "attachment; filename=\"online-import-" + std::to_string(id) + "-report.xlsx\"");
               r.headers.emplace_back("Cache-Control", "private, no-store");
               return r;
             });
}

}  // namespace

void RegisterOnlineApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterPlatforms(router, app, base);
  RegisterImports(router, app, base);
  router.Add("GET", base + "/classes/{id}/online-platform", "getClassOnlinePlatform",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetClassOnlinePlatform(*app, actor, id));
               return JsonResponse(200, codec::ClassPlatformToJson(out));
             });
  router.Add("PUT", base + "/classes/{id}/online-platform", "setClassOnlinePlatform",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto platform, codec::ParseClassPlatform(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::SetClassOnlinePlatform(*app, actor, id, platform));
               return JsonResponse(200, codec::ClassPlatformToJson(out));
             });
  router.Add("GET", base + "/classes/{id}/online-records", "getClassOnlineRecords",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetClassOnline(*app, actor, id));
               return JsonResponse(200, codec::ClassOnlineToJson(out, app->LocalOffset()));
             });
  router.Add("POST", base + "/platform/learning-records", "pushLearningRecords",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               // Who may push is decided before the body is read.
               ANPEI_REPLY_IF_ERROR(app::CheckPlatformPush(actor));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParsePushInput(req.body, app->LocalOffset()));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::PushLearningRecords(*app, actor, in.class_id,
                                                                        std::move(in.rows)));
               return JsonResponse(out.problems.empty() ? 200 : 422, codec::PushOutcomeToJson(out));
             });
}

}  // namespace anpei::http
