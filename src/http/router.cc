#include "http/router.h"

#include "codec/plan_json.h"

namespace anpei::http {
namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    const std::string seg = path.substr(i, j == std::string::npos ? std::string::npos : j - i);
    if (!seg.empty()) out.push_back(seg);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

bool Match(const std::string& pattern, const std::string& path,
           std::map<std::string, std::string>& params) {
  const auto ps = Segments(pattern), xs = Segments(path);
  if (ps.size() != xs.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      found[ps[i].substr(1, ps[i].size() - 2)] = xs[i];
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

int HttpStatusOf(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kFailedPrecondition:
      return 422;
    case Code::kResourceExhausted:
      return 429;
    case Code::kMethodNotAllowed:
      return 405;
    case Code::kPayloadTooLarge:
      return 413;
    case Code::kHeadersTooLarge:
      return 431;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(const Status& status) {
  return JsonResponse(HttpStatusOf(status.code()), codec::ErrorToJson(status));
}

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

void Router::Add(std::string method, std::string pattern, std::string name, Handler handler,
                 Lane lane) {
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(name), std::move(handler), lane});
}

Lane Router::LaneOf(const std::string& method, const std::string& path) const {
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (r.method == method && Match(r.pattern, path, params)) return r.lane;
  }
  return Lane::kDefault;
}

HttpResponse Router::Dispatch(HttpRequest& req) const {
  std::string allow;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(r.pattern, req.path, params)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      req.params = std::move(params);
      return r.handler(req);
    }
    allow += (allow.empty() ? "" : ", ") + r.method;
  }
  if (!allow.empty()) {
    HttpResponse resp = ErrorResponse(
        Status(Code::kMethodNotAllowed, "该地址不支持 " + req.method + " 方法；支持：" + allow)
            .WithReason("http.method_not_allowed"));
    resp.headers.emplace_back("Allow", allow);
    return resp;
  }
  if (fallback_ && (req.method == "GET" || req.method == "HEAD") &&
      !req.path.starts_with("/api/")) {
    return fallback_(req);
  }
  return ErrorResponse(Status::NotFound("没有这个接口：" + req.method + " " + req.path)
                           .WithReason("http.no_such_route"));
}

}  // namespace anpei::http
