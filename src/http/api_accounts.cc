// Routes of sign-in, sessions, user administration and the audit trail.
#include <algorithm>
#include <charconv>

#include "app/accounts.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/export.h"
#include "codec/account_json.h"
#include "codec/model_json.h"
#include "domain/date.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/list_filters.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

// A 429 names when to try again.
HttpResponse WithRetryAfter(HttpResponse r, int64_t retry_after_s) {
  if (r.status == 429 && retry_after_s > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  }
  return r;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// The actor a freshly signed-in user acts as (their roles; scope does not change permissions).
app::Actor ActorOfUser(const domain::User& user) {
  app::Actor a;
  a.user_id = user.id;
  a.user = user.username;
  a.roles = user.roles;
  return a;
}

// Sign-in, the session (with permissions and the model), sign-out here or everywhere.
void RegisterSessions(Router& router, const std::shared_ptr<const app::AppContext>& app,
                      const std::string& base) {
  router.Add(
      "POST", base + "/session", "signIn",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseSignIn(req.body));
        int64_t retry_after = 0;
        auto out = app::SignIn(*app, in.username, in.password, req.remote, &retry_after);
        if (!out.ok()) return WithRetryAfter(ErrorResponse(out.status()), retry_after);
        HttpResponse r =
            JsonResponse(200, codec::SessionToJson(out->user, out->csrf_token,
                                                   app::PermissionsOf(ActorOfUser(out->user)),
                                                   app->security.session_idle_s));
        r.headers.emplace_back("Set-Cookie",
                               SessionCookie(req, out->token, app->security.session_lifetime_s));
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      },
      Lane::kPasswords);
  router.Add("GET", base + "/session", "getSession", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto auth, app::AuthenticateSession(*app, SessionToken(req)));
    ANPEI_ASSIGN_OR_REPLY(auto user,
                          app::FindUser(*app, app::Actor::System("session"), auth.actor.user));
    HttpResponse r = JsonResponse(
        200, codec::SessionToJson(user, auth.csrf_token, app::PermissionsOf(auth.actor),
                                  app->security.session_idle_s));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.Add("DELETE", base + "/session", "signOut", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    ANPEI_REPLY_IF_ERROR(app::SignOut(*app, actor, SessionToken(req)));
    HttpResponse r = NoContent();
    r.headers.emplace_back("Set-Cookie", SessionCookie(req, "", 0));
    return r;
  });
  router.Add("POST", base + "/session/revoke-all", "signOutEverywhere",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
               ANPEI_REPLY_IF_ERROR(app::SignOutEverywhere(*app, actor));
               HttpResponse r = NoContent();
               r.headers.emplace_back("Set-Cookie", SessionCookie(req, "", 0));
               return r;
             });
}

// User administration (the city bureau).
void RegisterUsers(Router& router, const std::shared_ptr<const app::AppContext>& app,
                   const std::string& base) {
  router.Add("GET", base + "/users", "listUsers", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, UserFilterOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto r, app::ListUsers(*app, actor, f, page));
    return JsonResponse(200, codec::UsersToJson(r));
  });
  router.Add(
      "POST", base + "/users", "createUser",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseNewUser(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto r, app::CreateUser(*app, actor, std::move(in)));
        return JsonResponse(201, codec::UserToJson(r));
      },
      Lane::kPasswords);
  router.Add(
      "POST", base + "/users/{id}/disable", "disableUser",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "用户"));
        ANPEI_ASSIGN_OR_REPLY(auto admin_password, codec::ParseAdminPassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto r,
                              app::DisableUser(*app, actor, id, {admin_password, req.remote}));
        return JsonResponse(200, codec::UserToJson(r));
      },
      Lane::kPasswords);
  router.Add(
      "POST", base + "/users/{id}/enable", "enableUser",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "用户"));
        ANPEI_ASSIGN_OR_REPLY(auto admin_password, codec::ParseAdminPassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto r,
                              app::EnableUser(*app, actor, id, {admin_password, req.remote}));
        return JsonResponse(200, codec::UserToJson(r));
      },
      Lane::kPasswords);
  router.Add(
      "POST", base + "/users/{id}/reset-password", "resetPassword",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "用户"));
        ANPEI_ASSIGN_OR_REPLY(auto pw, codec::ParsePassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto admin_password, codec::ParseAdminPassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(
            auto r, app::ResetPassword(*app, actor, id, pw, {admin_password, req.remote}));
        return JsonResponse(200, codec::UserToJson(r));
      },
      Lane::kPasswords);
}

