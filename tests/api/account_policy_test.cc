// Accounts (issue 9, finding 6) against the real server on SQLite and PostgreSQL: the password
// policy (API and CLI), changing one's own password, the forced change after a reset, revoking
// API tokens, re-enabling users, re-authentication before acting on another administrator, and
// user names unique regardless of case (with the migration's report of existing duplicates).
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
using Headers = std::map<std::string, std::string>;

class AccountPolicy : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    ASSERT_EQ(testing::AddUser(*db_, "admin2", "police_admin").exit_code, 0);
    ASSERT_EQ(testing::AddUser(*db_, "auditor", "auditor").exit_code, 0);
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file()});
    ASSERT_TRUE(server_->started());
    admin_ = server_->SignIn("admin", kTestPassword);
    ASSERT_FALSE(admin_.empty());
  }
  int64_t UserId(const std::string& name) {
    auto r = json::parse(server_->Request("GET", "/api/v1/users?q=" + name, "", admin_).body);
    for (const auto& u : r.at("items").as_array()) {
      if (u.at("username") == name.c_str()) return u.at("id").as_int64();
    }
    return 0;
  }
  testing::HttpResult Post(const std::string& path, const std::string& body, const Headers& as) {
    return server_->Request("POST", "/api/v1" + path, body, as);
  }
  static std::string Reason(const testing::HttpResult& r) {
    return std::string(json::parse(r.body).at("error").at("reason").as_string());
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  Headers admin_;
};

// Issue 9, finding 6: `aaaaaaaaaa`, `1234567890`, ten spaces and the user name were accepted.
TEST_P(AccountPolicy, EachPasswordRuleRefusesWithItsReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Sh0rt-pw", "password.too_short"},          {"aaaaaaaaaa", "password.too_few_classes"},
      {"1234567890", "password.too_few_classes"},  {"          ", "password.too_few_classes"},
      {"abcdefghij1", "password.too_few_classes"}, {"Zhang.San-2026", "password.is_username"},
      {"6202-naS.gnahZ", "password.is_username"},  {"P@ssw0rd123", "password.common"},
      {"1qaz@WSX3edc", "password.common"},
  };
  for (const auto& [password, reason] : cases) {
    auto r = Post(
        "/users",
        R"({"username":"zhang.san-2026","roles":["hrss"],"password":")" + password + "\"}", admin_);
    EXPECT_EQ(r.status, 400) << password << ": " << r.body;
    EXPECT_EQ(Reason(r), reason) << password;
    EXPECT_EQ(json::parse(r.body).at("error").at("field"), "password");
  }
  auto ok = Post("/users",
                 R"({"username":"zhang.san-2026","roles":["hrss"],"password":"Qz7-lantern-river"})",
                 admin_);
  EXPECT_EQ(ok.status, 201) << ok.body;
  // The operator's command applies the same policy.
  auto cli = testing::RunProcess(ANPEI_BINARY,
                                 {"user", "add", "weak", "--role", "hrss", "--password-stdin",
                                  "--db", db_->url(), "--key-file", db_->key_file()},
                                 "1234567890\n", std::chrono::seconds(60));
  EXPECT_EQ(cli.exit_code, 2) << cli.out << cli.err;
  EXPECT_NE(cli.err.find("至少 3 类"), std::string::npos) << cli.err;
  // A generated password passes it.
  auto generated = testing::RunProcess(
      ANPEI_BINARY,
      {"user", "add", "gen", "--role", "hrss", "--db", db_->url(), "--key-file", db_->key_file()});
  EXPECT_EQ(generated.exit_code, 0) << generated.err;
}

TEST_P(AccountPolicy, UsersChangeTheirOwnPassword) {
  auto a = server_->SignIn("auditor", kTestPassword);
  auto b = server_->SignIn("auditor", kTestPassword);  // another device
  auto wrong =
      Post("/session/password",
           R"({"current_password":"Not-the-Passw0rd","new_password":"Fresh-Passw0rd-9"})", a);
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(Reason(wrong), "password.current_wrong");
  const std::string current = kTestPassword;
  auto weak = Post("/session/password",
                   R"({"current_password":")" + current + R"(","new_password":"aaaaaaaaaa"})", a);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(json::parse(weak.body).at("error").at("field"), "new_password");
  auto ok =
      Post("/session/password",
           R"({"current_password":")" + current + R"(","new_password":"Fresh-Passw0rd-9"})", a);
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", a).status, 200);  // this one stays
  EXPECT_EQ(server_->Request("GET", "/api/v1/session", "", b).status, 401);  // the others end
  EXPECT_TRUE(server_->SignIn("auditor", kTestPassword).empty());
  EXPECT_FALSE(server_->SignIn("auditor", "Fresh-Passw0rd-9").empty());
}

TEST_P(AccountPolicy, AResetForcesAChangeBeforeAnythingElse) {
  const int64_t id = UserId("auditor");
  auto reset = Post("/users/" + std::to_string(id) + "/reset-password",
                    R"({"password":"Temp-Passw0rd-1"})", admin_);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(json::parse(reset.body).at("must_change_password"), true);
  auto as = server_->SignIn("auditor", "Temp-Passw0rd-1");
  ASSERT_FALSE(as.empty());
  auto session = json::parse(server_->Request("GET", "/api/v1/session", "", as).body);
  EXPECT_EQ(session.at("user").at("must_change_password"), true);
  auto blocked = server_->Request("GET", "/api/v1/audit-events", "", as);
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  EXPECT_EQ(Reason(blocked), "password.change_required");
  auto changed =
      Post("/session/password",
           R"({"current_password":"Temp-Passw0rd-1","new_password":"Own-Passw0rd-22"})", as);
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(server_->Request("GET", "/api/v1/audit-events", "", as).status, 200);
}

