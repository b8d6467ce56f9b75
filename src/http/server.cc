#include "http/server.h"

#include <array>
#include <atomic>
#include <list>
#include <memory>
#include <optional>
#include <thread>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>

#include <sys/resource.h>

#include "base/mutex.h"
#include "http/edge.h"

#include "codec/json_util.h"
#include "codec/plan_json.h"

namespace anpei::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Shared {
  const ServerOptions& options;
  const Router& router;
  asio::thread_pool& workers;
  asio::thread_pool& password_workers;  // the routes of Lane::kPasswords (Argon2id)
  std::shared_ptr<spdlog::logger> log;
  const TrustedProxies& proxies;
  ConnectionLimits& limits;
  std::atomic<size_t> password_pending{0};  // queued or running on password_workers
  std::atomic<bool> stopping{false};
  std::atomic<int> sessions{0};
};

// The textual address of a socket's peer without the port ("" when it is already gone).
std::string PeerIp(const tcp::socket& socket) {
  beast::error_code ec;
  const auto ep = socket.remote_endpoint(ec);
  if (ec) return {};
  auto address = ep.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `peer_ip` has been admitted by the connection limits; the session releases it when it ends.
  Session(tcp::socket socket, Shared& shared, std::string peer_ip)
      : stream_(std::move(socket)), shared_(shared), peer_ip_(std::move(peer_ip)) {
    ++shared_.sessions;
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? peer_ip_ : peer_ip_ + ":" + std::to_string(ep.port());
    remote_ = peer_ip_;
  }
  ~Session() {
    shared_.limits.Release(peer_ip_);
    --shared_.sessions;
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Closes the connection if it is waiting for a request; a busy one closes after its response.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void Read() {
    if (shared_.stopping) return Close();
    parser_.emplace();
    parser_->body_limit(shared_.options.body_limit);
    parser_->header_limit(static_cast<uint32_t>(shared_.options.header_limit));
    // The header within header_timeout (a slow or idle client is dropped), then the body within
    // body_timeout.
    stream_.expires_after(shared_.options.header_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec || parser_->is_done()) return OnRead(ec);
    stream_.expires_after(shared_.options.body_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::bad_descriptor) {
      return Close();
    }
    started_ = Clock::now();
    if (ec == bhttp::error::body_limit) {
      return Reply(ErrorResponse(Status(Code::kPayloadTooLarge,
                                        "请求体过大，上限为 " +
                                            std::to_string(shared_.options.body_limit) + " 字节")
                                     .WithReason("http.body_too_large")),
                   false, "?", "?", 413);
    }
    if (ec == bhttp::error::header_limit) {
      return Reply(
          ErrorResponse(
              Status(Code::kHeadersTooLarge, "请求头过大").WithReason("http.headers_too_large")),
          false, "?", "?", 431);
    }
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return Reply(
            ErrorResponse(Status(Code::kInvalidArgument, "HTTP 请求格式错误：" + ec.message())),
            false, "?", "?", 400);
      }
      return Close();
    }
    busy_ = true;
    auto req = parser_->release();
    // Only "chunked" may frame a request body: any other transfer coding (gzip, identity, a list)
    // leaves the body's length unknown, so what follows could be read as another request
    // (request smuggling). Refuse it and close the connection (RFC 9112 §6.1).
    if (auto te = req.find(bhttp::field::transfer_encoding); te != req.end()) {
      if (Lower(std::string(te->value())) != "chunked") {
        return Reply(
            ErrorResponse(Status(Code::kInvalidArgument,
                                 "不支持的 Transfer-Encoding：只接受 chunked", "Transfer-Encoding")
                              .WithReason("http.bad_transfer_encoding")),
            false, std::string(req.method_string()), "?", 400);
      }
    }
    const bool keep_alive = req.keep_alive();
    auto hreq = std::make_shared<HttpRequest>();
    hreq->method = std::string(req.method_string());
    for (const auto& field : req) {
      hreq->headers[Lower(std::string(field.name_string()))] = std::string(field.value());
    }
    // Only a trusted proxy may tell us who the client is and whether it spoke HTTPS.
    remote_ = shared_.proxies.ClientAddress(peer_ip_, hreq->Header("x-forwarded-for"));
    https_ =
        shared_.proxies.Contains(peer_ip_) && Lower(hreq->Header("x-forwarded-proto")) == "https";
    hreq->remote = remote_;
    hreq->https = https_;
    hreq->body = std::move(req.body());
    const std::string target(req.target());
    auto url = boost::urls::parse_origin_form(target);
    if (!url) {
      return Reply(ErrorResponse(Status(Code::kInvalidArgument, "请求地址无效：" + target)), false,
                   hreq->method, target, 400);
    }
    hreq->path = url->path();
    for (const auto& param : url->params()) hreq->query[param.key] = param.value;

    Dispatch(std::move(hreq), keep_alive);
  }

  // Runs the route's handler on a worker pool and writes the answer back on our strand. Password
  // hashing gets its own small pool with a bounded queue: a flood of sign-ins is refused at once
  // (503, Retry-After) instead of starving everybody else's requests.
  void Dispatch(std::shared_ptr<HttpRequest> hreq, bool keep_alive) {
    const bool passwords = shared_.options.password_threads > 0 &&
                           shared_.router.LaneOf(hreq->method, hreq->path) == Lane::kPasswords;
    if (passwords && shared_.password_pending.fetch_add(1) >=
                         shared_.options.password_threads + shared_.options.password_queue) {
      --shared_.password_pending;
      HttpResponse busy =
          ErrorResponse(Status(Code::kUnavailable, "登录及密码请求过多，服务器正忙，请稍后再试")
                            .WithReason("http.password_lane_full"));
      busy.headers.emplace_back("Retry-After", "1");
      return Reply(busy, keep_alive, hreq->method, hreq->path, busy.status);
    }
    // Handlers may block on the store: never on the I/O thread.
    asio::post(passwords ? shared_.password_workers : shared_.workers, [self = shared_from_this(),
                                                                        hreq, keep_alive,
                                                                        passwords] {
      HttpResponse resp;
      try {
        resp = self->shared_.router.Dispatch(*hreq);
      } catch (const std::exception& e) {
        self->shared_.log->error("handler bug on {} {}: {}", hreq->method, hreq->path, e.what());
        resp = ErrorResponse(Status::Internal("服务器内部错误，已记录"));
      }
      if (passwords) --self->shared_.password_pending;
      asio::post(self->stream_.get_executor(), [self, hreq, resp = std::move(resp), keep_alive] {
        self->Reply(resp, keep_alive, hreq->method, hreq->path, resp.status);
      });
    });
  }

  // The headers every response carries, and the handler's own.
  template <class Response>
  void SetHeaders(Response& res, const HttpResponse& r) {
    res.set(bhttp::field::server, "AnPei");
    res.set(bhttp::field::content_type, r.content_type);
    // Security headers on every response: no sniffing, no framing, no referrer leaks, and a
    // content security policy that allows only the console's own scripts and styles.
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    if (https_ && shared_.options.hsts_max_age > 0) {
      res.set(bhttp::field::strict_transport_security,
              "max-age=" + std::to_string(shared_.options.hsts_max_age) + "; includeSubDomains");
    }
    bool has_cache = false;
    for (const auto& [k, v] : r.headers) {
      res.set(k, v);
      if (Lower(k) == "cache-control") has_cache = true;
    }
    if (!has_cache) res.set(bhttp::field::cache_control, "no-store");
  }

  void Reply(const HttpResponse& r, bool keep_alive, const std::string& method,
             const std::string& path, int status) {
    if (r.next_event && status == 200 && method == "GET") return Stream(r, method, path);
    if (r.read_body) return SendPieces(r, keep_alive, method, path, status);
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(status), 11);
    SetHeaders(*res, r);
    res->body() = method == "HEAD" ? std::string() : r.body;
    res->keep_alive(keep_alive && !shared_.stopping);
    res->prepare_payload();
    if (method == "HEAD") res->content_length(r.body.size());
    const bool keep = res->keep_alive();
    const size_t bytes = r.body.size();
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep, method, path, status, bytes](
                           beast::error_code ec, size_t) {
                         self->busy_ = false;
                         self->LogAccess(method, path, status, bytes);
                         if (ec || !keep) return self->Close();
                         self->Read();
                       });
  }

  // A body read piece by piece (HttpResponse::read_body: a stored video): the headers with its
  // Content-Length, then each piece read on a worker (disk reads never block the I/O thread) and
  // written, one at a time, so at most one piece per connection is in memory.
  struct Pieces {
    std::function<Result<std::string>(int64_t, size_t)> read;
    int64_t length = 0;
    int64_t sent = 0;
    bool keep = false;
    std::string method, path;
    int status = 200;
  };
  static constexpr size_t kPieceBytes = 1 << 20;
  void SendPieces(const HttpResponse& r, bool keep_alive, const std::string& method,
                  const std::string& path, int status) {
    auto res = std::make_shared<bhttp::response<bhttp::empty_body>>(
        static_cast<bhttp::status>(status), 11);
    SetHeaders(*res, r);
    res->keep_alive(keep_alive && !shared_.stopping);
    res->content_length(static_cast<uint64_t>(r.stream_length));
    auto st = std::make_shared<Pieces>();
    st->read = r.read_body;
    st->length = method == "HEAD" ? 0 : r.stream_length;
    st->keep = res->keep_alive();
    st->method = method;
    st->path = path;
    st->status = status;
    auto sr = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*res);
    bhttp::async_write_header(
        stream_, *sr, [self = shared_from_this(), res, sr, st](beast::error_code ec, size_t) {
          if (ec) return self->Close();
          self->NextPiece(st);
        });
  }
  void NextPiece(const std::shared_ptr<Pieces>& st) {
    if (st->sent >= st->length) {
      busy_ = false;
      LogAccess(st->method, st->path, st->status, static_cast<size_t>(st->sent));
      if (!st->keep || shared_.stopping) return Close();
      return Read();
    }
    asio::post(shared_.workers, [self = shared_from_this(), st] {
      const auto want = static_cast<size_t>(
          std::min<int64_t>(static_cast<int64_t>(kPieceBytes), st->length - st->sent));
      Result<std::string> piece = Status::Internal("unread");
      try {
        piece = st->read(st->sent, want);
      } catch (const std::exception& e) {
        self->shared_.log->error("body reader bug on {}: {}", st->path, e.what());
      }
      asio::post(self->stream_.get_executor(), [self, st, piece = std::move(piece)]() mutable {
        if (!piece.ok() || piece->empty()) {
          if (!piece.ok()) {
            self->shared_.log->error("body read failed on {}: {}", st->path,
                                     piece.status().message());
          }
          return self->Close();
        }
        auto buf = std::make_shared<std::string>(std::move(*piece));
        self->stream_.expires_after(std::chrono::seconds(60));
        asio::async_write(self->stream_, asio::buffer(*buf),
                          [self, st, buf](beast::error_code ec, size_t n) {
                            if (ec) return self->Close();
                            st->sent += static_cast<int64_t>(n);
                            self->NextPiece(st);
                          });
      });
    });
  }

  // Server-sent events (HttpResponse::next_event): the headers (no length: the stream ends when
  // the connection closes) and the first events, then what next_event returns, polled on a worker
  // about once a second, until it returns nullopt, a write fails (the client left) or the server
  // stops. No timeout applies while streaming.
  using NextEvent = std::function<std::optional<std::string>()>;
  void Stream(const HttpResponse& r, const std::string& method, const std::string& path) {
    auto res = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::ok, 11);
    SetHeaders(*res, r);
    res->keep_alive(false);
    auto sr = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*res);
    stream_.expires_never();
    auto first = std::make_shared<std::string>(r.body);
    bhttp::async_write_header(stream_, *sr,
                              [self = shared_from_this(), res, sr, first, next = r.next_event,
                               method, path](beast::error_code ec, size_t) {
                                self->LogAccess(method, path, 200, first->size());
                                if (ec) return self->Close();
                                self->StreamWrite(first, next);
                              });
  }
  void StreamWrite(const std::shared_ptr<std::string>& data, const NextEvent& next) {
    if (data->empty()) return StreamWait(next);
    asio::async_write(stream_, asio::buffer(*data),
                      [self = shared_from_this(), data, next](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->StreamWait(next);
                      });
  }
  void StreamWait(const NextEvent& next) {
    if (shared_.stopping) return Close();
    auto timer =
        std::make_shared<asio::steady_timer>(stream_.get_executor(), std::chrono::seconds(1));
    timer->async_wait([self = shared_from_this(), timer, next](beast::error_code ec) {
      if (ec || self->shared_.stopping) return self->Close();
      asio::post(self->shared_.workers, [self, next] {
        std::optional<std::string> out;
        try {
          out = next();
        } catch (const std::exception& e) {
          self->shared_.log->error("event stream bug: {}", e.what());
        }
        asio::post(self->stream_.get_executor(), [self, next, out = std::move(out)] {
          if (!out) return self->Close();
          self->StreamWrite(std::make_shared<std::string>(*out), next);
        });
      });
    });
  }

  void LogAccess(const std::string& method, const std::string& path, int status, size_t bytes) {
    if (!shared_.options.access_log) return;
    const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    // Escaped: a %0A in a path must not forge a log line, nor invalid UTF-8 reach the log.
    shared_.log->info(
        R"({{"remote":"{}","peer":"{}","method":"{}","path":"{}","status":{},"bytes":{},"ms":{:.2f}}})",
        codec::EscapeForLog(remote_), codec::EscapeForLog(peer_), codec::EscapeForLog(method),
        codec::EscapeForLog(path), status, bytes, ms);
  }

  // A lingering close: stop sending, then read and drop what the client is still sending (a body
  // refused with 413, say) for a moment, so that closing with unread data does not reset the
  // connection before the client has read our answer.
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    stream_.expires_after(std::chrono::seconds(2));
    Drain(0);
  }
  void Drain(size_t drained) {
    if (drained > kMaxDrain) return;
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                              if (!ec) self->Drain(drained + n);
                            });
  }
  static constexpr size_t kMaxDrain = 32 << 20;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Shared& shared_;
  const std::string peer_ip_;  // the TCP peer, counted by the connection limits
  std::string peer_;           // peer_ip_:port, for the log
  std::string remote_;         // the client: the peer, or whom a trusted proxy names
  bool https_ = false;         // the client spoke HTTPS to a trusted proxy
  bool busy_ = false;
  std::array<char, 4096> drain_{};
  Clock::time_point started_ = Clock::now();
};

