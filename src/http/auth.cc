#include "http/auth.h"

#include "app/accounts.h"
#include "app/attendance.h"
#include "app/online_platforms.h"

namespace anpei::http {
namespace {

std::string CookieValue(const HttpRequest& req, const char* name) {
  const std::string cookies = req.Header("cookie");
  const std::string key = std::string(name) + "=";
  size_t pos = 0;
  while (pos < cookies.size()) {
    while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
    const size_t end = cookies.find(';', pos);
    const std::string part = cookies.substr(pos, end == std::string::npos ? end : end - pos);
    if (part.starts_with(key)) return part.substr(key.size());
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

std::string CookieFor(const HttpRequest& req, const char* name, const std::string& token,
                      int64_t max_age_s) {
  std::string c = std::string(name) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (req.https) c += "; Secure";
  return c;
}

Status CheckCsrf(const HttpRequest& req, const std::string& expected) {
  if (req.method == "GET" || req.method == "HEAD") return Status::Ok();
  const std::string csrf = req.Header("x-csrf-token");
  if (csrf.empty() || csrf != expected) {
    return Status(Code::kPermissionDenied, "缺少或错误的 CSRF 令牌：请刷新页面后重试",
                  "X-CSRF-Token");
  }
  return Status::Ok();
}

// The trainee of a trainee cookie (anonymous when none or no longer valid).
Result<app::Actor> TraineeActor(const app::AppContext& app, const HttpRequest& req) {
  const std::string token = TraineeToken(req);
  if (token.empty()) return app::Actor();
  auto t = app::AuthenticateTrainee(app, token);
  if (!t.ok() && t.status().code() == Code::kUnavailable) return std::move(t).status();
  if (!t.ok()) return app::Actor();
  ANPEI_RETURN_IF_ERROR(CheckCsrf(req, t->csrf_token));
  return t->actor;
}

}  // namespace

std::string SessionToken(const HttpRequest& req) { return CookieValue(req, kSessionCookie); }
std::string TraineeToken(const HttpRequest& req) { return CookieValue(req, kTraineeCookie); }

Result<app::Actor> RequestActor(const app::AppContext& app, const HttpRequest& req) {
  const std::string auth = req.Header("authorization");
  if (auth.starts_with("Bearer ")) {
    // A platform account's token, else an online platform's own token (app/online_platforms.h).
    auto a = app::AuthenticateToken(app, auth.substr(7));
    if (a.ok()) return a->actor;
    if (a.status().code() != Code::kUnauthenticated) return std::move(a).status();
    auto p = app::AuthenticatePlatformToken(app, auth.substr(7));
    if (p.ok() || p.status().code() != Code::kUnauthenticated) return p;
    return std::move(a).status();
  }
  const std::string token = SessionToken(req);
  if (token.empty()) return TraineeActor(app, req);
  auto a = app::AuthenticateSession(app, token);
  // An expired or unknown cookie is no sign-in (the use case says 401); a store that does not
  // answer is an outage (503), never a silent fall back to anonymous.
  if (!a.ok() && a.status().code() == Code::kUnavailable) return std::move(a).status();
  if (!a.ok()) return TraineeActor(app, req);
  // After an administrator's reset the session may only change the password or sign out.
  if (a->must_change_password && req.path != "/api/v1/session/password" &&
      req.path != "/api/v1/session" && req.path != "/api/v1/session/revoke-all") {
    return Status(Code::kPermissionDenied, "管理员已重设您的密码，请先修改密码后再继续", "password")
        .WithReason("password.change_required");
  }
  ANPEI_RETURN_IF_ERROR(CheckCsrf(req, a->csrf_token));
  return a->actor;
}

std::string SessionCookie(const HttpRequest& req, const std::string& token, int64_t max_age_s) {
  return CookieFor(req, kSessionCookie, token, max_age_s);
}

std::string TraineeCookie(const HttpRequest& req, const std::string& token, int64_t max_age_s) {
  return CookieFor(req, kTraineeCookie, token, max_age_s);
}

}  // namespace anpei::http
