// Routes of held enrolments (domain.md §7a): the list (a reviewer's district, an institution's
// own), one for the reviewer's decision (an audited look at the name on record), the decision; the
// notices institutions get of the decisions.
#include <charconv>

#include "app/enrolment.h"
#include "codec/enrolment_json.h"
#include "codec/model_json.h"
#include "codec/page_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {}  // namespace

void RegisterEnrolmentApi(Router& router, std::shared_ptr<const app::AppContext> app) {
  const std::string base = "/api/v1";
  router.Add("GET", base + "/held-enrolments", "listHeldEnrolments", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto filter, HeldFilterOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListHeldEnrolments(*app, actor, filter, page));
    return JsonResponse(200, codec::HeldEnrolmentsToJson(out));
  });
  router.Add("GET", base + "/held-enrolments/{id}", "getHeldEnrolment",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "待审核报名"));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::GetHeldEnrolment(*app, actor, id));
               return JsonResponse(200, codec::HeldEnrolmentToJson(out, false));
             });
  router.Add("POST", base + "/held-enrolments/{id}/decision", "decideHeldEnrolment",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "待审核报名"));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseHeldDecision(req.body));
               if (!in.version) {
                 return ErrorResponse(Status::Invalid(
                     "version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）"));
               }
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::DecideHeldEnrolment(*app, actor, id, in.decision,
                                                              std::move(in.reason), *in.version));
               return JsonResponse(200, codec::HeldEnrolmentToJson(out, false));
             });
  router.Add("GET", base + "/notices", "listNotices", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ports::NoticeFilter filter;
    ANPEI_ASSIGN_OR_REPLY(filter.institution_id, codec::QueryId(req.query, "institution_id"));
    filter.district_code = codec::QueryString(req.query, "district_code");
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListNotices(*app, actor, filter, page));
    return JsonResponse(200, codec::NoticesToJson(out));
  });
}

}  // namespace anpei::http
