// The review life cycle (issue 12, Deliver 1-2; domain.md §3), on SQLite and on PostgreSQL:
// every legal and illegal transition up to `approved` — declared → approved / returned / rejected,
// returned → declared, declared → draft (withdrawal), deleting a draft — with the decision record
// (reviewer, time, reason, plan version), who may do what, and two reviewers deciding at once.
#include <atomic>
#include <thread>

#include <boost/json.hpp>

#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/pdf_text.h"
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
std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : ""; }
std::string Field(const HttpResult& r) { return Str(J(r).at("error").at("field")); }
std::string Message(const HttpResult& r) { return Str(J(r).at("error").at("message")); }

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

const std::vector<std::string> kUsers = {"inst_a",      "inst_b",     "reviewer_a",
                                         "reviewer_a2", "reviewer_b", "hrss"};

class Review : public ::testing::TestWithParam<std::string> {
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
    User("reviewer_a", "police_reviewer",
         R"("district_code":"350503","display_name":"丰泽审核员")");
    User("reviewer_a2", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    User("hrss", "hrss", "");
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
  // The server again at another fixed time; everyone signs in again.
  void Restart(const std::string& clock) {
    server_.reset();
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock", clock});
    ASSERT_TRUE(server_->started());
    as_["admin"] = server_->SignIn("admin", testing::kTestPassword);
    for (const auto& name : kUsers) as_[name] = server_->SignIn(name, testing::kTestPassword);
  }
  std::vector<int64_t> Listed(const std::string& who, const std::string& query) {
    auto r = Req(who, "GET", "/classes?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    std::vector<int64_t> out;
    const json::value body = J(r);
    if (!body.is_object()) return out;
    for (const auto& c : body.at("items").as_array()) out.push_back(c.at("id").as_int64());
    return out;
  }
  HttpResult Req(const std::string& who, const std::string& method, const std::string& path,
                 const std::string& body = {}) {
    return server_->Request(method, "/api/v1" + path, body, as_[who]);
  }
  HttpResult Post(const std::string& who, const std::string& path, const std::string& body) {
    return Req(who, "POST", path, body);
  }
  static int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  // A draft of institution A (or B) with a compliant plan and one trainee.
  int64_t Class(const std::string& who, int64_t inst, const std::string& title) {
    const int person = ++people_;
    const int64_t trainee =
        Id(Post(who, "/trainees",
                R"({"name":"学员)" + std::to_string(person) + R"(","id_number":")" +
                    ValidId(person) + R"(","phone":"13800001234","group":"security_staff"})"));
    return Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":")" + title +
                 R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + std::to_string(trainee) + "]}"));
  }
  json::value Get(const std::string& who, int64_t cls) {
    auto r = Req(who, "GET", "/classes/" + std::to_string(cls));
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r);
  }
  int64_t Version(int64_t cls) { return Get("inst_a", cls).at("version").as_int64(); }
  std::string State(int64_t cls) { return Str(Get("admin", cls).at("state")); }
  HttpResult Declare(const std::string& who, int64_t cls, int64_t version) {
    return Post(who, "/classes/" + std::to_string(cls) + "/declare",
                R"({"version":)" + std::to_string(version) + "}");
  }
  HttpResult Decide(const std::string& who, int64_t cls, const std::string& decision,
                    const std::string& reason, int64_t version) {
    json::object body{{"decision", decision}, {"version", version}};
    if (!reason.empty()) body["reason"] = reason;
    return Post(who, "/classes/" + std::to_string(cls) + "/review", json::serialize(body));
  }
  HttpResult Withdraw(const std::string& who, int64_t cls, int64_t version) {
    return Post(who, "/classes/" + std::to_string(cls) + "/withdraw",
                R"({"version":)" + std::to_string(version) + "}");
  }
  HttpResult Delete(const std::string& who, int64_t cls, const std::string& version) {
    return Req(who, "DELETE", "/classes/" + std::to_string(cls) + "?version=" + version);
  }
  // A declared class of institution A.
  int64_t Declared(const std::string& title) {
    const int64_t cls = Class("inst_a", inst_a_, title);
    auto r = Declare("inst_a", cls, 1);
    EXPECT_EQ(r.status, 200) << r.body;
    return cls;
  }
  static void ExpectConflict(const HttpResult& r, const std::string& field,
                             const std::string& says) {
    EXPECT_EQ(r.status, 409) << r.body;
    if (r.status != 409) return;
    EXPECT_EQ(Str(J(r).at("error").at("code")), "conflict") << r.body;
    EXPECT_EQ(Field(r), field) << r.body;
    EXPECT_NE(Message(r).find(says), std::string::npos) << r.body;
  }
  std::vector<std::string> AuditActions(int64_t cls) {
    auto r = Req("admin", "GET", "/audit-events?target=class:" + std::to_string(cls));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json::value body = J(r);
    for (const auto& e : body.at("items").as_array()) out.push_back(Str(e.at("action")));
    return out;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  int64_t inst_a_ = 0, inst_b_ = 0;
  int people_ = 0;
};

