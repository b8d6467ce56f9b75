// Routes of the reports (统计报表; docs/openapi.yaml "Reports"): GET /reports and its XLSX export,
// with the same query: by (district|institution|occupation|month), from and to (YYYY-MM),
// district_code, institution_id. The use cases (app/reports.h) authorise and scope.
#include <charconv>

#include "app/reports.h"
#include "codec/report_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"

namespace anpei::http {
namespace {

Result<app::ReportRequest> RequestOf(const HttpRequest& req) {
  app::ReportRequest r;
  auto text = [&](const std::string& key) -> std::string {
    auto it = req.query.find(key);
    return it == req.query.end() ? std::string() : it->second;
  };
  if (!text("by").empty()) r.by = text("by");
  r.from = text("from");
  r.to = text("to");
  if (!text("district_code").empty()) r.district_code = text("district_code");
  const std::string inst = text("institution_id");
  if (!inst.empty()) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(inst.data(), inst.data() + inst.size(), v);
    if (ec != std::errc() || end != inst.data() + inst.size() || v < 1) {
      return Status::Invalid("institution_id", "institution_id 应为正整数");
    }
    r.institution_id = v;
  }
  return r;
}

}  // namespace

void RegisterReportApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("GET", base + "/reports", "getReport", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto request, RequestOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto report, app::GetReport(*app, actor, std::move(request)));
    return JsonResponse(200, codec::ReportToJson(report));
  });
  router.Add("GET", base + "/reports/export.xlsx", "exportReport", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto request, RequestOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportReport(*app, actor, std::move(request)));
    return FileResponse(std::move(file.bytes), kXlsxType, file.file_name, "report.xlsx");
  });
}

}  // namespace anpei::http
