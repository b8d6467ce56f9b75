// Routes of completion and verification (结业审核, issue 15 Deliver 1; docs/openapi.yaml,
// "Completion"): assessment scores, the submission, the class's verdicts, a re-run and the
// reviewer's decision. The use cases (app/completion.h) authorise, check the state and audit.
#include "app/completion.h"
#include "codec/completion_json.h"
#include "codec/model_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {

void RegisterCompletionApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1/classes/{id}";
  router.Add("PUT", base + "/assessment-scores", "putAssessmentScores",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto scores, codec::ParseScores(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::PutScores(*app, actor, id, scores));
               return JsonResponse(200, codec::CompletionToJson(out));
             });
  router.Add(
      "POST", base + "/assessment-scores/import", "importAssessmentScores",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
        ANPEI_ASSIGN_OR_REPLY(auto dry_run, DryRun(req));
        ANPEI_ASSIGN_OR_REPLY(auto file, OptionalFormFile(req.Header("content-type"), req.body));
        ANPEI_ASSIGN_OR_REPLY(auto out, app::ImportScores(*app, actor, id, std::move(file.bytes),
                                                          file.name, dry_run));
        return JsonResponse(out.errors.empty() ? 200 : 400, codec::ScoreImportToJson(out));
      });
  router.Add("POST", base + "/completion", "submitCompletion", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseVersion(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::SubmitCompletion(*app, actor, id, version));
    return JsonResponse(200, codec::CompletionToJson(out));
  });
  router.Add("GET", base + "/completion", "getCompletion", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::GetCompletion(*app, actor, id));
    return JsonResponse(200, codec::CompletionToJson(out));
  });
  router.Add("POST", base + "/completion/verify", "verifyCompletion",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::VerifyCompletion(*app, actor, id));
               return JsonResponse(200, codec::CompletionToJson(out));
             });
  router.Add(
      "POST", base + "/completion/decision", "decideCompletion", [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
        ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseCompletionDecision(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto out, app::DecideCompletion(*app, actor, id, std::move(in)));
        return JsonResponse(200, codec::CompletionToJson(out));
      });
}

}  // namespace anpei::http
