// Fraud outcomes (issue 15, Deliver 5; 四（三）) through the real server on SQLite and PostgreSQL:
// a case opened on an approved class from a fraud signal is investigated (the institution's time
// to answer counted in working days on the official calendar: 2021-10-09 was a working
// Saturday), decided only after the institution answered, and a fraud decision disqualifies the
// class and blacklists the institution, which then cannot declare until 人社 lifts the entry; a
// case whose answer time ran out is cleared without touching the class; who may do what (another
// district or institution: 404; the institution before the investigation: 404; a reviewer
// deciding: 403); bad input names its field; every step is one audit event.
#include <boost/json.hpp>

#include "support/api_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;
using testing::ValidId;

class Fraud : public testing::ApiWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(21))));
    p2_ = Id(Post("inst_b", "/trainees", Person("李四", ValidId(22))));
    cls_ = Class("inst_a", inst_a_, "保安员初级班（甲）", {p1_});
    Declare("inst_a", cls_);
    Approve("reviewer_a", cls_);
    other_ = Class("inst_b", inst_b_, "保安员初级班（乙）", {p2_});
    Declare("inst_b", other_);
    Approve("reviewer_b", other_);
  }

  std::string CasePath(int64_t id, const std::string& tail = "") {
    return "/cases/" + std::to_string(id) + tail;
  }
  HttpResult Open(const std::string& who, int64_t cls) {
    return Post(
        who, "/classes/" + std::to_string(cls) + "/cases",
        R"({"source":"signal","summary":"同一设备为多名学员签到","details":)"
        R"("10月11日第1课次，设备 dev-1 为 3 名学员签到（风险信号 SIGNAL_SHARED_DEVICE）"})");
  }
  int64_t CaseVersion(int64_t id) {
    auto r = Get("admin", CasePath(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? J(r).at("version").as_int64() : 0;
  }
  HttpResult Investigate(const std::string& who, int64_t id) {
    return Post(who, CasePath(id, "/investigation"),
                R"({"findings":"调取签到记录与现场录像，核实代签情况","version":)" +
                    std::to_string(CaseVersion(id)) + "}");
  }
  HttpResult Decide(const std::string& who, int64_t id, const std::string& decision) {
    return Post(who, CasePath(id, "/decision"),
                R"({"decision":")" + decision + R"(","reason":"经查属实：代签 3 人次","version":)" +
                    std::to_string(CaseVersion(id)) + "}");
  }
  std::string ClassState(int64_t cls) {
    auto r = Get("admin", "/classes/" + std::to_string(cls));
    return r.status == 200 ? Str(J(r).at("state")) : "";
  }

  int64_t p1_ = 0, p2_ = 0, cls_ = 0, other_ = 0;
};

TEST_P(Fraud, FraudDecisionDisqualifiesBlacklistsAndBlocksDeclaringUntilLifted) {
  const int64_t draft = Class("inst_a", inst_a_, "保安员初级班（丙）", {p1_});
  auto opened = Open("reviewer_a", cls_);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const int64_t id = J(opened).at("id").as_int64();
  EXPECT_EQ(Str(J(opened).at("state")), "open");
  EXPECT_EQ(Str(J(opened).at("source")), "signal");
  EXPECT_EQ(J(opened).at("source_id").as_int64(), id);

  // Before the investigation the institution does not learn of the case; out of scope is 404.
  EXPECT_EQ(Get("inst_a", CasePath(id)).status, 404);
  EXPECT_EQ(Get("reviewer_b", CasePath(id)).status, 404);
  EXPECT_EQ(Get("inst_b", CasePath(id)).status, 404);
  EXPECT_EQ(Get("finance", CasePath(id)).status, 403);
  EXPECT_EQ(Get("hrss", CasePath(id)).status, 200);
  EXPECT_EQ(J(Get("inst_a", "/cases")).at("items").as_array().size(), 0u);
  EXPECT_EQ(Open("inst_a", cls_).status, 403);
  EXPECT_EQ(Open("reviewer_b", cls_).status, 404);
  EXPECT_EQ(QueueCount("reviewer_a", "case.open"), 1);
  EXPECT_EQ(QueueCount("reviewer_b", "case.open"), 0);
  EXPECT_EQ(QueueCount("inst_a", "case.answer"), 0);

  // Investigating: the answer is due 5 working days after Friday 2021-10-08 (Sat 10-09 worked).
  auto inv = Investigate("reviewer_a", id);
  ASSERT_EQ(inv.status, 200) << inv.body;
  EXPECT_EQ(Str(J(inv).at("state")), "investigating");
  EXPECT_EQ(Str(J(inv).at("response_due")), "2021-10-14");
  EXPECT_TRUE(J(inv).at("awaiting_response").as_bool());  // the page offers no decision yet
  EXPECT_EQ(Investigate("reviewer_a", id).status, 409);
  EXPECT_EQ(QueueCount("inst_a", "case.answer"), 1);
  EXPECT_EQ(QueueCount("inst_b", "case.answer"), 0);
  EXPECT_EQ(QueueCount("admin", "case.decide"), 1);

  // Not decided before the institution answered or its time ran out.
  auto early = Decide("admin", id, "fraud");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(Reason(early), "case.awaiting_response");
  // The city bureau's to-do says when it may decide.
  auto queue = J(Get("admin", "/work-queue"));
  int decide_queues = 0;
  for (const auto& q : queue.at("queues").as_array()) {
    if (Str(q.at("id")) != "case.decide") continue;
    ++decide_queues;
    EXPECT_EQ(Str(q.at("items").at(0).at("warning")),
              "申辩期至 2021-10-14；机构答复或期满后方可认定");
  }
  EXPECT_EQ(decide_queues, 1);

  ASSERT_EQ(Get("inst_a", CasePath(id)).status, 200);
  EXPECT_EQ(J(Get("inst_a", "/cases")).at("items").as_array().size(), 1u);
  EXPECT_EQ(Post("inst_b", CasePath(id, "/responses"), R"({"text":"不是我们的班"})").status, 404);
  auto bad = Post("inst_a", CasePath(id, "/responses"), R"({"text":"   "})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Str(J(bad).at("error").at("field")), "text");
  auto answer =
      Post("inst_a", CasePath(id, "/responses"), R"({"text":"设备为班主任代为操作，已整改"})");
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_TRUE(J(answer).at("answered").as_bool());
  EXPECT_FALSE(J(answer).at("awaiting_response").as_bool());

  // Only the city bureau decides; a bad decision names its field.
  EXPECT_EQ(Decide("reviewer_a", id, "fraud").status, 403);
  auto unknown = Decide("admin", id, "maybe");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Str(J(unknown).at("error").at("field")), "decision");
  auto stale = Post("admin", CasePath(id, "/decision"),
                    R"({"decision":"fraud","reason":"经查属实","version":1})");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(ClassState(cls_), "approved");

  auto decided = Decide("admin", id, "fraud");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Str(J(decided).at("state")), "fraud");
  const json::value decided_json = J(decided);
  const json::value& entry = decided_json.at("blacklist");
  ASSERT_TRUE(entry.is_object()) << decided.body;
  EXPECT_EQ(Str(entry.at("period_until")), "2024-10-08");
  EXPECT_TRUE(entry.at("in_force").as_bool());
  EXPECT_EQ(ClassState(cls_), "disqualified");
  EXPECT_EQ(Decide("admin", id, "fraud").status, 409);
  auto inst = Get("admin", "/institutions/" + std::to_string(inst_a_));
  EXPECT_TRUE(J(inst).at("blacklisted").as_bool()) << inst.body;

  // A blacklisted institution cannot declare.
  auto refused = Post("inst_a", "/classes/" + std::to_string(draft) + "/declare",
                      R"({"version":)" + std::to_string(Version("inst_a", draft)) + "}");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(ClassState(draft), "draft");

  // The blacklist: the institution sees its own entry, another does not; 人社 keeps it.
  const int64_t eid = entry.at("id").as_int64();
  const std::string ep = "/blacklist/" + std::to_string(eid);
  EXPECT_EQ(J(Get("inst_a", "/blacklist")).at("items").as_array().size(), 1u);
  EXPECT_EQ(J(Get("inst_b", "/blacklist")).at("items").as_array().size(), 0u);
  EXPECT_EQ(Get("inst_b", ep).status, 404);
  EXPECT_EQ(Get("reviewer_b", ep).status, 404);
  EXPECT_EQ(Get("finance", ep).status, 200);
  EXPECT_EQ(Post("admin", ep + "/lift", R"({"reason":"整改完成"})").status, 403);
  EXPECT_EQ(QueueCount("hrss", "blacklist.unacknowledged"), 1);
  ASSERT_EQ(Post("hrss", ep + "/acknowledgement", "{}").status, 200);
  EXPECT_EQ(QueueCount("hrss", "blacklist.unacknowledged"), 0);
  EXPECT_EQ(Post("hrss", ep + "/acknowledgement", "{}").status, 409);
  auto no_reason = Post("hrss", ep + "/lift", R"({"reason":""})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Str(J(no_reason).at("error").at("field")), "reason");
  auto lifted = Post("hrss", ep + "/lift", R"({"reason":"期满整改合格，经研究解除"})");
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_FALSE(J(lifted).at("in_force").as_bool());
  EXPECT_EQ(J(Get("hrss", "/blacklist?in_force=true")).at("items").as_array().size(), 0u);
  EXPECT_FALSE(
      J(Get("admin", "/institutions/" + std::to_string(inst_a_))).at("blacklisted").as_bool());
  Declare("inst_a", draft);
  EXPECT_EQ(ClassState(draft), "declared");

  for (const char* action :
       {"case.open", "case.investigate", "case.respond", "case.decide", "class.disqualify",
        "blacklist.add", "blacklist.acknowledge", "blacklist.lift"}) {
    EXPECT_EQ(AuditCount(action), 1) << action;
  }
}

TEST_P(Fraud, ClearedAfterTheAnswerTimeLeavesTheClassAlone) {
  auto opened =
      Post("reviewer_b", "/classes/" + std::to_string(other_) + "/cases",
           R"({"source":"report","summary":"群众举报","details":"举报该班实操课未开展"})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const int64_t id = J(opened).at("id").as_int64();
  ASSERT_EQ(Investigate("reviewer_b", id).status, 200);
  EXPECT_EQ(Decide("admin", id, "cleared").status, 422);
  clock_->Set("2021-10-15T09:00:00+08:00");  // the day after the answer was due
  auto late = Post("inst_b", CasePath(id, "/responses"), R"({"text":"迟到的申辩"})");
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(Reason(late), "case.response_closed");
  auto decided = Decide("admin", id, "cleared");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Str(J(decided).at("state")), "cleared");
  EXPECT_TRUE(J(decided).at("blacklist").is_null());
  EXPECT_EQ(ClassState(other_), "approved");
  EXPECT_FALSE(
      J(Get("admin", "/institutions/" + std::to_string(inst_b_))).at("blacklisted").as_bool());
  auto steps = J(Get("inst_b", CasePath(id))).at("steps").as_array();
  ASSERT_EQ(steps.size(), 3u);  // open, investigate, decision
  EXPECT_EQ(Str(steps[2].at("kind")), "decision");
}

TEST_P(Fraud, BadInputAndStatesNameTheField) {
  const int64_t draft = Class("inst_a", inst_a_, "草稿班", {p1_});
  auto on_draft = Open("reviewer_a", draft);
  EXPECT_EQ(on_draft.status, 409);
  EXPECT_EQ(Reason(on_draft), "case.class_state");
  auto spot = Post("reviewer_a", "/classes/" + std::to_string(cls_) + "/cases",
                   R"({"source":"spot_check","summary":"x","details":"y"})");
  EXPECT_EQ(spot.status, 400);
  EXPECT_EQ(Str(J(spot).at("error").at("field")), "source");
  auto no_summary = Post("reviewer_a", "/classes/" + std::to_string(cls_) + "/cases",
                         R"({"source":"report","details":"y"})");
  EXPECT_EQ(no_summary.status, 400);
  EXPECT_EQ(Str(J(no_summary).at("error").at("field")), "summary");
  EXPECT_EQ(Get("admin", "/cases?state=nonsense").status, 400);
  EXPECT_EQ(Get("admin", "/cases/999999").status, 404);
  EXPECT_EQ(Get("admin", "/cases/abc").status, 404);
  EXPECT_EQ(Get("admin", "/blacklist?in_force=maybe").status, 400);
  EXPECT_EQ(AuditCount("case.open"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Fraud, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
