// make bench: do lists and lookups stay fast as the store grows? On SQLite and on PostgreSQL, the
// real server starts on the demo data, the store is grown THROUGH THE API to ~1 000 trainees /
// 100 classes and measured, then grown on to ~100 000 trainees / 10 000 classes and measured
// again. Growth is what the API makes: 40 institutions over the 8 districts (the demo's 5 and 35
// registered by the admin, each with a teacher and an institution account); each new class is
// created by its institution (POST /classes) and gets 10 new trainees by roster import (POST
// /classes/{id}/roster/import), classes going round-robin over the institutions.
// Each operation is timed one request at a time from a client on the same machine (a new TCP
// connection per request); the report gives the median and 90th percentile at both sizes and the
// ratio of the medians (target: under 2). Not a test: numbers on a shared 2-core machine vary.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "domain/identity.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using Headers = std::map<std::string, std::string>;

constexpr int kRoster = 10;           // trainees per grown class
constexpr int kInstitutions = 40;     // institutions in the grown store (the demo's 5 + 35)
constexpr int kSmallClasses = 100;    // "1 k": ~1 150 trainees (240 from the demo)
constexpr int kLargeClasses = 10000;  // "100 k": ~100 150 trainees
constexpr size_t kSamples = 100;
constexpr const char* kPassword = "Anpei@2026demo";
constexpr const char* kDistricts[] = {"350502", "350503", "350504", "350505",
                                      "350521", "350581", "350582", "350583"};

struct Stats {
  double median_ms = 0, p90_ms = 0;
};
using Report = std::map<std::string, Stats>;  // operation -> stats

bool g_failed = false;  // a request failed: the numbers are void

void Fail(const std::string& what, const testing::HttpResult& r) {
  std::fprintf(stderr, "bench: %s: %d %s\n", what.c_str(), r.status, r.body.substr(0, 300).c_str());
  g_failed = true;
}

Stats Measure(const std::function<testing::HttpResult(size_t)>& op) {
  std::vector<double> ms;
  for (size_t i = 0; i < kSamples && !g_failed; ++i) {
    const auto t0 = Clock::now();
    const auto r = op(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (r.status != 200) Fail("measured request", r);
  }
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 9 / 10]};
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

