// make bench (issue 13, deliver 8: the morning peak). Writes per second through the real HTTP API
// under many concurrent clients, on SQLite and on PostgreSQL, beside the references measured in
// the same run:
//   - AnPei: the real server (`anpei serve`, demo data) driven by wrk on loopback at 64 and 256
//     keep-alive connections, ANPEI_PEAK_SECONDS (default 10) each: check-ins
//     (POST /api/v1/check-ins) when the server has them, registering a sealed, audited trainee
//     (POST /api/v1/trainees as police_admin; the issue's comparable write), and an audited
//     full-data read (GET /api/v1/trainees/{id}: every look is an audit event). Rate, p50 and
//     p99 from wrk --latency; every answer must be 2xx (wrk's non-2xx count is printed).
//   - raw inserts of the same row shape (an attendance record) through the project's own SQL
//     connection (prepared statement), one row per commit and 100 rows per commit, same store;
//   - the Node.js peer (tests/bench/node_peer: node:http + better-sqlite3, WAL +
//     synchronous=FULL, one INSERT per check-in), driven by the same wrk at the same connections.
// Requests are prepared beforehand (unique ID numbers, idempotency keys) into a file that
// tests/bench/peak.lua replays. ANPEI_BENCH_BACKENDS=sqlite|postgresql runs one store. Not a
// test: no timing is asserted; the figures go to docs/performance.md.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sql/migrations.h"
#include "domain/identity.h"
#include "support/accounts.h"
#include "support/check_in_scene.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using Headers = std::map<std::string, std::string>;
constexpr const char* kPassword = "Anpei@2026demo";  // the demo's accounts
constexpr int kWrkThreads = 2;
const std::vector<int> kConnections = {64, 256};

int Seconds() {
  const char* s = std::getenv("ANPEI_PEAK_SECONDS");
  return s ? std::max(1, std::atoi(s)) : 10;
}

bool Wanted(const std::string& backend) {
  const char* only = std::getenv("ANPEI_BENCH_BACKENDS");
  return !only || std::string(only).find(backend) != std::string::npos;
}

struct WrkResult {
  double rate = 0, p50_ms = 0, p99_ms = 0;
  long long requests = 0, non2xx = 0, errors = 0;
  bool ok = false;
};

double ToMs(double v, const std::string& unit) {
  if (unit == "us") return v / 1000;
  if (unit == "s") return v * 1000;
  if (unit == "m") return v * 60000;
  return v;  // ms
}

WrkResult Parse(const std::string& out) {
  WrkResult r;
  std::smatch m;
  static const std::regex p50(R"(\n\s+50%\s+([0-9.]+)(us|ms|s|m))"),
      p99(R"(\n\s+99%\s+([0-9.]+)(us|ms|s|m))"), rate(R"(Requests/sec:\s+([0-9.]+))"),
      total(R"(\n\s+([0-9]+) requests in)"), non2xx(R"(Non-2xx or 3xx responses:\s+([0-9]+))"),
      errors(R"(Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+))");
  if (std::regex_search(out, m, p50)) r.p50_ms = ToMs(std::stod(m[1]), m[2]);
  if (std::regex_search(out, m, p99)) r.p99_ms = ToMs(std::stod(m[1]), m[2]);
  if (std::regex_search(out, m, total)) r.requests = std::stoll(m[1]);
  if (std::regex_search(out, m, non2xx)) r.non2xx = std::stoll(m[1]);
  if (std::regex_search(out, m, errors)) {
    r.errors = std::stoll(m[1]) + std::stoll(m[2]) + std::stoll(m[3]) + std::stoll(m[4]);
  }
  if (std::regex_search(out, m, rate)) {
    r.rate = std::stod(m[1]);
    r.ok = true;
  }
  return r;
}

