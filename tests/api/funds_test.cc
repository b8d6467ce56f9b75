// Funds (资金拨付, issue 15 Deliver 4; 三（一）4, 四（二）) and clawbacks (追回, Deliver 5;
// 四（三）) through the real server on SQLite and PostgreSQL: a fund request over a
// publicity_closed class (a class in any other state: 422 naming 四（二）), 人社's approval, 财政's
// confirmation, the payee accounts (a line without one blocks the export), the payment list as XLSX
// read back, the bank's results imported (dry run, a row report, all or nothing; one paid, one
// failed), the failed line re-issued and paid, the class paid and the totals reconciled at every
// step; a returned request frees its classes; concurrent requests for one class and concurrent
// imports of one result file: exactly one wins, the others 409, the totals unchanged, and the store
// itself refuses a second live line (the unique index); disqualifying a class with a paid and an
// unpaid line makes one clawback and cancels the other; recoveries up to the amount outstanding,
// with totals per institution. Who may do what; every step audited.
#include <atomic>
#include <thread>

#include <boost/json.hpp>

#include "adapters/sheet/sheet_reader.h"
#include "adapters/sql/migrations.h"
#include "support/completion_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;

std::string Multipart(const std::string& file_name, const std::string& data) {
  return "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--XBOUNDARYX--\r\n";
}
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

std::vector<std::vector<std::string>> ReadXlsx(const HttpResult& r) {
  std::vector<std::vector<std::string>> out;
  auto wb = adapters::OpenXlsx(r.body, "list.xlsx", ports::SheetLimits{});
  EXPECT_TRUE(wb.ok()) << wb.status().message();
  if (!wb.ok()) return out;
  Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow& row) -> Result<bool> {
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(c.text);
    out.push_back(std::move(cells));
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

class Funds : public testing::CompletionWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
  }

  static std::string ReqPath(int64_t id, const std::string& tail = "") {
    return "/fund-requests/" + std::to_string(id) + tail;
  }
  HttpResult Request(const std::string& who, const std::vector<int64_t>& classes) {
    json::array ids;
    for (int64_t c : classes) ids.push_back(c);
    return Post(who, "/fund-requests", json::serialize(json::object{{"class_ids", ids}}));
  }
  json::value Detail(int64_t id) {
    auto r = Get("admin", ReqPath(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r);
  }
  int64_t RequestVersion(int64_t id) { return Detail(id).at("version").as_int64(); }
  HttpResult Step(const std::string& who, int64_t id, const std::string& what,
                  const std::string& decision, const std::string& reason = "") {
    return Post(who, ReqPath(id, "/" + what),
                json::serialize(json::object{
                    {"decision", decision}, {"reason", reason}, {"version", RequestVersion(id)}}));
  }
  HttpResult Payee(const std::string& who, const json::value& line, const std::string& kind,
                   const std::string& account) {
    return Req(as_[who], "PUT",
               "/fund-lines/" + std::to_string(line.at("id").as_int64()) + "/payee",
               json::serialize(json::object{
                   {"kind", kind}, {"account", account}, {"version", line.at("version")}}));
  }
  HttpResult Import(const std::string& who, int64_t id, const std::string& csv,
                    const std::string& query = "") {
    return server_->Request("POST", "/api/v1" + ReqPath(id, "/results/import") + query,
                            Multipart("结果.csv", csv), as_[who], kMultipartType);
  }
  std::string ClassState(int64_t cls) {
    auto r = Get("admin", ClassPath(cls));
    return r.status == 200 ? Str(J(r).at("state")) : "";
  }
  // The totals object of a request, checked to reconcile.
  json::object Totals(int64_t id) {
    json::object t = Detail(id).at("totals").as_object();
    EXPECT_TRUE(t.at("reconciles").as_bool());
    EXPECT_EQ(t.at("requested_yuan").as_int64(), t.at("paid_yuan").as_int64() +
                                                     t.at("failed_yuan").as_int64() +
                                                     t.at("pending_yuan").as_int64());
    return t;
  }
  // A request over `cls` approved by 人社 and confirmed by 财政, every line given an account.
  int64_t Confirmed(int64_t cls) {
    auto created = Request("reviewer_a", {cls});
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.status == 201 ? J(created).at("id").as_int64() : 0;
    EXPECT_EQ(Step("hrss", id, "approval", "approve").status, 200);
    EXPECT_EQ(Step("finance", id, "confirmation", "confirm").status, 200);
    const json::value d = Detail(id);
    int n = 0;
    for (const auto& line : d.at("lines").as_array()) {
      EXPECT_EQ(Payee("hrss", line, "social_security_card", "621700000000000" + std::to_string(++n))
                    .status,
                200);
    }
    return id;
  }
  // A CSV of bank results: reference, result, bank reference, date, reason.
  static std::string Results(const std::vector<std::vector<std::string>>& rows) {
    std::string csv = "参考号,结果,银行流水号,支付日期,失败原因\r\n";
    for (const auto& r : rows)
      csv += r[0] + "," + r[1] + "," + r[2] + "," + r[3] + "," + r[4] + "\r\n";
    return csv;
  }
  static std::vector<std::string> Refs(const json::value& detail) {
    std::vector<std::string> out;
    for (const auto& l : detail.at("lines").as_array()) out.push_back(Str(l.at("reference")));
    return out;
  }
};

