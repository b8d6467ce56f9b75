// Routes of the working-day calendar (the city bureau adds or corrects a year: issue 10, Deliver
// 4) and of the city bureau's decision on a legacy credit code (Deliver 6). Parse (codec), call the
// use case (app), map the result.
#include <charconv>

#include "app/calendar.h"
#include "app/registry.h"
#include "codec/calendar_json.h"
#include "codec/model_json.h"
#include "http/api.h"
#include "http/auth.h"

namespace anpei::http {
namespace {

#define ANPEI_CALENDAR_ACTOR(app, req) \
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*(app), (req)))

Result<int> PathYear(const HttpRequest& req) {
  const std::string& text = req.params.at("year");
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || year < 1900 || year > 9999) {
    return Status::NotFound("没有「" + text + "」年的工作日历（年份应为 4 位数字）", "year")
        .WithReason("calendar.year_unknown");
  }
  return year;
}

Result<int64_t> PathInstitution(const HttpRequest& req) {
  const std::string& text = req.params.at("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    return Status(Code::kNotFound, "培训机构「" + text + "」不存在（编号应为正整数）", "id");
  }
  return id;
}

Result<bool> DryRunOf(const HttpRequest& req) {
  auto it = req.query.find("dry_run");
  if (it == req.query.end() || it->second == "false" || it->second == "0") return false;
  if (it->second == "true" || it->second == "1" || it->second.empty()) return true;
  return Status::Invalid("dry_run", "dry_run 应为 true 或 false");
}

}  // namespace

void RegisterCalendarApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1/calendar/years";
  router.Add("GET", base, "listCalendarYears", [app](const HttpRequest& req) {
    ANPEI_CALENDAR_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto rows, app::ListCalendarYears(*app, actor));
    return JsonResponse(200, codec::CalendarYearsToJson(rows));
  });
  router.Add("GET", base + "/{year}", "getCalendarYear", [app](const HttpRequest& req) {
    ANPEI_CALENDAR_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto year, PathYear(req));
    ANPEI_ASSIGN_OR_REPLY(auto detail, app::GetCalendarYear(*app, actor, year));
    return JsonResponse(200, codec::CalendarYearToJson(detail));
  });
  router.Add("POST", base, "importCalendarYear", [app](const HttpRequest& req) {
    ANPEI_CALENDAR_ACTOR(app, req);
    ANPEI_ASSIGN_OR_REPLY(auto dry_run, DryRunOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto request, codec::ParseCalendarImport(req.body));
    request.dry_run = dry_run;
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ImportCalendarYear(*app, actor, request));
    if (!out.faults.empty()) return JsonResponse(400, codec::CalendarFaultsToJson(out.faults));
    return JsonResponse(dry_run ? 200 : 201, codec::CalendarImportToJson(out, dry_run));
  });
  router.Add("POST", "/api/v1/institutions/{id}/uscc-decision", "decideInstitutionUscc",
             [app](const HttpRequest& req) {
               ANPEI_CALENDAR_ACTOR(app, req);
               ANPEI_ASSIGN_OR_REPLY(auto id, PathInstitution(req));
               ANPEI_ASSIGN_OR_REPLY(auto decision, codec::ParseUsccDecision(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto inst, app::DecideLegacyUscc(*app, actor, id, decision));
               return JsonResponse(200, codec::InstitutionToJson(inst));
             });
}

}  // namespace anpei::http
