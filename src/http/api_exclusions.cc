// Routes of the exclusion lists (排除名单, issue 15 Deliver 1; docs/openapi.yaml, "Exclusion
// lists"): the kinds (data; 人社 and the city bureau add one), the import of a list (multipart
// `file` + `kind`, ?dry_run=true), and the imported batches (counts, no personal data).
#include "app/exclusions.h"
#include "codec/completion_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {

void RegisterExclusionApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("GET", base + "/exclusion-kinds", "listExclusionKinds", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListExclusionKinds(*app, actor));
    return JsonResponse(200, codec::ExclusionKindsToJson(out));
  });
  router.Add("POST", base + "/exclusion-kinds", "createExclusionKind",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseExclusionKind(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out, app::AddExclusionKind(*app, actor, std::move(in)));
               return JsonResponse(201, codec::ExclusionKindToJson(out));
             });
  router.Add("GET", base + "/exclusion-lists", "listExclusionLists", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListExclusionBatches(*app, actor));
    return JsonResponse(200, codec::ExclusionBatchesToJson(out));
  });
  router.Add(
      "POST", base + "/exclusion-lists/import", "importExclusionList",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        if (Status may = app::MayImportExclusions(actor); !may.ok()) {
          return ErrorResponse(may);
        }
        ANPEI_ASSIGN_OR_REPLY(auto dry_run, DryRun(req));
        if (!IsMultipartForm(req.Header("content-type"))) {
          return ErrorResponse(Status::Invalid(
              "file", "请以 multipart/form-data 在字段 file 中上传排除名单（.xlsx 或 .csv）"));
        }
        ANPEI_ASSIGN_OR_REPLY(auto form, ParseMultipartForm(req.Header("content-type"), req.body));
        auto file = form.find("file");
        if (file == form.end() || file->second.file_name.empty()) {
          return ErrorResponse(
              Status::Invalid("file", "请在表单字段 file 中上传排除名单（.xlsx 或 .csv）"));
        }
        std::string kind;
        if (auto k = form.find("kind"); k != form.end()) kind = k->second.data;
        if (kind.empty()) {
          return ErrorResponse(Status::Invalid("kind", "缺少排除名单类别 kind（例如 pension）"));
        }
        ANPEI_ASSIGN_OR_REPLY(
            auto out, app::ImportExclusionList(*app, actor, kind, std::move(file->second.data),
                                               file->second.file_name, dry_run));
        const int status = !out.errors.empty() ? 400 : (dry_run ? 200 : 201);
        return JsonResponse(status, codec::ExclusionImportToJson(out));
      });
}

}  // namespace anpei::http
