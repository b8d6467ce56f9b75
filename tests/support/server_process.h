// Starts the real `anpei serve` on a free loopback port (--listen 127.0.0.1:0), reads the port
// from its start-up line, and offers a minimal HTTP/1.1 client (one request per connection) to
// talk to it. Test support only (the anpei_test_support library), POSIX.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

namespace anpei::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class ServerProcess {
 public:
  // `open_files` > 0 sets the server's descriptor limit (soft and hard) before it starts.
  explicit ServerProcess(std::vector<std::string> extra_args = {}, int open_files = 0);

  ~ServerProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool started() const { return port_ > 0; }

  // Sends a signal and waits; returns the exit code (or 128 + signal).
  int Kill(int sig);

  // Signs in through POST /api/v1/session; the headers to send as that user afterwards (the
  // session cookie and the CSRF token). Empty on failure.
  std::map<std::string, std::string> SignIn(const std::string& username,
                                            const std::string& password) const;

  // Writes `raw` to a fresh connection and parses the response (Connection: close). With a
  // `source_ip` (another loopback address, such as 127.0.0.2) the connection comes from there.
  HttpResult Raw(const std::string& raw, const std::string& source_ip = "") const;

  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& body = {},
                     const std::string& content_type = "application/json") const;

  // With extra request headers (Cookie, X-CSRF-Token, Authorization ...).
  HttpResult Request(const std::string& method, const std::string& path, const std::string& body,
                     const std::map<std::string, std::string>& headers,
                     const std::string& content_type = "application/json") const;

  // The same, from the client address `source_ip` (127.0.0.0/8 on Linux).
  HttpResult RequestFrom(const std::string& source_ip, const std::string& method,
                         const std::string& path, const std::string& body,
                         const std::map<std::string, std::string>& headers = {}) const;

 private:
  HttpResult RequestFrom(const std::string& source_ip, const std::string& method,
                         const std::string& path, const std::string& body,
                         const std::map<std::string, std::string>& headers,
                         const std::string& content_type) const;

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  bool stopped_ = false;
  std::thread drain_;
};

}  // namespace anpei::testing
