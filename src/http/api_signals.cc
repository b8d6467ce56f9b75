// Routes of random roll calls and attendance flags (docs/openapi.yaml, "Attendance signals"):
// the teacher's screen draws a roll call, a drawn trainee answers from the phone, the class page
// reads the roll calls and the flags.
#include <charconv>

#include "app/roll_calls.h"
#include "codec/signals_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {}  // namespace

void RegisterSignalApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/classes/{id}/sessions/{seq}/roll-calls", "drawRollCall",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto seq, PathId(req, "seq", "课次"));
               ANPEI_ASSIGN_OR_REPLY(auto count, codec::ParseRollCallDraw(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::DrawRollCall(*app, actor, id, seq, count));
               return JsonResponse(201, codec::RollCallToJson(out, app->LocalOffset()));
             });
  router.Add("GET", base + "/classes/{id}/roll-calls", "listRollCalls",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListRollCalls(*app, actor, id));
               return JsonResponse(200, codec::RollCallsToJson(out, app->LocalOffset()));
             });
  router.Add("GET", base + "/me/roll-calls", "myRollCalls", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::PendingRollCalls(*app, actor));
    return JsonResponse(
        200, codec::PendingRollCallsToJson(out, app->Now().unix_seconds, app->LocalOffset()));
  });
  router.Add("POST", base + "/roll-calls/{id}/answers", "answerRollCall",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "点名"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseRollCallAnswer(req.body));
               in.client_addr = req.remote;
               ANPEI_ASSIGN_OR_REPLY(auto out, app::AnswerRollCall(*app, actor, id, std::move(in)));
               return JsonResponse(out.created ? 201 : 200,
                                   codec::RollCallAnswerToJson(out, app->LocalOffset()));
             });
  router.Add("GET", base + "/classes/{id}/attendance-flags", "getAttendanceFlags",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetAttendanceFlags(*app, actor, id));
               return JsonResponse(200, codec::FlagsToJson(out, app->LocalOffset()));
             });
}

}  // namespace anpei::http
