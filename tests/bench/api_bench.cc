// make bench: request latencies of the real server on SQLite and on PostgreSQL, measured from a
// client on the same machine. Reports the median and the 90th percentile of each operation over
// many requests, and the PostgreSQL/SQLite ratio of the medians. Not a test: numbers on a shared
// 2-core machine vary; compare medians and ratios, not single runs.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "domain/identity.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct Stats {
  double median_ms = 0, p90_ms = 0;
  size_t n = 0;
};

bool g_failed = false;  // a request failed: the numbers are void (the server is still stopped)

Stats Measure(size_t n, const std::function<int(size_t)>& op) {
  std::vector<double> ms;
  for (size_t i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    const int status = op(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (status >= 300) {
      std::fprintf(stderr, "bench: unexpected status %d\n", status);
      g_failed = true;
      return {};
    }
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 9 / 10], n};
}

std::string Id(size_t n) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "35050319%02zu%02zu%02zu%03zu", 60 + n / 100000 % 40,
                1 + n / 10000 % 12, 1 + n / 1000 % 10, n % 1000);
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

std::map<std::string, Stats> Run(const std::string& backend) {
  testing::TestDatabase db(backend);
  std::map<std::string, Stats> out;
  if (db.skipped() || !db.error().empty()) {
    std::fprintf(stderr, "bench: %s unavailable %s\n", backend.c_str(), db.error().c_str());
    return out;
  }
  const std::string demo = std::string(ANPEI_BINARY) + " demo --db '" + db.url() + "' --key-file " +
                           db.key_file() + " >/dev/null";
  if (std::system(demo.c_str()) != 0) std::exit(1);
  testing::ServerProcess server({"--db", db.url(), "--key-file", db.key_file()});
  if (!server.started()) {
    g_failed = true;
    return out;
  }
  // The demo's city administrator sees everything; plan checks need no sign-in.
  const auto admin = server.SignIn("admin", "Anpei@2026demo");
  if (admin.empty()) {
    std::fprintf(stderr, "bench: cannot sign in as the demo admin\n");
    g_failed = true;
    return out;
  }
  const std::string plan =
      R"({"occupation":"security_guard","declared_at":"2021-09-28T10:00:00+08:00",
    "teachers":[{"id":"t1","name":"陈"}],"sessions":[
    {"date":"2021-10-11","start":"08:30","end":"11:30","hours":4,"kind":"theory","delivery":"offline","teacher":"t1"},
    {"date":"2021-10-12","start":"08:30","end":"11:30","hours":4,"kind":"theory","delivery":"online"},
    {"date":"2021-10-13","start":"08:30","end":"11:30","hours":4,"kind":"theory","delivery":"offline","teacher":"t1"},
    {"date":"2021-10-14","start":"08:30","end":"11:30","hours":4,"kind":"practical","delivery":"offline","teacher":"t1"},
    {"date":"2021-10-15","start":"08:30","end":"11:30","hours":4,"kind":"practical","delivery":"offline","teacher":"t1"}]})";
  out["plan check (POST /plan-checks)"] = Measure(
      300, [&](size_t) { return server.Request("POST", "/api/v1/plan-checks", plan).status; });
  out["list classes (GET /classes)"] = Measure(300, [&](size_t) {
    return server.Request("GET", "/api/v1/classes?page_size=20", "", admin).status;
  });
  out["class detail, 24 trainees (GET /classes/1)"] = Measure(
      300, [&](size_t) { return server.Request("GET", "/api/v1/classes/1", "", admin).status; });
  out["list trainees, decrypting 100 (GET /trainees)"] = Measure(200, [&](size_t) {
    return server.Request("GET", "/api/v1/trainees?page_size=100", "", admin).status;
  });
  out["register trainee + audit (POST /trainees)"] = Measure(300, [&](size_t i) {
    return server
        .Request("POST", "/api/v1/trainees",
                 R"({"name":"压测","id_number":")" + Id(i + 1) +
                     R"(","phone":"13800001234","group":"security_staff"})",
                 admin)
        .status;
  });
  return out;
}

}  // namespace
}  // namespace anpei

int main() {
  const auto sqlite = anpei::Run("sqlite");
  const auto pg = anpei::Run("postgresql");
  std::printf("%-48s %22s %22s %8s\n", "operation (n requests, one at a time)",
              "SQLite median/p90 ms", "PostgreSQL median/p90", "PG/SQL");
  for (const auto& [name, s] : sqlite) {
    auto it = pg.find(name);
    char pg_col[64] = "-", ratio[16] = "-";
    if (it != pg.end()) {
      std::snprintf(pg_col, sizeof pg_col, "%.2f / %.2f", it->second.median_ms, it->second.p90_ms);
      std::snprintf(ratio, sizeof ratio, "%.2f", it->second.median_ms / s.median_ms);
    }
    char sq_col[64];
    std::snprintf(sq_col, sizeof sq_col, "%.2f / %.2f", s.median_ms, s.p90_ms);
    std::printf("%-48s %22s %22s %8s   (n=%zu)\n", name.c_str(), sq_col, pg_col, ratio, s.n);
  }
  return anpei::g_failed ? 1 : 0;
}
