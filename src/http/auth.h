// Who sends a request: the session cookie (anpei_session) or an API token (Authorization:
// Bearer), resolved through the app's accounts use cases. Requests without credentials act as the
// anonymous actor and the use cases answer 401 where sign-in is needed. A cookie-authenticated
// unsafe request (anything but GET/HEAD) must carry the session's CSRF token in X-CSRF-Token.
#pragma once

#include <string>

#include "app/context.h"
#include "http/http_types.h"

namespace anpei::http {

inline constexpr const char* kSessionCookie = "anpei_session";
// A trainee's session on the bound phone (app/attendance.h): same CSRF scheme as staff sessions.
inline constexpr const char* kTraineeCookie = "anpei_trainee";

// The session token from the Cookie header ("" when none).
std::string SessionToken(const HttpRequest& req);
// The trainee session token from the Cookie header ("" when none).
std::string TraineeToken(const HttpRequest& req);
// The actor of the request; PermissionDenied (field X-CSRF-Token) for a cookie-authenticated
// unsafe request without the right CSRF token, and (reason password.change_required) for a
// session that must change its password, except to change it or sign out.
Result<app::Actor> RequestActor(const app::AppContext& app, const HttpRequest& req);
// Set-Cookie values for signing in (token, lifetime) and out. Secure when the request came over
// TLS (X-Forwarded-Proto: https from a trusted reverse proxy, see ServerOptions).
std::string SessionCookie(const HttpRequest& req, const std::string& token, int64_t max_age_s);
std::string TraineeCookie(const HttpRequest& req, const std::string& token, int64_t max_age_s);

}  // namespace anpei::http