TEST_P(Review, ReturnWithReasonThenDeclareAgainThenApprove) {
  const int64_t cls = Declared("甲校第一期");
  EXPECT_TRUE(Get("inst_a", cls).at("latest_decision").is_null());
  // Returning and rejecting need reasons; the decision must be one of three.
  auto no_reason = Decide("reviewer_a", cls, "return", "", 2);
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(Field(no_reason), "reason");
  auto blank = Decide("reviewer_a", cls, "reject", "   ", 2);
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(Field(blank), "reason");
  auto long_reason = Decide("reviewer_a", cls, "return", std::string(501 * 3, 'x'), 2);
  EXPECT_EQ(long_reason.status, 400);
  auto bad = Decide("reviewer_a", cls, "maybe", "", 2);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Field(bad), "decision");
  auto no_version = Post("reviewer_a", "/classes/" + std::to_string(cls) + "/review",
                         R"({"decision":"approve"})");
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(Field(no_version), "version");
  EXPECT_EQ(State(cls), "declared");  // refusals change nothing

  // Returned with a reason: the institution sees it, who decided and when.
  auto returned = Decide("reviewer_a", cls, "return", "实操课时安排在夜间，请调整", 2);
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Str(J(returned).at("state")), "returned");
  auto seen = Get("inst_a", cls);
  const auto& d = seen.at("latest_decision");
  ASSERT_TRUE(d.is_object()) << json::serialize(seen);
  EXPECT_EQ(Str(d.at("decision")), "return");
  EXPECT_EQ(Str(d.at("decision_name")), "退回");
  EXPECT_EQ(Str(d.at("reason")), "实操课时安排在夜间，请调整");
  EXPECT_EQ(Str(d.at("reviewer_name")), "丰泽审核员");
  EXPECT_EQ(Str(d.at("decided_at")), "2021-09-28T10:00:00+08:00");
  EXPECT_EQ(d.at("plan_version").as_int64(), 1);
  EXPECT_TRUE(seen.at("editable").as_bool());
  // Deciding again is refused naming the state; so is withdrawing a returned class.
  ExpectConflict(Decide("reviewer_a", cls, "approve", "", 3), "state", "当前状态：已退回");
  ExpectConflict(Withdraw("inst_a", cls, 3), "state", "当前状态：已退回");

  // The institution declares again: a second plan version; the reviewer approves that one.
  auto again = Declare("inst_a", cls, 3);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Str(J(again).at("state")), "declared");
  ExpectConflict(Decide("reviewer_a", cls, "approve", "", 3), "version", "当前版本 4");
  auto approved = Decide("reviewer_a", cls, "approve", "", 4);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Str(J(approved).at("state")), "approved");
  EXPECT_FALSE(J(approved).at("editable").as_bool());
  EXPECT_EQ(J(approved).at("latest_decision").at("plan_version").as_int64(), 2);
  EXPECT_EQ(Str(J(approved).at("latest_decision").at("decision")), "approve");

  // Every decision, newest first.
  auto list = Req("inst_a", "GET", "/classes/" + std::to_string(cls) + "/decisions");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value listed = J(list);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[0].at("decision")), "approve");
  EXPECT_EQ(Str(items[1].at("decision")), "return");
  EXPECT_EQ(Str(items[1].at("reason")), "实操课时安排在夜间，请调整");

  // Approved is final for these use cases: no decision, withdrawal, declaration, deletion.
  ExpectConflict(Decide("admin", cls, "reject", "重复", 5), "state", "当前状态：已批准");
  ExpectConflict(Withdraw("inst_a", cls, 5), "state", "当前状态：已批准");
  ExpectConflict(Declare("inst_a", cls, 5), "state", "已批准");
  ExpectConflict(Delete("inst_a", cls, "5"), "state", "当前状态：已批准");
  EXPECT_EQ(State(cls), "approved");

  // Each transition is in the audit trail.
  auto actions = AuditActions(cls);
  for (const char* a : {"class.declare", "class.review.return", "class.review.approve"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
}

TEST_P(Review, RejectIsFinalAndTheCityBureauDecidesToo) {
  const int64_t cls = Declared("甲校第二期");
  auto rejected = Decide("admin", cls, "reject", "培训场地不符合要求", 2);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Str(J(rejected).at("state")), "rejected");
  EXPECT_EQ(Str(J(rejected).at("state_name")), "未通过");
  EXPECT_EQ(Str(J(rejected).at("latest_decision").at("decision_name")), "不予批准");
  ExpectConflict(Decide("reviewer_a", cls, "approve", "", 3), "state", "当前状态：未通过");
  ExpectConflict(Declare("inst_a", cls, 3), "state", "未通过");
  ExpectConflict(Withdraw("inst_a", cls, 3), "state", "当前状态：未通过");
  ExpectConflict(Delete("inst_a", cls, "3"), "state", "当前状态：未通过");
  auto actions = AuditActions(cls);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "class.review.reject"), actions.end());
}

