// Change requests (issue 12, Deliver 4; 三（二）3), on SQLite and on PostgreSQL: the institution of
// an approved class files a make-up class, a make-up exam or moved sessions; the changed plan is
// checked against the policy when filed and again when approved; approval changes the class's
// sessions and keeps a new plan version naming the request, refusal changes nothing; versions
// compare; authorisation (404 outside the scope, ids in the body like missing ones); illegal
// states and stale versions are 409; two concurrent decisions never both win.
#include <array>
#include <atomic>
#include <thread>

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
std::string Field(const HttpResult& r) {
  json::value v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("field") ? Str(e.at("field")) : "";
}
std::string Reason(const HttpResult& r) {
  json::value v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  return Str(v.at("error").at("reason"));
}

std::string PersonBody(const std::string& name, const std::string& id) {
  return R"({"name":")" + name + R"(","id_number":")" + id +
         R"(","phone":"13800001234","group":"security_staff"})";
}

json::object Session(const std::string& date, const std::string& start, const std::string& end,
                     int hours, const std::string& kind = "theory",
                     const std::string& delivery = "offline") {
  return json::object{{"date", date}, {"start", start},       {"end", end},     {"hours", hours},
                      {"kind", kind}, {"delivery", delivery}, {"teacher", "t1"}};
}

// Five compliant sessions, Monday 2021-10-11 to Friday 2021-10-15 (20 hours, 8 practical).
std::string Sessions() {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    out.push_back(Session("2021-10-" + std::to_string(11 + i), "08:30", "11:50", 4,
                          i >= 3 ? "practical" : "theory"));
  }
  return json::serialize(out);
}

std::string Makeup(int64_t trainee, const std::string& date = "2021-10-18") {
  return json::serialize(json::object{{"kind", "makeup_class"},
                                      {"reason", "学员因病缺课两次"},
                                      {"sessions", json::array{Session(date, "08:30", "11:50", 4)}},
                                      {"trainee_ids", json::array{trainee}}});
}
std::string Exam() {
  return json::serialize(
      json::object{{"kind", "makeup_exam"},
                   {"reason", "考试未通过"},
                   {"sessions", json::array{Session("2021-10-19", "14:00", "15:40", 2)}}});
}
std::string Move(int seq, const std::string& date, const std::string& start = "08:30",
                 const std::string& end = "11:50") {
  return json::serialize(json::object{
      {"kind", "reschedule"},
      {"reason", "培训场地停电"},
      {"moves",
       json::array{json::object{{"seq", seq}, {"date", date}, {"start", start}, {"end", end}}}}});
}

class ChangeRequests : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    // Today is Friday 2021-10-08: the plan starts on Monday.
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 "2021-10-08T10:00:00+08:00"});
    ASSERT_TRUE(server_->started());
    as_["admin"] = server_->SignIn("admin", testing::kTestPassword);
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    p1_ = Id(Post("inst_a", "/trainees", PersonBody("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", PersonBody("李四", ValidId(12))));
    other_ = Id(Post("inst_b", "/trainees", PersonBody("王五", ValidId(13))));
    cls_ = Class("inst_a", inst_a_, "保安员初级班");
    Declare("inst_a", cls_);
    Approve(cls_);
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
    return server_->Request(method, "/api/v1" + path, body, as_.at(who));
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
  int64_t Class(const std::string& who, int64_t inst, const std::string& title) {
    return Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":")" + title +
                 R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + std::to_string(p1_) + "," + std::to_string(p2_) + "]}"));
  }
  json::value GetClass(int64_t cls) { return J(Get("inst_a", "/classes/" + std::to_string(cls))); }
  int64_t Version(int64_t cls) { return GetClass(cls).at("version").as_int64(); }
  void Declare(const std::string& who, int64_t cls) {
    auto r = Post(who, "/classes/" + std::to_string(cls) + "/declare",
                  R"({"version":)" + std::to_string(Version(cls)) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // Approved by the district's reviewer through the review endpoint.
  void Approve(int64_t cls) {
    auto r = Post(
        "reviewer_a", "/classes/" + std::to_string(cls) + "/review",
        R"({"decision":"approve","reason":"","version":)" + std::to_string(Version(cls)) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(Str(J(r).at("state")), "approved");
  }
  HttpResult File(const std::string& who, int64_t cls, const std::string& body) {
    return Post(who, "/classes/" + std::to_string(cls) + "/change-requests", body);
  }
  HttpResult Decide(const std::string& who, int64_t id, const std::string& decision,
                    const std::string& reason = "") {
    return Post(who, "/change-requests/" + std::to_string(id) + "/decision",
                R"({"decision":")" + decision + R"(","reason":")" + reason + "\"}");
  }
  json::array Versions(int64_t cls) {
    auto r = Get("inst_a", "/classes/" + std::to_string(cls) + "/plan-versions");
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("items").as_array();
  }
  json::value Diff(int64_t cls, int from, int to) {
    auto r = Get("inst_a", "/classes/" + std::to_string(cls) + "/plan-versions/diff?from=" +
                               std::to_string(from) + "&to=" + std::to_string(to));
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r);
  }
  std::string C() const { return std::to_string(cls_); }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  int64_t inst_a_ = 0, inst_b_ = 0, p1_ = 0, p2_ = 0, other_ = 0, cls_ = 0;
};