// Runs wrk against 127.0.0.1:port replaying `file` (see peak.lua); `once`: each line once.
WrkResult Wrk(int port, int connections, const std::string& file, bool once = false) {
  const std::vector<std::string> args = {"-t" + std::to_string(kWrkThreads),
                                         "-c" + std::to_string(connections),
                                         "-d" + std::to_string(once ? 120 : Seconds()) + "s",
                                         "--timeout",
                                         "10s",
                                         "--latency",
                                         "-s",
                                         ANPEI_PEAK_LUA,
                                         "http://127.0.0.1:" + std::to_string(port),
                                         "--",
                                         file,
                                         std::to_string(kWrkThreads),
                                         once ? "once" : "loop"};
  testing::ProcessResult p;
  if (!once) {
    p = testing::RunProcess("/usr/bin/wrk", args, {}, std::chrono::seconds(Seconds() + 60));
  } else {
    // wrk waits out -d even when every thread has stopped: interrupt it (SIGINT makes it report
    // what it did so far, with the real duration) once each thread has left its done file.
    const std::string out_file = file + ".out";
    const pid_t pid = fork();
    if (pid == 0) {
      std::freopen(out_file.c_str(), "w", stdout);
      std::vector<char*> argv = {const_cast<char*>("wrk")};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv("/usr/bin/wrk", argv.data());
      _exit(127);
    }
    const auto t0 = Clock::now();
    auto done = [&] {
      for (int t = 0; t < kWrkThreads; ++t) {
        if (access((file + ".done" + std::to_string(t)).c_str(), F_OK) != 0) return false;
      }
      return true;
    };
    while (!done() && Clock::now() - t0 < std::chrono::seconds(110)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    p.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out_file);
    p.out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::remove(out_file.c_str());
    for (int t = 0; t < kWrkThreads; ++t) std::remove((file + ".done" + std::to_string(t)).c_str());
  }
  WrkResult r = Parse(p.out);
  if (!r.ok || p.exit_code != 0) {
    std::fprintf(stderr, "bench: wrk failed (%d): %s %s\n", p.exit_code, p.out.c_str(),
                 p.err.c_str());
    r.ok = false;
  }
  return r;
}

std::string Tmp(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/anpei-peak-" + std::to_string(getpid()) + "-" +
         name;
}

// Distinct valid resident ID numbers of a county the demo does not use (德化县 350526).
std::string TraineeId(int64_t n) {
  const int64_t day = n / 1000;
  char first17[32];
  std::snprintf(first17, sizeof first17, "350526%04d%02d%02d%03d",
                static_cast<int>(1970 + day / 336), static_cast<int>(day / 28 % 12 + 1),
                static_cast<int>(day % 28 + 1), static_cast<int>(n % 1000));
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

std::string Line(const std::string& method, const std::string& path, const Headers& as,
                 const std::string& body) {
  auto get = [&](const std::string& k) {
    auto it = as.find(k);
    return it == as.end() || it->second.empty() ? std::string("-") : it->second;
  };
  return method + "\t" + path + "\t" + get("Cookie") + "\t" + get("X-CSRF-Token") + "\t" +
         (body.empty() ? "-" : body) + "\n";
}

// Enough lines that no wrk thread comes round to its first again within a run.
size_t Lines() { return static_cast<size_t>(Seconds()) * 30000; }

std::string RegistrationFile(const Headers& as, int64_t base) {
  const std::string file = Tmp("register-" + std::to_string(base));
  std::ofstream out(file);
  for (size_t i = 0; i < Lines(); ++i) {
    const int64_t n = base + static_cast<int64_t>(i);
    out << Line("POST", "/api/v1/trainees", as,
                R"({"name":"压测学员","id_number":")" + TraineeId(n) +
                    R"(","phone":"13800001234","group":"security_staff"})");
  }
  return file;
}

std::string ReadFile(const Headers& as, const std::vector<int64_t>& ids) {
  const std::string file = Tmp("read");
  std::ofstream out(file);
  for (size_t i = 0; i < ids.size() * 4; ++i) {
    out << Line("GET", "/api/v1/trainees/" + std::to_string(ids[i % ids.size()]), as, "");
  }
  return file;
}

// A check-in body of the shape POST /api/v1/check-ins takes (the Node peer reads person_id).
std::string CheckInBody(int64_t person, const std::string& token, const std::string& key) {
  return R"({"token":")" + token + R"(","direction":"in","idempotency_key":")" + key +
         R"(","lat":24.8741,"lng":118.6757,"accuracy_m":20,"device_id":"bench-device-)" +
         std::to_string(person) + R"(","person_id":)" + std::to_string(person) + "}";
}