// A user's role, and the sign-in throttles (the city bureau).
void RegisterRolesAndThrottles(Router& router, const std::shared_ptr<const app::AppContext>& app,
                               const std::string& base) {
  router.Add(
      "POST", base + "/users/{id}/role", "changeUserRole",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "用户"));
        ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParseRoleChange(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto admin_password, codec::ParseAdminPassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto r, app::ChangeUserRole(*app, actor, id, std::move(in),
                                                          {admin_password, req.remote}));
        return JsonResponse(200, codec::UserToJson(r));
      },
      Lane::kPasswords);
  router.Add(
      "POST", base + "/users/{id}/unlock", "unlockUser",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "用户"));
        ANPEI_ASSIGN_OR_REPLY(auto admin_password, codec::ParseAdminPassword(req.body));
        ANPEI_ASSIGN_OR_REPLY(auto r,
                              app::UnlockUser(*app, actor, id, {admin_password, req.remote}));
        return JsonResponse(200, codec::UserToJson(r));
      },
      Lane::kPasswords);
  router.Add("GET", base + "/sign-in-throttles", "listSignInThrottles",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto r, app::ListSignInThrottles(*app, actor));
               return JsonResponse(200, codec::ThrottlesToJson(r));
             });
}

// The signed-in user's own password and API tokens (administrators see and revoke every token).
void RegisterOwnAccount(Router& router, const std::shared_ptr<const app::AppContext>& app,
                        const std::string& base) {
  router.Add(
      "POST", base + "/session/password", "changeOwnPassword",
      [app](const HttpRequest& req) {
        ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
        ANPEI_ASSIGN_OR_REPLY(auto in, codec::ParsePasswordChange(req.body));
        int64_t retry_after = 0;
        Status st = app::ChangeOwnPassword(*app, actor, SessionToken(req), in.current_password,
                                           in.new_password, req.remote, &retry_after);
        if (!st.ok()) return WithRetryAfter(ErrorResponse(st), retry_after);
        return NoContent();
      },
      Lane::kPasswords);
  router.Add("GET", base + "/api-tokens", "listApiTokens", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    const auto all = codec::QueryString(req.query, "all");
    ANPEI_ASSIGN_OR_REPLY(auto r, app::ListApiTokens(*app, actor, all && *all == "true"));
    return JsonResponse(200, codec::ApiTokensToJson(r));
  });
  router.Add("POST", base + "/api-tokens/{id}/revoke", "revokeApiToken",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto r, app::RevokeApiToken(*app, actor, req.params.at("id")));
               return JsonResponse(200, codec::ApiTokenToJson(r));
             });
}

// The audit trail: a page, and the CSV export.
void RegisterAuditTrail(Router& router, const std::shared_ptr<const app::AppContext>& app,
                        const std::string& base) {
  router.Add("GET", base + "/audit-events", "listAuditEvents", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto page, codec::ParsePage(req.query));
    ANPEI_ASSIGN_OR_REPLY(auto f, AuditFilterOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto r, app::ListAuditEvents(*app, actor, f, page));
    return JsonResponse(200, codec::AuditPageToJson(r));
  });
  router.Add("GET", base + "/audit-actions", "listAuditActions", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    ANPEI_REPLY_IF_ERROR(app::NeedRole(actor, app::kAuditReaders));
    return JsonResponse(200, codec::AuditActionsToJson());
  });
  router.Add("GET", base + "/audit-events.csv", "exportAuditEvents", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto f, AuditFilterOf(req));
    ANPEI_ASSIGN_OR_REPLY(auto r, app::ExportAuditEvents(*app, actor, f));
    HttpResponse out;
    out.content_type = "text/csv; charset=utf-8";
    out.body = codec::AuditCsv(r);
    out.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
    return out;
  });
  router.Add("GET", base + "/audit-events.xlsx", "exportAuditEventsXlsx",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(auto actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto f, AuditFilterOf(req));
               ANPEI_ASSIGN_OR_REPLY(auto r, app::ExportAuditXlsx(*app, actor, f));
               return FileResponse(std::move(r.bytes), kXlsxType, r.file_name, "audit-events.xlsx");
             });
}

}  // namespace

void RegisterAccountApi(Router& router, std::shared_ptr<const app::AppContext> app) {
  const std::string base = "/api/v1";
  RegisterSessions(router, app, base);
  RegisterUsers(router, app, base);
  RegisterRolesAndThrottles(router, app, base);
  RegisterOwnAccount(router, app, base);
  RegisterAuditTrail(router, app, base);
}

}  // namespace anpei::http