std::string Uscc(int n, const char* region) {
  char org[16];
  std::snprintf(org, sizeof org, "7%07d", n);
  for (char org_check : std::string("0123456789X")) {
    for (char last : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
      std::string code = std::string("91") + region + org + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

json::value Body(const testing::HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value() : v;
}

struct Institution {
  int64_t id = 0, teacher = 0;
  Headers as;  // its account's session
};

class Bench {
 public:
  explicit Bench(testing::ServerProcess& server) : server_(server) {}

  bool Setup() {
    admin_ = server_.SignIn("admin", kPassword);
    inst1_ = server_.SignIn("inst1", kPassword);
    reviewer_ = server_.SignIn("reviewer_fengze", kPassword);
    if (admin_.empty() || inst1_.empty() || reviewer_.empty()) return false;
    auto list = Body(Get("/institutions?page_size=100", admin_));
    for (const auto& i : list.at("items").as_array()) {
      const int64_t id = i.at("id").as_int64();
      institutions_.push_back({id, FirstTeacher(id), server_.SignIn(Username(id), kPassword)});
    }
    for (int n = static_cast<int>(institutions_.size()); n < kInstitutions && !g_failed; ++n) {
      AddInstitution(n);
    }
    for (const auto& i : institutions_) {
      if (i.as.empty() || i.teacher == 0) return false;
    }
    classes_ = Body(Get("/classes?page_size=1", admin_)).at("total").as_int64();
    first_trainee_ = next_trainee_ = classes_ * kRoster;
    return !g_failed;
  }

  // Grows to `classes` classes with two clients at once (the server has a worker pool).
  void GrowTo(int classes) {
    const int from = static_cast<int>(classes_);
    auto work = [&](int parity) {
      for (int k = from + parity; k < classes && !g_failed; k += 2) AddClass(k);
    };
    std::thread other(work, 1);
    work(0);
    other.join();
    classes_ = classes;
  }

  Report MeasureAll() {
    Report out;
    out["trainee by ID number"] =
        Measure([&](size_t i) { return Get("/trainees?q=" + TraineeId(Sample(i)), admin_); });
    out["institution's trainees (inst1)"] =
        Measure([&](size_t) { return Get("/trainees", inst1_); });
    out["district's trainees (350503)"] =
        Measure([&](size_t) { return Get("/trainees", reviewer_); });
    out["trainees, first page"] = Measure([&](size_t) { return Get("/trainees", admin_); });
    const std::string last_trainees = LastCursor("/trainees");
    out["trainees, last page by cursor"] =
        Measure([&](size_t) { return Get("/trainees?cursor=" + last_trainees, admin_); });
    out["classes, first page"] = Measure([&](size_t) { return Get("/classes", admin_); });
    const std::string last_classes = LastCursor("/classes");
    out["classes, last page by cursor"] =
        Measure([&](size_t) { return Get("/classes?cursor=" + last_classes, admin_); });
    out["class detail (10 trainees)"] = Measure([&](size_t i) {
      return Get("/classes/" + std::to_string(first_grown_class_ + static_cast<int64_t>(i % 50)),
                 admin_);
    });
    const int64_t pages = (TraineeCount() + 19) / 20;
    out["(compat) trainees, last page by number"] =
        Measure([&](size_t) { return Get("/trainees?page=" + std::to_string(pages), admin_); });
    return out;
  }

 private:
  testing::HttpResult Get(const std::string& path, const Headers& as) {
    return server_.Request("GET", "/api/v1" + path, "", as);
  }
  testing::HttpResult Post(const std::string& path, const std::string& body, const Headers& as) {
    return server_.Request("POST", "/api/v1" + path, body, as);
  }
  static std::string Username(int64_t institution_id) {
    return institution_id <= 5 ? "inst" + std::to_string(institution_id)
                               : "bench_inst" + std::to_string(institution_id);
  }
  int64_t FirstTeacher(int64_t institution) {
    auto r = Body(Get("/teachers?institution_id=" + std::to_string(institution), admin_));
    const auto& items = r.at("items").as_array();
    return items.empty() ? 0 : items[0].at("id").as_int64();
  }
  // A grown trainee's number, spread over all of them.
  int64_t Sample(size_t i) const {
    return first_trainee_ + static_cast<int64_t>(i * 7919) % (next_trainee_ - first_trainee_);
  }
  int64_t TraineeCount() const { return next_trainee_ - first_trainee_ + 240; }

  void AddInstitution(int n) {
    const char* district = kDistricts[n % std::size(kDistricts)];
    auto r = Post("/institutions",
                  R"({"name":"压测保安培训学校)" + std::to_string(n) + R"(","uscc":")" +
                      Uscc(n, district) + R"(","district_code":")" + district +
                      R"(","address":"压测地址"})",
                  admin_);
    if (r.status != 201) return Fail("POST /institutions", r);
    const int64_t id = Body(r).at("id").as_int64();
    r = Post("/teachers",
             R"({"institution_id":)" + std::to_string(id) + R"(,"name":"压测老师","id_number":")" +
                 TraineeId(900000 + n) + R"(","qualification":"保安员（高级）"})",
             admin_);
    if (r.status != 201) return Fail("POST /teachers", r);
    const int64_t teacher = Body(r).at("id").as_int64();
    r = Post("/users",
             R"({"username":")" + Username(id) +
                 R"(","display_name":"压测机构","roles":["institution"],"institution_id":)" +
                 std::to_string(id) + R"(,"password":")" + kPassword + "\"}",
             admin_);
    if (r.status != 201) return Fail("POST /users", r);
    institutions_.push_back({id, teacher, server_.SignIn(Username(id), kPassword)});
  }

  void AddClass(int k) {
    const Institution& inst = institutions_[static_cast<size_t>(k) % institutions_.size()];
    std::string sessions;
    for (int d = 0; d < 5; ++d) {
      sessions += std::string(d ? "," : "") + R"({"date":"2026-12-1)" + std::to_string(d) +
                  R"(","start":"08:30","end":"11:30","hours":4,"kind":")" +
                  (d < 3 ? "theory" : "practical") + R"(","delivery":"offline","teacher":"t1"})";
    }
    auto r = Post("/classes",
                  R"({"institution_id":)" + std::to_string(inst.id) +
                      R"(,"occupation":"security_guard","title":"压测培训班)" + std::to_string(k) +
                      R"(","venue":{"address":"压测场地"},"teachers":[{"key":"t1","teacher_id":)" +
                      std::to_string(inst.teacher) + R"(}],"sessions":[)" + sessions +
                      R"(],"roster":[]})",
                  inst.as);
    if (r.status != 201) return Fail("POST /classes", r);
    const int64_t id = Body(r).at("id").as_int64();
    {
      std::lock_guard lock(mu_);
      if (first_grown_class_ == 0 || id < first_grown_class_) first_grown_class_ = id;
    }
    std::string rows;
    const int64_t base = static_cast<int64_t>(k) * kRoster;
    for (int64_t t = base; t < base + kRoster; ++t) {
      rows += std::string(t > base ? "," : "") + R"({"name":"压测学员)" + std::to_string(t) +
              R"(","id_number":")" + TraineeId(t) +
              R"(","phone":"13800001234","group":"security_staff"})";
    }
    r = Post("/classes/" + std::to_string(id) + "/roster/import",
             R"({"version":1,"rows":[)" + rows + "]}", inst.as);
    if (r.status != 200) return Fail("POST roster/import", r);
    std::lock_guard lock(mu_);
    next_trainee_ = std::max(next_trainee_, base + kRoster);
  }

  // Follows next_cursor from the first page to the last; returns the cursor of the last page.
  std::string LastCursor(const std::string& list) {
    std::string cursor, last;
    while (!g_failed) {
      auto r = Get(list + (cursor.empty() ? "" : "?cursor=" + cursor), admin_);
      if (r.status != 200) Fail("GET " + list, r);
      const auto page = Body(r);
      const auto& next = page.at("next_cursor");
      if (next.is_null()) return cursor;
      cursor = std::string(next.as_string());
    }
    return cursor;
  }

  testing::ServerProcess& server_;
  std::mutex mu_;  // the two growing clients
  Headers admin_, inst1_, reviewer_;
  std::vector<Institution> institutions_;
  int64_t classes_ = 0, first_grown_class_ = 0, first_trainee_ = 0, next_trainee_ = 0;
};