std::string PeerFile(int64_t base) {
  const std::string file = Tmp("peer-" + std::to_string(base));
  std::ofstream out(file);
  for (size_t i = 0; i < Lines(); ++i) {
    const int64_t n = base + static_cast<int64_t>(i);
    out << Line("POST", "/api/v1/check-ins", {},
                CheckInBody(n, "v1.1.1.4242.bWFjbWFjbWFjbWFj", "key-" + std::to_string(n)));
  }
  return file;
}

// ---- raw inserts -------------------------------------------------------------------------------

constexpr std::string_view kRawTable =
    "CREATE TABLE bench_attendance (id {{id}}, class_id BIGINT NOT NULL, "
    "session_seq INTEGER NOT NULL, person_id BIGINT NOT NULL, direction TEXT NOT NULL, at BIGINT "
    "NOT NULL, source TEXT NOT NULL, idempotency_key TEXT, device_id TEXT, client_addr TEXT, "
    "user_agent TEXT, lat DOUBLE PRECISION, lng DOUBLE PRECISION, accuracy_m DOUBLE PRECISION, "
    "distance_m DOUBLE PRECISION, selfie_id BIGINT, created_at TEXT NOT NULL, "
    "UNIQUE (person_id, idempotency_key), UNIQUE (class_id, session_seq, person_id, direction))";
constexpr std::string_view kRawInsert =
    "INSERT INTO bench_attendance (class_id, session_seq, person_id, direction, at, source, "
    "idempotency_key, device_id, client_addr, user_agent, lat, lng, accuracy_m, distance_m, "
    "selfie_id, created_at) VALUES (?, ?, ?, 'in', ?, 'phone', ?, ?, '127.0.0.1', 'wrk', "
    "'24.8741', '118.6757', '20', '35.5', NULL, '2026-11-30T08:00:00+08:00')";

