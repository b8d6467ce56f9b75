// Routes of change requests (变更申请, 三（二）3): file one for an approved class, list a class's,
// the reviewer's list, one, the decision; and the difference between two plan versions.
#include <charconv>

#include "app/change_requests.h"
#include "codec/change_request_json.h"
#include "codec/model_json.h"
#include "codec/page_json.h"
#include "http/api.h"
#include "http/auth.h"

namespace anpei::http {
namespace {

Result<int64_t> IdParam(const HttpRequest& req, std::string_view what) {
  const std::string& text = req.params.at("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    return Status(Code::kNotFound, std::string(what) + "「" + text + "」不存在（编号应为正整数）",
                  "id")
        .WithReason("id.not_found");
  }
  return id;
}

Result<int64_t> VersionParam(const HttpRequest& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) {
    return Status::Invalid(name, "缺少查询参数 " + name + "（计划版本号）");
  }
  int64_t v = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1) {
    return Status::Invalid(name, name + " 应为正整数（计划版本号）");
  }
  return v;
}

// 201/200 with the request, or 422 with the violations when the changed plan breaks the policy.
HttpResponse OutcomeReply(const Result<app::ChangeOutcome>& r, int status, bool at_decision) {
  if (!r.ok()) return ErrorResponse(r.status());
  if (!r->done) {
    return JsonResponse(HttpStatusOf(Code::kFailedPrecondition),
                        codec::ChangeRefusalToJson(r->verdict, at_decision));
  }
  return JsonResponse(status, codec::ChangeRequestToJson(r->request));
}

Result<ports::ChangeRequestFilter> FilterOf(const HttpRequest& req) {
  ports::ChangeRequestFilter f;
  f.state = codec::QueryString(req.query, "state");
  if (f.state && !domain::ParseChangeState(*f.state)) {
    return Status::Invalid("state",
                           "state 应为 pending（待审核）、approved（已批准）或 refused（未批准）");
  }
  f.district_code = codec::QueryString(req.query, "district_code");
  ANPEI_ASSIGN_OR_RETURN(f.institution_id, codec::QueryId(req.query, "institution_id"));
  f.oldest_first = f.state && *f.state == "pending";
  return f;
}

}  // namespace

void RegisterChangeRequestApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/classes/{id}/change-requests", "fileChangeRequest",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, IdParam(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseChangeRequest(req.body));
               return OutcomeReply(
                   app::FileChangeRequest(*app, actor, id, std::move(in.value), in.version), 201,
                   false);
             });
  router.Add("GET", base + "/classes/{id}/change-requests", "listClassChangeRequests",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, IdParam(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
               ANPEI_ASSIGN_OR_REPLY(auto f, FilterOf(req));
               f.class_id = id;
               ANPEI_ASSIGN_OR_REPLY(auto out, app::ListChangeRequests(*app, actor, f, page));
               return JsonResponse(200, codec::ChangeRequestsToJson(out));
             });
  router.Add("GET", base + "/change-requests", "listChangeRequests", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, FilterOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListChangeRequests(*app, actor, f, page));
    return JsonResponse(200, codec::ChangeRequestsToJson(out));
  });
  router.Add("GET", base + "/change-requests/{id}", "getChangeRequest",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, IdParam(req, "变更申请"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetChangeRequest(*app, actor, id));
               return JsonResponse(200, codec::ChangeRequestToJson(out));
             });
  router.Add("POST", base + "/change-requests/{id}/decision", "decideChangeRequest",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, IdParam(req, "变更申请"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseChangeDecision(req.body));
               return OutcomeReply(app::DecideChangeRequest(*app, actor, id, in.decision,
                                                            std::move(in.reason), in.version),
                                   200, true);
             });
  router.Add("GET", base + "/classes/{id}/plan-versions/diff", "diffPlanVersions",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, IdParam(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto from, VersionParam(req, "from"));
               ANPEI_ASSIGN_OR_REPLY(auto to, VersionParam(req, "to"));
               ANPEI_ASSIGN_OR_REPLY(auto pair, app::GetPlanVersionPair(*app, actor, id, from, to));
               ANPEI_ASSIGN_OR_REPLY(auto body, codec::PlanDiffToJson(pair));
               return JsonResponse(200, std::move(body));
             });
}

}  // namespace anpei::http
