// Route table: method + path pattern ("/api/v1/classes/{id}") -> handler. Built once before the
// server starts, then read-only (safe to share between threads). The table is also the list the
// authorisation matrix test walks, so every endpoint is registered here and nowhere else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace anpei::http {

// Where the server runs a route's handler: the shared worker pool, or the small bounded pool of
// routes that hash or verify passwords (Argon2id), so a flood of sign-ins cannot starve the rest.
enum class Lane { kDefault, kPasswords };

struct Route {
  std::string method;
  std::string pattern;
  std::string name;  // operation id, as in docs/openapi.yaml
  Handler handler;
  Lane lane = Lane::kDefault;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, std::string name, Handler handler,
           Lane lane = Lane::kDefault);

  // The lane of the route that `method` and `path` reach (kDefault when none does).
  Lane LaneOf(const std::string& method, const std::string& path) const;

  // Finds the handler and fills req.params; 404 when no pattern matches the path, 405 (with an
  // Allow header) when the path exists for other methods.
  HttpResponse Dispatch(HttpRequest& req) const;

  // Answers GET/HEAD requests outside /api/ that no route matches (the web console's files).
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace anpei::http

// In a handler: `ANPEI_ASSIGN_OR_REPLY(auto x, F());` answers the error response of a failed
// Result, else declares x from its value; `ANPEI_REPLY_IF_ERROR(st);` answers a failed Status.
#define ANPEI_ASSIGN_OR_REPLY(lhs, ...) \
  ANPEI_ASSIGN_OR_REPLY_IMPL_(ANPEI_CONCAT_(anpei_reply_, __COUNTER__), lhs, __VA_ARGS__)
#define ANPEI_ASSIGN_OR_REPLY_IMPL_(tmp, lhs, ...)                             \
  auto tmp = (__VA_ARGS__);                                                    \
  if (!tmp.ok()) return ::anpei::http::ErrorResponse(std::move(tmp).status()); \
  lhs = std::move(tmp).value()
#define ANPEI_REPLY_IF_ERROR(...)                                                            \
  do {                                                                                       \
    ::anpei::Status anpei_reply_status_ = ::anpei::StatusOf((__VA_ARGS__));                  \
    if (!anpei_reply_status_.ok()) return ::anpei::http::ErrorResponse(anpei_reply_status_); \
  } while (false)
