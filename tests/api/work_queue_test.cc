// Work queues (issue 11, Deliver 1), on SQLite and on PostgreSQL: each role's to-dos from
// GET /api/v1/work-queue — which queues a role gets, what is in them, oldest first, with the
// waiting time; and that neither an item nor a count crosses an institution's or a district's
// scope.
#include <set>

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

std::string PersonBody(const std::string& name, const std::string& id) {
  return R"({"name":")" + name + R"(","id_number":")" + id +
         R"(","phone":"13800001234","group":"security_staff"})";
}

// Sessions of a compliant plan in October 2021.
std::string Sessions() {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    out.push_back(json::object{{"date", "2021-10-" + std::to_string(11 + i)},
                               {"start", "08:30"},
                               {"end", "11:30"},
                               {"hours", 4},
                               {"kind", i >= 3 ? "practical" : "theory"},
                               {"delivery", "offline"},
                               {"teacher", "t1"}});
  }
  return json::serialize(out);
}

// A legacy credit code: a valid one with another check character (held for the city bureau).
std::string LegacyUscc(int n) {
  std::string code = testing::ValidUscc(n);
  code.back() = code.back() == 'Y' ? 'X' : 'Y';
  return code;
}

const std::vector<std::string> kUsers = {"inst_a",     "inst_a2", "inst_b",  "reviewer_a",
                                         "reviewer_b", "hrss",    "finance", "auditor"};

