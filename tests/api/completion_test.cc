// Completion and verification (结业审核, issue 15 Deliver 1) through the real server on SQLite and
// PostgreSQL: scores, an exclusion list imported by 人社 and matched through the blind index, the
// submission after the last session with every trainee verified, a re-run giving identical
// verdicts, the reviewer's decision (per-trainee refusal, an ineligible trainee never approved),
// the data frozen after approval, a person subsidised at another institution the year before, the
// lifetime cap (a policy with a cap of 1), and who may do what.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "support/accounts.h"
#include "support/api_world.h"
#include "support/completion_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;
using testing::ValidId;

std::string Multipart(const std::map<std::string, std::string>& fields,
                      const std::string& file_name, const std::string& data) {
  std::string out;
  for (const auto& [k, v] : fields) {
    out +=
        "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  }
  out += "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--XBOUNDARYX--\r\n";
  return out;
}
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

class Completion : public testing::CompletionWorldTest {
 protected:
  void SetUp() override {
    BuildWorld("2021-10-08T10:00:00+08:00", extra_args_);
    if (HasFatalFailure() || IsSkipped()) return;
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    p3_ = Id(Post("inst_a", "/trainees", Person("王五", ValidId(13))));
  }

  static std::string Path(int64_t cls, const std::string& tail = "") {
    return ClassPath(cls, tail);
  }

  HttpResult ImportExclusions(const std::string& who, const std::string& kind,
                              const std::string& csv, const std::string& query = "") {
    return server_->Request("POST", "/api/v1/exclusion-lists/import" + query,
                            Multipart({{"kind", kind}}, "list.csv", csv), as_[who], kMultipartType);
  }

  // The trainee `person` of a completion answer.
  static json::object Trainee(const json::value& v, int64_t person) {
    for (const auto& t : v.at("trainees").as_array()) {
      if (t.at("person_id").as_int64() == person) return t.as_object();
    }
    ADD_FAILURE() << "no trainee " << person << " in " << v;
    return {};
  }
  static json::object RuleOf(const json::object& t, const std::string& rule) {
    for (const auto& r : t.at("rules").as_array()) {
      if (Str(r.at("rule")) == rule) return r.as_object();
    }
    ADD_FAILURE() << "no rule " << rule;
    return {};
  }
  // The rules a trainee failed, comma-joined.
  static std::string Failed(const json::object& t) {
    std::string out;
    for (const auto& r : t.at("rules").as_array()) {
      if (!r.at("passed").as_bool()) out += (out.empty() ? "" : ",") + Str(r.at("rule"));
    }
    return out;
  }

  // Class `cls` of inst_a (roster p1, p2) through to an approved completion: attendance, scores
  // 80/90, submitted on 2021-10-16, approved by reviewer_a.
  void CompleteFirstClass(int64_t& cls) {
    cls = ClassFrom("inst_a", inst_a_, "2021-10-11", {p1_, p2_});
    Declare("inst_a", cls);
    Approve("reviewer_a", cls);
    if (HasFatalFailure()) return;
    CompleteClass("inst_a", cls, {p1_, p2_}, "2021-10-16T09:00:00+08:00", {80, 90});
  }

  // Moves the clock a long way (past the sessions' lifetime) and signs everyone in again.
  void Jump(const std::string& at) {
    clock_->Set(at);
    for (auto& [name, headers] : as_) headers = server_->SignIn(name, testing::kTestPassword);
  }

  std::vector<std::string> extra_args_;
  int64_t p1_ = 0, p2_ = 0, p3_ = 0;
};

TEST_P(Completion, SubmitVerifyApproveAndFreeze) {
  const int64_t cls = ClassFrom("inst_a", inst_a_, "2021-10-11", {p1_, p2_, p3_});
  Declare("inst_a", cls);
  Approve("reviewer_a", cls);
  // 人社 imports a pension list holding 王五 (by ID number only).
  const std::string csv = "姓名,身份证号\n王五," + ValidId(13) + "\n某人," + ValidId(77) + "\n";
  EXPECT_EQ(ImportExclusions("inst_a", "pension", csv).status, 403);
  auto dry = ImportExclusions("hrss", "pension", csv, "?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(J(dry).at("rows").as_int64(), 2);
  EXPECT_TRUE(J(dry).at("batch_id").is_null());
  auto bad = ImportExclusions("hrss", "pension", "身份证号\n123\n" + ValidId(14) + "\n");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(J(bad).at("errors").at(0).at("row").as_int64(), 2);
  EXPECT_EQ(ImportExclusions("hrss", "nosuch", csv).status, 400);
  auto imported = ImportExclusions("hrss", "pension", csv);
  ASSERT_EQ(imported.status, 201) << imported.body;
  auto batches = J(Get("hrss", "/exclusion-lists"));
  ASSERT_EQ(batches.at("items").as_array().size(), 1u) << batches;  // the refused file left none
  EXPECT_EQ(batches.at("items").at(0).at("rows").as_int64(), 2);
  EXPECT_EQ(batches.at("items").at(0).as_object().count("id_number"), 0u);

  // Before the last session ended: no submission.
  clock_->Set("2021-10-15T11:00:00+08:00");
  auto early = Submit("inst_a", cls);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Reason(early), "completion.not_ended");
  clock_->Set("2021-10-16T09:00:00+08:00");
  Attend("inst_a", "reviewer_a", cls, {p1_, p2_, p3_});
  // Scores: bad rows name their field and change nothing.
  auto out_of_range = Scores("inst_a", cls, {{p1_, 101}});
  EXPECT_EQ(out_of_range.status, 400);
  EXPECT_NE(out_of_range.body.find("scores[0].score"), std::string::npos) << out_of_range.body;
  auto stranger = Scores("inst_a", cls, {{424242, 80}});
  EXPECT_EQ(stranger.status, 404);
  EXPECT_NE(stranger.body.find("scores[0].person_id"), std::string::npos);
  EXPECT_EQ(Scores("reviewer_a", cls, {{p1_, 80}}).status, 403);
  EXPECT_EQ(Scores("inst_b", cls, {{p1_, 80}}).status, 404);
  auto scored = Scores("inst_a", cls, {{p1_, 80}, {p2_, 59}, {p3_, 70}});
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(Trainee(J(scored), p2_).at("score").as_int64(), 59);

  auto sub = Submit("inst_a", cls);
  ASSERT_EQ(sub.status, 200) << sub.body;
  auto v = J(sub);
  EXPECT_EQ(Str(v.at("state")), "completion_submitted");
  EXPECT_EQ(v.at("counts").at("eligible").as_int64(), 1) << v;
  const auto t1 = Trainee(v, p1_), t2 = Trainee(v, p2_), t3 = Trainee(v, p3_);
  EXPECT_TRUE(t1.at("eligible").as_bool()) << Failed(t1);
  EXPECT_EQ(t1.at("subsidy_yuan").as_int64(), 650);
  EXPECT_EQ(t1.at("attended_hours").as_int64(), 20);
  EXPECT_EQ(Failed(t2), "ELIG_ASSESSMENT_PASSED");
  EXPECT_EQ(Failed(t3), "ELIG_EXCLUSION_LIST");
  EXPECT_NE(Str(RuleOf(t3, "ELIG_EXCLUSION_LIST").at("message")).find("领取养老金人员"),
            std::string::npos);
  // Every rule with its clause and the notice's words; the ID number masked everywhere.
  const auto rule = RuleOf(t1, "ELIG_ASSESSMENT_PASSED");
  EXPECT_EQ(Str(rule.at("clause")), "二（三）");
  EXPECT_NE(Str(rule.at("clause_text")).find("培训结业证"), std::string::npos);
  EXPECT_EQ(Str(rule.at("policy_key")), "eligibility.pass_score");
  EXPECT_EQ(Str(rule.at("data").at("score")), "80");
  EXPECT_EQ(sub.body.find(ValidId(11)), std::string::npos);
  EXPECT_EQ(Str(t1.at("id_number")).find("*"), 4u);
  EXPECT_EQ(t1.at("rules").as_array().size(), 11u);
  // The reviewer's work queue lists the completion waiting (待审核结业).
  bool queued = false;
  const auto wq = J(Get("reviewer_a", "/work-queue"));
  for (const auto& q : wq.at("queues").as_array()) {
    if (Str(q.at("id")) != "completion.submitted") continue;
    queued = true;
    EXPECT_EQ(Str(q.at("title")), "待审核结业");
    EXPECT_EQ(q.at("count").as_int64(), 1);
    EXPECT_EQ(Str(q.at("items").at(0).at("link")),
              "/classes/" + std::to_string(cls) + "?tab=completion");
  }
  EXPECT_TRUE(queued);
  // Scores are closed once submitted.
  EXPECT_EQ(Scores("inst_a", cls, {{p2_, 60}}).status, 409);

  // A re-run on unchanged data: the same verdicts, rule for rule, with equal inputs_hash.
  EXPECT_EQ(Post("reviewer_b", Path(cls, "/completion/verify"), "{}").status, 404);
  EXPECT_EQ(Post("auditor", Path(cls, "/completion/verify"), "{}").status, 403);
  auto again = Post("reviewer_a", Path(cls, "/completion/verify"), "{}");
  ASSERT_EQ(again.status, 200) << again.body;
  for (int64_t p : {p1_, p2_, p3_}) {
    const auto a = Trainee(v, p), b = Trainee(J(again), p);
    EXPECT_EQ(Str(a.at("inputs_hash")), Str(b.at("inputs_hash")));
    EXPECT_EQ(a.at("eligible"), b.at("eligible"));
    EXPECT_EQ(json::serialize(a.at("rules")), json::serialize(b.at("rules")));
  }

  // The decision: the district's reviewer; a refused trainee needs a reason; the ineligible are
  // never approved.
  EXPECT_EQ(Decide("inst_a", cls, "approve").status, 403);
  EXPECT_EQ(Decide("reviewer_b", cls, "approve").status, 404);
  auto no_reason =
      Decide("reviewer_a", cls, "approve",
             R"(,"trainees":[{"person_id":)" + std::to_string(p1_) + R"(,"decision":"refuse"}])");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("trainees[0].reason"), std::string::npos) << no_reason.body;
  auto returned = Post("reviewer_a", Path(cls, "/completion/decision"),
                       R"({"decision":"return","reason":"","version":)" +
                           std::to_string(Version("admin", cls)) + "}");
  EXPECT_EQ(returned.status, 400) << returned.body;  // a return needs reasons
  // No photo or video was uploaded: approving needs a reason that says why it passes anyway,
  // and the refusal names what is missing. Nothing changes.
  auto unexplained = Post("reviewer_a", Path(cls, "/completion/decision"),
                          R"({"decision":"approve","reason":"  ","version":)" +
                              std::to_string(Version("admin", cls)) + "}");
  EXPECT_EQ(unexplained.status, 400) << unexplained.body;
  EXPECT_EQ(Reason(unexplained), "completion.evidence_incomplete");
  EXPECT_EQ(Str(J(unexplained).at("error").at("field")), "reason") << unexplained.body;
  EXPECT_NE(unexplained.body.find("过程材料未齐全（缺少"), std::string::npos) << unexplained.body;
  EXPECT_NE(unexplained.body.find("合影"), std::string::npos) << unexplained.body;
  EXPECT_EQ(Str(J(Get("reviewer_a", Path(cls, "/completion"))).at("state")),
            "completion_submitted");
  auto approved = Decide("reviewer_a", cls, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto a = J(approved);
  EXPECT_EQ(Str(a.at("state")), "completion_approved");
  EXPECT_TRUE(a.at("frozen").as_bool());
  EXPECT_EQ(Str(Trainee(a, p1_).at("review_decision")), "approved");
  EXPECT_EQ(Str(Trainee(a, p2_).at("review_decision")), "refused");
  EXPECT_EQ(Str(Trainee(a, p3_).at("review_decision")), "refused");
  EXPECT_EQ(a.at("counts").at("approved").as_int64(), 1);

  // Frozen: scores, a re-run, a second decision.
  auto frozen = Scores("inst_a", cls, {{p2_, 60}});
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(Reason(frozen), "completion.frozen");
  auto rerun = Post("reviewer_a", Path(cls, "/completion/verify"), "{}");
  EXPECT_EQ(rerun.status, 409);
  EXPECT_EQ(Reason(rerun), "completion.frozen");
  EXPECT_EQ(Reason(Decide("reviewer_a", cls, "approve")), "completion.frozen");

  // Readers: the institution, the district, 人社, auditors; not the other district.
  for (const char* who : {"inst_a", "reviewer_a", "hrss", "auditor", "admin"}) {
    EXPECT_EQ(Get(who, Path(cls, "/completion")).status, 200) << who;
  }
  EXPECT_EQ(Get("inst_b", Path(cls, "/completion")).status, 404);
  EXPECT_EQ(Get("reviewer_b", Path(cls, "/completion")).status, 404);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + Path(cls, "/completion")).status, 401);
  // The verdict table as XLSX: the readers of the completion, audited.
  auto xlsx = Get("reviewer_a", Path(cls, "/completion.xlsx"));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(Get("reviewer_b", Path(cls, "/completion.xlsx")).status, 404);
  // The audit trail has every step.
  for (const char* action : {"completion.scores", "completion.submit", "completion.verify",
                             "completion.approve", "exclusion.import", "class.completion_export"}) {
    auto events = J(Get("admin", std::string("/audit-events?action=") + action));
    EXPECT_GE(events.at("items").as_array().size(), 1u) << action;
  }
}

