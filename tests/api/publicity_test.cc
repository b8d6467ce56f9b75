// Publicity (公示) and objections (异议) (issue 15, Deliver 3) through the real server on SQLite
// and PostgreSQL, from a class certified through the real use cases (support/completion_world.h):
// the district's reviewer opens a batch (the period from the calendar), the public list is
// masked and needs no sign-in, an objection needs a contact and is rate-limited per address, the
// objector follows it by receipt (never seeing the contact), an upheld objection takes the
// trainee out of the payment (app::PayableTrainees), a dismissed one shows its reasons, closing
// waits for the period and for every objection, an objection after the period is refused, a
// fraud case opened from an objection, and who may do what.
#include <set>

#include <boost/json.hpp>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_repositories.h"
#include "app/publicity.h"
#include "support/api_world.h"
#include "support/completion_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::Headers;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;
using testing::ValidId;

class Publicity : public testing::CompletionWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
    cert_ = CertifiedClass("inst_a", 2);  // completed and certified on Saturday 2021-10-16
    ASSERT_FALSE(HasFatalFailure());
    clock_->Set("2021-10-18T09:00:00+08:00");  // a Monday
  }

  HttpResult Anon(const std::string& method, const std::string& path,
                  const std::string& body = "") {
    return server_->Request(method, "/api/v1" + path, body, Headers{});
  }
  HttpResult Open(const std::string& who, const std::vector<int64_t>& classes) {
    json::array ids;
    for (int64_t c : classes) ids.push_back(c);
    return Post(who, "/publicity-batches", json::serialize(json::object{{"class_ids", ids}}));
  }
  int64_t OpenBatch() {
    auto r = Open("reviewer_a", {cert_.class_id});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? J(r).at("id").as_int64() : 0;
  }
  std::string BatchPath(int64_t b, const std::string& tail = "") {
    return "/publicity-batches/" + std::to_string(b) + tail;
  }
  HttpResult Object(int64_t batch, const std::string& target, const std::string& contact,
                    const std::string& text = "该学员培训期间在外地工作，未实际参加培训") {
    std::string body = "{" + target;
    if (!contact.empty()) body += R"(,"contact":")" + contact + "\"";
    if (!text.empty()) body += R"(,"text":")" + text + "\"";
    body += "}";
    return Anon("POST", "/public/publicity/" + std::to_string(batch) + "/objections", body);
  }
  std::string EntryTarget(int64_t entry) { return R"("entry_id":)" + std::to_string(entry); }
  std::string ClassTarget() { return R"("class_id":)" + std::to_string(cert_.class_id); }
  // The entry id of person `p` in a batch answer.
  static int64_t EntryOf(const json::value& batch, int64_t p) {
    for (const auto& e : batch.at("items").as_array()) {
      if (e.at("person_id").as_int64() == p) return e.at("id").as_int64();
    }
    ADD_FAILURE() << "no entry for " << p;
    return 0;
  }
  int64_t ObjectionId(int64_t batch, const std::string& receipt) {
    const json::value v = J(Get("reviewer_a", BatchPath(batch)));
    for (const auto& o : v.at("objection_items").as_array()) {
      if (Str(o.at("receipt")) == receipt) return o.at("id").as_int64();
    }
    ADD_FAILURE() << "no objection " << receipt;
    return 0;
  }
  int64_t ObjectionVersion(int64_t id) {
    return J(Get("reviewer_a", "/objections/" + std::to_string(id))).at("version").as_int64();
  }
  HttpResult Resolve(const std::string& who, int64_t id, const std::string& decision,
                     const std::string& reason) {
    return Post(
        who, "/objections/" + std::to_string(id) + "/resolution",
        json::serialize(json::object{
            {"decision", decision}, {"reason", reason}, {"version", ObjectionVersion(id)}}));
  }
  HttpResult Close(const std::string& who, int64_t batch) {
    const int64_t v = J(Get("admin", BatchPath(batch))).at("version").as_int64();
    return Post(who, BatchPath(batch, "/close"), R"({"version":)" + std::to_string(v) + "}");
  }
  std::string ClassState() {
    return Str(J(Get("admin", "/classes/" + std::to_string(cert_.class_id))).at("state"));
  }
  // app::PayableTrainees read straight from the store (the funds side's view).
  std::vector<int64_t> Payable() {
    auto conn = adapters::OpenDatabase(db_->url());
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    auto vault = adapters::SodiumVault::FromKeyFile(db_->key_file());
    EXPECT_TRUE(vault.ok());
    if (!conn.ok() || !vault.ok()) return {};
    adapters::sql::SqlTx tx(**conn, **vault);
    auto payable = app::PayableTrainees(tx, cert_.class_id);
    EXPECT_TRUE(payable.ok()) << payable.status().ToString();
    std::vector<int64_t> out;
    if (payable.ok()) {
      for (const auto& p : *payable) out.push_back(p.person_id);
    }
    return out;
  }

  testing::CertifiedClassIds cert_;
};

