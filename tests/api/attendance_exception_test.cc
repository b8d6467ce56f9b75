// Paper sign-in as an exception (issue 13, Deliver 6) through the real server on SQLite and
// PostgreSQL: the institution of an approved class reports an objective reason for named
// sessions; the district's reviewer (or the city bureau) approves or refuses; scans and photos of
// the sheets go through the blob store (PDF/JPEG/PNG sniffed) and only after approval; the
// reviewer's queue and work queue list the pending ones of the district, oldest first; two
// concurrent decisions never both win; every change is audited.
#include <array>
#include <atomic>
#include <set>
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
  auto v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("field") && e.at("field").is_string() ? Str(e.at("field")) : "";
}
std::string Reason(const HttpResult& r) {
  auto v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("reason") && e.at("reason").is_string() ? Str(e.at("reason")) : "";
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}
const std::string kPng = Bytes(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8cf"
    "c0000003010100c9fe92ef0000000049454e44ae426082");
const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

std::string Multipart(const std::string& file_name, const std::string& data) {
  return "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--XBOUNDARYX--\r\n";
}
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

// Five sessions from 2021-`month`-`first_day`, 08:30–11:30 (a compliant plan).
std::string Sessions(int month, int first_day) {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2021-%02d-%02d", month, first_day + i);
    out.push_back(json::object{{"date", date},
                               {"start", "08:30"},
                               {"end", "11:30"},
                               {"hours", 4},
                               {"kind", i >= 3 ? "practical" : "theory"},
                               {"delivery", "offline"},
                               {"teacher", "t1"}});
  }
  return json::serialize(out);
}

const std::vector<std::string> kUsers = {"inst_a",     "inst_b",  "reviewer_a",
                                         "reviewer_b", "finance", "hrss"};
constexpr const char* kReason = "培训场地所在山区无移动网络信号，学员手机无法签到";

