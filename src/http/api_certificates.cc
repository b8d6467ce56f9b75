// Routes of certificates (结业证书, issue 15 Deliver 2): issue a class's certificates, list them,
// a certificate's PDF, revoke one, the trainee's own; and the public, sign-in-free routes of
// contract.md — a certificate by its code (rate-limited per address), the published signing keys
// and the revocation status list. The use cases (app/certificates.h) authorise and audit.
#include <algorithm>
#include <charconv>
#include <memory>

#include "app/certificates.h"
#include "codec/certificate_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"
#include "http/public_limiter.h"

namespace anpei::http {
namespace {

// "{id}.pdf" of /certificates/{file}.
Result<int64_t> PdfId(const HttpRequest& req) {
  std::string text = req.params.at("file");
  if (!text.ends_with(".pdf")) {
    return Status(Code::kNotFound, "证书文件应以 .pdf 结尾，例如 /certificates/12.pdf", "id");
  }
  text.resize(text.size() - 4);
  return PositiveId(text, "证书");
}

// The scheme and host this request came to, for the QR code's URL when no --public-url is set.
std::string RequestBase(const HttpRequest& req) {
  std::string host = req.Header("host");
  if (host.empty() || host.find_first_of("/\\ \"<>") != std::string::npos) host = "localhost";
  return std::string(req.https ? "https://" : "http://") + host;
}

std::optional<std::string> Query(const HttpRequest& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return std::nullopt;
  return it->second;
}

HttpResponse Pdf(app::CertificateFile file, int64_t id) {
  return FileResponse(std::move(file.pdf), "application/pdf", file.file_name,
                      "certificate-" + std::to_string(id) + ".pdf", true);
}

// Public answers may be cached briefly by browsers and proxies, never the 429.
HttpResponse Public(HttpResponse r, int max_age_s) {
  r.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(max_age_s));
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

void RegisterStaffRoutes(Router& router, const std::shared_ptr<const app::AppContext>& app,
                         const std::string& base) {
  router.Add("POST", base + "/classes/{id}/certificates", "issueCertificates",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PositiveId(req.params.at("id"), "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto version, codec::ParseIssueCertificates(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto items, app::IssueCertificates(*app, actor, id, version));
               return JsonResponse(201, codec::CertificatesToJson(items));
             });
  router.Add("GET", base + "/classes/{id}/certificates", "listClassCertificates",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PositiveId(req.params.at("id"), "培训班"));
               ANPEI_ASSIGN_OR_REPLY(auto items, app::ListClassCertificates(*app, actor, id));
               return JsonResponse(200, codec::CertificatesToJson(items));
             });
  router.Add(
      "GET", base + "/certificates/{file}", "printCertificate", [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PdfId(req));
        ANPEI_ASSIGN_OR_REPLY(auto file, app::CertificatePdf(*app, actor, id, RequestBase(req)));
        return Pdf(std::move(file), id);
      });
  router.Add("POST", base + "/certificates/{id}/revoke", "revokeCertificate",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PositiveId(req.params.at("id"), "证书"));
               ANPEI_ASSIGN_OR_REPLY(auto reason, codec::ParseRevokeCertificate(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto c,
                                     app::RevokeCertificate(*app, actor, id, std::move(reason)));
               return JsonResponse(200, codec::CertificateToJson(c));
             });
  router.Add("GET", base + "/me/certificates", "listMyCertificates", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto items, app::MyCertificates(*app, actor));
    return JsonResponse(200, codec::CertificatesToJson(items));
  });
  router.Add(
      "GET", base + "/me/certificates/{file}", "printMyCertificate", [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
        if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
          return ErrorResponse(Status(Code::kUnauthenticated, "请先扫码签到登录学员身份")
                                   .WithReason("session.required"));
        }
        ANPEI_ASSIGN_OR_REPLY(auto id, PdfId(req));
        ANPEI_ASSIGN_OR_REPLY(auto file, app::CertificatePdf(*app, actor, id, RequestBase(req)));
        return Pdf(std::move(file), id);
      });
}

void RegisterPublicRoutes(Router& router, const std::shared_ptr<const app::AppContext>& app,
                          const std::string& base) {
  // 30 lookups a minute per address: plenty for people scanning certificates, too few to walk
  // the 80-bit code space (and the codes carry no personal data anyway).
  auto limiter = std::make_shared<PublicLimiter>(30, 60);
  router.Add("GET", base + "/public/certificates/status-list", "getCertificateStatusList",
             [app](const HttpRequest&) {
               ANPEI_ASSIGN_OR_REPLY(auto list, app::CertificateStatusList(*app));
               return Public(JsonResponse(200, codec::StatusListToJson(list)), 60);
             });
  router.Add("GET", base + "/public/certificates/{code}", "verifyCertificate",
             [app, limiter](const HttpRequest& req) {
               int64_t retry = 0;
               if (!limiter->Allow(req.remote, app->Now().unix_seconds, &retry)) {
                 HttpResponse r =
                     ErrorResponse(Status(Code::kResourceExhausted, "核验请求过于频繁，请稍后再试")
                                       .WithReason("rate_limited"));
                 r.headers.emplace_back("Retry-After", std::to_string(std::max<int64_t>(1, retry)));
                 return r;
               }
               ANPEI_ASSIGN_OR_REPLY(
                   auto view, app::VerifyCertificate(*app, req.params.at("code"), Query(req, "d"),
                                                     Query(req, "s")));
               return Public(JsonResponse(200, codec::PublicCertificateToJson(view)), 0);
             });
  router.Add("GET", base + "/public/certificate-keys", "listCertificateKeys",
             [app](const HttpRequest&) {
               ANPEI_ASSIGN_OR_REPLY(auto keys, app::CertificateKeys(*app));
               return Public(JsonResponse(200, codec::CertificateKeysToJson(keys)), 300);
             });
}

}  // namespace

void RegisterCertificateApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  // The status list before /public/certificates/{code}, which would otherwise take "status-list".
  RegisterPublicRoutes(router, app, base);
  RegisterStaffRoutes(router, app, base);
}

}  // namespace anpei::http