TEST_P(ChangeRequests, EachKindIsFiledPendingAndListed) {
  auto m = File("inst_a", cls_, Makeup(p1_));
  ASSERT_EQ(m.status, 201) << m.body;
  EXPECT_EQ(Str(J(m).at("state")), "pending");
  EXPECT_EQ(Str(J(m).at("kind_name")), "补课");
  ASSERT_EQ(J(m).at("trainees").as_array().size(), 1u);
  EXPECT_EQ(Str(J(m).at("trainees").at(0).at("name")), "张三");  // its own: in full
  auto e = File("inst_a", cls_, Exam());
  ASSERT_EQ(e.status, 201) << e.body;
  auto r = File("inst_a", cls_, Move(2, "2021-10-20"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(J(r).at("moves").at(0).at("from").at("date")), "2021-10-12");

  auto list = Get("inst_a", "/classes/" + C() + "/change-requests");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(J(list).at("items").as_array().size(), 3u);
  EXPECT_EQ(J(list).at("items").at(0).at("id").as_int64(), J(r).at("id").as_int64());  // newest

  // The reviewer's queue: oldest first, the district's only; names masked for officials.
  auto queue = Get("reviewer_a", "/change-requests?state=pending");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(J(queue).at("items").as_array().size(), 3u);
  EXPECT_EQ(J(queue).at("items").at(0).at("id").as_int64(), J(m).at("id").as_int64());
  EXPECT_EQ(Str(J(queue).at("items").at(0).at("trainees").at(0).at("name")), "张*");
  EXPECT_EQ(J(Get("reviewer_b", "/change-requests?state=pending")).at("items").as_array().size(),
            0u);
  auto wq = J(Get("reviewer_a", "/work-queue"));
  bool found = false;
  for (const auto& q : wq.at("queues").as_array()) {
    if (Str(q.at("id")) == "change_request.pending") {
      found = true;
      EXPECT_EQ(q.at("count").as_int64(), 3);
    }
  }
  EXPECT_TRUE(found) << wq;
  // Filing changes nothing of the class.
  EXPECT_EQ(GetClass(cls_).at("sessions").as_array().size(), 5u);
  EXPECT_EQ(Versions(cls_).size(), 1u);
}

TEST_P(ChangeRequests, ApprovalMakesANewVersionAndRefusalChangesNothing) {
  const int64_t m = Id(File("inst_a", cls_, Makeup(p1_)));
  const int64_t mv = Id(File("inst_a", cls_, Move(2, "2021-10-20")));
  const int64_t ex = Id(File("inst_a", cls_, Exam()));
  const int64_t before = Version(cls_);

  auto a = Decide("reviewer_a", m, "approve");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(Str(J(a).at("state")), "approved");
  EXPECT_EQ(J(a).at("plan_version").as_int64(), 2);
  EXPECT_EQ(GetClass(cls_).at("sessions").as_array().size(), 6u);
  EXPECT_EQ(Str(GetClass(cls_).at("state")), "approved");
  auto versions = Versions(cls_);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_NE(Str(versions[1].at("reason")).find("变更申请 #" + std::to_string(m)), std::string::npos)
      << versions[1];
  EXPECT_EQ(versions[1].at("change_request_id").as_int64(), m);
  EXPECT_EQ(Str(versions[0].at("reason_text")), "申报");
  EXPECT_EQ(Str(versions[1].at("sessions").at(5).at("kind_name")), "理论");
  EXPECT_EQ(Str(versions[1].at("sessions").at(5).at("teacher_name")), "陈老师");
  EXPECT_EQ(versions[1].at("roster").as_array().size(), 2u);
  auto d = Diff(cls_, 1, 2);
  ASSERT_EQ(d.at("sessions_added").as_array().size(), 1u);
  EXPECT_EQ(Str(d.at("sessions_added").at(0).at("date")), "2021-10-18");
  EXPECT_TRUE(d.at("sessions_removed").as_array().empty());
  EXPECT_TRUE(d.at("sessions_moved").as_array().empty());

  auto b = Decide("reviewer_a", mv, "approve");
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(Str(GetClass(cls_).at("sessions").at(1).at("date")), "2021-10-20");
  d = Diff(cls_, 2, 3);
  ASSERT_EQ(d.at("sessions_moved").as_array().size(), 1u);
  EXPECT_EQ(Str(d.at("sessions_moved").at(0).at("from").at("date")), "2021-10-12");
  EXPECT_EQ(Str(d.at("sessions_moved").at(0).at("to").at("date")), "2021-10-20");
  EXPECT_TRUE(d.at("sessions_added").as_array().empty());
  d = Diff(cls_, 1, 3);  // any two versions
  EXPECT_EQ(d.at("sessions_added").as_array().size(), 1u);
  EXPECT_EQ(d.at("sessions_moved").as_array().size(), 1u);

  // Refusal needs a reason and changes nothing but the request.
  const int64_t v = Version(cls_);
  EXPECT_GT(v, before);
  auto no_reason = Decide("reviewer_a", ex, "refuse");
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(Field(no_reason), "reason");
  auto refused = Decide("reviewer_a", ex, "refuse", "补考时间与其他班冲突");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Str(J(refused).at("state")), "refused");
  EXPECT_EQ(Str(J(refused).at("decision_reason")), "补考时间与其他班冲突");
  EXPECT_TRUE(J(refused).at("plan_version").is_null());
  EXPECT_EQ(Version(cls_), v);
  EXPECT_EQ(Versions(cls_).size(), 3u);
  EXPECT_EQ(GetClass(cls_).at("sessions").as_array().size(), 6u);

  // Decided is decided: 409 naming the state.
  auto again = Decide("reviewer_a", ex, "approve");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Field(again), "state");
  EXPECT_NE(again.body.find("未批准"), std::string::npos) << again.body;

  // Every step is in the audit trail.
  auto audit = J(Get("admin", "/audit-events?target_type=change_request&page_size=50"));
  std::multiset<std::string> actions;
  for (const auto& ev : audit.at("items").as_array()) actions.insert(Str(ev.at("action")));
  EXPECT_EQ(actions.count("change_request.create"), 3u) << audit;
  EXPECT_EQ(actions.count("change_request.approve"), 2u);
  EXPECT_EQ(actions.count("change_request.refuse"), 1u);
}

