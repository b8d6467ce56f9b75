// Routes of selfies (issue 13, Deliver 3): a trainee's upload from the phone (multipart, one
// face), the picture for those who may see it, and a random sample of a class's selfies for the
// police (no face-matching model: docs/architecture.md, "Selfies").
#include <charconv>

#include "app/selfies.h"
#include "codec/selfie_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

// ?n= (default 20).
Result<int64_t> SampleSize(const HttpRequest& req) {
  auto it = req.query.find("n");
  if (it == req.query.end()) return int64_t{20};
  int64_t n = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > app::kMaxSelfieSample) {
    return Status::Invalid("n",
                           "n 应为 1 到 " + std::to_string(app::kMaxSelfieSample) + " 之间的整数");
  }
  return n;
}

HttpResponse Upload(const app::AppContext& app, const app::Actor& actor, const HttpRequest& req) {
  ANPEI_REPLY_IF_ERROR(app::CheckSelfieUploader(actor));  // before reading the upload
  if (!IsMultipartForm(req.Header("content-type"))) {
    return ErrorResponse(
        Status::Invalid("file", "请以 multipart/form-data 在字段 file 中上传自拍照")
            .WithReason("attendance.selfie_no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(auto form, ParseMultipartForm(req.Header("content-type"), req.body));
  auto file = form.find("file");
  if (file == form.end() || file->second.data.empty()) {
    return ErrorResponse(Status::Invalid("file", "请在表单字段 file 中上传自拍照（JPEG 或 PNG）")
                             .WithReason("attendance.selfie_no_file"));
  }
  ANPEI_ASSIGN_OR_REPLY(auto out, app::UploadSelfie(app, actor, file->second.data));
  return JsonResponse(201, codec::SelfieUploadedToJson(out));
}

}  // namespace

void RegisterSelfieApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/selfies", "uploadSelfie", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    return Upload(*app, actor, req);
  });
  router.Add("GET", base + "/selfies/{id}", "getSelfie", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "自拍照"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetSelfie(*app, actor, id));
    HttpResponse r;
    r.content_type = out.selfie.mime;
    r.body = std::move(out.bytes);
    r.headers.emplace_back("Cache-Control", "private, no-store");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("ETag", "\"" + out.selfie.sha256 + "\"");
    return r;
  });
  router.Add(
      "GET", base + "/classes/{id}/selfie-samples", "sampleSelfies", [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
        ANPEI_ASSIGN_OR_REPLY(auto n, SampleSize(req));
        ANPEI_ASSIGN_OR_REPLY(auto out, app::SampleSelfies(*app, actor, id, n));
        HttpResponse r = JsonResponse(200, codec::SelfieSamplesToJson(out, app->LocalOffset()));
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      });
}

}  // namespace anpei::http
