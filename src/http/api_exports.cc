// Routes of the lists' exports (XLSX, GET <list>/export.xlsx with the list's own filters), of
// the printed forms (PDF), and of a class's evidence checklist (JSON and XLSX, computed like a
// printed form from what is stored). The use cases (app/export.h, app/forms.h) authorise, scope and
// audit; these routes parse the filters as the lists do and hand the file back.
#include <charconv>

#include "app/evidence_checklist.h"
#include "app/export.h"
#include "app/forms.h"
#include "codec/evidence_checklist_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

HttpResponse Xlsx(app::ExportFile file, const std::string& ascii_name) {
  return FileResponse(std::move(file.bytes), kXlsxType, file.file_name, ascii_name);
}

// GET `path` exports a list: `run(actor, req)` → Result<ExportFile>.
template <typename Run>
void AddExport(Router& router, const std::string& path, const std::string& name,
               const std::string& ascii_name, Run run) {
  router.Add("GET", path, name, [run, ascii_name](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*run.app, req));
    ANPEI_ASSIGN_OR_REPLY(auto file, run(actor, req));
    return Xlsx(std::move(file), ascii_name);
  });
}

// Binds a use case to its filter parser.
template <typename Parse, typename Export>
struct Exporter {
  std::shared_ptr<const app::AppContext> app;
  Parse parse;
  Export exporter;
  Result<app::ExportFile> operator()(const app::Actor& actor, const HttpRequest& req) const {
    ANPEI_ASSIGN_OR_RETURN(auto filter, parse(req));
    return exporter(*app, actor, filter);
  }
};
template <typename Parse, typename Export>
Exporter<Parse, Export> Bind(std::shared_ptr<const app::AppContext> app, Parse p, Export e) {
  return {std::move(app), p, e};
}

void RegisterListExports(Router& router, const std::shared_ptr<const app::AppContext>& app,
                         const std::string& base) {
  AddExport(router, base + "/classes/export.xlsx", "exportClasses", "classes.xlsx",
            Bind(app, ClassFilterOf, app::ExportClasses));
  AddExport(router, base + "/institutions/export.xlsx", "exportInstitutions", "institutions.xlsx",
            Bind(app, InstitutionFilterOf, app::ExportInstitutions));
  AddExport(router, base + "/teachers/export.xlsx", "exportTeachers", "teachers.xlsx",
            Bind(app, TeacherFilterOf, app::ExportTeachers));
  AddExport(router, base + "/trainees/export.xlsx", "exportTrainees", "trainees.xlsx",
            Bind(app, TraineeFilterOf, app::ExportTrainees));
  AddExport(router, base + "/held-enrolments/export.xlsx", "exportHeldEnrolments",
            "held-enrolments.xlsx", Bind(app, HeldFilterOf, app::ExportHeldEnrolments));
  AddExport(router, base + "/users/export.xlsx", "exportUsers", "users.xlsx",
            Bind(app, UserFilterOf, app::ExportUsers));
}

void RegisterClassFiles(Router& router, const std::shared_ptr<const app::AppContext>& app,
                        const std::string& base) {
  router.Add("GET", base + "/calendar/years/export.xlsx", "exportCalendarYears",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportCalendarYears(*app, actor));
               return Xlsx(std::move(file), "calendar-years.xlsx");
             });
  router.Add("GET", base + "/classes/{id}/roster.xlsx", "exportRoster",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportRoster(*app, actor, id));
               return Xlsx(std::move(file), "roster.xlsx");
             });
  router.Add("GET", base + "/classes/{id}/evidence/checklist.xlsx", "exportEvidenceChecklist",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportEvidenceChecklist(*app, actor, id));
               return Xlsx(std::move(file), "evidence-checklist.xlsx");
             });
  router.Add("GET", base + "/classes/{id}/completion.xlsx", "exportCompletion",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto file, app::ExportCompletion(*app, actor, id));
               return Xlsx(std::move(file), "completion.xlsx");
             });
  router.Add("GET", base + "/classes/{id}/evidence/checklist", "getEvidenceChecklist",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto checklist, app::GetEvidenceChecklist(*app, actor, id));
               return JsonResponse(200, codec::ChecklistToJson(id, checklist));
             });
  router.Add("GET", base + "/classes/{id}/declaration-form.pdf", "printDeclarationForm",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto form, app::DeclarationForm(*app, actor, id));
               return FileResponse(std::move(form.pdf), "application/pdf", form.file_name,
                                   "declaration-form-" + std::to_string(id) + ".pdf", true);
             });
}

}  // namespace

void RegisterExportApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  RegisterListExports(router, app, base);
  RegisterClassFiles(router, app, base);
}

}  // namespace anpei::http