TEST_P(Completion, ScoresImportedFromASheetAllOrNothing) {
  const int64_t cls = ClassFrom("inst_a", inst_a_, "2021-10-11", {p1_, p2_});
  Declare("inst_a", cls);
  Approve("reviewer_a", cls);
  auto import = [&](const std::string& who, const std::string& csv, const std::string& q = "") {
    return server_->Request("POST", "/api/v1" + Path(cls, "/assessment-scores/import") + q,
                            Multipart({}, "成绩.csv", csv), as_[who], kMultipartType);
  };
  const std::string good =
      "姓名,身份证号,成绩\n张三," + ValidId(11) + ",85\n李四," + ValidId(12) + ",59\n";
  EXPECT_EQ(import("reviewer_a", good).status, 403);
  EXPECT_EQ(import("inst_b", good).status, 404);
  auto dry = import("inst_a", good, "?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(J(dry).at("rows").as_int64(), 2);
  EXPECT_TRUE(J(dry).at("completion").is_null());
  EXPECT_TRUE(Trainee(J(Get("inst_a", Path(cls, "/completion"))), p1_).at("score").is_null());
  // One bad row (a name that is not the roster's, a score out of range, a stranger): nothing.
  auto bad =
      import("inst_a", "姓名,身份证号,成绩\n张三," + ValidId(11) + ",85\n李五," + ValidId(12) +
                           ",70\n王某," + ValidId(19) + ",70\n张三," + ValidId(11) + ",101\n");
  ASSERT_EQ(bad.status, 400) << bad.body;
  const auto errors = J(bad).at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u) << bad.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(Str(errors[0].at("field")), "name");
  EXPECT_EQ(Str(errors[1].at("field")), "id_number");
  EXPECT_EQ(Str(errors[2].at("field")), "score");
  EXPECT_TRUE(Trainee(J(Get("inst_a", Path(cls, "/completion"))), p1_).at("score").is_null());
  auto ok = import("inst_a", good);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Trainee(J(ok).at("completion"), p1_).at("score").as_int64(), 85);
  EXPECT_EQ(Trainee(J(ok).at("completion"), p2_).at("score").as_int64(), 59);
}

