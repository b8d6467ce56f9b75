// Online learning (issue 14, Deliver 4) through the real server on SQLite and PostgreSQL: the
// platform registry 人社 keeps, each approved platform's tokens (shown once, stored hashed,
// revocable), the platform a class uses, a platform pushing learning records for its own classes
// only (each bad record refused with its reason, all or nothing, duplicates ignored), and the
// online hours joining each trainee's hours.
#include <boost/json.hpp>

#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::ValidId;
using Headers = std::map<std::string, std::string>;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}
std::string Str(const json::value& v) { return std::string(v.as_string()); }
std::string ErrorPart(const HttpResult& r, const char* key) {
  auto v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains(key) && e.at(key).is_string() ? Str(e.at(key)) : "";
}
std::string Field(const HttpResult& r) { return ErrorPart(r, "field"); }
std::string Reason(const HttpResult& r) { return ErrorPart(r, "reason"); }

// Five sessions 2021-10-11..15, 08:30–11:30, 4 hours each: 1–2 online theory, 3 offline theory,
// 4–5 practical (8 online hours of 20: 40 %).
std::string Sessions() {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    out.push_back(json::object{{"date", "2021-10-1" + std::to_string(1 + i)},
                               {"start", "08:30"},
                               {"end", "11:30"},
                               {"hours", 4},
                               {"kind", i >= 3 ? "practical" : "theory"},
                               {"delivery", i < 2 ? "online" : "offline"},
                               {"teacher", "t1"}});
  }
  return json::serialize(out);
}

class Online : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 "2021-09-28T10:00:00+08:00"});
    ASSERT_TRUE(server_->started());
    as_["admin"] = server_->SignIn("admin", testing::kTestPassword);
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("hrss", "hrss", "");
    cls_a_ = Approved("inst_a", "reviewer_a", inst_a_, 10);
    person_a_ = trainee_;
  }

  int64_t Institution(const std::string& name, const std::string& uscc,
                      const std::string& district) {
    const int64_t id = Id(Post("admin", "/institutions",
                               R"({"name":")" + name + R"(","uscc":")" + uscc +
                                   R"(","district_code":")" + district + "\"}"));
    teachers_[id] =
        Id(Post("admin", "/teachers",
                R"({"institution_id":)" + std::to_string(id) + R"(,"name":"陈老师","id_number":")" +
                    ValidId(900 + static_cast<int>(id % 50), 1975) + "\"}"));
    return id;
  }
  void User(const std::string& name, const std::string& role, const std::string& scope) {
    auto r = Post("admin", "/users",
                  R"({"username":")" + name + R"(","roles":[")" + role + R"("],"password":")" +
                      testing::kTestPassword + "\"" + (scope.empty() ? "" : "," + scope) + "}");
    ASSERT_EQ(r.status, 201) << r.body;
    as_[name] = server_->SignIn(name, testing::kTestPassword);
  }
  HttpResult Req(const std::string& who, const std::string& method, const std::string& path,
                 const std::string& body = {}) {
    return server_->Request(method, "/api/v1" + path, body, as_[who]);
  }
  HttpResult Post(const std::string& who, const std::string& path, const std::string& body) {
    return Req(who, "POST", path, body);
  }
  HttpResult Get(const std::string& who, const std::string& path) { return Req(who, "GET", path); }
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  int64_t Approved(const std::string& who, const std::string& reviewer, int64_t inst, int person) {
    trainee_ =
        Id(Post(who, "/trainees",
                R"({"name":"学员)" + std::to_string(person) + R"(","id_number":")" +
                    ValidId(person) + R"(","phone":"13800001234","group":"security_staff"})"));
    const int64_t cls = Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":"线上班","venue":{"address":"丰泽区"},)"
                 R"("teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + std::to_string(trainee_) + "]}"));
    auto d = Post(who, "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    EXPECT_EQ(d.status, 200) << d.body;
    auto r = Post(reviewer, "/classes/" + std::to_string(cls) + "/review",
                  R"({"decision":"approve","reason":"","version":)" +
                      std::to_string(J(d).at("version").as_int64()) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    return cls;
  }
  int64_t AuditCount(const std::string& action) {
    auto r = Get("admin", "/audit-events?action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("total").as_int64();
  }
  // A platform approved by 人社 with one token; returns {platform id, token}.
  std::pair<int64_t, std::string> PlatformWithToken(const std::string& name) {
    const int64_t id = Id(
        Post("hrss", "/online-platforms", R"({"name":")" + name + R"(","approved_by_hrss":true})"));
    auto t = Post("hrss", "/online-platforms/" + std::to_string(id) + "/tokens",
                  R"({"name":"正式环境"})");
    EXPECT_EQ(t.status, 201) << t.body;
    return {id, Str(J(t).at("token"))};
  }
  HttpResult Push(const std::string& token, const std::string& body) {
    return server_->Request("POST", "/api/v1/platform/learning-records", body,
                            Headers{{"Authorization", "Bearer " + token}});
  }
  static std::string Record(int person, const std::string& day, const std::string& from,
                            const std::string& to, int minutes, int hours, int faces,
                            const std::string& course = "安全防范基础",
                            const std::string& phone = "13800001234") {
    return R"({"id_number":")" + ValidId(person) + R"(","name":"学员)" + std::to_string(person) +
           R"(","phone":")" + phone + R"(","course":")" + course + R"(","started_at":")" + day +
           "T" + from + R"(:00+08:00","ended_at":")" + day + "T" + to + R"(:00+08:00","minutes":)" +
           std::to_string(minutes) + R"(,"class_hours":)" + std::to_string(hours) +
           R"(,"face_captures":)" + std::to_string(faces) + "}";
  }
  std::string Body(int64_t cls, const std::string& records) {
    return R"({"class_id":)" + std::to_string(cls) + R"(,"records":[)" + records + "]}";
  }
  HttpResult Choose(const std::string& who, int64_t cls, const std::string& platform) {
    return Req(who, "PUT", "/classes/" + std::to_string(cls) + "/online-platform",
               R"({"platform_id":)" + platform + "}");
  }
  int64_t Attended(int64_t cls, int64_t person) {
    auto h = J(Get("inst_a", "/classes/" + std::to_string(cls) + "/hours"));
    for (const auto& t : h.at("trainees").as_array()) {
      if (t.at("person_id").as_int64() == person) return t.at("attended_hours").as_int64();
    }
    return -1;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  int64_t inst_a_ = 0, inst_b_ = 0, cls_a_ = 0, person_a_ = 0, trainee_ = 0;
};