// Answers a connection over the caps with a short JSON error and closes it, without reading the
// request: 503 when the server is full, 429 when the client address has too many connections.
void Refuse(tcp::socket socket, ConnectionLimits::Admission why) {
  const bool full = why == ConnectionLimits::Admission::kServerFull;
  const Status status =
      full ? Status(Code::kUnavailable, "服务器连接数已满，请稍后再试")
                 .WithReason("http.server_full")
           : Status(Code::kResourceExhausted, "来自同一地址的连接过多，请关闭空闲连接后再试")
                 .WithReason("http.too_many_connections");
  const HttpResponse body = ErrorResponse(status);
  auto conn = std::make_shared<std::pair<tcp::socket, std::string>>(
      std::move(socket),
      "HTTP/1.1 " + std::string(full ? "503 Service Unavailable" : "429 Too Many Requests") +
          "\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 5\r\n"
          "Connection: close\r\nContent-Length: " +
          std::to_string(body.body.size()) + "\r\n\r\n" + body.body);
  asio::async_write(conn->first, asio::buffer(conn->second), [conn](beast::error_code, size_t) {
    beast::error_code ec;
    conn->first.shutdown(tcp::socket::shutdown_both, ec);
    conn->first.close(ec);
  });
}

class Listener {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor acceptor, Shared& shared)
      : ioc_(ioc), acceptor_(std::move(acceptor)), shared_(shared), backoff_(ioc) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket s) {
      if (ec) return OnAcceptError(ec);
      std::string ip = PeerIp(s);
      const auto admission = shared_.limits.Admit(ip);
      if (admission != ConnectionLimits::Admission::kAdmitted) {
        Refuse(std::move(s), admission);
        return Accept();
      }
      auto session = std::make_shared<Session>(std::move(s), shared_, std::move(ip));
      {
        MutexLock lock(mu_);
        sessions_.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
        sessions_.push_back(session);
      }
      session->Start();
      Accept();
    });
  }

  void Stop() {
    beast::error_code ec;
    acceptor_.close(ec);
    backoff_.cancel();
    MutexLock lock(mu_);
    for (auto& w : sessions_)
      if (auto s = w.lock()) s->CloseIfIdle();
  }

 private:
  // Out of descriptors (or buffers): the pending connection stays in the kernel's backlog, so
  // retrying at once would spin. Wait a little, log once per episode, and try again.
  void OnAcceptError(beast::error_code ec) {
    if (!acceptor_.is_open()) return;
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
        ec == asio::error::no_memory) {
      if (!starved_.exchange(true)) {
        shared_.log->warn(R"({{"event":"accept_backoff","error":"{}","open":{}}})",
                          codec::EscapeForLog(ec.message()), shared_.limits.open());
      }
      backoff_.expires_after(std::chrono::milliseconds(100));
      backoff_.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec) Accept();
      });
      return;
    }
    starved_ = false;
    Accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
  asio::steady_timer backoff_;
  std::atomic<bool> starved_{false};
  Mutex mu_;
  std::list<std::weak_ptr<Session>> sessions_ GUARDED_BY(mu_);
};