TEST_P(Funds, RequestApproveConfirmExportImportReissueUntilPaid) {
  const auto cls = PublicityClosedClass("inst_a", 2);
  ASSERT_FALSE(HasFatalFailure());
  const auto certified = CertifiedClass("inst_b", 1, "2021-11-01");
  ASSERT_FALSE(HasFatalFailure());

  // Only a publicity_closed class enters (四（二）); who may request.
  auto refused = Request("reviewer_b", {certified.class_id});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Reason(refused), "funds.class_not_payable");
  EXPECT_EQ(Str(J(refused).at("error").at("field")), "class_ids[0]");
  EXPECT_NE(Str(J(refused).at("error").at("message")).find("四（二）"), std::string::npos);
  EXPECT_EQ(Request("inst_a", {cls.class_id}).status, 403);
  EXPECT_EQ(Request("hrss", {cls.class_id}).status, 403);
  EXPECT_EQ(Request("reviewer_b", {cls.class_id}).status, 404);
  EXPECT_EQ(Request("reviewer_a", {}).status, 400);
  EXPECT_EQ(Request("reviewer_a", {cls.class_id, cls.class_id}).status, 400);
  EXPECT_EQ(Request("reviewer_a", {999999}).status, 404);
  EXPECT_EQ(AuditCount("fund_request.create"), 0);

  auto created = Request("reviewer_a", {cls.class_id});
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = J(created).at("id").as_int64();
  EXPECT_EQ(Str(J(created).at("state")), "submitted");
  EXPECT_EQ(J(created).at("lines").as_array().size(), 2u);
  EXPECT_EQ(J(created).at("flagged").as_int64(), 2);                         // no account known yet
  EXPECT_EQ(J(created).at("totals").at("requested_yuan").as_int64(), 1300);  // 2 × 650 元
  EXPECT_EQ(ClassState(cls.class_id), "funds_requested");
  auto twice = Request("reviewer_a", {cls.class_id});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Reason(twice), "funds.already_requested");
  EXPECT_EQ(Get("reviewer_b", ReqPath(id)).status, 404);
  EXPECT_EQ(Get("inst_a", ReqPath(id)).status, 403);
  EXPECT_EQ(Get("finance", ReqPath(id)).status, 200);
  EXPECT_EQ(J(Get("reviewer_b", "/fund-requests")).at("items").as_array().size(), 0u);
  EXPECT_EQ(J(Get("reviewer_a", "/fund-requests")).at("items").as_array().size(), 1u);
  EXPECT_EQ(QueueCount("hrss", "fund_request.submitted"), 1);
  EXPECT_EQ(QueueCount("finance", "fund_request.approved"), 0);

  // 人社 approves (财政 cannot before; bad decision; stale version), then 财政 confirms.
  EXPECT_EQ(Step("finance", id, "confirmation", "confirm").status, 409);
  EXPECT_EQ(Step("reviewer_a", id, "approval", "approve").status, 403);
  auto bad = Step("hrss", id, "approval", "maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Str(J(bad).at("error").at("field")), "decision");
  auto stale = Post("hrss", ReqPath(id, "/approval"), R"({"decision":"approve","version":99})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Reason(stale), "version.stale");
  auto approved = Step("hrss", id, "approval", "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Str(J(approved).at("state")), "approved");
  EXPECT_EQ(Str(J(approved).at("hrss_by")), "市人社局经办人");  // the display name
  EXPECT_EQ(QueueCount("hrss", "fund_request.submitted"), 0);
  EXPECT_EQ(QueueCount("finance", "fund_request.approved"), 1);
  EXPECT_EQ(Get("finance", ReqPath(id, "/payment-list.xlsx")).status,
            409);  // not confirmed yet
  auto confirmed = Step("finance", id, "confirmation", "confirm");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(Str(J(confirmed).at("state")), "confirmed");

  // No export while a line has no account; accounts are digits, shown masked.
  auto blocked = Get("finance", ReqPath(id, "/payment-list.xlsx"));
  EXPECT_EQ(blocked.status, 422);
  EXPECT_EQ(Reason(blocked), "funds.account_missing");
  const json::array lines = Detail(id).at("lines").as_array();
  auto wrong = Payee("reviewer_a", lines[0], "social_security_card", "6217-abc");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Str(J(wrong).at("error").at("field")), "account");
  EXPECT_EQ(Payee("reviewer_a", lines[0], "cash", "6217000011112222").status, 400);
  EXPECT_EQ(Payee("finance", lines[0], "other", "6217000011112222").status, 403);
  EXPECT_EQ(Payee("reviewer_b", lines[0], "other", "6217000011112222").status, 404);
  auto given = Payee("reviewer_a", lines[0], "social_security_card", "6217 0000 1111 2222");
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(Str(J(given).at("account")), "6217********2222");
  EXPECT_FALSE(J(given).at("flagged").as_bool());
  ASSERT_EQ(Payee("hrss", lines[1], "other", "6228480000333344445").status, 200);
  EXPECT_EQ(Detail(id).at("flagged").as_int64(), 0);

  // The payment list: one row per line, full name and account (for the bank), amounts; audited.
  EXPECT_EQ(Get("hrss", ReqPath(id, "/payment-list.xlsx")).status, 403);
  auto list = Get("finance", ReqPath(id, "/payment-list.xlsx"));
  ASSERT_EQ(list.status, 200) << list.body.substr(0, 300);
  auto rows = ReadXlsx(list);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][1], "参考号");
  EXPECT_EQ(rows[0][4], "收款账号");
  std::set<std::string> accounts = {rows[1][4], rows[2][4]};
  EXPECT_TRUE(accounts.count("6217000011112222"));
  EXPECT_TRUE(accounts.count("6228480000333344445"));
  EXPECT_EQ(rows[1][5], "650");
  EXPECT_EQ(rows[1][2].find('*'), std::string::npos);  // the payee's full name
  EXPECT_EQ(AuditCount("fund_request.export"), 1);

  // The bank's results: a bad file reports rows and changes nothing; a dry run changes nothing.
  const auto refs = Refs(Detail(id));
  const std::string results = Results({{refs[0], "成功", "B20211101001", "2021-11-01", ""},
                                       {refs[1], "失败", "", "", "账户已销户"}});
  auto faulty = Import("finance", id,
                       Results({{refs[0], "成功", "", "2021-11-01", ""},
                                {"FR999-L1-A1", "失败", "", "", "x"},
                                {refs[1], "不知道", "", "", ""}}));
  ASSERT_EQ(faulty.status, 400) << faulty.body;
  const json::array errors = J(faulty).at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 2);
  EXPECT_EQ(Str(errors[0].at("field")), "bank_reference");
  EXPECT_EQ(errors[1].at("row").as_int64(), 3);
  EXPECT_EQ(Str(errors[2].at("field")), "result");
  auto dry = Import("finance", id, results, "?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(J(dry).at("paid").as_int64(), 1);
  EXPECT_EQ(Totals(id).at("pending_yuan").as_int64(), 1300);
  EXPECT_EQ(Import("hrss", id, results).status, 403);

  auto imported = Import("finance", id, results);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(J(imported).at("paid").as_int64(), 1);
  EXPECT_EQ(J(imported).at("failed").as_int64(), 1);
  auto t = Totals(id);
  EXPECT_EQ(t.at("paid_yuan").as_int64(), 650);
  EXPECT_EQ(t.at("failed_yuan").as_int64(), 650);
  EXPECT_EQ(t.at("pending_yuan").as_int64(), 0);
  EXPECT_EQ(ClassState(cls.class_id), "funds_requested");
  // The same results again: never registered twice.
  auto again = Import("finance", id, results);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "fund_line.already_registered");

  // The failed line is re-issued (a new attempt and reference), exported and paid.
  json::value failed_line, paid_line;
  const json::array after_import = Detail(id).at("lines").as_array();
  for (const auto& l : after_import) {
    (Str(l.at("status")) == "failed" ? failed_line : paid_line) = l;
  }
  EXPECT_EQ(Str(failed_line.at("failure_reason")), "账户已销户");
  auto reissue_paid =
      Post("finance", "/fund-lines/" + std::to_string(paid_line.at("id").as_int64()) + "/reissue",
           "{\"version\":" + std::to_string(paid_line.at("version").as_int64()) + "}");
  EXPECT_EQ(reissue_paid.status, 409);
  const std::string reissue_path =
      "/fund-lines/" + std::to_string(failed_line.at("id").as_int64()) + "/reissue";
  const std::string reissue_body =
      "{\"version\":" + std::to_string(failed_line.at("version").as_int64()) + "}";
  EXPECT_EQ(Post("hrss", reissue_path, reissue_body).status, 403);
  auto reissued = Post("finance", reissue_path, reissue_body);
  ASSERT_EQ(reissued.status, 200) << reissued.body;
  EXPECT_EQ(Str(J(reissued).at("status")), "pending");
  EXPECT_EQ(J(reissued).at("attempt").as_int64(), 2);
  const std::string new_ref = Str(J(reissued).at("reference"));
  EXPECT_NE(new_ref, Str(failed_line.at("reference")));
  EXPECT_EQ(Totals(id).at("pending_yuan").as_int64(), 650);
  // The old attempt's reference no longer matches.
  auto old = Import("finance", id,
                    Results({{Str(failed_line.at("reference")), "成功", "B2", "2021-11-03", ""}}));
  EXPECT_EQ(old.status, 409) << old.body;
  auto second = ReadXlsx(Get("finance", ReqPath(id, "/payment-list.xlsx")));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1][1], new_ref);
  auto paid = Import("finance", id, Results({{new_ref, "成功", "B20211103007", "2021-11-03", ""}}));
  ASSERT_EQ(paid.status, 200) << paid.body;
  t = Totals(id);
  EXPECT_EQ(t.at("paid_yuan").as_int64(), 1300);
  EXPECT_EQ(t.at("requested_yuan").as_int64(), 1300);
  EXPECT_EQ(ClassState(cls.class_id), "paid");
  EXPECT_EQ(Str(Detail(id).at("state")), "completed");
  const json::value d = Detail(id);
  EXPECT_EQ(d.at("classes").as_array()[0].at("totals").at("paid_yuan").as_int64(), 1300);

  for (const char* action : {"fund_request.create", "fund_request.approve", "fund_request.confirm",
                             "fund_request.import_results", "fund_line.reissue", "class.paid",
                             "fund_request.complete", "class.funds_request"}) {
    EXPECT_GE(AuditCount(action), 1) << action;
  }
  EXPECT_EQ(AuditCount("fund_line.payee"), 2);
  EXPECT_EQ(AuditCount("fund_line.result"), 3);
  EXPECT_EQ(AuditCount("fund_request.export"), 2);
}