TEST_P(Review, WithdrawBeforeADecisionAndDeleteDrafts) {
  const int64_t cls = Declared("甲校第三期");
  ExpectConflict(Withdraw("inst_a", cls, 1), "version", "当前版本 2");
  auto back = Withdraw("inst_a", cls, 2);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Str(J(back).at("state")), "draft");
  EXPECT_TRUE(J(back).at("editable").as_bool());
  EXPECT_TRUE(J(back).at("declared_at").is_null());
  ExpectConflict(Withdraw("inst_a", cls, 3), "state", "当前状态：草稿");
  ExpectConflict(Decide("reviewer_a", cls, "approve", "", 3), "state", "当前状态：草稿");
  // The reviewer's queue no longer has it.
  auto queue = J(Req("reviewer_a", "GET", "/work-queue"));
  for (const auto& q : queue.at("queues").as_array()) {
    if (Str(q.at("id")) == "class.declared") {
      EXPECT_EQ(q.at("count").as_int64(), 0);
    }
  }

  // A draft goes; a declared class does not; versions are checked.
  const int64_t declared = Declared("甲校第四期");
  ExpectConflict(Delete("inst_a", declared, "2"), "state", "当前状态：已申报");
  ExpectConflict(Delete("inst_a", cls, "2"), "version", "当前版本 3");
  auto no_version = Delete("inst_a", cls, "");
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(Field(no_version), "version");
  auto gone = Delete("inst_a", cls, "3");
  EXPECT_EQ(gone.status, 204) << gone.body;
  EXPECT_EQ(Req("inst_a", "GET", "/classes/" + std::to_string(cls)).status, 404);
  EXPECT_EQ(Delete("inst_a", cls, "3").status, 404);
  EXPECT_EQ(State(declared), "declared");
  auto actions = AuditActions(cls);
  for (const char* a : {"class.withdraw", "class.delete"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }

  // A draft with a decision in its history keeps it: returned, declared again, withdrawn.
  ASSERT_EQ(Decide("reviewer_a", declared, "return", "补充师资", 2).status, 200);
  ASSERT_EQ(Declare("inst_a", declared, 3).status, 200);
  ASSERT_EQ(Withdraw("inst_a", declared, 4).status, 200);
  auto kept = Delete("inst_a", declared, "5");
  EXPECT_EQ(kept.status, 409) << kept.body;
  EXPECT_EQ(Str(J(kept).at("error").at("reason")), "class.has_decisions") << kept.body;
}