TEST_P(ChangeRequests, AChangeThatBreaksThePolicyIsRefusedWithTheViolations) {
  // A practical session online (PLAN_PRACTICAL_OFFLINE), and one on top of another
  // (PLAN_SESSION_OVERLAP).
  auto online = File(
      "inst_a", cls_,
      json::serialize(json::object{{"kind", "makeup_class"},
                                   {"reason", "补实操"},
                                   {"sessions", json::array{Session("2021-10-18", "08:30", "11:50",
                                                                    4, "practical", "online")}},
                                   {"trainee_ids", json::array{p1_}}}));
  ASSERT_EQ(online.status, 422) << online.body;
  EXPECT_NE(online.body.find("PLAN_PRACTICAL_OFFLINE"), std::string::npos) << online.body;
  auto overlap = File("inst_a", cls_, Move(5, "2021-10-13", "09:00", "12:20"));
  ASSERT_EQ(overlap.status, 422) << overlap.body;
  EXPECT_NE(overlap.body.find("PLAN_SESSION_OVERLAP"), std::string::npos) << overlap.body;
  EXPECT_TRUE(
      J(Get("inst_a", "/classes/" + C() + "/change-requests")).at("items").as_array().empty());

  // Each fine alone, together they collide: the second cannot be approved once the first is.
  const int64_t a = Id(File("inst_a", cls_, Move(4, "2021-10-20")));
  const int64_t b = Id(File("inst_a", cls_, Move(5, "2021-10-20")));
  ASSERT_EQ(Decide("reviewer_a", a, "approve").status, 200);
  const int64_t v = Version(cls_);
  auto second = Decide("reviewer_a", b, "approve");
  ASSERT_EQ(second.status, 422) << second.body;
  EXPECT_NE(second.body.find("PLAN_SESSION_OVERLAP"), std::string::npos) << second.body;
  EXPECT_EQ(Str(J(Get("reviewer_a", "/change-requests/" + std::to_string(b))).at("state")),
            "pending");
  EXPECT_EQ(Version(cls_), v);
  EXPECT_EQ(Versions(cls_).size(), 2u);
}

