// Sign-in defence (issue 9, finding 2) against the real server on SQLite and PostgreSQL: the lock
// applies to the failing address first, decays with time (the server's clock is fixed and moved
// by restarting it on the same store, never by sleeping), parallel guesses get no more checks
// than the limit, unknown names answer exactly like wrong passwords, and sessions end after the
// idle timeout and their absolute lifetime.
#include <atomic>
#include <thread>

#include <boost/json.hpp>

#include "adapters/sql/migrations.h"
#include "support/accounts.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::kTestPassword;
using testing::ServerProcess;
using testing::TestDatabase;

constexpr const char* kT0 = "2026-11-30T09:00:00+08:00";

class SignIn : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    ASSERT_EQ(testing::AddUser(*db_, "auditor", "auditor").exit_code, 0);
  }
  // (Re)starts the server at the fixed time `at` on the same store.
  void Start(const std::string& at, std::vector<std::string> extra = {}) {
    server_.reset();
    std::vector<std::string> args = {"--db",          db_->url(),      "--key-file",
                                     db_->key_file(), "--fixed-clock", at};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ServerProcess>(args);
    ASSERT_TRUE(server_->started());
  }
  testing::HttpResult SignInFrom(const std::string& ip, const std::string& user,
                                 const std::string& password) {
    return server_->RequestFrom(ip, "POST", "/api/v1/session",
                                R"({"username":")" + user + R"(","password":")" + password + "\"}");
  }
  static std::string Reason(const testing::HttpResult& r) {
    auto v = json::parse(r.body);
    return std::string(v.at("error").at("reason").as_string());
  }
  // How many wrong passwords were actually checked (audited as session.sign_in_failed).
  int64_t CheckedFailures() {
    auto c = adapters::OpenDatabase(db_->url());
    auto r = (*c)->Execute(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'session.sign_in_failed'", {});
    return std::stoll(r->rows.at(0)[0].value_or("0"));
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

// Issue 9, finding 2: five wrong passwords kept any account locked for everybody.
TEST_P(SignIn, WrongPasswordsFromOneAddressDoNotLockTheAccountElsewhere) {
  Start(kT0);
  for (int i = 0; i < 5; ++i) {
    auto r = SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-" + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.body;
  }
  auto locked = SignInFrom("127.0.0.1", "auditor", kTestPassword);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(Reason(locked), "session.throttled");
  EXPECT_EQ(locked.headers["retry-after"], "300");  // the first lock: 5 minutes
  EXPECT_NE(locked.body.find("锁定至 2026-11-30 09:05"), std::string::npos) << locked.body;
  // The owner, from another address, signs in.
  auto owner = SignInFrom("127.0.0.2", "auditor", kTestPassword);
  EXPECT_EQ(owner.status, 200) << owner.body;
}

TEST_P(SignIn, TheLockDecaysAndBacksOff) {
  Start(kT0);
  for (int i = 0; i < 5; ++i) SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-1");
  EXPECT_EQ(SignInFrom("127.0.0.1", "auditor", kTestPassword).status, 429);
  Start("2026-11-30T09:04:00+08:00");
  EXPECT_EQ(SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-1").status, 429);
  // Opens again on its own after 5 minutes; five more failures lock it for twice as long.
  Start("2026-11-30T09:06:00+08:00");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-2").status, 401);
  }
  auto again = SignInFrom("127.0.0.1", "auditor", kTestPassword);
  EXPECT_EQ(again.status, 429);
  EXPECT_EQ(again.headers["retry-after"], "600");
  Start("2026-11-30T09:15:00+08:00");
  EXPECT_EQ(SignInFrom("127.0.0.1", "auditor", kTestPassword).status, 429);
  Start("2026-11-30T09:17:00+08:00");
  EXPECT_EQ(SignInFrom("127.0.0.1", "auditor", kTestPassword).status, 200);
}

// Issue 9, finding 2: 40 parallel guesses got 8 checks instead of 5.
TEST_P(SignIn, ParallelGuessesGetNoMoreChecksThanTheLimit) {
  Start(kT0, {"--password-threads", "16", "--password-queue", "64"});
  std::atomic<int> unauthenticated{0}, throttled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      auto r = SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-" + std::to_string(i));
      (r.status == 401 ? unauthenticated : r.status == 429 ? throttled : other)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(unauthenticated.load(), 5);
  EXPECT_EQ(throttled.load(), 35);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(CheckedFailures(), 5);
}

// A full password lane answers at once instead of queueing without bound.
TEST_P(SignIn, AFullPasswordLaneAnswers503WithRetryAfter) {
  Start(kT0, {"--password-threads", "1", "--password-queue", "1"});
  std::atomic<int> busy{0}, checked{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      const std::string ip = "127.0.1." + std::to_string(1 + i);  // not throttled: one try each
      auto r = SignInFrom(ip, "nobody" + std::to_string(i), "Wrong-Passw0rd-1");
      if (r.status == 503 && r.headers["retry-after"] == "1" &&
          r.body.find("http.password_lane_full") != std::string::npos) {
        ++busy;
      } else if (r.status == 401) {
        ++checked;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(checked.load(), 2);
  EXPECT_GE(busy.load(), 1);
  EXPECT_EQ(busy.load() + checked.load(), 12);
  // Other requests are served meanwhile and afterwards.
  EXPECT_EQ(server_->Request("GET", "/healthz").status, 200);
}

TEST_P(SignIn, UnknownNamesAnswerExactlyLikeWrongPasswords) {
  Start(kT0);
  auto wrong = SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-1");
  auto unknown = SignInFrom("127.0.0.1", "nobody", "Wrong-Passw0rd-1");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, wrong.status);
  EXPECT_EQ(unknown.body, wrong.body);
  EXPECT_EQ(unknown.headers, wrong.headers);
  EXPECT_EQ(Reason(wrong), "session.bad_credentials");
  // ... and are throttled alike, so a lock does not tell that the name exists.
  for (int i = 0; i < 4; ++i) {
    SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-1");
    SignInFrom("127.0.0.1", "nobody", "Wrong-Passw0rd-1");
  }
  auto wrong_locked = SignInFrom("127.0.0.1", "auditor", "Wrong-Passw0rd-1");
  auto unknown_locked = SignInFrom("127.0.0.1", "nobody", "Wrong-Passw0rd-1");
  EXPECT_EQ(wrong_locked.status, 429);
  EXPECT_EQ(unknown_locked.body, wrong_locked.body);
  EXPECT_EQ(unknown_locked.headers, wrong_locked.headers);
}

TEST_P(SignIn, SessionsEndWhenIdleAndAfterTheirLifetime) {
  const std::vector<std::string> settings = {"--session-idle-minutes", "30",
                                             "--session-lifetime-minutes", "60"};
  Start(kT0, settings);
  auto first = server_->SignIn("auditor", kTestPassword);
  ASSERT_FALSE(first.empty());
  Start("2026-11-30T09:20:00+08:00", settings);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", first).status, 200);  // used at 09:20
  Start("2026-11-30T09:51:00+08:00", settings);
  auto idle = server_->Request("GET", "/api/v1/session", "", first);
  EXPECT_EQ(idle.status, 401) << idle.body;
  EXPECT_EQ(Reason(idle), "session.idle_timeout");

  auto second = server_->SignIn("auditor", kTestPassword);  // signed in at 09:51
  ASSERT_FALSE(second.empty());
  Start("2026-11-30T10:20:00+08:00", settings);
  EXPECT_EQ(server_->Request("GET", "/api/v1/audit-events", "", second).status, 200);
  Start("2026-11-30T10:45:00+08:00", settings);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", second).status, 200);
  Start("2026-11-30T10:52:00+08:00", settings);  // used 7 minutes ago, but 61 after sign-in
  auto expired = server_->Request("GET", "/api/v1/session", "", second);
  EXPECT_EQ(expired.status, 401) << expired.body;
  EXPECT_EQ(Reason(expired), "session.expired");
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, SignIn, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