TEST_P(Funds, AReturnedRequestFreesItsClassesForANewOne) {
  const auto cls = PublicityClosedClass("inst_a", 1);
  ASSERT_FALSE(HasFatalFailure());
  auto created = Request("reviewer_a", {cls.class_id});
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = J(created).at("id").as_int64();
  auto no_reason = Step("hrss", id, "approval", "return", "  ");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Str(J(no_reason).at("error").at("field")), "reason");
  EXPECT_EQ(ClassState(cls.class_id), "funds_requested");
  auto returned = Step("hrss", id, "approval", "return", "花名册与公示名单不一致");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Str(J(returned).at("state")), "returned");
  EXPECT_EQ(Str(J(returned).at("return_reason")), "花名册与公示名单不一致");
  EXPECT_EQ(Str(J(returned).at("lines").as_array()[0].at("status")), "cancelled");
  EXPECT_EQ(J(returned).at("totals").at("requested_yuan").as_int64(), 0);
  EXPECT_EQ(ClassState(cls.class_id), "publicity_closed");
  EXPECT_EQ(Step("hrss", id, "approval", "approve").status, 409);
  auto again = Request("reviewer_a", {cls.class_id});
  ASSERT_EQ(again.status, 201) << again.body;
  const int64_t id2 = J(again).at("id").as_int64();
  ASSERT_EQ(Step("hrss", id2, "approval", "approve").status, 200);
  auto by_finance = Step("finance", id2, "confirmation", "return", "预算未下达");
  ASSERT_EQ(by_finance.status, 200) << by_finance.body;
  EXPECT_EQ(ClassState(cls.class_id), "publicity_closed");
  EXPECT_EQ(AuditCount("fund_request.return"), 2);
  EXPECT_EQ(AuditCount("class.funds_return"), 2);
}

