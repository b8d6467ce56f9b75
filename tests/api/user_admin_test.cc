// User administration (issue "Trust", follow-up), against the real server on SQLite and
// PostgreSQL: changing a user's role (administrators only, least privilege for an administrator
// bound to a district, re-authentication for another administrator or for granting police_admin,
// audited, the user's sessions revoked), and the sign-in throttles an administrator sees and lifts
// (unlock, audited, re-authentication as for other actions on an administrator).
#include <boost/json.hpp>

#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::kTestPassword;
using testing::ServerProcess;
using testing::TestDatabase;
using Headers = std::map<std::string, std::string>;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}
std::string Reason(const HttpResult& r) {
  json::value v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("reason") ? std::string(e.at("reason").as_string()) : "";
}

class UserAdmin : public ::testing::TestWithParam<std::string> {
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
    as_["admin"] = server_->SignIn("admin", kTestPassword);
    ASSERT_FALSE(as_["admin"].empty());
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = J(Post("admin", "/institutions",
                     R"({"name":"甲校","uscc":")" + testing::ValidUscc(1) +
                         R"(","district_code":"350503"})"))
                  .at("id")
                  .as_int64();
    inst_b_ = J(Post("admin", "/institutions",
                     R"({"name":"乙校","uscc":")" + testing::ValidUscc(2) +
                         R"(","district_code":"350582"})"))
                  .at("id")
                  .as_int64();
  }
  HttpResult Post(const std::string& who, const std::string& path, const std::string& body) {
    return server_->Request("POST", "/api/v1" + path, body, as_[who]);
  }
  HttpResult Get(const std::string& who, const std::string& path) {
    return server_->Request("GET", "/api/v1" + path, "", as_[who]);
  }
  json::value User(const std::string& name) {
    auto r = J(Get("admin", "/users?q=" + name));
    for (const auto& u : r.at("items").as_array()) {
      if (u.at("username") == name.c_str()) return u;
    }
    return nullptr;
  }
  HttpResult Role(const std::string& who, const std::string& name, const std::string& fields,
                  const std::string& extra = "") {
    const json::value u = User(name);
    return Post(
        who, "/users/" + std::to_string(u.at("id").as_int64()) + "/role",
        "{" + fields + R"(,"version":)" + std::to_string(u.at("version").as_int64()) + extra + "}");
  }
  HttpResult NewUser(const std::string& name, const std::string& role, const std::string& scope) {
    return Post("admin", "/users",
                R"({"username":")" + name + R"(","roles":[)" + role + R"(],"password":")" +
                    kTestPassword + "\"" + scope + "}");
  }
  int64_t AuditCount(const std::string& action) {
    return J(Get("admin", "/audit-events?action=" + action)).at("total").as_int64();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  int64_t inst_a_ = 0, inst_b_ = 0;
};

// Issue "Trust": there was no way to change a user's role.
TEST_P(UserAdmin, AnAdministratorChangesARoleAndTheUsersSessionsEnd) {
  as_["auditor"] = server_->SignIn("auditor", kTestPassword);
  ASSERT_EQ(Get("auditor", "/session").status, 200);
  auto r = Role("admin", "auditor", R"("roles":["hrss"])");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(J(r).at("roles").at(0), "hrss");
  EXPECT_EQ(Get("auditor", "/session").status, 401) << "the old session keeps the old role";
  EXPECT_EQ(AuditCount("user.role_change"), 1);
  // To an institution user: the binding is required, must exist, and is kept.
  auto unbound = Role("admin", "auditor", R"("roles":["institution"])");
  EXPECT_EQ(unbound.status, 400) << unbound.body;
  EXPECT_EQ(J(unbound).at("error").at("field"), "institution_id");
  auto missing = Role("admin", "auditor", R"("roles":["institution"],"institution_id":987654)");
  EXPECT_EQ(missing.status, 400) << missing.body;
  auto bound = Role("admin", "auditor",
                    R"("roles":["institution"],"institution_id":)" + std::to_string(inst_a_));
  ASSERT_EQ(bound.status, 200) << bound.body;
  EXPECT_EQ(J(bound).at("institution_id").as_int64(), inst_a_);
  EXPECT_EQ(Role("admin", "auditor", R"("roles":["no_such_role"])").status, 400);
  // A stale version, no version, oneself, a non-administrator: refused, nothing changes.
  const int64_t id = User("auditor").at("id").as_int64();
  auto stale = Post("admin", "/users/" + std::to_string(id) + "/role",
                    R"({"roles":["finance"],"version":1})");
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto bare = Post("admin", "/users/" + std::to_string(id) + "/role", R"({"roles":["finance"]})");
  EXPECT_EQ(bare.status, 400) << bare.body;
  auto self = Role("admin", "admin", R"("roles":["hrss"])");
  EXPECT_EQ(Reason(self), "role.self") << self.body;
  as_["auditor"] = server_->SignIn("auditor", kTestPassword);
  EXPECT_EQ(Role("auditor", "admin2", R"("roles":["hrss"])").status, 403);
  EXPECT_EQ(AuditCount("user.role_change"), 2);
  EXPECT_EQ(User("admin2").at("roles").at(0), "police_admin");
}