TEST_P(AccountPolicy, ApiTokensAreListedAndRevoked) {
  ASSERT_EQ(testing::AddUser(*db_, "platform1", "platform").exit_code, 0);
  auto t = testing::RunProcess(ANPEI_BINARY, {"user", "token", "platform1", "--name", "某在线平台",
                                              "--db", db_->url(), "--key-file", db_->key_file()});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  std::string token = t.out.substr(0, t.out.find_first_of("\r\n"));
  const Headers bearer = {{"Authorization", "Bearer " + token}};
  auto own = server_->Request("GET", "/api/v1/api-tokens", "", bearer);
  ASSERT_EQ(own.status, 200) << own.body;
  const auto items = json::parse(own.body).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const std::string id(items.at(0).at("id").as_string());
  EXPECT_EQ(items.at(0).at("name"), "某在线平台");
  // Someone else's token is not found; only an administrator sees and revokes every token.
  auto auditor = server_->SignIn("auditor", kTestPassword);
  EXPECT_EQ(Post("/api-tokens/" + id + "/revoke", "", auditor).status, 404);
  EXPECT_EQ(server_->Request("GET", "/api/v1/api-tokens?all=true", "", auditor).status, 403);
  auto all = server_->Request("GET", "/api/v1/api-tokens?all=true", "", admin_);
  EXPECT_NE(all.body.find(id), std::string::npos);
  auto revoked = Post("/api-tokens/" + id + "/revoke", "", admin_);
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(json::parse(revoked.body).at("revoked_at").is_null());
  auto after = server_->Request("GET", "/api/v1/api-tokens", "", bearer);
  EXPECT_EQ(after.status, 401);
}

TEST_P(AccountPolicy, DisabledUsersCanBeEnabledAgain) {
  const std::string path = "/users/" + std::to_string(UserId("auditor"));
  ASSERT_EQ(Post(path + "/disable", "", admin_).status, 200);
  EXPECT_TRUE(server_->SignIn("auditor", kTestPassword).empty());
  auto on = Post(path + "/enable", "", admin_);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(json::parse(on.body).at("disabled"), false);
  EXPECT_FALSE(server_->SignIn("auditor", kTestPassword).empty());
}

// Issue 9, finding 6: an administrator reset another administrator without re-authenticating.
TEST_P(AccountPolicy, ActingOnAnotherAdministratorNeedsOnesOwnPassword) {
  const std::string path = "/users/" + std::to_string(UserId("admin2"));
  auto bare = Post(path + "/reset-password", R"({"password":"Temp-Passw0rd-1"})", admin_);
  EXPECT_EQ(bare.status, 403) << bare.body;
  EXPECT_EQ(Reason(bare), "reauth.required");
  auto wrong = Post(path + "/disable", R"({"admin_password":"Not-the-Passw0rd"})", admin_);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Reason(wrong), "reauth.failed");
  const std::string mine = kTestPassword;
  auto ok = Post(path + "/reset-password",
                 R"({"password":"Temp-Passw0rd-1","admin_password":")" + mine + "\"}", admin_);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Post(path + "/disable", R"({"admin_password":")" + mine + "\"}", admin_).status, 200);
  EXPECT_EQ(Post(path + "/enable", "", admin_).status, 403);
  // Not needed for other users.
  EXPECT_EQ(Post("/users/" + std::to_string(UserId("auditor")) + "/disable", "", admin_).status,
            200);
}

// Issue 9, finding 6: `Admin` and `admin` could both exist.
TEST_P(AccountPolicy, UserNamesAreUniqueRegardlessOfCase) {
  auto r = Post("/users", R"({"username":"Admin","roles":["hrss"],"password":"Qz7-lantern-river"})",
                admin_);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(json::parse(r.body).at("error").at("field"), "username");
  EXPECT_NE(testing::AddUser(*db_, "AUDITOR", "auditor").exit_code, 0);
  EXPECT_FALSE(server_->SignIn("Auditor", kTestPassword).empty());  // one account, any case
}

TEST_P(AccountPolicy, TheMigrationNamesExistingDuplicates) {
  server_.reset();
  auto c = adapters::OpenDatabase(db_->url());
  ASSERT_TRUE(c.ok());
  // A store from before migration 0009 that holds both spellings.
  ASSERT_TRUE((*c)->ExecuteScript("DROP INDEX users_username_ci").ok());
  ASSERT_TRUE((*c)->ExecuteScript("DELETE FROM schema_migrations WHERE version = 9").ok());
  ASSERT_TRUE(
      (*c)->ExecuteScript("UPDATE users SET username = 'Admin' WHERE username = 'admin2'").ok());
  auto m = testing::RunProcess(ANPEI_BINARY, {"migrate", "--db", db_->url()});
  EXPECT_EQ(m.exit_code, 3) << m.out << m.err;
  EXPECT_NE(m.err.find("sign_in_defence"), std::string::npos) << m.err;
  EXPECT_NE(m.err.find("admin、Admin"), std::string::npos) << m.err;
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, AccountPolicy, ::testing::Values("sqlite", "postgresql"),
                         Backend);

}  // namespace
}  // namespace anpei
