// Issue 11, items 4 and 6, against the real server on SQLite and PostgreSQL: the audit trail for
// people (newest first, Chinese operation and role names, display names, filters by time range,
// actor, target type and id with validated parameters, field-level changes with personal data
// masked), a session's 课程内容 (round trip into the class and its plan version, bounds), and the
// one masking rule for people's names (in full for their institution, masked for everyone else).
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
using testing::ValidUscc;

json::value J(const HttpResult& r) { return json::parse(r.body); }
std::string Str(const json::value& v) { return std::string(v.as_string()); }
std::string ErrField(const HttpResult& r) {
  const json::value v = J(r);
  const auto& e = v.at("error").as_object();
  return e.contains("field") ? Str(e.at("field")) : "";
}

// Five compliant sessions in October 2021 (the fixed clock is 2021-09-28); `content` on the first.
std::string Sessions(const std::string& content = "") {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    json::object s{{"date", "2021-10-" + std::to_string(11 + i)},
                   {"start", "08:30"},
                   {"end", "11:30"},
                   {"hours", 4},
                   {"kind", i >= 3 ? "practical" : "theory"},
                   {"delivery", "offline"},
                   {"teacher", "t1"}};
    if (i == 0 && !content.empty()) s["content"] = content;
    out.push_back(std::move(s));
  }
  return json::serialize(out);
}

class AuditPlan : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 "2021-09-28T10:00:00+08:00"});
    ASSERT_TRUE(server_->started());
    admin_ = server_->SignIn("admin", testing::kTestPassword);
    ASSERT_FALSE(admin_.empty());
    Seed();
  }
  HttpResult As(const std::map<std::string, std::string>& who, const std::string& method,
                const std::string& path, const std::string& body = {}) {
    return server_->Request(method, "/api/v1" + path, body, who);
  }
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    return J(r).at("id").as_int64();
  }
  void Seed() {
    ASSERT_EQ(As(admin_, "POST", "/districts", R"({"code":"350503","name":"丰泽区"})").status, 201);
    institution_ = Id(As(admin_, "POST", "/institutions",
                         R"({"name":"泉州安盾保安培训学校","uscc":")" + ValidUscc(1) +
                             R"(","district_code":"350503","address":"丰泽区东海街道"})"));
    teacher_ = Id(As(admin_, "POST", "/teachers",
                     R"({"institution_id":)" + std::to_string(institution_) +
                         R"(,"name":"陈老师","id_number":")" + ValidId(900, 1975) +
                         R"(","qualification":"保安员（高级）"})"));
    ASSERT_EQ(
        As(admin_, "POST", "/users",
           R"({"username":"inst","display_name":"安盾学校","roles":["institution"],)"
           R"("institution_id":)" +
               std::to_string(institution_) + R"(,"password":")" + testing::kTestPassword + "\"}")
            .status,
        201);
    ASSERT_EQ(As(admin_, "POST", "/users",
                 R"({"username":"audit1","display_name":"审计员甲","roles":["auditor"],)"
                 R"("password":")" +
                     std::string(testing::kTestPassword) + "\"}")
                  .status,
              201);
    inst_ = server_->SignIn("inst", testing::kTestPassword);
    auditor_ = server_->SignIn("audit1", testing::kTestPassword);
    ASSERT_FALSE(inst_.empty());
    ASSERT_FALSE(auditor_.empty());
    for (int i = 0; i < 3; ++i) {
      trainees_.push_back(
          Id(As(inst_, "POST", "/trainees",
                R"({"name":"郑明)" + std::to_string(i) + R"(","id_number":")" + ValidId(i) +
                    R"(","phone":"13800001234","group":"security_staff"})")));
    }
  }
  std::string ClassBody(const std::string& sessions, const std::string& extra = "") {
    std::string roster;
    for (int64_t t : trainees_) roster += (roster.empty() ? "" : ",") + std::to_string(t);
    return R"({"institution_id":)" + std::to_string(institution_) +
           R"(,"occupation":"security_guard","title":"2021年第一期保安员培训班",)" +
           R"("venue":{"address":"丰泽区东海街道通港西街168号","lat":24.8869,"lng":118.6432},)" +
           R"("teachers":[{"key":"t1","teacher_id":)" + std::to_string(teacher_) + "}]," +
           R"("sessions":)" + sessions + R"(,"roster":[)" + roster + "]" + extra + "}";
  }
  json::value Events(const std::string& query) {
    auto r = As(auditor_, "GET", "/audit-events?" + query);
    EXPECT_EQ(r.status, 200) << query << " -> " << r.body;
    return r.status == 200 ? J(r) : json::value();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> admin_, inst_, auditor_;
  int64_t institution_ = 0, teacher_ = 0;
  std::vector<int64_t> trainees_;
};

