// The HTTP/1.1 server (Boost.Beast over Asio). I/O runs on `io_threads`; every handler runs on a
// separate worker pool so blocking store calls never stall the I/O threads. Keep-alive, header and
// body limits, read timeouts, JSON errors for malformed requests, a structured access log, and a
// graceful stop on SIGTERM/SIGINT: the listener closes, idle connections close, in-flight requests
// finish (up to `shutdown_grace`). Run() blocks; the Router must outlive the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "http/router.h"

namespace anpei::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (reported through on_listening)
  int io_threads = 1;
  int worker_threads = 4;
  size_t body_limit = 8 << 20;
  size_t header_limit = 16 << 10;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
  std::function<void(const std::string& host, uint16_t port)> on_listening;
};

// Serves until SIGTERM or SIGINT. Unavailable when the address cannot be bound.
Status Serve(const ServerOptions& options, const Router& router);

}  // namespace anpei::http