// {small, large} reports of one backend.
std::pair<Report, Report> Run(const std::string& backend) {
  testing::TestDatabase db(backend);
  if (db.skipped() || !db.error().empty()) {
    std::fprintf(stderr, "bench: %s unavailable %s\n", backend.c_str(), db.error().c_str());
    return {};
  }
  const std::string demo = std::string(ANPEI_BINARY) + " demo --db '" + db.url() + "' --key-file " +
                           db.key_file() + " >/dev/null";
  if (std::system(demo.c_str()) != 0) std::exit(1);
  testing::ServerProcess server({"--db", db.url(), "--key-file", db.key_file()});
  Bench bench(server);
  if (!server.started() || !bench.Setup()) {
    std::fprintf(stderr, "bench: %s: cannot start or set up\n", backend.c_str());
    g_failed = true;
    return {};
  }
  std::pair<Report, Report> out;
  for (auto [classes, report] :
       {std::pair{kSmallClasses, &out.first}, {kLargeClasses, &out.second}}) {
    const auto t0 = Clock::now();
    bench.GrowTo(classes);
    std::fprintf(stderr, "bench: %s grown to %d classes in %.0f s\n", backend.c_str(), classes,
                 std::chrono::duration<double>(Clock::now() - t0).count());
    if (g_failed) return out;
    *report = bench.MeasureAll();
  }
  if (std::getenv("ANPEI_BENCH_PAUSE")) {  // look at the grown store (psql, sqlite3), then Enter
    std::fprintf(stderr, "bench: %s store at %s; press Enter\n", backend.c_str(), db.url().c_str());
    (void)std::getchar();
  }
  return out;
}

void Print(const std::string& backend, const std::pair<Report, Report>& r) {
  std::printf("\n%s (ms, median / p90; %zu requests each)\n", backend.c_str(), kSamples);
  std::printf("%-42s %18s %18s %8s\n", "operation", "~1 k trainees", "~100 k trainees", "ratio");
  for (const auto& [name, small] : r.first) {
    auto it = r.second.find(name);
    if (it == r.second.end()) continue;
    char a[32], b[32];
    std::snprintf(a, sizeof a, "%.2f / %.2f", small.median_ms, small.p90_ms);
    std::snprintf(b, sizeof b, "%.2f / %.2f", it->second.median_ms, it->second.p90_ms);
    std::printf("%-42s %18s %18s %8.2f\n", name.c_str(), a, b,
                it->second.median_ms / small.median_ms);
  }
}

}  // namespace
}  // namespace anpei

int main() {
  // ANPEI_BENCH_BACKENDS=sqlite or postgresql runs one only.
  const char* only = std::getenv("ANPEI_BENCH_BACKENDS");
  if (!only || std::string(only) == "sqlite") {
    const auto sqlite = anpei::Run("sqlite");
    if (!anpei::g_failed) anpei::Print("SQLite", sqlite);
  }
  if (!only || std::string(only) == "postgresql") {
    const auto pg = anpei::Run("postgresql");
    if (!anpei::g_failed) anpei::Print("PostgreSQL", pg);
  }
  return anpei::g_failed ? 1 : 0;
}