TEST_P(Publicity, OpenObjectResolveAndClose) {
  // Who opens: the district's reviewer or the city bureau, over certified classes of its scope.
  EXPECT_EQ(Open("inst_a", {cert_.class_id}).status, 403);
  EXPECT_EQ(Open("hrss", {cert_.class_id}).status, 403);
  auto other = Open("reviewer_b", {cert_.class_id});
  EXPECT_EQ(other.status, 404);
  EXPECT_NE(other.body.find("class_ids[0]"), std::string::npos) << other.body;
  EXPECT_EQ(Open("reviewer_a", {}).status, 400);
  EXPECT_EQ(Open("reviewer_a", {cert_.class_id, cert_.class_id}).status, 400);
  EXPECT_EQ(Open("reviewer_a", {424242}).status, 404);
  EXPECT_EQ(J(Get("reviewer_a", "/publicity-batches")).at("items").as_array().size(), 0u);

  auto opened = Open("reviewer_a", {cert_.class_id});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json::value b = J(opened);
  const int64_t batch = b.at("id").as_int64();
  EXPECT_EQ(Str(b.at("state")), "open");
  EXPECT_EQ(Str(b.at("opens_on")), "2021-10-18");
  EXPECT_EQ(Str(b.at("closes_on")), "2021-10-25");  // 5 working days after, the first not counted
  EXPECT_EQ(b.at("working_days").as_int64(), 5);
  ASSERT_EQ(b.at("items").as_array().size(), 2u);
  const json::value e0 = b.at("items").at(0);
  std::set<std::string> names;
  for (const auto& e : b.at("items").as_array()) names.insert(Str(e.at("name")));
  EXPECT_EQ(names, (std::set<std::string>{"张*", "李*"}));
  EXPECT_EQ(Str(e0.at("id_number")).find("**********"), 4u);
  EXPECT_EQ(Str(e0.at("occupation_name")), "保安员");
  EXPECT_EQ(Str(e0.at("institution")), "甲校");
  EXPECT_EQ(e0.at("subsidy_yuan").as_int64(), 650);
  EXPECT_EQ(ClassState(), "in_publicity");
  // Published once: the class is no longer certified.
  auto again = Open("reviewer_a", {cert_.class_id});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "class.state_conflict");

  // The public list: no sign-in, masked, no person ids, no full ID number.
  auto pub = Anon("GET", "/public/publicity");
  ASSERT_EQ(pub.status, 200) << pub.body;
  const json::value pv = J(pub);
  ASSERT_EQ(pv.at("items").as_array().size(), 1u);
  EXPECT_TRUE(pv.at("items").at(0).at("accepting_objections").as_bool());
  EXPECT_EQ(pv.at("items").at(0).at("entries").as_array().size(), 2u);
  EXPECT_EQ(pub.body.find("person_id"), std::string::npos);
  EXPECT_EQ(pub.body.find(ValidId(500)), std::string::npos);
  EXPECT_EQ(pub.body.find("张三"), std::string::npos);

  // Objections: a contact is required and validated, the text too; the target must be in it.
  const int64_t entry1 = EntryOf(b, cert_.person_ids[0]);
  auto no_contact = Object(batch, EntryTarget(entry1), "");
  EXPECT_EQ(no_contact.status, 400);
  EXPECT_NE(no_contact.body.find("contact"), std::string::npos);
  EXPECT_EQ(Object(batch, EntryTarget(entry1), "12345").status, 400);
  auto no_text = Object(batch, EntryTarget(entry1), "13912345678", "");
  EXPECT_EQ(no_text.status, 400);
  EXPECT_NE(no_text.body.find("text"), std::string::npos);
  EXPECT_EQ(Object(batch, EntryTarget(987654), "13912345678").status, 404);
  EXPECT_EQ(Object(987654, EntryTarget(entry1), "13912345678").status, 404);
  EXPECT_EQ(J(Get("reviewer_a", BatchPath(batch))).at("objections").as_int64(), 0);  // none kept
  auto filed = Object(batch, EntryTarget(entry1), "13912345678");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string receipt1 = Str(J(filed).at("receipt"));
  EXPECT_EQ(receipt1.size(), 16u);
  EXPECT_EQ(filed.body.find("13912345678"), std::string::npos);
  auto whole = Object(batch, ClassTarget(), "tip@example.com", "该班实际只上了两天课");
  ASSERT_EQ(whole.status, 201) << whole.body;
  const std::string receipt2 = Str(J(whole).at("receipt"));

  // The objector follows it by receipt: the status, never the contact.
  auto seen = Anon("GET", "/public/objections/" + receipt1);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(Str(J(seen).at("state")), "open");
  EXPECT_EQ(Str(J(seen).at("entry_name")), "张*");
  EXPECT_EQ(seen.body.find("139"), std::string::npos);
  EXPECT_EQ(Anon("GET", "/public/objections/0000000000000000").status, 404);
  EXPECT_EQ(Anon("GET", "/public/objections/not-a-receipt").status, 404);

  // Staff see the objections with the contact masked; the reviewer's queue lists them.
  const json::value detail = J(Get("hrss", BatchPath(batch)));
  ASSERT_EQ(detail.at("objection_items").as_array().size(), 2u);
  EXPECT_EQ(detail.at("objections_open").as_int64(), 2);
  const std::string masked = json::serialize(detail.at("objection_items"));
  EXPECT_NE(masked.find("139****5678"), std::string::npos) << masked;
  EXPECT_NE(masked.find("t***@example.com"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("13912345678"), std::string::npos);
  // The district's police see the contact in full on request, and the look is audited; 人社 and
  // the other district do not.
  const int64_t first = ObjectionId(batch, receipt1);
  const std::string contact_path = "/objections/" + std::to_string(first) + "/contact";
  auto revealed = Get("reviewer_a", contact_path);
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(Str(J(revealed).at("contact")), "13912345678");
  EXPECT_EQ(Get("hrss", contact_path).status, 403);
  EXPECT_EQ(Get("reviewer_b", contact_path).status, 404);
  EXPECT_EQ(Get("reviewer_a", "/objections/999999/contact").status, 404);
  EXPECT_EQ(AuditCount("objection.contact.reveal"), 1);
  bool queued = false;
  const json::value queues_a = J(Get("reviewer_a", "/work-queue"));
  for (const auto& q : queues_a.at("queues").as_array()) {
    if (Str(q.at("id")) != "objection.open") continue;
    queued = true;
    EXPECT_EQ(Str(q.at("title")), "待处理的异议");
    EXPECT_EQ(q.at("count").as_int64(), 2);
  }
  EXPECT_TRUE(queued);
  const json::value queues_b = J(Get("reviewer_b", "/work-queue"));
  for (const auto& q : queues_b.at("queues").as_array()) {
    if (Str(q.at("id")) == "objection.open") {
      EXPECT_EQ(q.at("count").as_int64(), 0);
    }
  }

  // Closing waits for the period.
  clock_->Set("2021-10-25T20:00:00+08:00");
  auto early = Close("reviewer_a", batch);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Reason(early), "publicity.period_running");

  // Resolving: the district's reviewer; reasons required.
  const int64_t o1 = ObjectionId(batch, receipt1), o2 = ObjectionId(batch, receipt2);
  EXPECT_EQ(Resolve("reviewer_b", o1, "upheld", "核实").status, 404);
  EXPECT_EQ(Resolve("hrss", o1, "upheld", "核实").status, 403);
  auto no_reason = Resolve("reviewer_a", o1, "upheld", "");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("reason"), std::string::npos);
  EXPECT_EQ(Resolve("reviewer_a", o1, "open", "核实").status, 400);
  auto upheld = Resolve("reviewer_a", o1, "upheld", "经核实该学员未参加培训");
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(Str(J(upheld).at("state")), "upheld");
  auto twice = Resolve("reviewer_a", o1, "dismissed", "再议");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Reason(twice), "objection.resolved");
  auto dismissed =
      Resolve("reviewer_a", o2, "dismissed", "经核查签到记录和录像，该班按计划完成培训");
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  // The objector sees the outcome and the reasons.
  const json::value out2 = J(Anon("GET", "/public/objections/" + receipt2));
  EXPECT_EQ(Str(out2.at("state")), "dismissed");
  EXPECT_EQ(Str(out2.at("state_name")), "异议不成立");
  EXPECT_NE(Str(out2.at("reason")).find("签到记录"), std::string::npos);
  // The upheld entry is withdrawn.
  const json::value after = J(Get("reviewer_a", BatchPath(batch)));
  for (const auto& e : after.at("items").as_array()) {
    EXPECT_EQ(e.at("withdrawn").as_bool(), e.at("id").as_int64() == entry1) << e;
  }

  // After the period: objections refused, closing allowed (nothing open).
  clock_->Set("2021-10-26T08:00:00+08:00");
  auto late = Object(batch, ClassTarget(), "13912345678");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Reason(late), "publicity.period_ended");
  EXPECT_NE(late.body.find("不再受理异议"), std::string::npos);
  EXPECT_TRUE(Payable().empty());  // in publicity still: nothing payable
  EXPECT_EQ(Close("reviewer_b", batch).status, 404);
  EXPECT_EQ(Close("hrss", batch).status, 403);
  auto closed = Close("reviewer_a", batch);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(Str(J(closed).at("state")), "closed");
  EXPECT_EQ(ClassState(), "publicity_closed");
  EXPECT_EQ(Reason(Close("reviewer_a", batch)), "publicity.closed");
  // The upheld trainee is not payable; the other is.
  EXPECT_EQ(Payable(), std::vector<int64_t>{cert_.person_ids[1]});
  // A closed batch leaves the public list and takes no objection.
  EXPECT_EQ(J(Anon("GET", "/public/publicity")).at("items").as_array().size(), 0u);
  EXPECT_EQ(Object(batch, ClassTarget(), "13912345678").status, 404);

  // The export for posting: masked, for the readers in scope, audited.
  auto xlsx = Get("reviewer_a", BatchPath(batch, "/export.xlsx"));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(Get("reviewer_b", BatchPath(batch, "/export.xlsx")).status, 404);
  EXPECT_EQ(Get("inst_a", BatchPath(batch, "/export.xlsx")).status, 403);
  // The audit trail has every step.
  for (const char* action : {"publicity.open", "publicity.close", "publicity.export",
                             "objection.file", "objection.resolve"}) {
    auto events = J(Get("admin", std::string("/audit-events?action=") + action));
    EXPECT_GE(events.at("items").as_array().size(), 1u) << action;
  }
}

