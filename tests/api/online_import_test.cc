// Import of another platform's 汇总表 and 明细表 (issue 14, Deliver 4 and 7) through the real
// server on SQLite and PostgreSQL: XLSX and CSV through the bounded reader (a zip bomb refused),
// every kind of bad row reported with its reason, row and column, all or nothing, a downloadable
// row-by-row report (CSV and XLSX), online hours joining each trainee's hours, and who may import.
#include <fstream>
#include <sstream>

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
std::string ReadCase(const std::string& rel) {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/tests/cases/" + rel, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kBoundary = "ONLINEB";
std::string Part(const std::string& field, const std::string& name, const std::string& data) {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + field +
         "\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data +
         "\r\n";
}
std::string Form(const std::string& summary, const std::string& detail,
                 const std::string& ext = "csv") {
  return Part("summary", "汇总表." + ext, summary) + Part("detail", "明细表." + ext, detail) +
         "--" + kBoundary + "--\r\n";
}

const std::string kSummaryHead =
    "姓名,身份证号,手机号,学习开始时间,学习结束时间,职业（工种）或课程,学习时长（分钟）,学时,"
    "考试成绩,"
    "照片\r\n";
const std::string kDetailHead =
    "姓名,身份证号,手机号,课程,开始时间,结束时间,学习时长（分钟）,学时,人脸抓拍次数\r\n";

std::string SummaryRow(int n, int minutes, int hours) {
  return "学员" + std::to_string(n) + "," + ValidId(n) +
         ",13800001234,2021-10-11 08:30,2021-10-12 11:30,保安员," + std::to_string(minutes) + "," +
         std::to_string(hours) + ",85,有\r\n";
}
std::string DetailRow(int n, const std::string& id, const std::string& phone,
                      const std::string& course, const std::string& from, const std::string& to,
                      int minutes, int hours, int faces) {
  return "学员" + std::to_string(n) + "," + id + "," + phone + "," + course + "," + from + "," +
         to + "," + std::to_string(minutes) + "," + std::to_string(hours) + "," +
         std::to_string(faces) + "\r\n";
}
// Two good detail rows of person n (2021-10-11 and 12, 08:30–11:30, 4 hours each).
std::string GoodDetail(int n) {
  return DetailRow(n, ValidId(n), "13800001234", "安全防范基础", "2021-10-11 08:30",
                   "2021-10-11 11:30", 180, 4, 8) +
         DetailRow(n, ValidId(n), "13800001234", "法律法规", "2021/10/12 8:30", "2021/10/12 11:30",
                   180, 4, 8);
}

// Five sessions 2021-10-11..15, 08:30–11:30, 4 hours each: 1–2 online theory.
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

class OnlineImport : public ::testing::TestWithParam<std::string> {
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
    for (int n : {10, 11}) {
      people_.push_back(
          Id(Post("inst_a", "/trainees",
                  R"({"name":"学员)" + std::to_string(n) + R"(","id_number":")" + ValidId(n) +
                      R"(","phone":"13800001234","group":"security_staff"})")));
    }
    cls_ = Approved();
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
  int64_t Approved() {
    const int64_t cls = Id(
        Post("inst_a", "/classes",
             R"({"institution_id":)" + std::to_string(inst_a_) +
                 R"(,"occupation":"security_guard","title":"线上班","venue":{"address":"丰泽区"},)"
                 R"("teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst_a_]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + std::to_string(people_[0]) + "," + std::to_string(people_[1]) +
                 "]}"));
    auto d = Post("inst_a", "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    EXPECT_EQ(d.status, 200) << d.body;
    auto r = Post("reviewer_a", "/classes/" + std::to_string(cls) + "/review",
                  R"({"decision":"approve","reason":"","version":)" +
                      std::to_string(J(d).at("version").as_int64()) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    return cls;
  }
  HttpResult Import(const std::string& who, const std::string& form, int64_t cls = 0) {
    return server_->Request(
        "POST", "/api/v1/classes/" + std::to_string(cls ? cls : cls_) + "/online-imports", form,
        as_[who], std::string("multipart/form-data; boundary=") + kBoundary);
  }
  int64_t Attended(int64_t person) {
    auto h = J(Get("inst_a", "/classes/" + std::to_string(cls_) + "/hours"));
    for (const auto& t : h.at("trainees").as_array()) {
      if (t.at("person_id").as_int64() == person) return t.at("attended_hours").as_int64();
    }
    return -1;
  }
  int64_t AuditCount(const std::string& action) {
    auto r = Get("admin", "/audit-events?action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("total").as_int64();
  }
  // A file through the evidence uploads (tus: create, one PATCH); the evidence id.
  int64_t UploadEvidence(int64_t cls, const std::string& kind, const std::string& name,
                         const std::string& data) {
    static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    auto b64 = [&](const std::string& in) {
      std::string out;
      size_t i = 0;
      for (; i + 2 < in.size(); i += 3) {
        const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], k[n & 63]};
      }
      if (i + 1 == in.size()) {
        const uint32_t n = uint8_t(in[i]) << 16;
        out += {k[n >> 18], k[(n >> 12) & 63], '=', '='};
      } else if (i + 2 == in.size()) {
        const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
        out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], '='};
      }
      return out;
    };
    Headers h = as_["inst_a"];
    h["Tus-Resumable"] = "1.0.0";
    h["Upload-Length"] = std::to_string(data.size());
    h["Upload-Metadata"] = "kind " + b64(kind) + ",filename " + b64(name);
    auto created = server_->Request(
        "POST", "/api/v1/classes/" + std::to_string(cls) + "/evidence/uploads", "", h);
    EXPECT_EQ(created.status, 201) << created.body;
    Headers p = as_["inst_a"];
    p["Tus-Resumable"] = "1.0.0";
    p["Upload-Offset"] = "0";
    auto done = server_->Request("PATCH", created.headers["location"], data, p,
                                 "application/offset+octet-stream");
    EXPECT_EQ(done.status, 204) << done.body;
    return done.headers.count("evidence-id") ? std::stoll(done.headers["evidence-id"]) : 0;
  }
  HttpResult ImportIds(int64_t cls, int64_t summary, int64_t detail) {
    return Post("inst_a", "/classes/" + std::to_string(cls) + "/online-imports",
                R"({"summary_evidence_id":)" + std::to_string(summary) +
                    R"(,"detail_evidence_id":)" + std::to_string(detail) + "}");
  }
  // The problem with `reason` at `row`, or null.
  static json::value ProblemAt(const json::value& v, const std::string& reason, int64_t row) {
    for (const auto& p : v.at("problems").as_array()) {
      if (Str(p.at("reason")) == reason && p.at("row").as_int64() == row) return p;
    }
    return nullptr;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  std::vector<int64_t> people_;
  int64_t inst_a_ = 0, inst_b_ = 0, cls_ = 0;
};

