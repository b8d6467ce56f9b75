// Sign-in against the real server on SQLite and PostgreSQL: Argon2id hashes at rest, session
// cookie attributes, CSRF, sign-out here and everywhere, lockout after repeated failures, disabled
// accounts, and machine tokens.
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

class Accounts : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    ASSERT_EQ(testing::AddUser(*db_, "auditor", "auditor").exit_code, 0);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->url(), "--key-file", db_->key_file(), "--trusted-proxy", "127.0.0.1"});
    ASSERT_TRUE(server_->started());
  }
  testing::HttpResult SignInRaw(const std::string& user, const std::string& password) {
    return server_->Request("POST", "/api/v1/session",
                            R"({"username":")" + user + R"(","password":")" + password + "\"}");
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(Accounts, PasswordsAreArgon2idHashes) {
  auto c = adapters::OpenDatabase(db_->url());
  ASSERT_TRUE(c.ok());
  auto r = (*c)->Execute("SELECT password_hash FROM users WHERE username = 'admin'", {});
  ASSERT_TRUE(r.ok());
  const std::string hash = r->rows.at(0)[0].value_or("");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find(kTestPassword), std::string::npos);
}

TEST_P(Accounts, SignInSetsAStrictHttpOnlyCookieAndNeedsCsrf) {
  auto r = SignInRaw("admin", kTestPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: no Secure flag";
  EXPECT_EQ(json::parse(r.body).at("user").at("roles").at(0), "police_admin");
  EXPECT_FALSE(json::parse(r.body).at("user").as_object().contains("password_hash"));

  auto tls =
      server_->Request("POST", "/api/v1/session",
                       R"({"username":"admin","password":")" + std::string(kTestPassword) + "\"}",
                       {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(tls.headers["set-cookie"].find("; Secure"), std::string::npos);

  auto as = server_->SignIn("admin", kTestPassword);
  ASSERT_FALSE(as.empty());
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", as).status, 200);
  // The cookie alone does not make a change: the CSRF token must come along.
  auto no_csrf =
      server_->Request("POST", "/api/v1/districts", R"({"code":"350503","name":"丰泽区"})",
                       {{"Cookie", as["Cookie"]}});
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  EXPECT_EQ(json::parse(no_csrf.body).at("error").at("field"), "X-CSRF-Token");
  auto wrong = server_->Request("POST", "/api/v1/districts", R"({"code":"350503","name":"丰泽区"})",
                                {{"Cookie", as["Cookie"]}, {"X-CSRF-Token", "forged"}});
  EXPECT_EQ(wrong.status, 403);
  auto ok =
      server_->Request("POST", "/api/v1/districts", R"({"code":"350503","name":"丰泽区"})", as);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(server_->Request("GET", "/api/v1/districts").status, 401);  // no cookie
}

TEST_P(Accounts, SignOutHereAndEverywhere) {
  auto a = server_->SignIn("admin", kTestPassword);
  auto b = server_->SignIn("admin", kTestPassword);  // a second device
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(server_->Request("DELETE", "/api/v1/session", "", a).status, 204);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", a).status, 401);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", b).status, 200);
  auto c = server_->SignIn("admin", kTestPassword);
  EXPECT_EQ(server_->Request("POST", "/api/v1/session/revoke-all", "", c).status, 204);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", b).status, 401);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", c).status, 401);
}

TEST_P(Accounts, RepeatedFailuresLockTheAccount) {
  for (int i = 0; i < 5; ++i) {
    auto r = SignInRaw("auditor", "wrong-password-" + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(json::parse(r.body).at("error").at("message"), "用户名或密码错误");
  }
  auto locked = SignInRaw("auditor", kTestPassword);  // the right password, but locked now
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_NE(locked.body.find("锁定"), std::string::npos);
  // Unknown names answer exactly like wrong passwords.
  auto unknown = SignInRaw("nobody", kTestPassword);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(unknown.body).at("error").at("message"), "用户名或密码错误");
  // The operator unlocks by resetting the password.
  auto reset = testing::RunProcess(ANPEI_BINARY,
                                   {"user", "reset-password", "auditor", "--password-stdin", "--db",
                                    db_->url(), "--key-file", db_->key_file()},
                                   "Another-Passw0rd\n", std::chrono::seconds(60));
  ASSERT_EQ(reset.exit_code, 0) << reset.out << reset.err;
  EXPECT_EQ(SignInRaw("auditor", "Another-Passw0rd").status, 200);
}

TEST_P(Accounts, DisabledAccountsAndTheirSessionsStop) {
  auto admin = server_->SignIn("admin", kTestPassword);
  auto auditor = server_->SignIn("auditor", kTestPassword);
  ASSERT_FALSE(auditor.empty());
  auto users = json::parse(server_->Request("GET", "/api/v1/users?q=auditor", "", admin).body);
  const auto id = users.at("items").at(0).at("id").as_int64();
  auto off =
      server_->Request("POST", "/api/v1/users/" + std::to_string(id) + "/disable", "", admin);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(json::parse(off.body).at("disabled"), true);
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", auditor).status, 401);
  EXPECT_EQ(SignInRaw("auditor", kTestPassword).status, 401);
}

TEST_P(Accounts, UserAdministrationValidatesBindings) {
  auto admin = server_->SignIn("admin", kTestPassword);
  auto post = [&](const std::string& body) {
    return server_->Request("POST", "/api/v1/users", body, admin);
  };
  auto r = post(R"({"username":"i1","roles":["institution"],"password":"Long-enough-pw"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body).at("error").at("field"), "institution_id");
  r = post(R"({"username":"r1","roles":["police_reviewer"],"password":"Long-enough-pw"})");
  EXPECT_EQ(json::parse(r.body).at("error").at("field"), "district_code");
  r = post(R"({"username":"x1","roles":["king"],"password":"Long-enough-pw"})");
  EXPECT_EQ(json::parse(r.body).at("error").at("field"), "roles[0]");
  r = post(R"({"username":"x1","roles":["hrss"],"password":"short"})");
  EXPECT_EQ(json::parse(r.body).at("error").at("field"), "password");
  r = post(R"({"username":"admin","roles":["hrss"],"password":"Long-enough-pw"})");
  EXPECT_EQ(r.status, 409);
  r = post(R"({"username":"hrss1","roles":["hrss"],"password":"Long-enough-pw"})");
  EXPECT_EQ(r.status, 201) << r.body;
  auto hrss = server_->SignIn("hrss1", "Long-enough-pw");
  EXPECT_EQ(server_->Request("GET", "/api/v1/users", "", hrss).status, 403);
}

TEST_P(Accounts, PlatformsUseApiTokens) {
  ASSERT_EQ(testing::AddUser(*db_, "platform1", "platform").exit_code, 0);
  auto t = testing::RunProcess(ANPEI_BINARY, {"user", "token", "platform1", "--name", "某在线平台",
                                              "--db", db_->url(), "--key-file", db_->key_file()});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  std::string token = t.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  auto c = adapters::OpenDatabase(db_->url());
  auto stored = (*c)->Execute("SELECT token_hash FROM api_tokens", {});
  ASSERT_TRUE(stored.ok());
  EXPECT_NE(stored->rows.at(0)[0].value_or(""), token);  // only a keyed hash is kept
  // A token needs no CSRF header; the platform role may not read the registry.
  auto r = server_->Request("GET", "/api/v1/classes", "", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(r.status, 403) << r.body;
  r = server_->Request("GET", "/api/v1/classes", "", {{"Authorization", "Bearer forged"}});
  EXPECT_EQ(r.status, 401);
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
