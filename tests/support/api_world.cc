#include "support/api_world.h"

#include "support/accounts.h"
#include "support/fixtures.h"

namespace anpei::testing {

namespace json = boost::json;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}

std::string Str(const json::value& v) { return std::string(v.as_string()); }

std::string Reason(const HttpResult& r) {
  json::value v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("reason") ? Str(e.at("reason")) : "";
}

void ApiWorldTest::BuildWorld(const std::string& now, const std::vector<std::string>& extra_args) {
  db_ = std::make_unique<TestDatabase>(GetParam());
  ANPEI_REQUIRE_DATABASE(*db_);
  ASSERT_EQ(AddUser(*db_, "admin", "police_admin").exit_code, 0);
  clock_ = std::make_unique<TestClock>(now);
  std::vector<std::string> args = {"--db",
                                   db_->url(),
                                   "--key-file",
                                   db_->key_file(),
                                   "--session-idle-minutes",
                                   "100000",
                                   "--session-lifetime-minutes",
                                   "100000"};
  for (const auto& a : clock_->Args()) args.push_back(a);
  for (const auto& a : extra_args) args.push_back(a);
  server_ = std::make_unique<ServerProcess>(args);
  ASSERT_TRUE(server_->started());
  as_["admin"] = server_->SignIn("admin", kTestPassword);
  Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
  Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
  inst_a_ = Institution("甲校", ValidUscc(1), "350503");
  inst_b_ = Institution("乙校", ValidUscc(2), "350582");
  User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
  User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
  User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
  User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
  User("auditor", "auditor", "");
  // A display name: records show who acted by it, not by the user name (FundRequest.hrss_by).
  User("hrss", "hrss", R"("display_name":"市人社局经办人")");
}

std::string ApiWorldTest::Person(const std::string& name, const std::string& id) {
  return R"({"name":")" + name + R"(","id_number":")" + id +
         R"(","phone":"13800001234","group":"security_staff"})";
}

int64_t ApiWorldTest::Institution(const std::string& name, const std::string& uscc,
                                  const std::string& district) {
  const int64_t id = Id(Post("admin", "/institutions",
                             R"({"name":")" + name + R"(","uscc":")" + uscc +
                                 R"(","district_code":")" + district + "\"}"));
  teachers_[id] =
      Id(Post("admin", "/teachers",
              R"({"institution_id":)" + std::to_string(id) + R"(,"name":"陈老师","id_number":")" +
                  ValidId(900 + static_cast<int>(id), 1975) + "\"}"));
  return id;
}

void ApiWorldTest::User(const std::string& name, const std::string& role,
                        const std::string& scope) {
  auto r = Post("admin", "/users",
                R"({"username":")" + name + R"(","roles":[")" + role + R"("],"password":")" +
                    kTestPassword + "\"" + (scope.empty() ? "" : "," + scope) + "}");
  ASSERT_EQ(r.status, 201) << r.body;
  as_[name] = server_->SignIn(name, kTestPassword);
}

HttpResult ApiWorldTest::Req(const Headers& h, const std::string& method, const std::string& path,
                             const std::string& body) {
  return server_->Request(method, "/api/v1" + path, body, h);
}

HttpResult ApiWorldTest::Post(const std::string& who, const std::string& path,
                              const std::string& body) {
  return Req(as_.at(who), "POST", path, body);
}

HttpResult ApiWorldTest::Get(const std::string& who, const std::string& path) {
  return Req(as_.at(who), "GET", path);
}

int64_t ApiWorldTest::AuditCount(const std::string& action) {
  auto r = Get("admin", "/audit-events?action=" + action);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? J(r).at("total").as_int64() : -1;
}

int64_t ApiWorldTest::QueueCount(const std::string& who, const std::string& id) {
  auto r = Get(who, "/work-queue");
  if (r.status != 200) return -2;
  const boost::json::value body = J(r);
  for (const auto& q : body.at("queues").as_array()) {
    if (Str(q.at("id")) == id) return q.at("count").as_int64();
  }
  return -1;
}

int64_t ApiWorldTest::Id(const HttpResult& r) {
  EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
  json::value v = J(r);
  return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
}

int64_t ApiWorldTest::Class(const std::string& who, int64_t inst, const std::string& title,
                            const std::vector<int64_t>& roster, const std::string& start,
                            const std::string& end) {
  json::array sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(json::object{{"date", "2021-10-" + std::to_string(11 + i)},
                                    {"start", start},
                                    {"end", end},
                                    {"hours", 4},
                                    {"kind", i >= 3 ? "practical" : "theory"},
                                    {"delivery", "offline"},
                                    {"teacher", "t1"}});
  }
  json::array people;
  for (int64_t p : roster) people.push_back(p);
  json::object body{
      {"institution_id", inst},
      {"occupation", "security_guard"},
      {"title", title},
      {"venue",
       json::object{{"address", "丰泽区东海街道"}, {"lat", kVenueLat}, {"lng", kVenueLng}}},
      {"teachers", json::array{json::object{{"key", "t1"}, {"teacher_id", teachers_[inst]}}}},
      {"sessions", sessions},
      {"roster", people}};
  return Id(Post(who, "/classes", json::serialize(body)));
}

int64_t ApiWorldTest::Version(const std::string& who, int64_t cls) {
  json::value v = J(Get(who, "/classes/" + std::to_string(cls)));
  EXPECT_TRUE(v.is_object() && v.as_object().contains("version"));
  return v.is_object() && v.as_object().contains("version") ? v.at("version").as_int64() : 0;
}

void ApiWorldTest::Declare(const std::string& who, int64_t cls) {
  auto r = Post(who, "/classes/" + std::to_string(cls) + "/declare",
                R"({"version":)" + std::to_string(Version(who, cls)) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
}

void ApiWorldTest::Approve(const std::string& reviewer, int64_t cls) {
  auto r = Post(reviewer, "/classes/" + std::to_string(cls) + "/review",
                R"({"decision":"approve","reason":"","version":)" +
                    std::to_string(Version(reviewer, cls)) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
}

std::string ApiWorldTest::Qr(const std::string& who, int64_t cls, int seq) {
  auto r = Get(
      who, "/classes/" + std::to_string(cls) + "/sessions/" + std::to_string(seq) + "/qr-token");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? Str(J(r).at("token")) : "";
}

HttpResult ApiWorldTest::Identify(const std::string& token, const std::string& name,
                                  const std::string& id, const std::string& device) {
  return server_->Request(
      "POST", "/api/v1/trainee-sessions",
      json::serialize(json::object{
          {"token", token}, {"name", name}, {"id_number", id}, {"device_id", device}}));
}

Headers ApiWorldTest::Phone(const std::string& token, const std::string& name,
                            const std::string& id, const std::string& device) {
  auto r = Identify(token, name, id, device);
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  const std::string cookie = r.headers["set-cookie"];
  return {{"Cookie", cookie.substr(0, cookie.find(';'))},
          {"X-CSRF-Token", Str(J(r).at("csrf_token"))}};
}

}  // namespace anpei::testing