TEST_P(Publicity, ClosingIsRefusedWhileAnObjectionIsOpen) {
  const int64_t batch = OpenBatch();
  ASSERT_GT(batch, 0);
  ASSERT_EQ(Object(batch, ClassTarget(), "13912345678").status, 201);
  clock_->Set("2021-10-26T09:00:00+08:00");
  // The reviewer's queue: the batch waits to be closed, with its open objection.
  bool queued = false;
  const json::value queues = J(Get("reviewer_a", "/work-queue"));
  for (const auto& q : queues.at("queues").as_array()) {
    if (Str(q.at("id")) != "publicity.ended") continue;
    queued = true;
    EXPECT_EQ(q.at("count").as_int64(), 1);
    EXPECT_NE(Str(q.at("items").at(0).at("warning")).find("1 条异议"), std::string::npos);
  }
  EXPECT_TRUE(queued);
  auto refused = Close("reviewer_a", batch);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Reason(refused), "publicity.objections_open");
  EXPECT_NE(refused.body.find("尚有 1 条异议"), std::string::npos) << refused.body;
  // Nothing changed.
  EXPECT_EQ(ClassState(), "in_publicity");
  EXPECT_EQ(Str(J(Get("reviewer_a", BatchPath(batch))).at("state")), "open");
  EXPECT_EQ(J(Get("admin", "/audit-events?action=publicity.close")).at("items").as_array().size(),
            0u);
}