TEST_P(Completion, ReturnSendsTheClassBackAndAResubmissionVerifiesAgain) {
  const int64_t cls = ClassFrom("inst_a", inst_a_, "2021-10-11", {p1_});
  Declare("inst_a", cls);
  Approve("reviewer_a", cls);
  clock_->Set("2021-10-16T09:00:00+08:00");
  Attend("inst_a", "reviewer_a", cls, {p1_});
  auto sub = Submit("inst_a", cls);
  ASSERT_EQ(sub.status, 200) << sub.body;
  EXPECT_EQ(Failed(Trainee(J(sub), p1_)), "ELIG_ASSESSMENT_PASSED");  // no score yet
  auto ret = Post("reviewer_a", Path(cls, "/completion/decision"),
                  R"({"decision":"return","reason":"请录入结业考核成绩","version":)" +
                      std::to_string(Version("admin", cls)) + "}");
  ASSERT_EQ(ret.status, 200) << ret.body;
  EXPECT_EQ(Str(J(ret).at("state")), "approved");
  EXPECT_EQ(Str(J(ret).at("completion").at("decision")), "return");
  ASSERT_EQ(Scores("inst_a", cls, {{p1_, 61}}).status, 200);
  auto again = Submit("inst_a", cls);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(Trainee(J(again), p1_).at("eligible").as_bool());
  EXPECT_TRUE(J(again).at("completion").at("decision").is_null());
}