TEST_P(OnlineImport, GoodTablesAreImportedAndTheHoursJoin) {
  EXPECT_EQ(Attended(people_[0]), 0);
  auto r = Import("inst_a", Form(kSummaryHead + SummaryRow(10, 360, 8) + SummaryRow(11, 360, 8),
                                 kDetailHead + GoodDetail(10) + GoodDetail(11)));
  ASSERT_EQ(r.status, 201) << r.body;
  auto v = J(r);
  EXPECT_EQ(Str(v.at("state")), "accepted");
  EXPECT_EQ(v.at("records").as_int64(), 4);
  EXPECT_EQ(v.at("summary_rows").as_int64(), 2);
  EXPECT_EQ(v.at("detail_rows").as_int64(), 4);
  EXPECT_EQ(v.at("problem_count").as_int64(), 0);
  EXPECT_EQ(Attended(people_[0]), 8);
  EXPECT_EQ(Attended(people_[1]), 8);
  // The report says all passed; the list has the import; the police of the district read it.
  const std::string id = std::to_string(v.at("id").as_int64());
  auto csv = Get("reviewer_a", "/online-imports/" + id + "/report.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("全部通过核验"), std::string::npos);
  auto list = J(Get("reviewer_a", "/classes/" + std::to_string(cls_) + "/online-imports"));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
  // A second accepted import replaces the first one's records (not added to them).
  auto again = Import("inst_a", Form(kSummaryHead + SummaryRow(10, 360, 8) + SummaryRow(11, 360, 8),
                                     kDetailHead + GoodDetail(10) + GoodDetail(11)));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Attended(people_[0]), 8);
  auto online = J(Get("inst_a", "/classes/" + std::to_string(cls_) + "/online-records"));
  EXPECT_EQ(online.at("records").as_array().size(), 4u);
  EXPECT_EQ(AuditCount("online.import"), 2);
}