TEST_P(ChangeRequests, BadInputNamesTheFieldAndChangesNothing) {
  EXPECT_EQ(Field(File("inst_a", cls_, R"({"kind":"other","reason":"x"})")), "kind");
  auto no_trainees =
      File("inst_a", cls_,
           json::serialize(json::object{
               {"kind", "makeup_class"},
               {"reason", "缺课"},
               {"sessions", json::array{Session("2021-10-18", "08:30", "11:50", 4)}}}));
  EXPECT_EQ(no_trainees.status, 400);
  EXPECT_EQ(Field(no_trainees), "trainee_ids");
  EXPECT_EQ(Field(File("inst_a", cls_, Move(9, "2021-10-20"))), "moves[0].seq");
  EXPECT_EQ(Field(File("inst_a", cls_, Makeup(p1_, "2021-10-01"))), "sessions[0].date");
  auto no_reason = File("inst_a", cls_,
                        R"({"kind":"reschedule","moves":[{"seq":2,)"
                        R"("date":"2021-10-20","start":"08:30","end":"11:50"}]})");
  EXPECT_EQ(Field(no_reason), "reason");
  EXPECT_TRUE(
      J(Get("inst_a", "/classes/" + C() + "/change-requests")).at("items").as_array().empty());
}

TEST_P(ChangeRequests, AuthorisationHidesWhatIsNotInScope) {
  const int64_t id = Id(File("inst_a", cls_, Makeup(p1_)));
  const std::string cr = "/change-requests/" + std::to_string(id);
  // Another institution: the class does not exist for it, word for word as a missing one.
  auto foreign = File("inst_b", cls_, Makeup(p1_));
  auto missing = File("inst_b", 999999, Makeup(p1_));
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Reason(foreign), Reason(missing));
  EXPECT_EQ(Get("inst_b", "/classes/" + C() + "/change-requests").status, 404);
  EXPECT_EQ(Get("inst_b", cr).status, 404);
  // Another district's reviewer: 404 for the request, its decision and the class's list.
  EXPECT_EQ(Get("reviewer_b", cr).status, 404);
  auto rb = Decide("reviewer_b", id, "approve");
  auto rb_missing = Decide("reviewer_b", 999999, "approve");
  EXPECT_EQ(rb.status, 404) << rb.body;
  EXPECT_EQ(Str(J(rb).at("error").at("message")), "变更申请 " + std::to_string(id) + " 不存在");
  EXPECT_EQ(Str(J(rb_missing).at("error").at("message")), "变更申请 999999 不存在");
  EXPECT_EQ(Reason(rb), Reason(rb_missing));
  // Roles: the institution does not decide, the reviewer does not file; nobody anonymous.
  EXPECT_EQ(Decide("inst_a", id, "approve").status, 403);
  EXPECT_EQ(File("reviewer_a", cls_, Makeup(p1_)).status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + cr, "", Headers{}).status, 401);
  EXPECT_EQ(server_->Request("GET", "/api/v1/change-requests", "", Headers{}).status, 401);
  // An id in the body: another institution's person answers like a missing one.
  auto stranger = File("inst_a", cls_, Makeup(other_));
  auto nobody = File("inst_a", cls_, Makeup(123456789));
  EXPECT_EQ(stranger.status, 404) << stranger.body;
  EXPECT_EQ(nobody.status, 404);
  EXPECT_EQ(Field(stranger), "trainee_ids[0]");
  EXPECT_EQ(Field(nobody), "trainee_ids[0]");
  EXPECT_EQ(Reason(stranger), Reason(nobody));
  // The reviewer of the district and the city bureau see it; the request is still pending.
  EXPECT_EQ(Get("reviewer_a", cr).status, 200);
  EXPECT_EQ(Str(J(Get("admin", cr)).at("state")), "pending");
  EXPECT_EQ(Get("inst_b", "/classes/" + C() + "/plan-versions/diff?from=1&to=1").status, 404);
}