TEST_P(AuditPlan, SessionContentRoundTripsIntoTheClassAndItsPlanVersion) {
  const std::string content = "保安服务管理条例、岗位职责与礼仪";
  auto created = As(inst_, "POST", "/classes", ClassBody(Sessions(content)));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Str(J(created).at("sessions").at(0).at("content")), content);
  // A session without content has no content field (the plan JSON contract stays as it was).
  EXPECT_FALSE(J(created).at("sessions").at(1).as_object().contains("content"));
  const std::string path = "/classes/" + std::to_string(J(created).at("id").as_int64());
  EXPECT_EQ(Str(J(As(inst_, "GET", path)).at("sessions").at(0).at("content")), content);
  ASSERT_EQ(As(inst_, "POST", path + "/declare", R"({"version":1})").status, 200);
  auto versions = J(As(inst_, "GET", path + "/plan-versions"));
  EXPECT_EQ(Str(versions.at("items").at(0).at("plan").at("sessions").at(0).at("content")), content);
  // The plan check accepts it too.
  auto check = As(inst_, "POST", "/plan-checks",
                  R"({"occupation":"security_guard","teachers":[{"id":"t1","name":"陈老师"}],)"
                  R"("sessions":)" +
                      Sessions(content) + "}");
  EXPECT_EQ(check.status, 200) << check.body;
}

TEST_P(AuditPlan, SessionContentIsBoundedAndPrintable) {
  const std::string longest(200, 'x');
  EXPECT_EQ(As(inst_, "POST", "/classes", ClassBody(Sessions(longest))).status, 201);
  for (const std::string& bad : {std::string(201, 'x'), std::string("第一行\n第二行"),
                                 std::string("a\x07"
                                             "b"),
                                 std::string("tab\there")}) {
    auto r = As(inst_, "POST", "/classes", ClassBody(Sessions(bad)));
    EXPECT_EQ(r.status, 400) << bad << " -> " << r.body;
    EXPECT_EQ(ErrField(r), "sessions[0].content") << r.body;
  }
  // 200 Chinese characters are 200 characters, not 600 bytes.
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "课";
  EXPECT_EQ(As(inst_, "POST", "/classes", ClassBody(Sessions(chinese))).status, 201);
  EXPECT_EQ(As(inst_, "POST", "/classes", ClassBody(Sessions(chinese + "课"))).status, 400);
}

TEST_P(AuditPlan, NamesInFullForTheirInstitutionMaskedElsewhere) {
  // The institution's own list and roster: names in full (one rule for both).
  auto own = J(As(inst_, "GET", "/trainees"));
  ASSERT_EQ(own.at("items").as_array().size(), 3u);
  for (const auto& t : own.at("items").as_array()) {
    EXPECT_EQ(Str(t.at("name")).rfind("郑明", 0), 0u) << t;
    EXPECT_NE(Str(t.at("id_number")).find("**********"), std::string::npos);  // still masked
    EXPECT_EQ(Str(t.at("phone")), "138****1234");
  }
  auto created = As(inst_, "POST", "/classes", ClassBody(Sessions()));
  ASSERT_EQ(created.status, 201);
  const std::string path = "/classes/" + std::to_string(J(created).at("id").as_int64());
  const json::value own_class = J(As(inst_, "GET", path));
  for (const auto& e : own_class.at("roster").as_array()) {
    EXPECT_EQ(Str(e.at("name")).rfind("郑明", 0), 0u) << e;
  }
  // An official: masked in the list and the roster alike; in full only in the audited look.
  const json::value listed = J(As(admin_, "GET", "/trainees"));
  for (const auto& t : listed.at("items").as_array()) {
    EXPECT_EQ(Str(t.at("name")), "郑**") << t;
  }
  const json::value seen = J(As(admin_, "GET", path));
  for (const auto& e : seen.at("roster").as_array()) {
    EXPECT_EQ(Str(e.at("name")), "郑**") << e;
  }
  auto one = As(admin_, "GET", "/trainees/" + std::to_string(trainees_[0]));
  EXPECT_EQ(Str(J(one).at("name")), "郑明0");
  // The admin's teacher list names each teacher's institution.
  auto teachers = J(As(admin_, "GET", "/teachers"));
  EXPECT_EQ(Str(teachers.at("items").at(0).at("institution_name")), "泉州安盾保安培训学校");
}