// Rows per second inserting `per_commit` rows per transaction for about 3 s.
double RawRate(ports::SqlConnection& c, int per_commit, int64_t& next) {
  const auto t0 = Clock::now();
  int64_t rows = 0;
  double elapsed = 0;
  while (elapsed < 3.0 || rows < 200) {
    if (!c.Execute("BEGIN", {}).ok()) return 0;
    for (int i = 0; i < per_commit; ++i, ++next, ++rows) {
      const std::string n = std::to_string(next);
      auto r = c.Execute(kRawInsert, {"1", "1", n, "1764460800", "key-" + n, "dev-" + n});
      if (!r.ok()) {
        std::fprintf(stderr, "bench: raw insert: %s\n", r.status().ToString().c_str());
        return 0;
      }
    }
    if (!c.Execute("COMMIT", {}).ok()) return 0;
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  return static_cast<double>(rows) / elapsed;
}

struct Raw {
  double one = 0, hundred = 0;
};

Raw RawRates(const std::string& backend) {
  testing::TestDatabase db(backend);
  if (db.skipped() || !db.error().empty()) return {};
  auto conn = adapters::OpenDatabase(db.url());
  if (!conn.ok()) return {};
  std::string table(kRawTable);
  table.replace(table.find("{{id}}"), 6,
                (*conn)->Dialect() == ports::SqlDialect::kSqlite
                    ? "INTEGER PRIMARY KEY"
                    : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
  if (!(*conn)->ExecuteScript(table).ok()) return {};
  int64_t next = 1;
  Raw r;
  r.one = RawRate(**conn, 1, next);
  r.hundred = RawRate(**conn, 100, next);
  return r;
}

// ---- the Node peer -----------------------------------------------------------------------------

struct Peer {
  pid_t pid = -1;
  int port = 0;
};

Peer StartPeer(const std::string& db_file) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  Peer p;
  p.pid = fork();
  if (p.pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    const std::string script = std::string(ANPEI_NODE_PEER_DIR) + "/peer.mjs";
    execlp("node", "node", script.c_str(), db_file.c_str(), "0", nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while (out.find('\n') == std::string::npos && (n = read(fds[0], buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (out.rfind("listening ", 0) == 0) p.port = std::atoi(out.c_str() + 10);
  return p;
}

void StopPeer(const Peer& p) {
  if (p.pid <= 0) return;
  kill(p.pid, SIGTERM);
  int status = 0;
  waitpid(p.pid, &status, 0);
}

// ---- AnPei -------------------------------------------------------------------------------------

struct Row {
  std::string store, what;
  int connections = 0;
  WrkResult r;
};

std::vector<Row> g_rows;
bool g_failed = false;

void Record(const std::string& store, const std::string& what, int c, const WrkResult& r) {
  if (!r.ok) g_failed = true;
  g_rows.push_back({store, what, c, r});
  std::fprintf(stderr,
               "bench: %-10s %-26s c=%-3d %9.0f /s  p50 %7.2f ms  p99 %8.2f ms  non-2xx %lld\n",
               store.c_str(), what.c_str(), c, r.rate, r.p50_ms, r.p99_ms, r.non2xx);
}

std::vector<int64_t> TraineeIds(const testing::ServerProcess& server, const Headers& as) {
  std::vector<int64_t> ids;
  auto r = server.Request("GET", "/api/v1/trainees?page_size=100", "", as);
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return ids;
  for (const auto& t : v.at("items").as_array()) ids.push_back(t.at("id").to_number<int64_t>());
  return ids;
}

void MeasureAnpei(const std::string& backend) {
  testing::TestDatabase db(backend);
  if (db.skipped() || !db.error().empty()) {
    std::fprintf(stderr, "bench: %s unavailable %s\n", backend.c_str(), db.error().c_str());
    g_failed = true;
    return;
  }
  const char* other = std::getenv("ANPEI_SERVER_BINARY");  // another build, for before/after
  const std::string demo = std::string(other && *other ? other : ANPEI_BINARY) + " demo --db '" +
                           db.url() + "' --key-file " + db.key_file() + " >/dev/null";
  if (std::system(demo.c_str()) != 0) std::exit(1);
  // wrk connects from one address: lift the per-address cap (clients of a real peak come from
  // many addresses, each well under it).
  testing::ServerProcess server(
      {"--db", db.url(), "--key-file", db.key_file(), "--max-connections-per-address", "2048"});
  const Headers admin = server.SignIn("admin", kPassword);
  if (!server.started() || admin.empty()) {
    std::fprintf(stderr, "bench: %s: server did not start\n", backend.c_str());
    g_failed = true;
    return;
  }
  int64_t base = 0;
  for (int c : kConnections) {
    const std::string file = RegistrationFile(admin, base);
    base += 1000000;
    Record(backend, "register trainee (POST)", c, Wrk(server.port(), c, file));
    std::remove(file.c_str());
  }
  const auto ids = TraineeIds(server, admin);
  if (ids.empty()) {
    g_failed = true;
    return;
  }
  const std::string reads = ReadFile(admin, ids);
  for (int c : kConnections)
    Record(backend, "audited read (GET trainee)", c, Wrk(server.port(), c, reads));
  std::remove(reads.c_str());
}

// Check-ins per run (each trainee checks in once per session: a run is a fixed number of them).
int CheckInsPerRun() {
  const char* s = std::getenv("ANPEI_PEAK_CHECKINS");
  return s ? std::max(1000, std::atoi(s) / 1000 * 1000) : 5000;
}

// POST /api/v1/check-ins: a scene of approved classes whose trainees identified on their phones
// (built through the API at the scene's time), then the server restarted with its clock fixed at
// the peak (the QR token stays valid), and wrk sending each trainee's check-in once.
void MeasureCheckIns(const std::string& backend) {
  testing::TestDatabase db(backend);
  if (db.skipped() || !db.error().empty()) return;
  if (testing::AddUser(db, "admin", "police_admin").exit_code != 0) {
    g_failed = true;
    return;
  }
  const int per_run = CheckInsPerRun();
  std::string data_error;
  const std::string data_dir = testing::NoSelfieDataDir(ANPEI_SOURCE_DIR, data_error);
  if (data_dir.empty()) {
    std::fprintf(stderr, "bench: %s\n", data_error.c_str());
    g_failed = true;
    return;
  }
  setenv("ANPEI_DATA_DIR", data_dir.c_str(), 1);  // the servers below check in without selfies
  testing::CheckInScene scene;
  {
    testing::TestClock clock(testing::kSceneBuiltAt);
    std::vector<std::string> args = {"--db", db.url(), "--key-file", db.key_file()};
    for (const auto& a : clock.Args()) args.push_back(a);
    testing::ServerProcess setup(args);
    const Headers admin = setup.SignIn("admin", testing::kTestPassword);
    std::string error;
    const auto t0 = Clock::now();
    scene = testing::BuildCheckInScene(
        setup, clock, admin, per_run * static_cast<int>(kConnections.size()) / 1000, 1000, error);
    std::fprintf(stderr, "bench: %s check-in scene (%zu phones) built in %.0f s %s\n",
                 backend.c_str(), scene.phones.size(),
                 std::chrono::duration<double>(Clock::now() - t0).count(), error.c_str());
    if (!error.empty()) {
      g_failed = true;
      return;
    }
    setup.Kill(SIGTERM);
  }
  testing::ServerProcess server({"--db", db.url(), "--key-file", db.key_file(), "--fixed-clock",
                                 testing::kScenePeakAt, "--max-connections-per-address", "2048"});
  size_t next = 0;
  for (int c : kConnections) {
    const std::string file = Tmp("checkin-" + std::to_string(c));
    {
      std::ofstream out(file);
      for (int i = 0; i < per_run && next < scene.phones.size(); ++i, ++next) {
        const auto& p = scene.phones[next];
        out << Line("POST", "/api/v1/check-ins", {{"Cookie", p.cookie}, {"X-CSRF-Token", p.csrf}},
                    testing::CheckInBody(scene, p, "in", "peak-in-" + std::to_string(next)));
      }
    }
    Record(backend, "check-in (POST)", c, Wrk(server.port(), c, file, true));
    std::remove(file.c_str());
  }
}

void MeasurePeer() {
  const std::string file = Tmp("peer.db");
  Peer peer = StartPeer(file);
  if (peer.port == 0) {
    std::fprintf(stderr,
                 "bench: the Node peer did not start (cd tests/bench/node_peer && npm ci)\n");
    g_failed = true;
    StopPeer(peer);
    return;
  }
  int64_t base = 1;
  for (int c : kConnections) {
    const std::string lines = PeerFile(base);
    base += 1000000;
    Record("node peer", "check-in (node:http+bsq3)", c, Wrk(peer.port, c, lines));
    std::remove(lines.c_str());
  }
  StopPeer(peer);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((file + suffix).c_str());
}

}  // namespace
}  // namespace anpei

int main() {
  using namespace anpei;
  std::map<std::string, Raw> raw;
  for (const std::string backend : {"sqlite", "postgresql"}) {
    if (!Wanted(backend)) continue;
    raw[backend] = RawRates(backend);
    std::fprintf(stderr,
                 "bench: %s raw inserts: 1 row/commit %.0f rows/s, 100 rows/commit %.0f rows/s\n",
                 backend.c_str(), raw[backend].one, raw[backend].hundred);
    MeasureCheckIns(backend);
    MeasureAnpei(backend);
  }
  if (Wanted("sqlite")) MeasurePeer();

  const double peer256 = [&] {
    for (const auto& r : g_rows)
      if (r.store == "node peer" && r.connections == 256) return r.r.rate;
    return 0.0;
  }();
  std::printf("\nThe morning peak (issue 13): %d s per run, wrk -t%d on loopback\n", Seconds(),
              kWrkThreads);
  std::printf(
      "| store | requests | clients | per s | p50 ms | p99 ms | non-2xx | vs raw 100/commit | vs "
      "Node peer (same clients) |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& row : g_rows) {
    double peer = 0;
    for (const auto& r : g_rows)
      if (r.store == "node peer" && r.connections == row.connections) peer = r.r.rate;
    const double hundred = raw.count(row.store) ? raw[row.store].hundred : 0;
    std::printf(
        "| %s | %s | %d | %.0f | %.2f | %.2f | %lld | %s | %s |\n", row.store.c_str(),
        row.what.c_str(), row.connections, row.r.rate, row.r.p50_ms, row.r.p99_ms, row.r.non2xx,
        hundred > 0 ? (std::to_string(static_cast<int>(100 * row.r.rate / hundred)) + " %").c_str()
                    : "",
        peer > 0 && row.store != "node peer"
            ? (std::to_string(row.r.rate / peer).substr(0, 4) + "×").c_str()
            : "");
  }
  for (const auto& [store, r] : raw) {
    std::printf("| %s | raw INSERT, 1 row/commit | 1 | %.0f | | | | | |\n", store.c_str(), r.one);
    std::printf("| %s | raw INSERT, 100 rows/commit | 1 | %.0f | | | | | |\n", store.c_str(),
                r.hundred);
  }
  (void)peer256;
  return g_failed ? 1 : 0;
}
