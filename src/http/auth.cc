#include "http/auth.h"

#include "app/accounts.h"

namespace anpei::http {

std::string SessionToken(const HttpRequest& req) {
  const std::string cookies = req.Header("cookie");
  const std::string key = std::string(kSessionCookie) + "=";
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

Result<app::Actor> RequestActor(const app::AppContext& app, const HttpRequest& req) {
  const std::string auth = req.Header("authorization");
  if (auth.starts_with("Bearer ")) {
    ANPEI_ASSIGN_OR_RETURN(auto a, app::AuthenticateToken(app, auth.substr(7)));
    return a.actor;
  }
  const std::string token = SessionToken(req);
  if (token.empty()) return app::Actor();
  auto a = app::AuthenticateSession(app, token);
  // An expired or unknown cookie is no sign-in (the use case says 401); a store that does not
  // answer is an outage (503), never a silent fall back to anonymous.
  if (!a.ok() && a.status().code() == Code::kUnavailable) return std::move(a).status();
  if (!a.ok()) return app::Actor();
  // After an administrator's reset the session may only change the password or sign out.
  if (a->must_change_password && req.path != "/api/v1/session/password" &&
      req.path != "/api/v1/session" && req.path != "/api/v1/session/revoke-all") {
    return Status(Code::kPermissionDenied, "管理员已重设您的密码，请先修改密码后再继续", "password")
        .WithReason("password.change_required");
  }
  if (req.method != "GET" && req.method != "HEAD") {
    const std::string csrf = req.Header("x-csrf-token");
    if (csrf.empty() || csrf != a->csrf_token) {
      return Status(Code::kPermissionDenied, "缺少或错误的 CSRF 令牌：请刷新页面后重试",
                    "X-CSRF-Token");
    }
  }
  return a->actor;
}

std::string SessionCookie(const HttpRequest& req, const std::string& token, int64_t max_age_s) {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (req.https) c += "; Secure";
  return c;
}

}  // namespace anpei::http
