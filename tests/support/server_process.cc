#include "support/server_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

namespace anpei::testing {

ServerProcess::ServerProcess(std::vector<std::string> extra_args, int open_files) {
  int out[2];
  if (pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    if (open_files > 0) {
      const rlimit lim{static_cast<rlim_t>(open_files), static_cast<rlim_t>(open_files)};
      setrlimit(RLIMIT_NOFILE, &lim);
    }
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    // ANPEI_SERVER_BINARY: another build of the server (make bench compares before/after).
    const char* other = std::getenv("ANPEI_SERVER_BINARY");
    const std::string binary = other && *other ? other : ANPEI_BINARY;
    std::vector<std::string> args = {binary, "serve", "--listen", "127.0.0.1:0"};
    if (std::find(extra_args.begin(), extra_args.end(), "--db") == extra_args.end()) {
      args.push_back("--db");
      args.push_back("sqlite:" + ::testing::TempDir() + "/anpei-api-" + std::to_string(getpid()) +
                     ".db");
    }
    // Uploads (the blob store) in the test's temporary directory, never beside the build.
    if (std::find(extra_args.begin(), extra_args.end(), "--blob-dir") == extra_args.end()) {
      args.push_back("--blob-dir");
      args.push_back(::testing::TempDir() + "/anpei-blobs-" + std::to_string(getpid()));
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  out_fd_ = out[0];
  std::string seen;
  const std::regex listening(R"(http://127\.0\.0\.1:(\d+)/)");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  char buf[4096];
  while (std::chrono::steady_clock::now() < until) {
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
    std::smatch m;
    if (std::regex_search(seen, m, listening)) {
      port_ = std::stoi(m[1]);
      break;
    }
  }
  // Keep draining stdout (the access log) so the server never blocks on a full pipe.
  drain_ = std::thread([fd = out_fd_] {
    char b[4096];
    while (read(fd, b, sizeof b) > 0) {
    }
  });
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !stopped_) Kill(SIGKILL);
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) close(out_fd_);
}

int ServerProcess::Kill(int sig) {
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  stopped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::map<std::string, std::string> ServerProcess::SignIn(const std::string& username,
                                                         const std::string& password) const {
  auto r = Request("POST", "/api/v1/session",
                   "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  if (r.status != 200) return {};
  const std::string cookie = r.headers["set-cookie"];
  const std::regex csrf_re("\"csrf_token\":\"([^\"]+)\"");
  std::smatch m;
  if (!std::regex_search(r.body, m, csrf_re)) return {};
  return {{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", m[1]}};
}

HttpResult ServerProcess::Raw(const std::string& raw, const std::string& source_ip) const {
  HttpResult r;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (!source_ip.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source_ip.c_str(), &from.sin_addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      close(fd);
      return r;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return r;
  }
  timeval tv{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < raw.size()) {
    const ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string in;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) in.append(buf, static_cast<size_t>(n));
  close(fd);
  const size_t head_end = in.find("\r\n\r\n");
  if (head_end == std::string::npos || in.size() < 12) return r;
  r.status = std::stoi(in.substr(9, 3));
  size_t pos = in.find("\r\n") + 2;
  while (pos < head_end) {
    const size_t eol = in.find("\r\n", pos);
    const std::string line = in.substr(pos, eol - pos);
    const size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers[name] = value;
    pos = eol + 2;
  }
  r.body = in.substr(head_end + 4);
  return r;
}

HttpResult ServerProcess::Request(const std::string& method, const std::string& path,
                                  const std::string& body, const std::string& content_type) const {
  return Request(method, path, body, std::map<std::string, std::string>{}, content_type);
}

HttpResult ServerProcess::Request(const std::string& method, const std::string& path,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers,
                                  const std::string& content_type) const {
  return RequestFrom("", method, path, body, headers, content_type);
}

HttpResult ServerProcess::RequestFrom(const std::string& source_ip, const std::string& method,
                                      const std::string& path, const std::string& body,
                                      const std::map<std::string, std::string>& headers) const {
  return RequestFrom(source_ip, method, path, body, headers, "application/json");
}

HttpResult ServerProcess::RequestFrom(const std::string& source_ip, const std::string& method,
                                      const std::string& path, const std::string& body,
                                      const std::map<std::string, std::string>& headers,
                                      const std::string& content_type) const {
  std::string raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    raw += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
  }
  return Raw(raw + "\r\n" + body, source_ip);
}

}  // namespace anpei::testing