TEST_P(Completion, SubsidisedForTheSameOccupationAtAnotherInstitutionTheYearBefore) {
  int64_t first = 0;
  CompleteFirstClass(first);
  if (HasFatalFailure()) return;
  // 乙校 (another district) enrols 张三 by identity a year later, with a newcomer.
  const int64_t same = Id(Post("inst_b", "/trainees", Person("张三", ValidId(11))));
  ASSERT_EQ(same, p1_);
  const int64_t fresh = Id(Post("inst_b", "/trainees", Person("赵六", ValidId(15))));
  Jump("2022-10-01T09:00:00+08:00");
  const int64_t cls = ClassFrom("inst_b", inst_b_, "2022-10-10", {p1_, fresh});
  Declare("inst_b", cls);
  Approve("reviewer_b", cls);
  clock_->Set("2022-10-15T09:00:00+08:00");
  Attend("inst_b", "reviewer_b", cls, {p1_, fresh});
  ASSERT_EQ(Scores("inst_b", cls, {{p1_, 95}, {fresh, 95}}).status, 200);
  auto sub = Post("inst_b", Path(cls, "/completion"),
                  R"({"version":)" + std::to_string(Version("inst_b", cls)) + "}");
  ASSERT_EQ(sub.status, 200) << sub.body;
  const auto t = Trainee(J(sub), p1_);
  EXPECT_EQ(Failed(t), "ELIG_SAME_OCCUPATION_LEVEL");
  const auto r = RuleOf(t, "ELIG_SAME_OCCUPATION_LEVEL");
  EXPECT_NE(Str(r.at("message")).find("2021 年"), std::string::npos) << r;
  EXPECT_TRUE(Trainee(J(sub), fresh).at("eligible").as_bool()) << Failed(Trainee(J(sub), fresh));
  // The first class's approved trainees, for the certificates.
  EXPECT_EQ(J(Get("admin", Path(first, "/completion"))).at("counts").at("approved").as_int64(), 2);
}