class AttendanceExceptions : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    blob_dir_ = ::testing::TempDir() + "/paper-blobs-" + GetParam() + std::to_string(getpid());
    Start("2021-09-28T10:00:00+08:00");
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    User("finance", "finance", "");
    User("hrss", "hrss", "");
    cls_a_ = Approved("inst_a", "reviewer_a", inst_a_, 10, 11, 10);
    person_a_ = trainees_[inst_a_];  // on cls_a_'s roster
    cls_b_ = Approved("inst_b", "reviewer_b", inst_b_, 10, 11, 30);
    declared_a_ = Class("inst_a", inst_a_, "甲校待审", 10, 11, 21);
    Declare("inst_a", declared_a_);
    Start("2021-10-12T12:00:00+08:00");  // sessions 1 and 2 have taken place
  }

  void Start(const std::string& clock) {
    server_.reset();
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 clock, "--blob-dir", blob_dir_});
    ASSERT_TRUE(server_->started());
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
  int64_t Class(const std::string& who, int64_t inst, const std::string& title, int month,
                int first_day, int person) {
    trainees_[inst] =
        Id(Post(who, "/trainees",
                R"({"name":"学员)" + std::to_string(person) + R"(","id_number":")" +
                    ValidId(person) + R"(","phone":"13800001234","group":"security_staff"})"));
    return Id(Post(
        who, "/classes",
        R"({"institution_id":)" + std::to_string(inst) +
            R"(,"occupation":"security_guard","title":")" + title +
            R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
            std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions(month, first_day) +
            R"(,"roster":[)" + std::to_string(trainees_[inst]) + "]}"));
  }
  int64_t Declare(const std::string& who, int64_t cls) {
    auto r = Post(who, "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("version").as_int64();
  }
  int64_t Approved(const std::string& who, const std::string& reviewer, int64_t inst, int month,
                   int first_day, int person) {
    const int64_t cls = Class(who, inst, "班" + std::to_string(person), month, first_day, person);
    const int64_t version = Declare(who, cls);
    auto r =
        Post(reviewer, "/classes/" + std::to_string(cls) + "/review",
             R"({"decision":"approve","reason":"","version":)" + std::to_string(version) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    return cls;
  }
  HttpResult File(const std::string& who, int64_t cls, const std::string& seqs,
                  const std::string& reason = kReason) {
    return Post(who, "/classes/" + std::to_string(cls) + "/attendance-exceptions",
                R"({"session_seqs":)" + seqs + R"(,"reason":")" + reason + "\"}");
  }
  HttpResult Decide(const std::string& who, int64_t id, const std::string& decision,
                    const std::string& reason = "") {
    return Post(who, "/attendance-exceptions/" + std::to_string(id) + "/decision",
                R"({"decision":")" + decision + R"(","reason":")" + reason + "\"}");
  }
  HttpResult Upload(const std::string& who, int64_t id, const std::string& name,
                    const std::string& data) {
    return server_->Request("POST",
                            "/api/v1/attendance-exceptions/" + std::to_string(id) + "/files",
                            Multipart(name, data), as_[who], kMultipartType);
  }
  int64_t AuditCount(const std::string& action) {
    auto r = Get("admin", "/audit-events?action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("total").as_int64();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_, trainees_;
  std::string blob_dir_;
  int64_t inst_a_ = 0, inst_b_ = 0, cls_a_ = 0, cls_b_ = 0, declared_a_ = 0, person_a_ = 0;
};

TEST_P(AttendanceExceptions, FiledOnlyByTheInstitutionOfAnApprovedClassWithAReason) {
  auto r = File("inst_a", cls_a_, "[2,1]");
  ASSERT_EQ(r.status, 201) << r.body;
  auto e = J(r);
  EXPECT_EQ(Str(e.at("state")), "pending");
  EXPECT_EQ(Str(e.at("state_name")), "待审核");
  EXPECT_EQ(e.at("session_seqs"), (json::array{1, 2}));
  EXPECT_EQ(Str(e.at("reason")), kReason);
  EXPECT_EQ(e.at("class_id").as_int64(), cls_a_);
  EXPECT_EQ(e.at("file_count").as_int64(), 0);
  EXPECT_EQ(e.at("backfilled_count").as_int64(), 0);
  EXPECT_TRUE(e.at("backfilled_at").is_null());
  EXPECT_EQ(AuditCount("attendance_exception.create"), 1);
  // Bad input names its field and files nothing.
  auto short_reason = File("inst_a", cls_a_, "[1]", "没信号");
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_EQ(Field(short_reason), "reason");
  EXPECT_EQ(Field(File("inst_a", cls_a_, "[1]", "   ")), "reason");
  EXPECT_EQ(Field(File("inst_a", cls_a_, "[6]")), "session_seqs[0]");  // five sessions
  EXPECT_EQ(Field(File("inst_a", cls_a_, "[0]")), "session_seqs[0]");
  EXPECT_EQ(Field(File("inst_a", cls_a_, "[1,1]")), "session_seqs[1]");
  EXPECT_EQ(Field(File("inst_a", cls_a_, "[]")), "session_seqs");
  EXPECT_EQ(Field(File("inst_a", cls_a_, R"(["1"])")), "session_seqs[0]");
  EXPECT_EQ(Field(Post("inst_a", "/classes/" + std::to_string(cls_a_) + "/attendance-exceptions",
                       R"({"reason":"x"})")),
            "session_seqs");
  // A class not approved: 409 with the reason; another institution's class: 404 like a missing
  // one; police and 财政 do not file.
  auto declared = File("inst_a", declared_a_, "[1]");
  EXPECT_EQ(declared.status, 409);
  EXPECT_EQ(Reason(declared), "attendance_exception.class_not_approved");
  EXPECT_EQ(File("inst_b", cls_a_, "[1]").status, 404);
  EXPECT_EQ(File("inst_a", 999999, "[1]").status, 404);
  EXPECT_EQ(File("reviewer_a", cls_a_, "[1]").status, 403);
  EXPECT_EQ(File("finance", cls_a_, "[1]").status, 403);
  EXPECT_EQ(
      server_
          ->Request("POST", "/api/v1/classes/" + std::to_string(cls_a_) + "/attendance-exceptions",
                    R"({"session_seqs":[1],"reason":")" + std::string(kReason) + "\"}")
          .status,
      401);
  // Nothing else was filed.
  auto list = J(Get("inst_a", "/classes/" + std::to_string(cls_a_) + "/attendance-exceptions"));
  EXPECT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(AuditCount("attendance_exception.create"), 1);
}