TEST_P(Publicity, ObjectionsAreRateLimitedPerAddress) {
  const int64_t batch = OpenBatch();
  ASSERT_GT(batch, 0);
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(Object(batch, ClassTarget(), "13912345678").status, 201) << i;
  }
  auto limited = Object(batch, ClassTarget(), "13912345678");
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.headers["retry-after"].empty());
  EXPECT_EQ(J(Get("reviewer_a", BatchPath(batch))).at("objections").as_int64(), 10);
}

TEST_P(Publicity, AFraudCaseOpensFromAnObjection) {
  const int64_t batch = OpenBatch();
  ASSERT_GT(batch, 0);
  auto filed = Object(batch, ClassTarget(), "13912345678", "有人冒名顶替参加培训");
  ASSERT_EQ(filed.status, 201);
  const int64_t id = ObjectionId(batch, Str(J(filed).at("receipt")));
  const std::string path = "/objections/" + std::to_string(id) + "/case";
  const std::string body = R"({"summary":"冒名顶替","details":"公示异议举报有人冒名顶替"})";
  EXPECT_EQ(Post("reviewer_b", path, body).status, 404);
  EXPECT_EQ(Post("hrss", path, body).status, 403);
  EXPECT_EQ(Post("reviewer_a", path, R"({"summary":"","details":"x"})").status, 400);
  auto opened = Post("reviewer_a", path, body);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const int64_t case_id = J(opened).at("case").at("id").as_int64();
  EXPECT_EQ(J(opened).at("case_id").as_int64(), case_id);
  const json::value c = J(Get("reviewer_a", "/cases/" + std::to_string(case_id)));
  EXPECT_EQ(Str(c.at("source")), "report");
  EXPECT_EQ(c.at("class_id").as_int64(), cert_.class_id);
  auto again = Post("reviewer_a", path, body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "objection.case_opened");
  EXPECT_GE(J(Get("admin", "/audit-events?action=objection.case")).at("items").as_array().size(),
            1u);
}