TEST_P(AuditPlan, TheTrailReadsInChineseNewestFirstWithWhatChanged) {
  auto created = As(inst_, "POST", "/classes", ClassBody(Sessions()));
  ASSERT_EQ(created.status, 201);
  const int64_t id = J(created).at("id").as_int64();
  auto edit = As(inst_, "PUT", "/classes/" + std::to_string(id),
                 ClassBody(Sessions("法律法规"), R"(,"version":1)"));
  ASSERT_EQ(edit.status, 200) << edit.body;
  auto trainee = As(inst_, "PUT", "/trainees/" + std::to_string(trainees_[0]),
                    R"({"name":"郑明0","id_number":")" + ValidId(0) +
                        R"(","phone":"13900002222","group":"auxiliary_police","version":1})");
  ASSERT_EQ(trainee.status, 200) << trainee.body;

  // Newest first when asked, each with its Chinese names.
  auto page = Events("order=desc&page_size=50");
  const auto& items = page.at("items").as_array();
  ASSERT_GE(items.size(), 5u);
  EXPECT_GT(items.at(0).at("seq").as_int64(), items.at(1).at("seq").as_int64());
  for (const auto& e : items) {
    EXPECT_FALSE(Str(e.at("action_name")).empty()) << e;
    EXPECT_NE(Str(e.at("action_name")), Str(e.at("action"))) << e;
  }
  auto district = Events("action=district.create");
  EXPECT_EQ(Str(district.at("items").at(0).at("action_name")), "新增辖区");
  EXPECT_EQ(Str(district.at("items").at(0).at("role_name")), "市公安局管理员");

  // The class edit: by the institution's display name and role, with the session change listed.
  auto update = Events("action=class.update");
  ASSERT_EQ(update.at("items").as_array().size(), 1u);
  const auto& u = update.at("items").at(0);
  EXPECT_EQ(Str(u.at("actor_name")), "安盾学校");
  EXPECT_EQ(Str(u.at("role_name")), "培训机构");
  EXPECT_EQ(Str(u.at("action_name")), "修改培训班（教学计划）");
  bool session_changed = false;
  for (const auto& c : u.at("changes").as_array()) {
    if (Str(c.at("field")) == "第 1 次课") {
      session_changed = Str(c.at("after")).find("法律法规") != std::string::npos &&
                        Str(c.at("after")).find("陈老师") != std::string::npos;
    }
  }
  EXPECT_TRUE(session_changed) << u;

  // The trainee edit: the phone changed, masked both sides; the name never in clear.
  auto t = Events("target_type=trainee&target_id=" + std::to_string(trainees_[0]) +
                  "&action=trainee.update");
  ASSERT_EQ(t.at("items").as_array().size(), 1u) << t;
  const std::string changes = json::serialize(t.at("items").at(0).at("changes"));
  EXPECT_NE(changes.find("138****1234"), std::string::npos) << changes;
  EXPECT_NE(changes.find("139****2222"), std::string::npos) << changes;
  EXPECT_NE(changes.find("人员类别"), std::string::npos) << changes;
  EXPECT_EQ(changes.find("13900002222"), std::string::npos) << changes;
  EXPECT_EQ(changes.find(ValidId(0)), std::string::npos) << changes;

  // The one table of names is served, and names every action listed.
  auto table = As(auditor_, "GET", "/audit-actions");
  ASSERT_EQ(table.status, 200);
  EXPECT_NE(table.body.find("\"申报培训班\""), std::string::npos);
  EXPECT_EQ(As(inst_, "GET", "/audit-actions").status, 403);
}

TEST_P(AuditPlan, FiltersByTimeRangeActorAndTargetAndRefusesBadOnes) {
  // The server's events happened on 2021-09-28 (its fixed clock); the first account was added by
  // the command line before, on the real clock (a later day). Each look is audited as it goes.
  const int64_t all = Events("").at("total").as_int64();
  const int64_t that_day = Events("from=2021-09-28&to=2021-09-28").at("total").as_int64();
  const int64_t later = Events("from=2021-09-29").at("total").as_int64();
  EXPECT_EQ(later, 1);  // the admin's account
  EXPECT_EQ(that_day + later, all + 1);
  EXPECT_GT(that_day, 5);
  EXPECT_EQ(Events("to=2021-09-27").at("total").as_int64(), 0);
  auto by_type = Events("target_type=trainee&page_size=100");
  ASSERT_GE(by_type.at("items").as_array().size(), 3u);
  for (const auto& e : by_type.at("items").as_array()) {
    EXPECT_EQ(Str(e.at("target")).rfind("trainee:", 0), 0u) << e;
  }
  auto by_actor =
      Events("actor=inst&target_type=trainee&target_id=" + std::to_string(trainees_[1]));
  ASSERT_EQ(by_actor.at("items").as_array().size(), 1u) << by_actor;
  EXPECT_EQ(Str(by_actor.at("items").at(0).at("action")), "trainee.enrol");
  struct Bad {
    const char* query;
    const char* field;
  } cases[] = {{"from=2021-13-01", "from"},
               {"to=yesterday", "to"},
               {"from=2021-09-28&to=2021-09-27", "to"},
               {"target_type=Class", "target_type"},
               {"target_id=5", "target_type"},
               {"target_type=class&target_id=5:6", "target_id"},
               {"order=newest", "order"}};
  for (const auto& c : cases) {
    auto r = As(auditor_, "GET", std::string("/audit-events?") + c.query);
    EXPECT_EQ(r.status, 400) << c.query << " -> " << r.body;
    EXPECT_EQ(ErrField(r), c.field) << c.query << " -> " << r.body;
    auto csv = As(auditor_, "GET", std::string("/audit-events.csv?") + c.query);
    if (std::string(c.field) != "order") {
      EXPECT_EQ(csv.status, 400) << c.query;
    }
  }
  // The export reads in Chinese too.
  auto csv = As(auditor_, "GET", "/audit-events.csv?action=district.create");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("新增辖区"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("辖区名称：— → 丰泽区"), std::string::npos) << csv.body;
}

INSTANTIATE_TEST_SUITE_P(Stores, AuditPlan, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace anpei