TEST_P(OnlineImport, XlsxTablesAsPlatformsExportThem) {
  auto r = Import("inst_a", Form(ReadCase("online/online-summary.xlsx"),
                                 ReadCase("online/online-detail.xlsx"), "xlsx"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(J(r).at("records").as_int64(), 4);
  EXPECT_EQ(Attended(people_[1]), 8);
}

TEST_P(OnlineImport, EachKindOfBadRowIsReportedAndNothingIsImported) {
  const std::string id10 = ValidId(10);
  std::string detail = kDetailHead + GoodDetail(10) + GoodDetail(11);  // rows 2–5
  // Row 6 on: one bad row of each kind (person 11, on days the good rows leave free).
  detail += DetailRow(11, "350503199003150110", "13800001234", "a", "2021-10-13 14:00",
                      "2021-10-13 17:00", 180, 4, 8);  // 6: bad check digit
  detail += DetailRow(12, ValidId(77), "13800001234", "b", "2021-10-13 14:00", "2021-10-13 17:00",
                      180, 4, 8);  // 7: not on the roster
  detail += DetailRow(11, ValidId(11), "12345", "c", "2021-10-14 14:00", "2021-10-14 17:00", 180, 4,
                      8);  // 8: phone
  detail += DetailRow(11, ValidId(11), "13800001234", "d", "2021-10-20 14:00", "2021-10-20 17:00",
                      180, 4, 8);  // 9: outside the class period
  detail += DetailRow(11, ValidId(11), "13800001234", "e", "2021-10-15 14:00", "2021-10-15 17:00",
                      170, 4, 8);  // 10: minutes short of 4 × 45
  detail += DetailRow(11, ValidId(11), "13800001234", "f", "2021-10-13 18:00", "2021-10-13 21:00",
                      180, 4, 7);  // 11: 7 face captures for 4 class hours
  detail += DetailRow(11, ValidId(11), "13800001234", "g", "2021-10-14 18:00", "2021-10-14 20:00",
                      180, 4, 8);  // 12: 180 minutes in a 2-hour span
  detail += DetailRow(10, id10, "13800001234", "h", "2021-10-11 10:00", "2021-10-11 13:00", 180, 4,
                      8);  // 13: overlaps row 2 (same person, same time)
  detail += DetailRow(11, ValidId(11), "13800001234", "i", "昨天上午", "2021-10-15 21:00", 180, 4,
                      8);  // 14: a time nobody can read
  // The summary disagrees for person 10 (row 2).
  auto r = Import("inst_a",
                  Form(kSummaryHead + SummaryRow(10, 300, 8) + SummaryRow(11, 360, 8), detail));
  ASSERT_EQ(r.status, 422) << r.body;
  auto v = J(r);
  EXPECT_EQ(Str(v.at("state")), "refused");
  EXPECT_EQ(Str(v.at("error").at("reason")), "online.import_refused");
  EXPECT_EQ(v.at("records").as_int64(), 0);
  struct Want {
    std::string reason;
    int64_t row;
    std::string column, sheet;
  };
  const std::vector<Want> wants = {
      {"online.summary_mismatch", 2, "学习时长（分钟）", "summary"},
      {"online.id_invalid", 6, "身份证号", "detail"},
      {"online.not_on_roster", 7, "身份证号", "detail"},
      {"online.phone_invalid", 8, "手机号", "detail"},
      {"online.outside_period", 9, "学习结束时间", "detail"},
      {"online.minutes_short", 10, "学习时长（分钟）", "detail"},
      {"online.faces_short", 11, "人脸抓拍次数", "detail"},
      {"online.exceeds_span", 12, "学习时长（分钟）", "detail"},
      {"online.overlap_online", 13, "学习开始时间", "detail"},
      {"online.value_invalid", 14, "学习开始时间", "detail"},
  };
  for (const auto& w : wants) {
    auto p = ProblemAt(v, w.reason, w.row);
    ASSERT_FALSE(p.is_null()) << w.reason << " row " << w.row << " " << r.body;
    EXPECT_EQ(Str(p.at("column")), w.column) << w.reason;
    EXPECT_EQ(Str(p.at("sheet")), w.sheet) << w.reason;
    EXPECT_FALSE(Str(p.at("message")).empty());
  }
  // Nothing imported; the report has every problem with its row, as CSV and as XLSX.
  EXPECT_EQ(Attended(people_[0]), 0);
  const std::string id = std::to_string(v.at("id").as_int64());
  auto csv = Get("inst_a", "/online-imports/" + id + "/report.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("明细表,13,学习开始时间,online.overlap_online"), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("汇总表,2,学习时长（分钟）,online.summary_mismatch"), std::string::npos);
  auto xlsx = Get("inst_a", "/online-imports/" + id + "/report.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto full = J(Get("inst_a", "/online-imports/" + id));
  EXPECT_EQ(full.at("problem_count").as_int64(),
            static_cast<int64_t>(full.at("problems").as_array().size()));
  EXPECT_GE(full.at("problem_count").as_int64(), 10);
}

TEST_P(OnlineImport, APersonInOneTableOnlyOrAMissingColumnIsReported) {
  // Person 11 in the details only; no summary row for them.
  auto r = Import("inst_a", Form(kSummaryHead + SummaryRow(10, 360, 8),
                                 kDetailHead + GoodDetail(10) + GoodDetail(11)));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_FALSE(ProblemAt(J(r), "online.summary_missing", 4).is_null()) << r.body;
  // A detail table without its face-capture column.
  auto no_faces = Import(
      "inst_a", Form(kSummaryHead + SummaryRow(10, 360, 8),
                     "姓名,身份证号,手机号,课程,开始时间,结束时间,学习时长（分钟）,学时\r\n" +
                         std::string("学员10,") + ValidId(10) +
                         ",13800001234,a,2021-10-11 08:30,2021-10-11 11:30,180,4\r\n"));
  ASSERT_EQ(no_faces.status, 422) << no_faces.body;
  auto p = ProblemAt(J(no_faces), "online.header_missing", 1);
  ASSERT_FALSE(p.is_null()) << no_faces.body;
  EXPECT_EQ(Str(p.at("column")), "人脸抓拍次数");
  // No header at all.
  auto none = Import("inst_a", Form("a,b\r\n1,2\r\n", kDetailHead + GoodDetail(10)));
  ASSERT_EQ(none.status, 422) << none.body;
  EXPECT_FALSE(ProblemAt(J(none), "online.header_missing", 0).is_null()) << none.body;
}

TEST_P(OnlineImport, TablesUploadedAsEvidenceAreImportedByTheirIds) {
  const int64_t summary =
      UploadEvidence(cls_, "online_summary", "汇总表.csv",
                     kSummaryHead + SummaryRow(10, 360, 8) + SummaryRow(11, 360, 8));
  const int64_t detail = UploadEvidence(cls_, "online_detail", "明细表.csv",
                                        kDetailHead + GoodDetail(10) + GoodDetail(11));
  ASSERT_GT(summary, 0);
  ASSERT_GT(detail, 0);
  // The kinds swapped, an id of nothing: 400 naming the field, nothing imported.
  auto swapped = ImportIds(cls_, detail, summary);
  EXPECT_EQ(swapped.status, 400) << swapped.body;
  EXPECT_EQ(Str(J(swapped).at("error").at("field")), "summary_evidence_id");
  auto missing = ImportIds(cls_, summary, 987654);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Str(J(missing).at("error").at("field")), "detail_evidence_id");
  EXPECT_EQ(Attended(people_[0]), 0);
  auto r = ImportIds(cls_, summary, detail);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(J(r).at("records").as_int64(), 4);
  EXPECT_EQ(Str(J(r).at("detail_file")), "明细表.csv");
  EXPECT_EQ(Str(J(r).at("detail_sha256")).size(), 64u);
  EXPECT_EQ(Attended(people_[0]), 8);
  // Another class's evidence answers like a missing one (the same words, the id aside).
  const int64_t other = Approved();
  auto foreign = ImportIds(other, summary, detail);
  EXPECT_EQ(foreign.status, 400);
  auto none = ImportIds(other, 987654, detail);
  EXPECT_EQ(none.status, 400);
  std::string a = Str(J(foreign).at("error").at("message")),
              b = Str(J(none).at("error").at("message"));
  a.replace(a.find(std::to_string(summary)), std::to_string(summary).size(), "N");
  b.replace(b.find("987654"), 6, "N");
  EXPECT_EQ(a, b);
}

TEST_P(OnlineImport, AZipBombIsRefusedBeforeItIsInflated) {
  auto r = Import("inst_a", Form(kSummaryHead + SummaryRow(10, 360, 8),
                                 ReadCase("sheets/zip-bomb.xlsx"), "xlsx"));
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Str(J(r).at("error").at("reason")), "sheet.too_large");
  EXPECT_EQ(Str(J(r).at("error").at("field")), "detail");
  EXPECT_EQ(AuditCount("online.import"), 0);
}

TEST_P(OnlineImport, OnlyTheClassesInstitutionImportsAndReadersSeeTheirScope) {
  const std::string form = Form(kSummaryHead + SummaryRow(10, 360, 8) + SummaryRow(11, 360, 8),
                                kDetailHead + GoodDetail(10) + GoodDetail(11));
  EXPECT_EQ(Import("inst_b", form).status, 404);
  EXPECT_EQ(Import("reviewer_a", form).status, 403);
  EXPECT_EQ(Import("hrss", form).status, 403);
  EXPECT_EQ(Import("inst_a", form, 99999).status, 404);
  auto missing =
      server_->Request("POST", "/api/v1/classes/" + std::to_string(cls_) + "/online-imports",
                       Part("summary", "s.csv", "x") + "--" + kBoundary + "--\r\n", as_["inst_a"],
                       std::string("multipart/form-data; boundary=") + kBoundary);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Str(J(missing).at("error").at("field")), "detail");
  auto ok = Import("inst_a", form);
  ASSERT_EQ(ok.status, 201) << ok.body;
  const std::string id = std::to_string(J(ok).at("id").as_int64());
  EXPECT_EQ(Get("inst_b", "/online-imports/" + id).status, 404);
  EXPECT_EQ(Get("inst_b", "/online-imports/" + id + "/report.csv").status, 404);
  EXPECT_EQ(Get("inst_b", "/classes/" + std::to_string(cls_) + "/online-imports").status, 404);
  EXPECT_EQ(Get("hrss", "/online-imports/" + id).status, 200);
  // A class whose platform is an approved one gets its records pushed, not imported.
  const int64_t platform =
      Id(Post("hrss", "/online-platforms", R"({"name":"甲平台","approved_by_hrss":true})"));
  ASSERT_EQ(Req("inst_a", "PUT", "/classes/" + std::to_string(cls_) + "/online-platform",
                R"({"platform_id":)" + std::to_string(platform) + "}")
                .status,
            200);
  auto pushes = Import("inst_a", form);
  EXPECT_EQ(pushes.status, 409);
  EXPECT_EQ(Str(J(pushes).at("error").at("reason")), "online.platform_pushes");
}

INSTANTIATE_TEST_SUITE_P(Backends, OnlineImport, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