TEST_P(AttendanceExceptions, ReviewerDecidesWithinTheDistrictThenSheetsAreUploaded) {
  const int64_t id = Id(File("inst_a", cls_a_, "[1,2]"));
  const std::string path = "/attendance-exceptions/" + std::to_string(id);
  // No upload before approval (checked before the file is read).
  auto early = Upload("inst_a", id, "sheet.png", kPng);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Reason(early), "attendance_exception.not_approved");
  // Who decides: the district's reviewer or the city bureau; not the institution, not 财政;
  // another district's reviewer gets the 404 of a missing exception.
  EXPECT_EQ(Decide("inst_a", id, "approve").status, 403);
  EXPECT_EQ(Decide("finance", id, "approve").status, 403);
  EXPECT_EQ(Decide("reviewer_b", id, "approve").status, 404);
  EXPECT_EQ(Get("reviewer_b", path).status, 404);
  EXPECT_EQ(Get("inst_b", path).status, 404);
  // Refusing needs a reason; a bad decision word names the field.
  EXPECT_EQ(Field(Decide("reviewer_a", id, "refuse")), "reason");
  EXPECT_EQ(Field(Decide("reviewer_a", id, "maybe")), "decision");
  auto stale = Post("reviewer_a", path + "/decision", R"({"decision":"approve","version":7})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Field(stale), "version");
  auto ok = Decide("reviewer_a", id, "approve", "情况属实，同意纸质签到");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Str(J(ok).at("state")), "approved");
  EXPECT_EQ(Str(J(ok).at("decision_reason")), "情况属实，同意纸质签到");
  EXPECT_FALSE(J(ok).at("decided_at").is_null());
  EXPECT_EQ(J(ok).at("version").as_int64(), 2);
  auto again = Decide("admin", id, "refuse", "重复审核");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "attendance_exception.decided");
  EXPECT_EQ(AuditCount("attendance_exception.approve"), 1);
  EXPECT_EQ(AuditCount("attendance_exception.refuse"), 0);

  // Uploads: the class's institution only; sniffed, not named: a ".jpg" that is text is refused.
  auto fake = Upload("inst_a", id, "sheet.jpg", "not an image at all");
  EXPECT_EQ(fake.status, 400) << fake.body;
  EXPECT_EQ(Field(fake), "file");
  EXPECT_EQ(Upload("reviewer_a", id, "sheet.png", kPng).status, 403);
  EXPECT_EQ(Upload("inst_b", id, "sheet.png", kPng).status, 404);
  auto png = Upload("inst_a", id, "签到表1.png", kPng);
  ASSERT_EQ(png.status, 201) << png.body;
  EXPECT_EQ(J(png).at("n").as_int64(), 1);
  EXPECT_EQ(Str(J(png).at("mime")), "image/png");
  EXPECT_EQ(Str(J(png).at("file_name")), "签到表1.png");
  auto pdf = Upload("inst_a", id, "scan.pdf", kPdf);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(J(pdf).at("n").as_int64(), 2);
  EXPECT_EQ(Str(J(pdf).at("mime")), "application/pdf");
  auto no_file = server_->Request("POST", "/api/v1" + path + "/files", "{}", as_["inst_a"]);
  EXPECT_EQ(no_file.status, 400);
  EXPECT_EQ(Field(no_file), "file");
  EXPECT_EQ(AuditCount("attendance_exception.file"), 2);
  // Reading them: the institution and the district's police; not 财政 (names and signatures).
  auto files = J(Get("reviewer_a", path + "/files"));
  ASSERT_EQ(files.at("items").as_array().size(), 2u);
  EXPECT_EQ(Str(files.at("items").at(1).at("url")), "/api/v1" + path + "/files/2");
  auto bytes = Get("inst_a", path + "/files/1");
  EXPECT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, kPng);
  EXPECT_EQ(Get("reviewer_a", path + "/files/2").body, kPdf);
  EXPECT_EQ(Get("finance", path + "/files").status, 403);
  EXPECT_EQ(Get("finance", path + "/files/1").status, 403);
  EXPECT_EQ(Get("reviewer_b", path + "/files/1").status, 404);
  EXPECT_EQ(Get("inst_a", path + "/files/3").status, 404);
  EXPECT_EQ(J(Get("inst_a", path)).at("file_count").as_int64(), 2);
  // 财政 sees the exception itself (not the sheets).
  EXPECT_EQ(Get("finance", path).status, 200);

  // A refused exception never takes files.
  const int64_t refused = Id(File("inst_a", cls_a_, "[3]"));
  auto no = Decide("admin", refused, "refuse", "理由不充分，请组织学员使用手机签到");
  ASSERT_EQ(no.status, 200) << no.body;
  EXPECT_EQ(Str(J(no).at("state")), "refused");
  auto late = Upload("inst_a", refused, "sheet.png", kPng);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Reason(late), "attendance_exception.not_approved");
  EXPECT_EQ(AuditCount("attendance_exception.refuse"), 1);
}