class WorkQueue : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    Start("2021-09-28T10:00:00+08:00");
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_a2_ = Institution("丙校", testing::ValidUscc(3), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    legacy_ = Institution("丁校", LegacyUscc(4), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_a2", "institution", R"("institution_id":)" + std::to_string(inst_a2_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    for (const char* role : {"hrss", "finance", "auditor"}) User(role, role, "");
  }

  void Start(const std::string& clock) {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock", clock});
    ASSERT_TRUE(server_->started());
    // Sessions end by the server's clock: everyone signs in again after a start.
    as_["admin"] = server_->SignIn("admin", testing::kTestPassword);
    for (const auto& name : kUsers) {
      if (as_.count(name)) as_[name] = server_->SignIn(name, testing::kTestPassword);
    }
  }
  int64_t Institution(const std::string& name, const std::string& uscc,
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
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  // A class of the institution `who` belongs to, with a compliant plan and one trainee.
  int64_t Class(const std::string& who, int64_t inst, const std::string& title, int person) {
    auto t = Post(who, "/trainees", PersonBody("学员" + std::to_string(person), ValidId(person)));
    const int64_t trainee = Id(t);
    return Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":")" + title +
                 R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + std::to_string(trainee) + "]}"));
  }
  void Declare(const std::string& who, int64_t cls) {
    auto r = Post(who, "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // A class the district's reviewer sent back (declared, then returned with a reason).
  void MarkReturned(int64_t cls) {
    Declare("inst_a", cls);
    auto r = Post("reviewer_a", "/classes/" + std::to_string(cls) + "/review",
                  R"({"decision":"return","reason":"请补充师资","version":2})");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // The queues of `who` by id.
  std::map<std::string, json::object> Queues(const std::string& who,
                                             const std::string& query = "") {
    auto r = Req(who, "GET", "/work-queue" + query);
    EXPECT_EQ(r.status, 200) << who << " " << r.body;
    std::map<std::string, json::object> out;
    if (r.status != 200) return out;
    const json::value body = J(r);
    for (const auto& q : body.at("queues").as_array()) {
      out[Str(q.at("id"))] = q.as_object();
    }
    return out;
  }
  static std::vector<int64_t> Ids(const json::object& queue) {
    std::vector<int64_t> out;
    for (const auto& i : queue.at("items").as_array()) out.push_back(i.at("id").as_int64());
    return out;
  }
  static std::set<std::string> Keys(const std::map<std::string, json::object>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  int64_t inst_a_ = 0, inst_a2_ = 0, inst_b_ = 0, legacy_ = 0;
};

TEST_P(WorkQueue, EachRoleGetsItsOwnQueues) {
  using Set = std::set<std::string>;
  EXPECT_EQ(Keys(Queues("inst_a")), (Set{"class.drafts", "class.returned", "case.answer"}));
  EXPECT_EQ(Keys(Queues("reviewer_a")),
            (Set{"class.declared", "enrolment.held", "change_request.pending",
                 "attendance_exception.pending", "completion.submitted", "case.open",
                 "objection.open", "publicity.ended"}));
  EXPECT_EQ(Keys(Queues("admin")),
            (Set{"class.declared", "enrolment.held", "change_request.pending",
                 "attendance_exception.pending", "completion.submitted", "institution.uscc_pending",
                 "case.open", "case.decide", "objection.open", "publicity.ended"}));
  EXPECT_EQ(Keys(Queues("hrss")),
            (Set{"blacklist.unacknowledged", "fund_request.submitted", "clawback.outstanding"}));
  EXPECT_EQ(Keys(Queues("finance")), (Set{"fund_request.approved"}));
  // Auditors have no queue.
  EXPECT_TRUE(Queues("auditor").empty());
  // The registry's order is the page's order.
  auto r = J(Req("inst_a", "GET", "/work-queue"));
  EXPECT_EQ(Str(r.at("queues").at(0).at("id")), "class.drafts");
  EXPECT_EQ(Str(r.at("queues").at(0).at("title")), "草稿培训班");

  EXPECT_EQ(server_->Request("GET", "/api/v1/work-queue").status, 401);
  for (const char* bad : {"?limit=0", "?limit=101", "?limit=x"}) {
    auto refused = Req("inst_a", "GET", std::string("/work-queue") + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(Str(J(refused).at("error").at("field")), "limit") << bad;
  }
}

TEST_P(WorkQueue, ClerksSeeTheirOwnDraftsAndReturnedClasses) {
  const int64_t d1 = Class("inst_a", inst_a_, "甲校草稿一", 1);
  const int64_t d2 = Class("inst_a", inst_a_, "甲校草稿二", 2);
  const int64_t back = Class("inst_a", inst_a_, "甲校被退回", 3);
  const int64_t other = Class("inst_a2", inst_a2_, "丙校草稿", 4);
  MarkReturned(back);
  // 丙校 enrols 学员1 (甲校's person) under another name: held for the district's reviewer.
  EXPECT_EQ(Post("inst_a2", "/trainees", PersonBody("王晓明", ValidId(1))).status,
            201);                      // held, answered as any enrolment
  Start("2021-10-01T09:00:00+08:00");  // three days later

  auto a = Queues("inst_a");
  EXPECT_EQ(a["class.drafts"].at("count").as_int64(), 2);
  EXPECT_EQ(Ids(a["class.drafts"]), (std::vector<int64_t>{d1, d2}));  // the oldest first
  const auto& first = a["class.drafts"].at("items").at(0);
  EXPECT_EQ(Str(first.at("kind")), "class");
  EXPECT_EQ(Str(first.at("title")), "甲校草稿一");
  EXPECT_EQ(Str(first.at("link")), "/classes/" + std::to_string(d1));
  EXPECT_EQ(Str(first.at("since")), "2021-09-28T10:00:00+08:00");
  EXPECT_EQ(first.at("waiting_days").as_int64(), 3);
  EXPECT_EQ(Ids(a["class.returned"]), (std::vector<int64_t>{back}));

  auto a2 = Queues("inst_a2");
  EXPECT_EQ(Ids(a2["class.drafts"]), (std::vector<int64_t>{other}));
  EXPECT_EQ(a2["class.returned"].at("count").as_int64(), 0);
  // That 丙校's enrolment is held is the reviewers' only: no queue of its own shows it.
  EXPECT_FALSE(a2.count("enrolment.held_own"));
  EXPECT_EQ(Queues("reviewer_a")["enrolment.held"].at("count").as_int64(), 1);

  // The limit bounds the items, never the count.
  auto one = Queues("inst_a", "?limit=1");
  EXPECT_EQ(one["class.drafts"].at("count").as_int64(), 2);
  EXPECT_EQ(Ids(one["class.drafts"]), (std::vector<int64_t>{d1}));
}

TEST_P(WorkQueue, ReviewersSeeTheirDistrictsDeclarationsOldestFirst) {
  // 乙校's class is created first but declared three days after 甲校's.
  const int64_t b = Class("inst_b", inst_b_, "乙校第一期", 11);
  const int64_t a = Class("inst_a", inst_a_, "甲校第一期", 12);
  Declare("inst_a", a);
  EXPECT_EQ(Post("inst_a2", "/trainees", PersonBody("欧阳", ValidId(12))).status,
            201);  // held, answered as any enrolment
  Start("2021-10-01T09:00:00+08:00");
  Declare("inst_b", b);
  // 乙校 enrols 甲校's person under another name: held for district 350582, not 350503.
  EXPECT_EQ(Post("inst_b", "/trainees", PersonBody("李四", ValidId(12))).status,
            201);  // held, answered as any enrolment

  auto ra = Queues("reviewer_a");
  EXPECT_EQ(ra["class.declared"].at("count").as_int64(), 1);
  ASSERT_EQ(Ids(ra["class.declared"]), (std::vector<int64_t>{a}));
  const auto& item = ra["class.declared"].at("items").at(0);
  EXPECT_EQ(Str(item.at("detail")), "甲校");
  EXPECT_EQ(Str(item.at("since")), "2021-09-28T10:00:00+08:00");  // the declaration
  EXPECT_EQ(item.at("waiting_days").as_int64(), 3);
  EXPECT_EQ(Str(item.at("link")), "/classes/" + std::to_string(a));
  EXPECT_EQ(ra["enrolment.held"].at("count").as_int64(), 1);
  EXPECT_EQ(Str(ra["enrolment.held"].at("items").at(0).at("link")), "/held-enrolments");

  auto rb = Queues("reviewer_b");
  EXPECT_EQ(Ids(rb["class.declared"]), (std::vector<int64_t>{b}));
  EXPECT_EQ(rb["class.declared"].at("items").at(0).at("waiting_days").as_int64(), 0);
  EXPECT_EQ(rb["enrolment.held"].at("count").as_int64(), 1);

  // The city bureau: the whole city, the oldest declaration first (not the lowest id).
  auto admin = Queues("admin");
  EXPECT_EQ(admin["class.declared"].at("count").as_int64(), 2);
  EXPECT_EQ(Ids(admin["class.declared"]), (std::vector<int64_t>{a, b}));
  EXPECT_EQ(admin["enrolment.held"].at("count").as_int64(), 2);

  // A declared class has left its institution's drafts.
  EXPECT_EQ(Queues("inst_a")["class.drafts"].at("count").as_int64(), 0);

  // The first session (2021-10-11) ten days off: no warning; two days off, and past: warned.
  EXPECT_EQ(Str(admin["class.declared"].at("items").at(0).at("warning")), "");
  Start("2021-10-09T09:00:00+08:00");
  EXPECT_EQ(Str(Queues("reviewer_a")["class.declared"].at("items").at(0).at("warning")),
            "距首次课（2021-10-11）还有 2 天");
  Start("2021-10-12T09:00:00+08:00");
  EXPECT_EQ(Str(Queues("reviewer_a")["class.declared"].at("items").at(0).at("warning")),
            "首次课（2021-10-11）已过，尚未审核");
  // Decided, it leaves the reviewer's queue (app/review.h).
  auto decided = Post("reviewer_a", "/classes/" + std::to_string(a) + "/review",
                      R"({"decision":"approve","version":2})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Queues("reviewer_a")["class.declared"].at("count").as_int64(), 0);
}

TEST_P(WorkQueue, TheCityBureauConfirmsLegacyCreditCodes) {
  auto admin = Queues("admin");
  ASSERT_EQ(Ids(admin["institution.uscc_pending"]), (std::vector<int64_t>{legacy_}));
  const auto& item = admin["institution.uscc_pending"].at("items").at(0);
  EXPECT_EQ(Str(item.at("title")), "丁校");
  EXPECT_EQ(Str(item.at("link")), "/institutions/" + std::to_string(legacy_));
  // Confirmed, it leaves the queue.
  auto r = Post("admin", "/institutions/" + std::to_string(legacy_) + "/uscc-decision",
                R"({"decision":"confirm","reason":"核对营业执照原件","version":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Queues("admin")["institution.uscc_pending"].at("count").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkQueue, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