INSTANTIATE_TEST_SUITE_P(Stores, Completion, ::testing::Values("sqlite", "postgresql"));

// The lifetime cap with a policy whose max_subsidies_lifetime is 1: 张三, subsidised once as a
// 保安员, is refused a 保卫管理员 subsidy for the cap alone (another occupation).
class CompletionLifetimeCap : public Completion {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    dir_ = ::testing::TempDir() + "/anpei-cap-" + GetParam() + std::to_string(getpid());
    fs::remove_all(dir_);
    fs::create_directories(fs::path(dir_) / "policies");
    const fs::path src(ANPEI_SOURCE_DIR);
    fs::create_directory_symlink(src / "data", fs::path(dir_) / "data");
    fs::create_directory_symlink(src / "migrations", fs::path(dir_) / "migrations");
    std::ifstream in(src / "policies" / "quanzhou-2021-177.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "max_subsidies_lifetime = 3";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(), "max_subsidies_lifetime = 1");
    std::ofstream(fs::path(dir_) / "policies" / "quanzhou-2021-177.toml") << text;
    setenv("ANPEI_DATA_DIR", dir_.c_str(), 1);
    Completion::SetUp();
    unsetenv("ANPEI_DATA_DIR");
  }
  std::string dir_;
};

TEST_P(CompletionLifetimeCap, TheCapCountsSubsidiesOfAnyOccupation) {
  int64_t first = 0;
  CompleteFirstClass(first);
  if (HasFatalFailure()) return;
  Jump("2022-10-01T09:00:00+08:00");
  const int64_t cls = ClassFrom("inst_a", inst_a_, "2022-10-10", {p1_}, "security_manager");
  Declare("inst_a", cls);
  Approve("reviewer_a", cls);
  clock_->Set("2022-10-15T09:00:00+08:00");
  Attend("inst_a", "reviewer_a", cls, {p1_});
  ASSERT_EQ(Scores("inst_a", cls, {{p1_, 95}}).status, 200);
  auto sub = Submit("inst_a", cls);
  ASSERT_EQ(sub.status, 200) << sub.body;
  const auto t = Trainee(J(sub), p1_);
  EXPECT_EQ(Failed(t), "ELIG_LIFETIME_CAP");
  EXPECT_EQ(Str(RuleOf(t, "ELIG_LIFETIME_CAP").at("data").at("max")), "1");
}

