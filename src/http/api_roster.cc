// Routes of the roster: import (JSON rows, or the spreadsheet itself as multipart/form-data, with
// ?dry_run=true for a preview that saves nothing) and removing a trainee from a draft roster.
#include <charconv>

#include "app/roster_import.h"
#include "codec/model_json.h"
#include "codec/roster_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/multipart.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

Result<int64_t> ParseVersionText(const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 1) {
    return Status::Invalid("version",
                           "缺少或无效的 version（您看到的版本号，防止覆盖他人的修改），收到「" +
                               text.substr(0, 20) + "」");
  }
  return v;
}

HttpResponse ImportReply(const Result<app::ImportOutcome>& out) {
  if (!out.ok()) return ErrorResponse(out.status());
  if (out->dry_run) return JsonResponse(200, codec::ImportReportToJson(*out));
  if (!out->errors.empty()) return JsonResponse(400, codec::ImportRefusalToJson(*out));
  return JsonResponse(200, codec::ImportedClassToJson(*out));
}

// The upload: field `file` (.xlsx / .csv) and `version` (or ?version=).
HttpResponse ImportFile(const app::AppContext& app, const app::Actor& actor, int64_t id,
                        bool dry_run, const HttpRequest& req) {
  auto form = ParseMultipartForm(req.Header("content-type"), req.body);
  if (!form.ok()) return ErrorResponse(form.status());
  auto file = form->find("file");
  if (file == form->end() || file->second.file_name.empty()) {
    return ErrorResponse(
        Status::Invalid("file", "请在表单字段 file 中上传花名册文件（.xlsx 或 .csv）")
            .WithReason("roster.no_file"));
  }
  std::string version_text;
  if (auto v = form->find("version"); v != form->end()) {
    version_text = v->second.data;
  } else if (auto q = req.query.find("version"); q != req.query.end()) {
    version_text = q->second;
  }
  auto version = ParseVersionText(version_text);
  if (!version.ok()) return ErrorResponse(version.status());
  return ImportReply(app::ImportRosterFile(app, actor, id, *version, std::move(file->second.data),
                                           file->second.file_name, dry_run));
}

HttpResponse ImportJson(const app::AppContext& app, const app::Actor& actor, int64_t id,
                        bool dry_run, const HttpRequest& req) {
  auto in = codec::ParseRosterImport(req.body);
  if (!in.ok()) return ErrorResponse(in.status());
  if (!in->version) {
    return ErrorResponse(
        Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）"));
  }
  std::vector<app::RosterRow> rows;
  for (size_t i = 0; i < in->value.size(); ++i) {
    rows.push_back({static_cast<int64_t>(i) + 1, std::move(in->value[i]), std::nullopt});
  }
  return ImportReply(app::ImportRoster(app, actor, id, *in->version, std::move(rows), dry_run));
}

}  // namespace

void RegisterRosterApi(Router& router, std::shared_ptr<const app::AppContext> app) {
  const std::string base = "/api/v1";
  router.Add("POST", base + "/classes/{id}/roster/import", "importRoster",
             [app](const HttpRequest& req) {
               auto actor = RequestActor(*app, req);
               if (!actor.ok()) return ErrorResponse(actor.status());
               auto id = PathId(req, "培训班");
               if (!id.ok()) return ErrorResponse(id.status());
               auto dry_run = DryRun(req);
               if (!dry_run.ok()) return ErrorResponse(dry_run.status());
               if (IsMultipartForm(req.Header("content-type"))) {
                 return ImportFile(*app, *actor, *id, *dry_run, req);
               }
               return ImportJson(*app, *actor, *id, *dry_run, req);
             });
  router.Add("DELETE", base + "/classes/{id}/roster/{trainee_id}", "removeFromRoster",
             [app](const HttpRequest& req) {
               auto actor = RequestActor(*app, req);
               if (!actor.ok()) return ErrorResponse(actor.status());
               auto id = PathId(req, "培训班");
               if (!id.ok()) return ErrorResponse(id.status());
               auto trainee = PathId(req, "trainee_id", "学员");
               if (!trainee.ok()) return ErrorResponse(trainee.status());
               auto q = req.query.find("version");
               auto version = ParseVersionText(q == req.query.end() ? "" : q->second);
               if (!version.ok()) return ErrorResponse(version.status());
               auto out = app::RemoveFromRoster(*app, *actor, *id, *trainee, *version);
               if (!out.ok()) return ErrorResponse(out.status());
               return JsonResponse(200, codec::ClassToJson(*out));
             });
}

}  // namespace anpei::http