TEST_P(AttendanceExceptions, ReviewerQueueListsThePendingOfTheDistrictOldestFirst) {
  const int64_t a1 = Id(File("inst_a", cls_a_, "[1]"));
  const int64_t b1 = Id(File("inst_b", cls_b_, "[2]"));
  const int64_t a2 = Id(File("inst_a", cls_a_, "[3,4]"));
  const int64_t a3 = Id(File("inst_a", cls_a_, "[5]"));
  ASSERT_EQ(Decide("reviewer_a", a3, "approve").status, 200);
  auto ids = [](const json::value& page) {
    std::vector<int64_t> out;
    for (const auto& x : page.at("items").as_array()) out.push_back(x.at("id").as_int64());
    return out;
  };
  // The reviewer: its district's pending ones, oldest first.
  auto queue = J(Get("reviewer_a", "/attendance-exceptions?state=pending"));
  EXPECT_EQ(ids(queue), (std::vector<int64_t>{a1, a2}));
  EXPECT_EQ(Str(queue.at("items").at(0).at("institution_name")), "甲校");
  EXPECT_EQ(ids(J(Get("reviewer_b", "/attendance-exceptions?state=pending"))),
            (std::vector<int64_t>{b1}));
  // The city bureau: all; an institution: its own (newest first without a state).
  EXPECT_EQ(ids(J(Get("admin", "/attendance-exceptions?state=pending"))),
            (std::vector<int64_t>{a1, b1, a2}));
  EXPECT_EQ(ids(J(Get("inst_a", "/attendance-exceptions"))), (std::vector<int64_t>{a3, a2, a1}));
  EXPECT_EQ(ids(J(Get("inst_b", "/attendance-exceptions"))), (std::vector<int64_t>{b1}));
  EXPECT_EQ(ids(J(Get("inst_a", "/attendance-exceptions?state=approved"))),
            (std::vector<int64_t>{a3}));
  EXPECT_EQ(Field(Get("admin", "/attendance-exceptions?state=maybe")), "state");
  // A class's list: 404 for a class out of scope.
  EXPECT_EQ(Get("inst_b", "/classes/" + std::to_string(cls_a_) + "/attendance-exceptions").status,
            404);
  EXPECT_EQ(
      Get("reviewer_b", "/classes/" + std::to_string(cls_a_) + "/attendance-exceptions").status,
      404);
  EXPECT_EQ(J(Get("reviewer_a", "/classes/" + std::to_string(cls_a_) + "/attendance-exceptions"))
                .at("total")
                .as_int64(),
            3);
  // The work queue: the same items, in the same order, with the page they open.
  auto wq = J(Get("reviewer_a", "/work-queue"));
  bool found = false;
  for (const auto& q : wq.at("queues").as_array()) {
    if (Str(q.at("id")) != "attendance_exception.pending") continue;
    found = true;
    EXPECT_EQ(Str(q.at("title")), "待审核的纸质签到申请");
    EXPECT_EQ(q.at("count").as_int64(), 2);
    EXPECT_EQ(q.at("items").at(0).at("id").as_int64(), a1);
    EXPECT_EQ(Str(q.at("items").at(0).at("link")), "/attendance-exceptions");
  }
  EXPECT_TRUE(found) << wq;
  // The permission the console shows the decision with.
  auto me = J(Get("reviewer_a", "/session"));
  bool perm = false;
  for (const auto& p : me.at("permissions").as_array())
    perm |= Str(p) == "attendance_exception.review";
  EXPECT_TRUE(perm) << me;
}

