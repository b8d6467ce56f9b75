// Routes of the review (issue 12, 三（一）2): decide on a declared class, withdraw a declaration,
// delete a draft, the decisions of a class and its approval form (审核审批单). The use cases
// (app/review.h, app/forms.h) authorise, check the state and audit.
#include <charconv>

#include "app/forms.h"
#include "app/review.h"
#include "codec/model_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

// DELETE carries the version the user saw in the query (?version=N).
Result<int64_t> QueryVersion(const HttpRequest& req) {
  auto it = req.query.find("version");
  const std::string text = it == req.query.end() ? "" : it->second;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 1) {
    return Status::Invalid("version",
                           "缺少或无效的 version（您看到的版本号，防止覆盖他人的修改），收到「" +
                               text.substr(0, 20) + "」");
  }
  return v;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace

void RegisterReviewApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/classes/{id}/review", "reviewClass", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseReview(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto cls, app::ReviewClass(*app, actor, id, std::move(in)));
    return JsonResponse(200, codec::ClassToJson(cls));
  });
  router.Add("POST", base + "/classes/{id}/withdraw", "withdrawClass",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseVersion(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto cls, app::WithdrawClass(*app, actor, id, version));
               return JsonResponse(200, codec::ClassToJson(cls));
             });
  router.Add("DELETE", base + "/classes/{id}", "deleteClass", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto version, QueryVersion(req));
    Status st = app::DeleteDraft(*app, actor, id, version);
    if (!st.ok()) return ErrorResponse(st);
    return NoContent();
  });
  router.Add("GET", base + "/classes/{id}/approval-form.pdf", "printApprovalForm",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto form, app::ApprovalForm(*app, actor, id));
               return FileResponse(std::move(form.pdf), "application/pdf", form.file_name,
                                   "approval-form-" + std::to_string(id) + ".pdf", true);
             });
  router.Add("GET", base + "/classes/{id}/decisions", "listClassDecisions",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto items, app::ListDecisions(*app, actor, id));
               return JsonResponse(200, codec::DecisionsToJson(items));
             });
}

}  // namespace anpei::http