// The descriptors this process may open: the soft limit raised to the hard one. Connections are
// capped below it, leaving room for the store, files and the listener.
size_t ConnectionCap(size_t wanted, const std::shared_ptr<spdlog::logger>& log) {
  constexpr size_t kReserve = 64;
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return wanted;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? 65536 : lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  if (lim.rlim_cur == RLIM_INFINITY) return wanted;
  const size_t room = lim.rlim_cur > 2 * kReserve ? lim.rlim_cur - kReserve : lim.rlim_cur / 2;
  if (room >= wanted) return wanted;
  log->warn(R"({{"event":"connection_cap_lowered","wanted":{},"cap":{},"nofile":{}}})", wanted,
            room, static_cast<uint64_t>(lim.rlim_cur));
  return room;
}

}  // namespace

Status Serve(const ServerOptions& options, const Router& router) {
  asio::io_context ioc(options.io_threads);
  asio::thread_pool workers(static_cast<size_t>(options.worker_threads));
  asio::thread_pool password_workers(std::max<size_t>(1, options.password_threads));
  auto log = spdlog::get("access");
  if (!log) log = spdlog::stdout_logger_mt("access");
  log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
  log->flush_on(spdlog::level::info);
  auto proxies = TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies.ok()) return proxies.status();
  ConnectionLimits limits(ConnectionCap(options.max_connections, log),
                          options.max_connections_per_address, *proxies);
  Shared shared{options, router, workers, password_workers, log, *proxies, limits};

  beast::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) return Status::Invalid("--listen", "无效的监听地址 " + options.host);
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(Code::kUnavailable, "无法监听 " + options.host + ":" +
                                          std::to_string(options.port) + "：" + ec.message());
  }
  const uint16_t port = acceptor.local_endpoint().port();
  Listener listener(ioc, std::move(acceptor), shared);
  listener.Accept();

  auto guard = asio::make_work_guard(ioc);
  asio::steady_timer drain(ioc);
  Clock::time_point give_up;
  std::function<void()> wait_drained = [&] {
    if (shared.sessions == 0 || Clock::now() >= give_up) {
      guard.reset();
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) { wait_drained(); });
  };
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int sig) {
    log->info(R"({{"event":"shutdown","signal":{}}})", sig);
    shared.stopping = true;
    listener.Stop();
    give_up = Clock::now() + options.shutdown_grace;
    wait_drained();
  });

  if (options.on_listening) options.on_listening(options.host, port);
  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
  password_workers.join();
  return Status::Ok();
}

}  // namespace anpei::http
