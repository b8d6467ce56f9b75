// Routes of paper sign-in exceptions (纸质签到例外, docs/openapi.yaml "Attendance exceptions"):
// file one for a class, a class's list, the reviewer's list, one, the decision, the evidence
// files (multipart upload through the blob store, list, download).
#include <charconv>

#include "app/attendance_exceptions.h"
#include "codec/attendance_exception_json.h"
#include "codec/model_json.h"
#include "codec/page_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

Result<ports::ExceptionFilter> FilterOf(const HttpRequest& req) {
  ports::ExceptionFilter f;
  f.state = codec::QueryString(req.query, "state");
  if (f.state && !domain::ParseExceptionState(*f.state)) {
    return Status::Invalid("state",
                           "state 应为 pending（待审核）、approved（已批准）或 refused（未批准）");
  }
  f.district_code = codec::QueryString(req.query, "district_code");
  ANPEI_ASSIGN_OR_RETURN(f.institution_id, codec::QueryId(req.query, "institution_id"));
  f.oldest_first = f.state && *f.state == "pending";
  return f;
}

HttpResponse UploadFile(const app::AppContext& app, const app::Actor& actor, int64_t id,
                        const HttpRequest& req) {
  ANPEI_REPLY_IF_ERROR(app::CheckExceptionFileUpload(app, actor, id));  // before reading it
  if (!IsMultipartForm(req.Header("content-type"))) {
    return ErrorResponse(
        Status::Invalid("file", "请以 multipart/form-data 在字段 file 中上传签到表扫描件或照片")
            .WithReason("attendance_exception.no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(auto form, ParseMultipartForm(req.Header("content-type"), req.body));
  auto file = form.find("file");
  if (file == form.end() || file->second.file_name.empty()) {
    return ErrorResponse(
        Status::Invalid("file", "请在表单字段 file 中上传签到表扫描件或照片（PDF、JPEG 或 PNG）")
            .WithReason("attendance_exception.no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(
      auto out, app::AddExceptionFile(app, actor, id, file->second.data, file->second.file_name));
  return JsonResponse(201, codec::ExceptionFileToJson(out));
}

void RegisterFiles(Router& router, const std::shared_ptr<const app::AppContext>& app,
                   const std::string& base) {
  router.Add("POST", base + "/attendance-exceptions/{id}/files", "uploadAttendanceExceptionFile",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               return UploadFile(*app, actor, id, req);
             });
  router.Add("GET", base + "/attendance-exceptions/{id}/files", "listAttendanceExceptionFiles",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListExceptionFiles(*app, actor, id));
               return JsonResponse(200, codec::ExceptionFilesToJson(out));
             });
  router.Add("GET", base + "/attendance-exceptions/{id}/files/{n}", "getAttendanceExceptionFile",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               ANPEI_ASSIGN_OR_REPLY(auto n, PathId(req, "n", "文件"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetExceptionFile(*app, actor, id, n));
               HttpResponse r;
               r.content_type = out.file.mime;
               r.body = std::move(out.bytes);
               r.headers.emplace_back("Cache-Control", "private, no-store");
               r.headers.emplace_back("X-Content-Type-Options", "nosniff");
               r.headers.emplace_back("ETag", "\"" + out.file.sha256 + "\"");
               return r;
             });
}

}  // namespace

void RegisterAttendanceExceptionApi(Router& router,
                                    const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/classes/{id}/attendance-exceptions", "fileAttendanceException",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseExceptionInput(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::FileAttendanceException(
                                                   *app, actor, id, std::move(in.session_seqs),
                                                   std::move(in.reason)));
               return JsonResponse(201, codec::ExceptionToJson(out));
             });
  router.Add("GET", base + "/classes/{id}/attendance-exceptions", "listClassAttendanceExceptions",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
               ANPEI_ASSIGN_OR_REPLY(auto f, FilterOf(req));
               f.class_id = id;
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListAttendanceExceptions(*app, actor, f, page));
               return JsonResponse(200, codec::ExceptionsToJson(out));
             });
  router.Add("GET", base + "/attendance-exceptions", "listAttendanceExceptions",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
               ANPEI_ASSIGN_OR_REPLY(auto f, FilterOf(req));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListAttendanceExceptions(*app, actor, f, page));
               return JsonResponse(200, codec::ExceptionsToJson(out));
             });
  router.Add("GET", base + "/attendance-exceptions/{id}", "getAttendanceException",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetAttendanceException(*app, actor, id));
               return JsonResponse(200, codec::ExceptionToJson(out));
             });
  router.Add("POST", base + "/attendance-exceptions/{id}/decision", "decideAttendanceException",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseExceptionDecision(req.body));
               ANPEI_ASSIGN_OR_REPLY(
                   auto out, app::DecideAttendanceException(*app, actor, id, in.decision,
                                                            std::move(in.reason), in.version));
               return JsonResponse(200, codec::ExceptionToJson(out));
             });
  router.Add("POST", base + "/attendance-exceptions/{id}/backfill", "backfillAttendance",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "纸质签到申请"));
               ANPEI_ASSIGN_OR_REPLY(auto rows, codec::ParseBackfillInput(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::BackfillAttendance(*app, actor, id, std::move(rows)));
               return JsonResponse(201, codec::BackfillToJson(out, app->LocalOffset()));
             });
  RegisterFiles(router, app, base);
}

}  // namespace anpei::http