TEST_P(Review, OnlyTheDistrictsReviewerDecidesAndOnlyTheInstitutionWithdraws) {
  const int64_t cls = Declared("甲校第五期");
  const std::string path = "/classes/" + std::to_string(cls);
  const std::string missing = "/classes/987654321";
  // Another district's reviewer and another institution: the answer of a missing class.
  for (const char* who : {"reviewer_b", "inst_b"}) {
    auto theirs = Decide(who, cls, "approve", "", 2);
    auto none = Post(who, missing + "/review", R"({"decision":"approve","version":2})");
    EXPECT_EQ(theirs.status, 404) << who << " " << theirs.body;
    EXPECT_EQ(none.status, 404);
    EXPECT_EQ(Message(theirs).find(std::to_string(cls)) != std::string::npos,
              Message(none).find("987654321") != std::string::npos);
    EXPECT_EQ(Withdraw(who, cls, 2).status, 404) << who;
    EXPECT_EQ(Req(who, "GET", path + "/decisions").status, 404) << who;
  }
  // The class's own institution, 人社: they see it but may not decide.
  EXPECT_EQ(Decide("inst_a", cls, "approve", "", 2).status, 403);
  EXPECT_EQ(Decide("hrss", cls, "approve", "", 2).status, 403);
  EXPECT_EQ(Withdraw("reviewer_a", cls, 2).status, 403);
  EXPECT_EQ(Withdraw("hrss", cls, 2).status, 403);
  EXPECT_EQ(Delete("reviewer_a", cls, "2").status, 403);
  EXPECT_EQ(
      server_
          ->Request("POST", "/api/v1" + path + "/review", R"({"decision":"approve","version":2})")
          .status,
      401);
  EXPECT_EQ(Req("hrss", "GET", path + "/decisions").status, 200);
  EXPECT_EQ(State(cls), "declared");
  // Path ids that are not ids answer 404 naming the id.
  EXPECT_EQ(
      Post("reviewer_a", "/classes/abc/review", R"({"decision":"approve","version":2})").status,
      404);
  EXPECT_EQ(Decide("reviewer_a", cls, "approve", "", 2).status, 200);
}