TEST_P(Online, RegistryKeptByHrssWithTheKnownApprovedPlatformSeeded) {
  auto list = J(Get("inst_a", "/online-platforms"));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(list.at("items").at(0).at("name")), "中国职业培训在线");
  EXPECT_TRUE(list.at("items").at(0).at("approved_by_hrss").as_bool());
  auto created = Post("hrss", "/online-platforms", R"({"name":" 泉州安保学堂 "})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Str(J(created).at("name")), "泉州安保学堂");
  EXPECT_FALSE(J(created).at("approved_by_hrss").as_bool());
  const std::string id = std::to_string(J(created).at("id").as_int64());
  // Names are unique; bad input names its field; only 人社 keeps the registry.
  auto again = Post("hrss", "/online-platforms", R"({"name":"泉州安保学堂"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "online.platform_exists");
  EXPECT_EQ(Field(Post("hrss", "/online-platforms", R"({"name":"  "})")), "name");
  EXPECT_EQ(Field(Post("hrss", "/online-platforms", R"({"name":"x","active":"yes"})")), "active");
  EXPECT_EQ(Post("inst_a", "/online-platforms", R"({"name":"机构自建"})").status, 403);
  EXPECT_EQ(Post("admin", "/online-platforms", R"({"name":"公安自建"})").status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1/online-platforms").status, 401);
  auto patched = Req("hrss", "PATCH", "/online-platforms/" + id,
                     R"({"approved_by_hrss":true,"name":"泉州安保云课堂","version":1})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(J(patched).at("approved_by_hrss").as_bool());
  EXPECT_EQ(J(patched).at("version").as_int64(), 2);
  auto stale = Req("hrss", "PATCH", "/online-platforms/" + id, R"({"active":false,"version":1})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Req("hrss", "PATCH", "/online-platforms/99999", R"({"active":false})").status, 404);
  EXPECT_EQ(AuditCount("online_platform.create"), 1);
  EXPECT_EQ(AuditCount("online_platform.update"), 1);
  EXPECT_EQ(J(Get("reviewer_a", "/online-platforms")).at("items").as_array().size(), 2u);
}

TEST_P(Online, TokensAreShownOnceListedWithoutSecretsAndRevocable) {
  auto [platform, token] = PlatformWithToken("甲平台");
  EXPECT_GE(token.size(), 32u);
  const std::string base = "/online-platforms/" + std::to_string(platform) + "/tokens";
  auto list = Get("hrss", base);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(J(list).at("items").as_array().size(), 1u);
  EXPECT_EQ(list.body.find(token), std::string::npos);
  EXPECT_FALSE(J(list).at("items").at(0).as_object().contains("token"));
  EXPECT_EQ(Get("inst_a", base).status, 403);
  // A platform that is not approved gets no token: its records come as imported tables.
  const int64_t other = Id(Post("hrss", "/online-platforms", R"({"name":"乙平台"})"));
  auto refused =
      Post("hrss", "/online-platforms/" + std::to_string(other) + "/tokens", R"({"name":"x"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(Reason(refused), "online.platform_not_approved");
  EXPECT_EQ(Post("hrss", "/online-platforms/99999/tokens", R"({"name":"x"})").status, 404);
  // The token authenticates a push for a class that uses the platform.
  ASSERT_EQ(Choose("inst_a", cls_a_, std::to_string(platform)).status, 200);
  EXPECT_EQ(Push(token, Body(cls_a_, Record(10, "2021-10-11", "08:30", "11:30", 180, 4, 8))).status,
            200);
  const std::string tid = std::to_string(J(list).at("items").at(0).at("id").as_int64());
  // Revoking through another platform's path is a missing token.
  EXPECT_EQ(
      Req("hrss", "DELETE", "/online-platforms/" + std::to_string(other) + "/tokens/" + tid).status,
      404);
  auto revoked = Req("hrss", "DELETE", base + "/" + tid);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(J(revoked).at("revoked_at").is_null());
  auto after = Push(token, Body(cls_a_, Record(10, "2021-10-12", "08:30", "11:30", 180, 4, 8)));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(Push("not-a-token", Body(cls_a_, "")).status, 401);
  EXPECT_EQ(AuditCount("online_platform.token"), 1);
  EXPECT_EQ(AuditCount("online_platform.token_revoke"), 1);
}

TEST_P(Online, APlatformPushesOnlyForTheClassesThatUseIt) {
  auto [platform, token] = PlatformWithToken("甲平台");
  auto [other, other_token] = PlatformWithToken("丙平台");
  const std::string record = Record(10, "2021-10-11", "08:30", "11:30", 180, 4, 8);
  // No platform chosen yet: the class is hidden from every platform.
  EXPECT_EQ(Push(token, Body(cls_a_, record)).status, 404);
  // Only the class's institution chooses, and only an active platform.
  EXPECT_EQ(Choose("inst_b", cls_a_, std::to_string(platform)).status, 404);
  EXPECT_EQ(Choose("reviewer_a", cls_a_, std::to_string(platform)).status, 403);
  EXPECT_EQ(Field(Choose("inst_a", cls_a_, "99999")), "platform_id");
  auto chosen = Choose("inst_a", cls_a_, std::to_string(platform));
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(Str(J(chosen).at("platform").at("name")), "甲平台");
  EXPECT_EQ(Str(J(Get("reviewer_a", "/classes/" + std::to_string(cls_a_) + "/online-platform"))
                    .at("platform")
                    .at("name")),
            "甲平台");
  EXPECT_EQ(Get("inst_b", "/classes/" + std::to_string(cls_a_) + "/online-platform").status, 404);
  // Another platform's token, a missing class: 404 alike. A staff session cannot push.
  auto wrong = Push(other_token, Body(cls_a_, record));
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(Push(token, Body(99999, record)).status, 404);
  EXPECT_EQ(Post("inst_a", "/platform/learning-records", Body(cls_a_, record)).status, 403);
  EXPECT_EQ(
      server_->Request("POST", "/api/v1/platform/learning-records", Body(cls_a_, record)).status,
      401);
  auto ok = Push(token, Body(cls_a_, record));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(J(ok).at("accepted").as_int64(), 1);
  EXPECT_EQ(AuditCount("online.push"), 1);
  EXPECT_EQ(AuditCount("class.online_platform"), 1);
}

TEST_P(Online, EachBadRecordIsRefusedWithItsReasonAndNothingIsKept) {
  auto [platform, token] = PlatformWithToken("甲平台");
  ASSERT_EQ(Choose("inst_a", cls_a_, std::to_string(platform)).status, 200);
  const std::string good = Record(10, "2021-10-11", "08:30", "11:30", 180, 4, 8);
  struct Case {
    std::string record, reason, column;
  };
  const std::vector<Case> cases = {
      {R"({"id_number":"350503199001011235","name":"甲","phone":"13800001234","course":"c",)"
       R"("started_at":"2021-10-12 08:30","ended_at":"2021-10-12 11:30","minutes":180,)"
       R"("class_hours":4,"face_captures":8})",
       "online.id_invalid", "身份证号"},
      {Record(77, "2021-10-12", "08:30", "11:30", 180, 4, 8), "online.not_on_roster", "身份证号"},
      {Record(10, "2021-10-12", "08:30", "11:30", 180, 4, 8, "c", "12345"), "online.phone_invalid",
       "手机号"},
      {Record(10, "2021-10-20", "08:30", "11:30", 180, 4, 8), "online.outside_period",
       "学习结束时间"},
      {Record(10, "2021-10-12", "08:30", "11:30", 170, 4, 8), "online.minutes_short",
       "学习时长（分钟）"},
      {Record(10, "2021-10-12", "08:30", "11:30", 180, 4, 7), "online.faces_short", "人脸抓拍次数"},
      {Record(10, "2021-10-12", "08:30", "10:30", 180, 4, 8), "online.exceeds_span",
       "学习时长（分钟）"},
      {Record(10, "2021-10-11", "10:00", "13:00", 180, 4, 8, "另一课程"), "online.overlap_online",
       "学习开始时间"},
  };
  for (const auto& c : cases) {
    auto r = Push(token, Body(cls_a_, good + "," + c.record));
    ASSERT_EQ(r.status, 422) << c.reason << " " << r.body;
    auto v = J(r);
    EXPECT_EQ(Str(v.at("error").at("reason")), "online.records_refused");
    bool found = false;
    for (const auto& p : v.at("problems").as_array()) {
      if (Str(p.at("reason")) == c.reason) {
        found = true;
        EXPECT_EQ(p.at("row").as_int64(), 2) << c.reason;
        EXPECT_EQ(Str(p.at("column")), c.column) << c.reason;
        EXPECT_FALSE(Str(p.at("message")).empty());
      }
    }
    EXPECT_TRUE(found) << c.reason << " " << r.body;
  }
  // Nothing of the refused pushes was kept; bad JSON names its field.
  EXPECT_EQ(Attended(cls_a_, person_a_), 0);
  EXPECT_EQ(Field(Push(token, R"({"class_id":1,"records":[{"minutes":"x"}]})")),
            "records[0].minutes");
  EXPECT_EQ(Field(Push(token, R"({"class_id":1,"records":[{"started_at":"昨天"}]})")),
            "records[0].started_at");
  EXPECT_EQ(AuditCount("online.push"), 0);
}

TEST_P(Online, OnlineHoursJoinEachTraineesHoursAndDuplicatesAreIgnored) {
  auto [platform, token] = PlatformWithToken("甲平台");
  ASSERT_EQ(Choose("inst_a", cls_a_, std::to_string(platform)).status, 200);
  EXPECT_EQ(Attended(cls_a_, person_a_), 0);
  const std::string first = Record(10, "2021-10-11", "08:30", "11:30", 180, 4, 8);
  auto r = Push(token, Body(cls_a_, first));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Attended(cls_a_, person_a_), 4);
  // The same record again is a duplicate, not more hours.
  auto again = Push(
      token, Body(cls_a_,
                  first + "," + Record(10, "2021-10-12", "14:00", "17:00", 180, 4, 8, "法律法规")));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(J(again).at("accepted").as_int64(), 1);
  EXPECT_EQ(J(again).at("duplicates").as_int64(), 1);
  EXPECT_EQ(Attended(cls_a_, person_a_), 8);
  // Online hours fill the online sessions only (8 of them): more is not credited.
  auto more =
      Push(token, Body(cls_a_, Record(10, "2021-10-13", "14:00", "17:00", 180, 4, 8, "职业道德")));
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(Attended(cls_a_, person_a_), 8);
  auto h = J(Get("reviewer_a", "/classes/" + std::to_string(cls_a_) + "/hours"));
  const auto& sessions = h.at("trainees").at(0).at("sessions").as_array();
  EXPECT_EQ(Str(sessions.at(0).at("source")), "online");
  EXPECT_EQ(sessions.at(1).at("earned").as_int64(), 4);
  EXPECT_EQ(sessions.at(2).at("earned").as_int64(), 0);
  auto online = J(Get("reviewer_a", "/classes/" + std::to_string(cls_a_) + "/online-records"));
  EXPECT_EQ(online.at("planned_online_hours").as_int64(), 8);
  EXPECT_EQ(online.at("trainees").at(0).at("class_hours").as_int64(), 12);
  EXPECT_EQ(online.at("records").as_array().size(), 3u);
  EXPECT_EQ(Get("inst_b", "/classes/" + std::to_string(cls_a_) + "/online-records").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Online, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