// Never paid twice (四（二）): concurrent requests for one class and concurrent imports of one
// result file — exactly one wins, the others 409, the totals unchanged; and the store's unique
// index refuses a second live line of one class and person whatever the application does.
TEST_P(Funds, ConcurrentRequestsAndImportsPayOnce) {
  const auto cls = PublicityClosedClass("inst_a", 2);
  ASSERT_FALSE(HasFatalFailure());
  constexpr int kClients = 8;
  std::atomic<int> created{0}, conflicts{0}, other{0};
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        auto r = Request(i % 2 ? "reviewer_a" : "admin", {cls.class_id});
        (r.status == 201 ? created : r.status == 409 ? conflicts : other)++;
      });
    }
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), kClients - 1);
  EXPECT_EQ(other.load(), 0);
  auto list = J(Get("admin", "/fund-requests"));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  const int64_t id = list.at("items").as_array()[0].at("id").as_int64();
  EXPECT_EQ(list.at("items").as_array()[0].at("requested_yuan").as_int64(), 1300);

  // The store itself: a second live line of the same class and person is refused.
  {
    auto c = adapters::OpenDatabase(db_->url());
    ASSERT_TRUE(c.ok());
    auto dup = (*c)->Execute(
        "INSERT INTO fund_lines (request_id, class_id, person_id, amount_yuan, account_kind, "
        "status, attempt, updated_at) VALUES (?, ?, ?, 650, 'other', 'paid', 1, 'x')",
        {std::to_string(id), std::to_string(cls.class_id), std::to_string(cls.person_ids[0])});
    EXPECT_FALSE(dup.ok());
    EXPECT_EQ(dup.status().code(), Code::kConflict);
  }

  ASSERT_EQ(Step("hrss", id, "approval", "approve").status, 200);
  ASSERT_EQ(Step("finance", id, "confirmation", "confirm").status, 200);
  int n = 0;
  const json::array lines = Detail(id).at("lines").as_array();
  for (const auto& line : lines) {
    ASSERT_EQ(Payee("hrss", line, "other", "62170000000000" + std::to_string(++n)).status, 200);
  }
  ASSERT_EQ(Get("finance", ReqPath(id, "/payment-list.xlsx")).status, 200);
  const auto refs = Refs(Detail(id));
  const std::string results = Results(
      {{refs[0], "成功", "B1", "2021-11-01", ""}, {refs[1], "成功", "B2", "2021-11-01", ""}});
  std::atomic<int> ok{0}, refused{0}, odd{0};
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&] {
        auto r = Import("finance", id, results);
        (r.status == 200 ? ok : r.status == 409 ? refused : odd)++;
      });
    }
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), kClients - 1);
  EXPECT_EQ(odd.load(), 0);
  auto t = Totals(id);
  EXPECT_EQ(t.at("paid_yuan").as_int64(), 1300);
  EXPECT_EQ(t.at("paid_lines").as_int64(), 2);
  EXPECT_EQ(AuditCount("fund_line.result"), 2);
  EXPECT_EQ(ClassState(cls.class_id), "paid");
}

