// Plain request/response values passed between the Beast server and the route handlers, so that
// handlers compile without Boost.Beast/Asio. Values; no shared state.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace anpei::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> params;   // from the route pattern, e.g. {id}
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool https = false;  // came over TLS: X-Forwarded-Proto "https" from a trusted proxy
  std::string remote;  // the client's IP address: the peer, or whom a trusted proxy names (no port)

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Server-sent events (text/event-stream): when set, the server writes the headers and the body
  // (the first events), then calls `next_event` on a worker thread about once a second and writes
  // what it returns ("" writes nothing this time); nullopt ends the stream. Not kept alive.
  std::function<std::optional<std::string>()> next_event;
  // A large body (a stored video) read piece by piece instead of `body`: when set, the response
  // carries Content-Length `stream_length` and the server calls `read_body(offset, max)` on a
  // worker thread for the next piece until it has written them all (an error or an empty piece
  // before that closes the connection). Never the whole body in memory.
  int64_t stream_length = 0;
  std::function<Result<std::string>(int64_t offset, size_t max)> read_body;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// The HTTP status of a Code (1:1, see base/status.h).
int HttpStatusOf(Code code);
// A JSON error response {"error":{"code","message","field"}} with the code's HTTP status.
HttpResponse ErrorResponse(const Status& status);
HttpResponse JsonResponse(int status, std::string body);

}  // namespace anpei::http