TEST_P(UserAdmin, GrantingAdministratorOrActingOnOneNeedsOnesOwnPassword) {
  auto grant = Role("admin", "auditor", R"("roles":["police_admin"])");
  EXPECT_EQ(grant.status, 403) << grant.body;
  EXPECT_EQ(Reason(grant), "reauth.required");
  auto wrong = Role("admin", "auditor", R"("roles":["police_admin"])",
                    R"(,"admin_password":"Not-the-Passw0rd")");
  EXPECT_EQ(Reason(wrong), "reauth.failed");
  EXPECT_EQ(User("auditor").at("roles").at(0), "auditor");
  auto demote = Role("admin", "admin2", R"("roles":["auditor"])");
  EXPECT_EQ(Reason(demote), "reauth.required") << demote.body;
  const std::string mine = std::string(R"(,"admin_password":")") + kTestPassword + "\"";
  ASSERT_EQ(Role("admin", "auditor", R"("roles":["police_admin"])", mine).status, 200);
  ASSERT_EQ(Role("admin", "admin2", R"("roles":["auditor"])", mine).status, 200);
  EXPECT_EQ(User("admin2").at("roles").at(0), "auditor");
  EXPECT_EQ(AuditCount("user.role_change"), 2);
}

// Least privilege: an administrator bound to a district grants nothing city-wide and acts only
// within its district.
TEST_P(UserAdmin, ADistrictAdministratorStaysInItsDistrict) {
  ASSERT_EQ(
      NewUser("dist_admin", R"("police_admin","police_reviewer")", R"(,"district_code":"350503")")
          .status,
      201);
  ASSERT_EQ(NewUser("rev_mine", R"("police_reviewer")", R"(,"district_code":"350503")").status,
            201);
  ASSERT_EQ(NewUser("rev_other", R"("police_reviewer")", R"(,"district_code":"350582")").status,
            201);
  as_["dist_admin"] = server_->SignIn("dist_admin", kTestPassword);
  auto city = Role("dist_admin", "rev_mine", R"("roles":["hrss"])");
  EXPECT_EQ(city.status, 403) << city.body;
  EXPECT_EQ(Reason(city), "role.out_of_scope");
  auto admin = Role("dist_admin", "rev_mine", R"("roles":["police_admin"])");
  EXPECT_EQ(Reason(admin), "role.out_of_scope") << admin.body;
  auto other_inst = Role("dist_admin", "rev_mine",
                         R"("roles":["institution"],"institution_id":)" + std::to_string(inst_b_));
  EXPECT_EQ(Reason(other_inst), "role.out_of_scope") << other_inst.body;
  auto other_user = Role("dist_admin", "rev_other", R"("roles":["trainee"])");
  EXPECT_EQ(Reason(other_user), "role.out_of_scope") << other_user.body;
  auto auditor = Role("dist_admin", "auditor", R"("roles":["trainee"])");
  EXPECT_EQ(Reason(auditor), "role.out_of_scope") << auditor.body;
  auto ok = Role("dist_admin", "rev_mine",
                 R"("roles":["institution"],"institution_id":)" + std::to_string(inst_a_));
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(AuditCount("user.role_change"), 1);
}

// Issue "Trust": since locks moved to the sign-in throttle the users page showed no locked
// account. The throttles are listed (administrators only) and an administrator lifts them.
TEST_P(UserAdmin, AdministratorsSeeAndLiftSignInThrottles) {
  const std::string ip = "127.0.0.7";
  for (int i = 0; i < 5; ++i) {
    auto r = server_->RequestFrom(ip, "POST", "/api/v1/session",
                                  R"({"username":"auditor","password":"Wrong-Passw0rd-1"})");
    ASSERT_EQ(r.status, 401) << r.body;
  }
  auto right = server_->RequestFrom(
      ip, "POST", "/api/v1/session",
      std::string(R"({"username":"auditor","password":")") + kTestPassword + "\"}");
  EXPECT_EQ(right.status, 429) << right.body;
  auto list = Get("admin", "/sign-in-throttles");
  ASSERT_EQ(list.status, 200) << list.body;
  const int64_t auditor = User("auditor").at("id").as_int64();
  bool locked = false, address = false;
  const json::value items = J(list);
  for (const auto& t : items.at("items").as_array()) {
    if (t.at("kind") == "account_at_address" && t.at("username") == "auditor") {
      EXPECT_EQ(t.at("address"), "127.0.0.7");
      EXPECT_EQ(t.at("user_id").as_int64(), auditor);
      EXPECT_EQ(t.at("locks").as_int64(), 1);
      locked = t.at("locked_until").is_string();
    }
    if (t.at("kind") == "address" && t.at("address") == "127.0.0.7") {
      EXPECT_EQ(t.at("failures").as_int64(), 5);
      EXPECT_TRUE(t.at("locked_until").is_null());
      address = true;
    }
  }
  EXPECT_TRUE(locked) << list.body;
  EXPECT_TRUE(address) << list.body;
  as_["auditor2"] = server_->SignIn("auditor", kTestPassword);  // from 127.0.0.1: not locked
  EXPECT_EQ(Get("auditor2", "/sign-in-throttles").status, 403);
  auto unlock = Post("admin", "/users/" + std::to_string(auditor) + "/unlock", "{}");
  ASSERT_EQ(unlock.status, 200) << unlock.body;
  EXPECT_EQ(AuditCount("user.unlock"), 1);
  auto again = server_->RequestFrom(
      ip, "POST", "/api/v1/session",
      std::string(R"({"username":"auditor","password":")") + kTestPassword + "\"}");
  EXPECT_EQ(again.status, 200) << again.body;
  // Another administrator: one's own password first.
  const int64_t admin2 = User("admin2").at("id").as_int64();
  auto bare = Post("admin", "/users/" + std::to_string(admin2) + "/unlock", "{}");
  EXPECT_EQ(Reason(bare), "reauth.required") << bare.body;
  EXPECT_EQ(Post("auditor2", "/users/" + std::to_string(admin2) + "/unlock", "{}").status, 403);
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, UserAdmin, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
