// Routes of spot checks (抽查, docs/openapi.yaml "Spot checks"): draws, visits on site, their
// photos (multipart upload through the blob store, download). The cases findings open are listed
// with every other case (api_fraud.cc).
#include <charconv>

#include "app/spot_checks.h"
#include "codec/page_json.h"
#include "codec/spot_check_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

HttpResponse UploadPhoto(const app::AppContext& app, const app::Actor& actor, int64_t visit,
                         const HttpRequest& req) {
  ANPEI_REPLY_IF_ERROR(app::CheckPhotoUpload(app, actor, visit));  // before reading the upload
  if (!IsMultipartForm(req.Header("content-type"))) {
    return ErrorResponse(Status::Invalid("file", "请以 multipart/form-data 在字段 file 中上传照片")
                             .WithReason("spot_check.no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(auto form, ParseMultipartForm(req.Header("content-type"), req.body));
  auto file = form.find("file");
  if (file == form.end() || file->second.file_name.empty()) {
    return ErrorResponse(Status::Invalid("file", "请在表单字段 file 中上传照片（JPEG 或 PNG）")
                             .WithReason("spot_check.no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(
      auto photo, app::AddVisitPhoto(app, actor, visit, file->second.data, file->second.file_name));
  return JsonResponse(201, codec::PhotoToJson(photo));
}

void RegisterDraws(Router& router, const std::shared_ptr<const app::AppContext>& app,
                   const std::string& base) {
  router.Add("POST", base + "/spot-checks/draws", "createSpotCheckDraw",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseDrawRequest(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::DrawSpotCheck(*app, actor, std::move(in)));
               return JsonResponse(201, codec::DrawToJson(out));
             });
  router.Add("GET", base + "/spot-checks/draws", "listSpotCheckDraws",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListDraws(*app, actor, page));
               return JsonResponse(200, codec::DrawsToJson(out));
             });
  router.Add("GET", base + "/spot-checks/draws/{id}", "getSpotCheckDraw",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "抽查记录"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetDraw(*app, actor, id));
               return JsonResponse(200, codec::DrawToJson(out));
             });
}

void RegisterVisits(Router& router, const std::shared_ptr<const app::AppContext>& app,
                    const std::string& base) {
  router.Add("POST", base + "/classes/{id}/spot-checks", "recordSpotCheck",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseVisitInput(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::RecordVisit(*app, actor, id, std::move(in)));
               return JsonResponse(201, codec::VisitToJson(out));
             });
  router.Add("GET", base + "/classes/{id}/spot-checks", "listClassSpotChecks",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListVisits(*app, actor, id));
               return JsonResponse(200, codec::VisitsToJson(out));
             });
  router.Add("POST", base + "/spot-checks/{id}/photos", "uploadSpotCheckPhoto",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "现场检查记录"));
               return UploadPhoto(*app, actor, id, req);
             });
  router.Add("GET", base + "/spot-checks/{id}/photos", "listSpotCheckPhotos",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "现场检查记录"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListVisitPhotos(*app, actor, id));
               return JsonResponse(200, codec::PhotosToJson(out));
             });
  router.Add("GET", base + "/spot-checks/{id}/photos/{n}", "getSpotCheckPhoto",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "现场检查记录"));
               ANPEI_ASSIGN_OR_REPLY(auto n, PathId(req, "n", "照片"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetVisitPhoto(*app, actor, id, n));
               HttpResponse r;
               r.content_type = out.photo.mime;
               r.body = std::move(out.bytes);
               r.headers.emplace_back("Cache-Control", "private, no-store");
               r.headers.emplace_back("X-Content-Type-Options", "nosniff");
               r.headers.emplace_back("ETag", "\"" + out.photo.sha256 + "\"");
               return r;
             });
}

}  // namespace

void RegisterSpotCheckApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterDraws(router, app, base);
  RegisterVisits(router, app, base);
}

}  // namespace anpei::http
