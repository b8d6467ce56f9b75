// Routes of attendance (考勤, issue 13): a session's rotating QR token, a trainee identifying on a
// phone (trainee session), check-in and check-out, and a class's hours.
#include <charconv>

#include "app/attendance.h"
#include "codec/attendance_json.h"
#include "http/api.h"
#include "http/auth.h"

namespace anpei::http {
namespace {

Result<int64_t> PathId(const HttpRequest& req, const std::string& name, std::string_view what) {
  const std::string& text = req.params.at(name);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    return Status(Code::kNotFound, std::string(what) + "「" + text + "」不存在（编号应为正整数）",
                  name)
        .WithReason("id.not_found");
  }
  return id;
}

HttpResponse NoStore(HttpResponse r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterAttendanceApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("GET", base + "/classes/{id}/sessions/{seq}/qr-token", "getQrToken",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto seq, PathId(req, "seq", "课次"));
               ANPEI_ASSIGN_OR_REPLY(auto t, app::IssueQrToken(*app, actor, id, seq));
               return NoStore(JsonResponse(200, codec::QrTokenToJson(t)));
             });
  router.Add("POST", base + "/trainee-sessions", "identifyTrainee", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseTraineeIdentification(req.body));
    int64_t retry_after = 0;
    auto out = app::IdentifyTrainee(*app, std::move(in), req.remote, &retry_after);
    if (!out.ok()) {
      HttpResponse r = ErrorResponse(out.status());
      if (retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
      return r;
    }
    HttpResponse r = JsonResponse(201, codec::TraineeSignedInToJson(*out));
    r.headers.emplace_back("Set-Cookie",
                           TraineeCookie(req, out->token, app::kTraineeSessionSeconds));
    return NoStore(std::move(r));
  });
  router.Add("DELETE", base + "/trainee-sessions/current", "signOutTrainee",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_REPLY_IF_ERROR(app::SignOutTrainee(*app, actor, TraineeToken(req)));
               HttpResponse r;
               r.status = 204;
               r.content_type.clear();
               r.headers.emplace_back("Set-Cookie", TraineeCookie(req, "", 0));
               return r;
             });
  router.Add("GET", base + "/me", "getMe", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto me, app::GetTraineeMe(*app, actor, TraineeToken(req)));
    return NoStore(JsonResponse(200, codec::TraineeMeToJson(me)));
  });
  router.Add("POST", base + "/check-ins", "checkIn", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseCheckIn(req.body));
    in.client_addr = req.remote;
    in.user_agent = req.Header("user-agent");
    ANPEI_ASSIGN_OR_REPLY(auto out, app::CheckIn(*app, actor, std::move(in)));
    return JsonResponse(out.created ? 201 : 200,
                        codec::CheckInRecordToJson(out.record, app->LocalOffset()));
  });
  router.Add("GET", base + "/classes/{id}/hours", "getClassHours", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto h, app::GetClassHours(*app, actor, id));
    return JsonResponse(200, codec::ClassHoursToJson(h, app->LocalOffset()));
  });
}

}  // namespace anpei::http