TEST_P(Review, TwoReviewersDecidingAtOnceNeverBothWin) {
  for (int round = 0; round < 3; ++round) {
    const int64_t cls = Declared("并发第" + std::to_string(round) + "期");
    std::atomic<int> ok{0}, conflict{0}, other{0};
    std::vector<std::thread> threads;
    const std::vector<std::pair<std::string, std::string>> deciders = {
        {"reviewer_a", "approve"}, {"reviewer_a2", "return"}, {"admin", "reject"}};
    const std::string path = "/api/v1/classes/" + std::to_string(cls) + "/review";
    for (const auto& [who, decision] : deciders) {
      // Each thread its own copies: the fixture's maps are not touched concurrently.
      const Headers headers = as_[who];
      const std::string body =
          R"({"decision":")" + decision + R"(","reason":"并发测试","version":2})";
      threads.emplace_back([&ok, &conflict, &other, this, path, headers, body] {
        auto r = server_->Request("POST", path, body, headers);
        if (r.status == 200) {
          ++ok;
        } else if (r.status == 409) {
          ++conflict;
        } else {
          ++other;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
    EXPECT_EQ(conflict.load(), 2) << "round " << round;
    EXPECT_EQ(other.load(), 0) << "round " << round;
    auto list = J(Req("admin", "GET", "/classes/" + std::to_string(cls) + "/decisions"));
    EXPECT_EQ(list.at("items").as_array().size(), 1u) << "round " << round;
    EXPECT_EQ(Version(cls), 3);
  }
}

TEST_P(Review, TheApprovalFormPrintsTheDecisionInChinese) {
  const int64_t cls = Declared("甲校第六期");
  const std::string form = "/classes/" + std::to_string(cls) + "/approval-form.pdf";
  auto none = Req("inst_a", "GET", form);
  EXPECT_EQ(none.status, 404) << none.body;  // no decision yet
  EXPECT_EQ(Str(J(none).at("error").at("reason")), "form.no_decision");
  ASSERT_EQ(Decide("reviewer_a", cls, "return", "第三次课未安排授课教师", 2).status, 200);
  auto returned = Req("inst_a", "GET", form);
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.headers["content-type"], "application/pdf");
  std::string text = testing::PdfText(returned.body);
  for (const char* want : {"保安培训班审核审批单", "甲校第六期", "甲校", "审核结论", "退回",
                           "第三次课未安排授课教师", "丰泽审核员", "2021-09-28 10:00:00", "第 1 版",
                           "PLAN_TOTAL_HOURS_MIN", "符合政策", "校验码", "第 1 页 / 共"}) {
    EXPECT_NE(text.find(testing::NoSpaces(want)), std::string::npos)
        << "missing 「" << want << "」 in\n"
        << text;
  }
  // Declared again and approved: the form is the latest decision's.
  ASSERT_EQ(Declare("inst_a", cls, 3).status, 200);
  ASSERT_EQ(Decide("admin", cls, "approve", "", 4).status, 200);
  text = testing::PdfText(Req("reviewer_a", "GET", form).body);
  EXPECT_NE(text.find("批准"), std::string::npos) << text;
  EXPECT_EQ(text.find("退回"), std::string::npos) << text;
  EXPECT_NE(text.find(testing::NoSpaces("第 2 版")), std::string::npos) << text;
  // Rejected: 不予批准.
  const int64_t other = Declared("甲校第七期");
  ASSERT_EQ(Decide("reviewer_a", other, "reject", "场地无消防验收", 2).status, 200);
  text = testing::PdfText(
      Req("hrss", "GET", "/classes/" + std::to_string(other) + "/approval-form.pdf").body);
  EXPECT_NE(text.find("不予批准"), std::string::npos) << text;
  // Another institution or district: the answer of a missing class.
  EXPECT_EQ(Req("inst_b", "GET", form).status, 404);
  EXPECT_EQ(Req("reviewer_b", "GET", form).status, 404);
  auto actions = AuditActions(cls);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "class.print_approval"), actions.end());
}

TEST_P(Review, TheReviewQueueListsTheLongestWaitingFirstWithFilters) {
  const int64_t first = Class("inst_a", inst_a_, "甲校先申报");
  const int64_t later = Class("inst_a", inst_a_, "甲校后申报");
  ASSERT_EQ(Declare("inst_a", first, 1).status, 200);
  Restart("2021-09-30T09:00:00+08:00");
  ASSERT_EQ(Declare("inst_a", later, 1).status, 200);
  using Ids = std::vector<int64_t>;
  // Other lists: the newest class first; the declared ones: the oldest declaration first.
  EXPECT_EQ(Listed("reviewer_a", "state=draft"), Ids{});
  EXPECT_EQ(Listed("reviewer_a", ""), (Ids{later, first}));
  EXPECT_EQ(Listed("reviewer_a", "state=declared"), (Ids{first, later}));
  EXPECT_EQ(Listed("reviewer_a", "state=declared&page_size=1&page=2"), Ids{later});
  auto paged = J(Req("reviewer_a", "GET", "/classes?state=declared&page_size=1"));
  ASSERT_TRUE(paged.at("next_cursor").is_string()) << json::serialize(paged);
  EXPECT_EQ(
      Listed("reviewer_a", "state=declared&page_size=1&cursor=" + Str(paged.at("next_cursor"))),
      Ids{later});
  // Waiting two days or more: only the first (declared on the 28th).
  EXPECT_EQ(Listed("reviewer_a", "state=declared&waiting_days_min=2"), Ids{first});
  EXPECT_EQ(Listed("reviewer_a", "state=declared&waiting_days_min=3"), Ids{});
  EXPECT_EQ(Listed("reviewer_a", "state=declared&waiting_days_min=0"), (Ids{first, later}));
  // The first session (2021-10-11) within the range; district, institution, occupation.
  EXPECT_EQ(Listed("admin", "state=declared&start_from=2021-10-11&start_to=2021-10-11"),
            (Ids{first, later}));
  EXPECT_EQ(Listed("admin", "state=declared&start_from=2021-10-12"), Ids{});
  EXPECT_EQ(Listed("admin", "state=declared&start_to=2021-10-10"), Ids{});
  EXPECT_EQ(Listed("admin", "state=declared&district_code=350582"), Ids{});
  EXPECT_EQ(Listed("admin", "state=declared&district_code=350503&institution_id=" +
                                std::to_string(inst_a_) + "&occupation=security_guard"),
            (Ids{first, later}));
  // Another district's reviewer asking for this district still sees only its own.
  EXPECT_EQ(Listed("reviewer_b", "state=declared&district_code=350503"), Ids{});
  // Bad filters: 400 naming the field.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"start_from=2021-13-01", "start_from"},
           {"start_from=2021-10-12&start_to=2021-10-11", "start_to"},
           {"waiting_days_min=-1", "waiting_days_min"},
           {"waiting_days_min=x", "waiting_days_min"}}) {
    auto r = Req("admin", "GET", "/classes?" + query);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(Field(r), field) << query << " " << r.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Review, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