TEST_P(ChangeRequests, IllegalStatesAndStaleVersionsAre409) {
  // Only an approved class takes change requests.
  const int64_t draft = Class("inst_a", inst_a_, "草稿班");
  auto d = File("inst_a", draft, Makeup(p1_));
  EXPECT_EQ(d.status, 409) << d.body;
  EXPECT_EQ(Field(d), "state");
  EXPECT_NE(d.body.find("草稿"), std::string::npos) << d.body;
  Declare("inst_a", draft);
  EXPECT_EQ(Field(File("inst_a", draft, Makeup(p1_))), "state");
  // A stale class version.
  json::object body = json::parse(Makeup(p1_)).as_object();
  body["version"] = Version(cls_) - 1;
  auto stale = File("inst_a", cls_, json::serialize(body));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Field(stale), "version");
  body["version"] = Version(cls_);
  ASSERT_EQ(File("inst_a", cls_, json::serialize(body)).status, 201);
  // A stale decision version.
  const int64_t id = Id(File("inst_a", cls_, Exam()));
  auto old = Post("reviewer_a", "/change-requests/" + std::to_string(id) + "/decision",
                  R"({"decision":"approve","version":7})");
  EXPECT_EQ(old.status, 409) << old.body;
  EXPECT_EQ(Field(old), "version");
  // Unknown diff versions name the parameter.
  auto r = Get("inst_a", "/classes/" + C() + "/plan-versions/diff?from=1&to=9");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Field(r), "to");
  EXPECT_EQ(Field(Get("inst_a", "/classes/" + C() + "/plan-versions/diff?from=x&to=1")), "from");
}

TEST_P(ChangeRequests, TwoConcurrentDecisionsNeverBothWin) {
  for (int round = 0; round < 3; ++round) {
    const int64_t id =
        Id(File("inst_a", cls_, Move(3 + round, "2021-10-2" + std::to_string(round))));
    std::atomic<int> ok{0}, conflict{0};
    std::array<std::string, 2> answers;
    std::vector<std::thread> threads;
    for (size_t i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        auto r = Decide(i == 0 ? "reviewer_a" : "admin", id, "approve");
        answers.at(i) = std::to_string(r.status) + " " + r.body;
        if (r.status == 200) ++ok;
        if (r.status == 409) ++conflict;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round << "\n" << answers[0] << "\n" << answers[1];
    EXPECT_EQ(conflict.load(), 1) << "round " << round << "\n" << answers[0] << "\n" << answers[1];
  }
  EXPECT_EQ(Versions(cls_).size(), 4u);  // the declaration and three approvals, no more
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeRequests, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