INSTANTIATE_TEST_SUITE_P(Stores, CompletionLifetimeCap, ::testing::Values("sqlite", "postgresql"));

// Who may do what on the exclusion lists.
TEST_P(Completion, ExclusionKindsAreDataAndOnlyTheDepartmentsImport) {
  auto kinds = J(Get("hrss", "/exclusion-kinds"));
  EXPECT_EQ(kinds.at("items").as_array().size(), 4u) << kinds;
  EXPECT_EQ(Post("inst_a", "/exclusion-kinds", R"({"id":"x_kind","name":"某类"})").status, 403);
  EXPECT_EQ(Post("reviewer_a", "/exclusion-kinds", R"({"id":"x_kind","name":"某类"})").status, 403);
  EXPECT_EQ(Post("hrss", "/exclusion-kinds", R"({"id":"X","name":"某类"})").status, 400);
  auto made = Post("hrss", "/exclusion-kinds", R"({"id":"prisoner","name":"服刑人员"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Post("admin", "/exclusion-kinds", R"({"id":"prisoner","name":"重复"})").status, 409);
  EXPECT_EQ(J(Get("auditor", "/exclusion-kinds")).at("items").as_array().size(), 5u);
  EXPECT_EQ(Get("inst_a", "/exclusion-kinds").status, 403);
  EXPECT_EQ(Get("inst_a", "/exclusion-lists").status, 403);
  EXPECT_EQ(Get("reviewer_a", "/exclusion-lists").status, 200);
  EXPECT_EQ(server_->Request("GET", "/api/v1/exclusion-lists").status, 401);
}

}  // namespace
}  // namespace anpei
