// Issue 13, deliver 8: every acknowledged write survives a SIGKILL under load, on SQLite and on
// PostgreSQL — check-ins (the morning peak's write; each acknowledged one, sent again after the
// restart with its idempotency key, is answered 200 with the same record) and registrations. Client
// threads write through the real server as fast as it answers and note every write it acknowledged
// (201 and the new id); the server is killed with SIGKILL mid-load (no shutdown, no flush), started
// again on the same store, and every acknowledged write must be there — and the audit chain must
// still verify (`anpei audit verify`), since the writes are batched into shared commits
// (adapters/sql/batch_writer.h) and the chain is built inside them.
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

#include "support/accounts.h"
#include "support/check_in_scene.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::ServerProcess;
using testing::TestDatabase;
using Headers = std::map<std::string, std::string>;

constexpr int kClients = 16;

class Durability : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
  }
  std::unique_ptr<ServerProcess> Start() {
    auto s = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file()});
    EXPECT_TRUE(s->started());
    return s;
  }
  std::unique_ptr<TestDatabase> db_;
};

TEST_P(Durability, EveryAcknowledgedRegistrationSurvivesSigkillUnderLoad) {
  auto server = Start();
  const Headers admin = server->SignIn("admin", testing::kTestPassword);
  ASSERT_FALSE(admin.empty());
  std::mutex mu;
  std::vector<int64_t> acknowledged;
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  std::atomic<int> other{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      while (!stop) {
        const int n = next++;
        const std::string body = R"({"name":"断电学员","id_number":")" +
                                 testing::ValidId(n % 1000, 1970 + n / 1000) +
                                 R"(","phone":"13800001234","group":"security_staff"})";
        auto r = server->Request("POST", "/api/v1/trainees", body, admin);
        if (r.status == 201) {
          const int64_t id = json::parse(r.body).at("id").as_int64();
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.push_back(id);
        } else if (r.status != 0) {
          ++other;  // the kill cuts connections (status 0); anything else is a failure
        }
      }
    });
  }
  // Load until a good number of writes were acknowledged (and surely some are in flight).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (acknowledged.size() >= 300) break;
    }
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server->Kill(SIGKILL), 128 + SIGKILL);
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  std::vector<int64_t> ids;
  {
    std::lock_guard<std::mutex> lock(mu);
    ids = acknowledged;
  }
  ASSERT_GE(ids.size(), 100u) << "too few writes before the kill to say anything";

  auto again = Start();
  const Headers admin2 = again->SignIn("admin", testing::kTestPassword);
  ASSERT_FALSE(admin2.empty());
  size_t missing = 0;
  for (int64_t id : ids) {
    auto r = again->Request("GET", "/api/v1/trainees/" + std::to_string(id), "", admin2);
    if (r.status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << ids.size() << " acknowledged registrations";
  again->Kill(SIGTERM);
  auto verify = testing::RunProcess(
      ANPEI_BINARY, {"audit", "verify", "--db", db_->url(), "--key-file", db_->key_file()}, {},
      std::chrono::seconds(60));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_P(Durability, EveryAcknowledgedCheckInSurvivesSigkillUnderLoad) {
  std::string data_error;
  const std::string data_dir = testing::NoSelfieDataDir(ANPEI_SOURCE_DIR, data_error);
  ASSERT_FALSE(data_dir.empty()) << data_error;
  setenv("ANPEI_DATA_DIR", data_dir.c_str(), 1);  // inherited by the servers started below
  testing::TestClock clock(testing::kSceneBuiltAt);
  auto start = [&] {
    std::vector<std::string> args = {"--db", db_->url(), "--key-file", db_->key_file()};
    for (const auto& a : clock.Args()) args.push_back(a);
    auto s = std::make_unique<ServerProcess>(args);
    EXPECT_TRUE(s->started());
    return s;
  };
  auto server = start();
  const Headers admin = server->SignIn("admin", testing::kTestPassword);
  ASSERT_FALSE(admin.empty());
  std::string error;
  const testing::CheckInScene scene =
      testing::BuildCheckInScene(*server, clock, admin, 1, 400, error);
  ASSERT_TRUE(error.empty()) << error;
  std::mutex mu;
  std::map<size_t, int64_t> acknowledged;  // phone -> record id
  std::atomic<size_t> next{0};
  std::atomic<int> other{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      for (size_t k = next++; k < scene.phones.size(); k = next++) {
        const auto& p = scene.phones[k];
        auto r =
            server->Request("POST", "/api/v1/check-ins",
                            testing::CheckInBody(scene, p, "in", "durable-" + std::to_string(k)),
                            {{"Cookie", p.cookie}, {"X-CSRF-Token", p.csrf}});
        if (r.status == 201) {
          const int64_t id = json::parse(r.body).at("record").at("id").as_int64();
          std::lock_guard<std::mutex> lock(mu);
          acknowledged[k] = id;
        } else if (r.status != 0) {
          ++other;
        } else {
          return;  // the server is gone
        }
      }
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (acknowledged.size() >= 200) break;
    }
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(server->Kill(SIGKILL), 128 + SIGKILL);
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  std::map<size_t, int64_t> acked;
  {
    std::lock_guard<std::mutex> lock(mu);
    acked = acknowledged;
  }
  ASSERT_GE(acked.size(), 100u) << "too few check-ins before the kill to say anything";
  EXPECT_LT(acked.size(), scene.phones.size()) << "the kill came after the load, not under it";

  // Each acknowledged check-in, sent again with its key, is found: 200 and the same record.
  auto again = start();
  size_t missing = 0;
  for (const auto& [k, id] : acked) {
    const auto& p = scene.phones[k];
    auto r = again->Request("POST", "/api/v1/check-ins",
                            testing::CheckInBody(scene, p, "in", "durable-" + std::to_string(k)),
                            {{"Cookie", p.cookie}, {"X-CSRF-Token", p.csrf}});
    if (r.status != 200 || json::parse(r.body).at("record").at("id").as_int64() != id) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged check-ins";
  again->Kill(SIGTERM);
  auto verify = testing::RunProcess(
      ANPEI_BINARY, {"audit", "verify", "--db", db_->url(), "--key-file", db_->key_file()}, {},
      std::chrono::seconds(60));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
