// The HTTP/1.1 server (Boost.Beast over Asio). I/O runs on `io_threads`; every handler runs on a
// separate worker pool so blocking store calls never stall the I/O threads (the routes that hash
// passwords on a small bounded pool of their own). Keep-alive, header and
// body limits, separate timeouts for the header (also the keep-alive idle time) and the body, caps
// on open connections in all and per client address (a refused connection gets a 503/429 and is
// closed; descriptor exhaustion backs off instead of spinning), the client address from
// X-Forwarded-For of configured trusted proxies only, security headers (HSTS when the request came
// over HTTPS through a trusted proxy), JSON errors for malformed requests, a structured access log,
// and a graceful stop on SIGTERM/SIGINT: the listener closes, idle connections close, in-flight
// requests finish (up to `shutdown_grace`). Run() blocks; the Router must outlive the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "http/router.h"

namespace anpei::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (reported through on_listening)
  int io_threads = 1;
  // Handlers mostly wait on the store (a write waits for its batch's commit), so there are many:
  // the more writes wait at once, the more share one commit (adapters/sql/batch_writer.h).
  int worker_threads = 32;
  // Routes that hash passwords (Lane::kPasswords: sign-in, password changes) run on their own
  // pool; beyond password_threads running and password_queue waiting they answer 503 at once.
  // 0 threads: no separate pool (as before issue 9; for the benchmark's comparison only).
  size_t password_threads = 2;
  size_t password_queue = 16;
  size_t body_limit = 8 << 20;
  size_t header_limit = 16 << 10;
  // Time to receive a request's header, counted from the end of the previous response on a
  // keep-alive connection (so it is also the idle timeout), and then its body.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  // Open connections in all (lowered at start to what the descriptor limit allows) and from one
  // client address (trusted proxies exempt).
  size_t max_connections = 1024;
  size_t max_connections_per_address = 64;
  // Reverse proxies (CIDR) whose X-Forwarded-For / X-Forwarded-Proto are believed.
  std::vector<std::string> trusted_proxies;
  // Strict-Transport-Security max-age in seconds on responses to HTTPS requests (seen through a
  // trusted proxy's X-Forwarded-Proto); 0 = never sent.
  int64_t hsts_max_age = 0;
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
  std::function<void(const std::string& host, uint16_t port)> on_listening;
};

// Serves until SIGTERM or SIGINT. Unavailable when the address cannot be bound.
Status Serve(const ServerOptions& options, const Router& router);

}  // namespace anpei::http
