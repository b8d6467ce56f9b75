#include "http/api.h"

#include <boost/json.hpp>

#include "app/plan_check.h"
#include "codec/plan_json.h"

namespace anpei::http {
namespace json = boost::json;

namespace {

HttpResponse PolicyList(const ApiContext& ctx) {
  json::array items;
  for (const auto& [id, p] : ctx.reference->policies()) {
    json::object o;
    o["id"] = id;
    o["document"] = p.document;
    o["title"] = p.title;
    o["effective_from"] = p.effective_from.ToString();
    json::array occupations;
    for (const auto& occ : p.occupations) {
      occupations.push_back(json::object{{"id", occ.id},
                                         {"name", occ.name},
                                         {"scarce", occ.scarce},
                                         {"subsidy_yuan", occ.subsidy_yuan}});
    }
    o["occupations"] = std::move(occupations);
    json::array groups;
    for (const auto& g : p.trainee_groups) {
      groups.push_back(json::object{{"id", g.id}, {"name", g.name}});
    }
    o["trainee_groups"] = std::move(groups);
    // The plan limits the console suggests from (hours from a session's times).
    o["plan"] = json::object{{"min_total_hours", p.plan.min_total_hours},
                             {"min_minutes_per_hour", p.plan.min_minutes_per_hour}};
    items.push_back(std::move(o));
  }
  return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

}  // namespace

void RegisterApi(Router& router, std::shared_ptr<const ApiContext> ctx) {
  router.Add("GET", "/healthz", "health", [ctx](const HttpRequest&) {
    if (ctx->ping_store) {
      Status st = ctx->ping_store();
      if (!st.ok()) {
        return ErrorResponse(Status(Code::kUnavailable, "数据库不可用：" + st.message()));
      }
    }
    return JsonResponse(200, R"({"status":"ok"})");
  });

  router.Add("POST", "/api/v1/plan-checks", "checkPlan", [ctx](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto request, codec::ParsePlanCheckRequest(req.body));
    ANPEI_ASSIGN_OR_REPLY(auto verdict, ctx->app ? app::CheckPlanWithStore(*ctx->app, request)
                                                 : app::CheckPlan(*ctx->reference, request));
    return JsonResponse(200, codec::PlanVerdictToJson(verdict));
  });

  router.Add("GET", "/api/v1/policies", "listPolicies",
             [ctx](const HttpRequest&) { return PolicyList(*ctx); });

  router.Add("GET", "/api/v1/openapi.yaml", "openapi", [ctx](const HttpRequest&) {
    HttpResponse r;
    r.content_type = "application/yaml; charset=utf-8";
    r.body = ctx->openapi_yaml;
    return r;
  });
}

}  // namespace anpei::http