// Disqualifying a class (四（三）) with one line paid and one failed: the paid one becomes a
// clawback, the failed one is cancelled (never paid); recoveries up to what is outstanding.
TEST_P(Funds, DisqualifyingAPaidClassMakesClawbacksRecoveredToZero) {
  const auto cls = PublicityClosedClass("inst_a", 2);
  ASSERT_FALSE(HasFatalFailure());
  const int64_t id = Confirmed(cls.class_id);
  ASSERT_EQ(Get("finance", ReqPath(id, "/payment-list.xlsx")).status, 200);
  const auto refs = Refs(Detail(id));
  ASSERT_EQ(Import("finance", id,
                   Results({{refs[0], "成功", "B1", "2021-11-01", ""},
                            {refs[1], "失败", "", "", "户名不符"}}))
                .status,
            200);

  // The case: opened, investigated, answered, decided fraud by the city bureau.
  auto opened =
      Post("reviewer_a", ClassPath(cls.class_id, "/cases"),
           R"({"source":"report","summary":"代签","details":"公示期后举报：代签 2 人次"})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string case_path = "/cases/" + std::to_string(J(opened).at("id").as_int64());
  auto version = [&] {
    return std::to_string(J(Get("admin", case_path)).at("version").as_int64());
  };
  ASSERT_EQ(Post("reviewer_a", case_path + "/investigation",
                 R"({"findings":"调取录像核实","version":)" + version() + "}")
                .status,
            200);
  ASSERT_EQ(Post("inst_a", case_path + "/responses", R"({"text":"无异议"})").status, 201);
  auto decided = Post("admin", case_path + "/decision",
                      R"({"decision":"fraud","reason":"代签属实","version":)" + version() + "}");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(ClassState(cls.class_id), "disqualified");

  auto t = Totals(id);
  EXPECT_EQ(t.at("paid_yuan").as_int64(), 650);
  EXPECT_EQ(t.at("failed_yuan").as_int64(), 0);
  EXPECT_EQ(t.at("cancelled_yuan").as_int64(), 650);
  EXPECT_EQ(AuditCount("fund_line.cancel"), 1);
  EXPECT_EQ(AuditCount("clawback.open"), 1);

  auto list = Get("hrss", "/clawbacks");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value l = J(list);
  ASSERT_EQ(l.at("items").as_array().size(), 1u);
  const json::value c = l.at("items").as_array()[0];
  EXPECT_EQ(c.at("due_yuan").as_int64(), 650);
  EXPECT_EQ(c.at("outstanding_yuan").as_int64(), 650);
  EXPECT_EQ(Str(c.at("state")), "outstanding");
  EXPECT_EQ(l.at("totals").at("due_yuan").as_int64(), 650);
  EXPECT_EQ(l.at("by_institution").as_array().size(), 1u);
  EXPECT_EQ(QueueCount("hrss", "clawback.outstanding"), 1);
  const std::string path = "/clawbacks/" + std::to_string(c.at("id").as_int64());
  EXPECT_EQ(Get("inst_a", path).status, 200);
  EXPECT_EQ(Get("inst_b", path).status, 404);
  EXPECT_EQ(Get("reviewer_b", path).status, 404);
  EXPECT_EQ(J(Get("inst_b", "/clawbacks")).at("items").as_array().size(), 0u);

  auto recover = [&](const std::string& who, int64_t amount, const std::string& on = "2021-10-16") {
    auto cur = J(Get("admin", path));
    return Post(who, path + "/recoveries",
                json::serialize(json::object{{"amount_yuan", amount},
                                             {"recovered_on", on},
                                             {"reference", "缴款书 2021-77"},
                                             {"version", cur.at("version")}}));
  };
  EXPECT_EQ(recover("reviewer_a", 100).status, 403);
  EXPECT_EQ(recover("inst_a", 100).status, 403);
  auto too_much = recover("hrss", 651);
  EXPECT_EQ(too_much.status, 400);
  EXPECT_EQ(Str(J(too_much).at("error").at("field")), "amount_yuan");
  EXPECT_EQ(Str(J(recover("hrss", 10, "2099-01-01")).at("error").at("field")), "recovered_on");
  auto first = recover("hrss", 200);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(J(first).at("outstanding_yuan").as_int64(), 450);
  // The report (Deliver 6) follows: 450 still to recover.
  EXPECT_EQ(J(Get("finance", "/reports")).at("total").at("clawback_outstanding_yuan").as_int64(),
            450);
  auto second = recover("finance", 450);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Str(J(second).at("state")), "settled");
  EXPECT_EQ(J(second).at("recoveries").as_array().size(), 2u);
  auto after = recover("hrss", 1);
  EXPECT_EQ(after.status, 409);
  EXPECT_EQ(Reason(after), "clawback.settled");
  const json::value totals = J(Get("hrss", "/clawbacks")).at("totals");
  EXPECT_EQ(totals.at("due_yuan").as_int64(), 650);
  EXPECT_EQ(totals.at("recovered_yuan").as_int64(), 650);
  EXPECT_EQ(totals.at("outstanding_yuan").as_int64(), 0);
  EXPECT_EQ(QueueCount("hrss", "clawback.outstanding"), 0);
  EXPECT_EQ(AuditCount("clawback.recover"), 2);
  EXPECT_EQ(Get("hrss", "/clawbacks?state=nonsense").status, 400);

  // The report counts the payment in the month the bank paid it (2021-11) and the clawback with
  // its recoveries; the other district's reviewer sees none of it.
  const json::value report = J(Get("hrss", "/reports?by=month"));
  const json::value total = report.at("total");
  EXPECT_EQ(total.at("paid").as_int64(), 1) << json::serialize(report);
  EXPECT_EQ(total.at("paid_yuan").as_int64(), 650);
  EXPECT_EQ(total.at("clawback_due_yuan").as_int64(), 650);
  EXPECT_EQ(total.at("clawback_recovered_yuan").as_int64(), 650);
  EXPECT_EQ(total.at("clawback_outstanding_yuan").as_int64(), 0);
  bool november = false;
  for (const json::value& row : report.at("rows").as_array()) {
    if (Str(row.at("key")) == "2021-11") {
      november = true;
      EXPECT_EQ(row.at("paid_yuan").as_int64(), 650);
    }
  }
  EXPECT_TRUE(november) << json::serialize(report);
  EXPECT_EQ(J(Get("reviewer_b", "/reports")).at("total").at("paid_yuan").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Funds, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
