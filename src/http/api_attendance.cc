// Routes of attendance (考勤, issue 13): a session's rotating QR token, a trainee identifying on a
// phone (trainee session), check-in and check-out, and a class's hours.
#include <charconv>
#include <chrono>
#include <map>

#include "app/attendance.h"
#include "codec/attendance_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

// The live head-counts of a class (server-sent events): an event per session whose counts changed
// since the last one sent, a comment every 15 s (which also finds a client that left), and the
// caller re-authorised then (a revoked session ends the stream). Ends after an hour: the browser's
// EventSource reconnects.
struct HeadcountStream {
  std::shared_ptr<const app::AppContext> app;
  HttpRequest req;
  int64_t class_id = 0;
  std::map<int64_t, std::string> last;  // seq -> the last event's data
  std::chrono::steady_clock::time_point beat = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point until =
      std::chrono::steady_clock::now() + std::chrono::hours(1);

  // The events of the sessions that changed ("" when none did).
  std::string Changes(const std::vector<app::SessionHeadcount>& counts) {
    std::string out;
    for (const auto& h : counts) {
      std::string data = codec::HeadcountToJson(h);
      auto& seen = last[h.seq];
      if (seen == data) continue;
      seen = data;
      out += "event: headcount\ndata: " + data + "\n\n";
    }
    return out;
  }

  std::optional<std::string> Next() {
    const auto now = std::chrono::steady_clock::now();
    if (now > until) return std::nullopt;
    auto actor = RequestActor(*app, req);
    if (!actor.ok()) return std::nullopt;
    auto counts = app::GetHeadcounts(*app, *actor, class_id);
    if (!counts.ok()) return std::nullopt;
    std::string out = Changes(*counts);
    if (!out.empty() || now - beat >= std::chrono::seconds(15)) {
      if (out.empty()) out = ": heartbeat\n\n";
      beat = now;
    }
    return out;
  }
};

HttpResponse NoStore(HttpResponse r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// The trainee's phone: identification, the session, check-ins.
void RegisterTraineeRoutes(Router& router, const std::shared_ptr<const app::AppContext>& app,
                           const std::string& base) {
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
    return JsonResponse(
        out.created ? 201 : 200,
        codec::CheckInRecordToJson(out.record, app->LocalOffset(), out.selfie_reuse));
  });
}

}  // namespace

void RegisterAttendanceApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterTraineeRoutes(router, app, base);
  router.Add("GET", base + "/classes/{id}/sessions/{seq}/qr-token", "getQrToken",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto seq, PathId(req, "seq", "课次"));
               ANPEI_ASSIGN_OR_REPLY(auto t, app::IssueQrToken(*app, actor, id, seq));
               return NoStore(JsonResponse(200, codec::QrTokenToJson(t)));
             });
  router.Add(
      "GET", base + "/classes/{id}/attendance/stream", "streamAttendance",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
        ANPEI_ASSIGN_OR_REPLY(auto counts, app::GetHeadcounts(*app, actor, id));
        // ?max_s=N ends the stream after N seconds (0: the current counts only).
        int64_t max_s = 3600;
        if (auto it = req.query.find("max_s"); it != req.query.end()) {
          auto [end, ec] =
              std::from_chars(it->second.data(), it->second.data() + it->second.size(), max_s);
          if (ec != std::errc() || end != it->second.data() + it->second.size() || max_s < 0 ||
              max_s > 3600) {
            return ErrorResponse(Status::Invalid("max_s", "max_s 应为 0 到 3600 之间的整数（秒）"));
          }
        }
        auto stream = std::make_shared<HeadcountStream>();
        stream->until = std::chrono::steady_clock::now() + std::chrono::seconds(max_s);
        stream->app = app;
        stream->req = req;
        stream->class_id = id;
        HttpResponse r;
        r.content_type = "text/event-stream; charset=utf-8";
        r.body = "retry: 3000\n\n" + stream->Changes(counts);
        r.headers.emplace_back("Cache-Control", "no-store");
        r.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer
        if (max_s > 0) r.next_event = [stream] { return stream->Next(); };
        return r;
      });
  router.Add("DELETE", base + "/classes/{id}/trainees/{person_id}/device-binding",
             "unbindTraineeDevice", [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto person, PathId(req, "person_id", "学员"));
               ANPEI_ASSIGN_OR_REPLY(auto reason, codec::ParseUnbindReason(req.body));
               ANPEI_REPLY_IF_ERROR(app::UnbindDevice(*app, actor, id, person, std::move(reason)));
               HttpResponse r;
               r.status = 204;
               r.content_type.clear();
               return r;
             });
  router.Add("GET", base + "/classes/{id}/hours", "getClassHours", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto h, app::GetClassHours(*app, actor, id));
    return JsonResponse(200, codec::ClassHoursToJson(h, app->LocalOffset()));
  });
}

}  // namespace anpei::http