TEST_P(Publicity, OutOfDistrictIsNotFound) {
  const int64_t batch = OpenBatch();
  ASSERT_GT(batch, 0);
  EXPECT_EQ(Get("reviewer_b", BatchPath(batch)).status, 404);
  EXPECT_EQ(J(Get("reviewer_b", "/publicity-batches")).at("items").as_array().size(), 0u);
  EXPECT_EQ(J(Get("reviewer_a", "/publicity-batches")).at("items").as_array().size(), 1u);
  EXPECT_EQ(J(Get("finance", "/publicity-batches")).at("items").as_array().size(), 1u);
  EXPECT_EQ(Get("inst_a", "/publicity-batches").status, 403);
  EXPECT_EQ(Get("inst_a", BatchPath(batch)).status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + BatchPath(batch)).status, 401);
  EXPECT_EQ(Get("reviewer_a", "/publicity-batches?state=nosuch").status, 400);
  EXPECT_EQ(Get("reviewer_a", "/objections?state=nosuch").status, 400);
  // A class's batches (the class page links to them): in scope, out of scope, malformed.
  const std::string of_class = "/publicity-batches?class_id=" + std::to_string(cert_.class_id);
  const json::value mine = J(Get("reviewer_a", of_class));
  ASSERT_EQ(mine.at("items").as_array().size(), 1u) << json::serialize(mine);
  EXPECT_EQ(mine.at("items").as_array()[0].at("id").as_int64(), batch);
  EXPECT_EQ(J(Get("reviewer_b", of_class)).at("items").as_array().size(), 0u);
  EXPECT_EQ(
      J(Get("reviewer_a", "/publicity-batches?class_id=999999")).at("items").as_array().size(), 0u);
  auto bad = Get("reviewer_a", "/publicity-batches?class_id=x");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Str(J(bad).at("error").at("field")), "class_id");
}

INSTANTIATE_TEST_SUITE_P(Stores, Publicity, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace anpei