TEST_P(AttendanceExceptions, BackfillNeedsTheApprovalAndTheSheetsAndIsMarkedPaperForEver) {
  const int64_t id = Id(File("inst_a", cls_a_, "[1,2]"));
  const std::string path = "/attendance-exceptions/" + std::to_string(id);
  const std::string person = std::to_string(person_a_);
  auto row = [&](const std::string& who, int seq, const std::string& in, const std::string& out) {
    return R"({"person_id":)" + who + R"(,"session_seq":)" + std::to_string(seq) +
           (in.empty() ? "" : R"(,"check_in":")" + in + "\"") +
           (out.empty() ? "" : R"(,"check_out":")" + out + "\"") + "}";
  };
  auto backfill = [&](const std::string& who, const std::string& rows) {
    return Post(who, path + "/backfill", R"({"records":[)" + rows + "]}");
  };
  const std::string good = row(person, 1, "08:25", "11:35");
  // Pending: no back-fill, whatever the sheet says.
  auto pending = backfill("inst_a", good);
  EXPECT_EQ(pending.status, 409) << pending.body;
  EXPECT_EQ(Reason(pending), "attendance_exception.not_approved");
  ASSERT_EQ(Decide("reviewer_a", id, "approve").status, 200);
  // Approved but no sheet uploaded: no back-fill either.
  auto bare = backfill("inst_a", good);
  EXPECT_EQ(bare.status, 409) << bare.body;
  EXPECT_EQ(Reason(bare), "attendance_exception.no_evidence");
  ASSERT_EQ(Upload("inst_a", id, "sheet.pdf", kPdf).status, 201);
  // Only the class's institution; bad rows name their field and write nothing.
  EXPECT_EQ(backfill("reviewer_a", good).status, 403);
  EXPECT_EQ(backfill("inst_b", good).status, 404);
  EXPECT_EQ(Field(backfill("inst_a", row(person, 3, "08:30", "11:30"))), "records[0].session_seq");
  auto stranger = backfill("inst_a", row(std::to_string(trainees_[inst_b_]), 1, "08:30", "11:30"));
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(Field(stranger), "records[0].person_id");
  EXPECT_EQ(Field(backfill("inst_a", good + "," + row(person, 2, "08:30", "12:30"))),
            "records[1].check_out");  // 12:30 on 12 October has not come yet
  EXPECT_EQ(Field(backfill("inst_a", row(person, 1, "11:30", "08:30"))), "records[0].check_out");
  EXPECT_EQ(Field(backfill("inst_a", row(person, 1, "", ""))), "records[0].check_in");
  EXPECT_EQ(Field(backfill("inst_a", row(person, 1, "8点", ""))), "records[0].check_in");
  EXPECT_EQ(Field(Post("inst_a", path + "/backfill", R"({"records":[]})")), "records");
  EXPECT_EQ(J(Get("inst_a", path)).at("backfilled_count").as_int64(), 0);
  // The sheet's times of session 1, and a check-in only for session 2.
  auto ok = backfill("inst_a", good + "," + row(person, 2, "08:40", ""));
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto out = J(ok);
  ASSERT_EQ(out.at("records").as_array().size(), 3u);
  for (const auto& r : out.at("records").as_array()) {
    EXPECT_EQ(Str(r.at("source")), "paper");
    EXPECT_EQ(r.at("exception_id").as_int64(), id);
  }
  EXPECT_EQ(Str(out.at("records").at(0).at("at")), "2021-10-11T08:25:00+08:00");
  EXPECT_EQ(Str(out.at("records").at(1).at("direction")), "out");
  EXPECT_EQ(out.at("exception").at("backfilled_count").as_int64(), 3);
  EXPECT_FALSE(out.at("exception").at("backfilled_at").is_null());
  EXPECT_EQ(AuditCount("attendance_exception.backfill"), 1);
  // Never twice: the same direction again is 409 and nothing of the batch is written.
  auto twice = backfill("inst_a", row(person, 2, "", "11:30") + "," + good);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Reason(twice), "attendance.already");
  EXPECT_EQ(Field(twice), "records[1].check_in");
  EXPECT_EQ(J(Get("inst_a", path)).at("backfilled_count").as_int64(), 3);
  // The hours: session 1 counts (both ends inside the windows), marked paper; session 2 has no
  // check-out and earns nothing.
  auto hours = J(Get("reviewer_a", "/classes/" + std::to_string(cls_a_) + "/hours"));
  const auto& trainee = hours.at("trainees").at(0);
  EXPECT_EQ(trainee.at("attended_hours").as_int64(), 4) << hours;
  EXPECT_EQ(Str(trainee.at("sessions").at(0).at("source")), "paper") << hours;
  // A refused exception never back-fills.
  const int64_t refused = Id(File("inst_a", cls_a_, "[2]"));
  ASSERT_EQ(Decide("reviewer_a", refused, "refuse", "证据不足，不予批准").status, 200);
  auto no = Post("inst_a", "/attendance-exceptions/" + std::to_string(refused) + "/backfill",
                 R"({"records":[)" + row(person, 2, "", "11:30") + "]}");
  EXPECT_EQ(no.status, 409);
  EXPECT_EQ(Reason(no), "attendance_exception.not_approved");
}

TEST_P(AttendanceExceptions, TwoConcurrentDecisionsNeverBothWin) {
  for (int round = 0; round < 3; ++round) {
    const int64_t id = Id(File("inst_a", cls_a_, "[" + std::to_string(round + 1) + "]"));
    std::atomic<int> ok{0}, conflict{0};
    std::array<std::string, 2> answers;
    std::vector<std::thread> threads;
    for (size_t i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        auto r = i == 0 ? Decide("reviewer_a", id, "approve")
                        : Decide("admin", id, "refuse", "不同意，请使用手机签到");
        answers.at(i) = std::to_string(r.status) + " " + r.body;
        if (r.status == 200) ++ok;
        if (r.status == 409) ++conflict;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round << "\n" << answers[0] << "\n" << answers[1];
    EXPECT_EQ(conflict.load(), 1) << "round " << round << "\n" << answers[0] << "\n" << answers[1];
  }
  EXPECT_EQ(AuditCount("attendance_exception.approve") + AuditCount("attendance_exception.refuse"),
            3);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttendanceExceptions, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
