// Real inputs through the API, on SQLite and on PostgreSQL: the roster spreadsheet itself uploaded
// as multipart/form-data (tests/cases/inputs and tests/cases/sheets), dry runs, row numbers as the
// spreadsheet shows them, identifiers as people type them, re-imports, removal from a draft
// roster, the occupation's minimum age, and a year-end declaration before next year's calendar.
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "domain/identity.h"
#include "support/accounts.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::ServerProcess;
using testing::TestDatabase;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}

std::string Str(const json::value& v) { return std::string(v.as_string()); }

std::string ReadCase(const std::string& rel) {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/tests/cases/" + rel, std::ios::binary);
  EXPECT_TRUE(in) << rel;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ValidUscc() {
  const std::string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (char org_check : std::string("0123456789X")) {
    for (char last : chars) {
      std::string code = std::string("9135050310000007") + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

std::string ValidId(const std::string& birth, int n) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "350503%s%03d", birth.c_str(), n % 1000);
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

const char* kBoundary = "----anpei-test-boundary-7MA4YWxkTrZu0gW";

std::string Multipart(const std::string& file_name, const std::string& bytes, int64_t version) {
  std::string b = std::string("--") + kBoundary + "\r\n";
  b +=
      "Content-Disposition: form-data; name=\"version\"\r\n\r\n" + std::to_string(version) + "\r\n";
  b += std::string("--") + kBoundary + "\r\n";
  b += "Content-Disposition: form-data; name=\"file\"; filename=\"" + file_name + "\"\r\n";
  b += "Content-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  b += std::string("--") + kBoundary + "--\r\n";
  return b;
}

class Roster : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    auto admin = testing::AddUser(*db_, "admin", "police_admin");
    ASSERT_EQ(admin.exit_code, 0) << admin.out << admin.err;
    Start("2026-12-01T10:00:00+08:00");
    Seed();
  }
  void Start(const std::string& clock) {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock", clock});
    ASSERT_TRUE(server_->started());
    admin_ = server_->SignIn("admin", testing::kTestPassword);
    ASSERT_FALSE(admin_.empty());
    if (institution_) inst_ = server_->SignIn("inst", testing::kTestPassword);
  }
  HttpResult Req(const std::string& method, const std::string& path, const std::string& body = {},
                 bool as_admin = false) {
    return server_->Request(method, "/api/v1" + path, body, as_admin ? admin_ : inst_);
  }
  HttpResult Upload(int64_t cls, const std::string& rel, bool dry_run, int64_t version = 0) {
    const std::string name = rel.substr(rel.rfind('/') + 1);
    return server_->Request("POST",
                            "/api/v1/classes/" + std::to_string(cls) + "/roster/import" +
                                (dry_run ? "?dry_run=true" : ""),
                            Multipart(name, ReadCase(rel), version ? version : Version(cls)), inst_,
                            std::string("multipart/form-data; boundary=") + kBoundary);
  }
  int64_t Version(int64_t cls) {
    return J(Req("GET", "/classes/" + std::to_string(cls))).at("version").as_int64();
  }
  size_t RosterSize(int64_t cls) {
    return J(Req("GET", "/classes/" + std::to_string(cls))).at("roster").as_array().size();
  }
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  void Seed() {
    ASSERT_EQ(Req("POST", "/districts", R"({"code":"350503","name":"丰泽区"})", true).status, 201);
    institution_ = Id(Req("POST", "/institutions",
                          R"({"name":"泉州安盾保安培训学校","uscc":")" + ValidUscc() +
                              R"(","district_code":"350503"})",
                          true));
    for (int i = 0; i < 2; ++i) {
      teachers_.push_back(Id(Req("POST", "/teachers",
                                 R"({"institution_id":)" + std::to_string(institution_) +
                                     R"(,"name":"教师)" + std::to_string(i) + R"(","id_number":")" +
                                     ValidId("19750101", 900 + i) + "\"}",
                                 true)));
    }
    auto user =
        Req("POST", "/users",
            R"({"username":"inst","roles":["institution"],"institution_id":)" +
                std::to_string(institution_) + R"(,"password":")" + testing::kTestPassword + "\"}",
            true);
    ASSERT_EQ(user.status, 201) << user.body;
    inst_ = server_->SignIn("inst", testing::kTestPassword);
  }
  // A draft class whose sessions are those of a plan JSON of tests/cases (teachers t1, t2).
  int64_t NewClass(const std::string& plan_case = "inputs/plan-year-end-declared-in-time.json") {
    json::value plan = json::parse(ReadCase(plan_case));
    json::object body{
        {"institution_id", institution_},
        {"occupation", "security_guard"},
        {"title", "2026年第四期保安员培训班"},
        {"venue", json::object{{"address", "丰泽区东海街道通港西街168号"}}},
        {"teachers", json::array{json::object{{"key", "t1"}, {"teacher_id", teachers_[0]}},
                                 json::object{{"key", "t2"}, {"teacher_id", teachers_[1]}}}},
        {"sessions", plan.at("sessions")},
        {"roster", json::array{}}};
    return Id(Req("POST", "/classes", json::serialize(body)));
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> admin_, inst_;
  int64_t institution_ = 0;
  std::vector<int64_t> teachers_;
};

TEST_P(Roster, IdStoredAsANumberIsRefusedTellingToFormatTheColumnAsText) {
  const int64_t cls = NewClass();
  for (bool dry : {true, false}) {
    auto r = Upload(cls, "inputs/roster-id-stored-as-number.xlsx", dry);
    const json::value v = J(r);
    ASSERT_EQ(r.status, dry ? 200 : 400) << r.body;
    const auto& err = dry ? v.at("rows").at(0).at("error") : v.at("rows").at(0);
    EXPECT_EQ(err.at("row"), 2);  // the spreadsheet's own row number
    EXPECT_EQ(err.at("field"), "id_number");
    EXPECT_EQ(err.at("reason"), "roster.numeric_id_cell");
    EXPECT_NE(Str(err.at("message")).find("文本"), std::string::npos) << r.body;
    if (dry) {
      EXPECT_EQ(v.at("rows").at(0).at("status"), "error");
    }
  }
  EXPECT_EQ(RosterSize(cls), 0u);
  EXPECT_EQ(J(Req("GET", "/trainees", {}, true)).at("total"), 0);  // never imported
}

TEST_P(Roster, TitleRowAboveTheHeaderIsSkippedAndTheDataRowRead) {
  const int64_t cls = NewClass();
  auto preview = Upload(cls, "inputs/roster-title-row-above-header.xlsx", true);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value p = J(preview);
  EXPECT_EQ(p.at("sheet"), "花名册");
  EXPECT_EQ(p.at("header_row"), 2);
  ASSERT_EQ(p.at("rows").as_array().size(), 1u);
  EXPECT_EQ(p.at("rows").at(0).at("row"), 3);
  EXPECT_EQ(p.at("rows").at(0).at("status"), "new");
  EXPECT_EQ(RosterSize(cls), 0u) << "a dry run saves nothing";

  auto done = Upload(cls, "inputs/roster-title-row-above-header.xlsx", false);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(J(done).at("roster").as_array().size(), 1u);
  EXPECT_EQ(J(done).at("import").at("added"), 1);
  EXPECT_EQ(J(done).at("import").at("sheet"), "花名册");

  // The same file again: the person is already on the roster, skipped and said so.
  auto again = Upload(cls, "inputs/roster-title-row-above-header.xlsx", false);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(J(again).at("import").at("skipped"), 1);
  EXPECT_EQ(J(again).at("import").at("skipped_rows").at(0), 3);
  EXPECT_EQ(RosterSize(cls), 1u);
}

TEST_P(Roster, FullWidthAndInvisibleIdsAreNormalisedAndAccepted) {
  const int64_t cls = NewClass();
  json::value body = json::parse(ReadCase("inputs/roster-rows-fullwidth-and-invisible-id.json"));
  body.as_object()["version"] = Version(cls);
  auto r = Req("POST", "/classes/" + std::to_string(cls) + "/roster/import", json::serialize(body));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body_json = J(r);
  const auto& roster = body_json.at("roster").as_array();
  ASSERT_EQ(roster.size(), 2u);
  const int64_t first = roster.at(0).at("trainee_id").as_int64();
  EXPECT_EQ(J(Req("GET", "/trainees/" + std::to_string(first))).at("id_number"),
            "350503199001122016");
  // A message about length counts characters: 17 full-width digits are 17, not 51 bytes.
  const std::string short_id =
      R"({"version":)" + std::to_string(Version(cls)) +
      R"(,"rows":[{"name":"测试","id_number":"３５０５０３１９９００１１２２０１","phone":"13800001223","group":"security_staff"}]})";
  auto refused = Req("POST", "/classes/" + std::to_string(cls) + "/roster/import", short_id);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const std::string message = Str(J(refused).at("rows").at(0).at("message"));
  EXPECT_NE(message.find("17 个字符"), std::string::npos) << message;
  EXPECT_EQ(message.find("字节"), std::string::npos) << message;
  EXPECT_EQ(J(refused).at("rows").at(0).at("reason"), "id_number.length");
}

TEST_P(Roster, OfficeWorkbookWithInstructionsHiddenSheetAndStarMarks) {
  const int64_t cls = NewClass();
  auto r = Upload(cls, "sheets/office-roster.xlsx", false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(J(r).at("import").at("sheet"), "花名册");
  EXPECT_EQ(J(r).at("import").at("header_row"), 4);
  EXPECT_EQ(J(r).at("import").at("added"), 3);
  // Phones written "+86 138-0000-3002" and "138 0000 3003" are stored as 11 digits.
  const json::value body_json = J(r);
  const auto& roster = body_json.at("roster").as_array();
  for (const auto& e : roster) {
    const json::value t =
        J(Req("GET", "/trainees/" + std::to_string(e.at("trainee_id").as_int64())));
    const std::string phone = Str(t.at("phone"));
    EXPECT_EQ(phone.size(), 11u) << phone;
    EXPECT_EQ(phone.substr(0, 7), "1380000") << phone;
  }
  EXPECT_EQ(Str(roster.at(1).at("group")), "auxiliary_police");  // "辅警" named by its short name
}

TEST_P(Roster, CsvInEveryEncodingExcelWrites) {
  const int64_t cls = NewClass();
  for (const char* f : {"sheets/roster-utf8-bom.csv", "sheets/roster-gb18030.csv",
                        "sheets/roster-utf16le.txt", "sheets/roster-utf16be.csv"}) {
    auto r = Upload(cls, f, true);
    ASSERT_EQ(r.status, 200) << f << " " << r.body;
    const json::value v = J(r);
    EXPECT_EQ(v.at("counts").at("new"), 2) << f << " " << r.body;
    EXPECT_EQ(v.at("rows").at(1).at("row"), 3) << f;
    EXPECT_EQ(v.at("rows").at(0).at("name"), "测试五甲") << f;
  }
  auto sci = Upload(cls, "sheets/roster-scientific.csv", true);
  ASSERT_EQ(sci.status, 200) << sci.body;
  EXPECT_EQ(J(sci).at("rows").at(0).at("error").at("reason"), "roster.numeric_id_cell");
}

TEST_P(Roster, HostileOrUnreadableFilesAre4xxNever5xx) {
  const int64_t cls = NewClass();
  auto bomb = Upload(cls, "sheets/zip-bomb.xlsx", false);
  ASSERT_EQ(bomb.status, 400) << bomb.body;
  EXPECT_EQ(J(bomb).at("error").at("reason"), "sheet.too_large");
  EXPECT_EQ(J(bomb).at("error").at("field"), "file");
  EXPECT_NE(Str(J(bomb).at("error").at("message")).find("压缩炸弹"), std::string::npos);
  auto lying = Upload(cls, "sheets/zip-bomb-lying.xlsx", false);
  EXPECT_EQ(lying.status, 400) << lying.body;
  auto no_header = Upload(cls, "sheets/no-header.xlsx", false);
  ASSERT_EQ(no_header.status, 400) << no_header.body;
  EXPECT_EQ(J(no_header).at("error").at("reason"), "roster.no_header");
  std::string cut = ReadCase("inputs/roster-title-row-above-header.xlsx");
  cut.resize(cut.size() / 2);
  const std::string path = "/api/v1/classes/" + std::to_string(cls) + "/roster/import";
  const std::string type = std::string("multipart/form-data; boundary=") + kBoundary;
  for (const std::string& bytes :
       {cut, std::string("\x00\x01\x02", 3), std::string("PK\x03\x04")}) {
    auto r = server_->Request("POST", path, Multipart("x.xlsx", bytes, Version(cls)), inst_, type);
    EXPECT_GE(r.status, 400) << r.body;
    EXPECT_LT(r.status, 500) << r.body;
  }
  auto no_file =
      server_->Request("POST", path, std::string("--") + kBoundary + "--\r\n", inst_, type);
  EXPECT_EQ(no_file.status, 400) << no_file.body;
  EXPECT_EQ(RosterSize(cls), 0u);
}

TEST_P(Roster, TraineeRemovedFromADraftRoster) {
  const int64_t cls = NewClass();
  auto r = Upload(cls, "sheets/office-roster.xlsx", false);
  ASSERT_EQ(r.status, 200) << r.body;
  const int64_t trainee = J(r).at("roster").at(0).at("trainee_id").as_int64();
  const std::string path = "/classes/" + std::to_string(cls) + "/roster/" + std::to_string(trainee);
  auto stale = Req("DELETE", path + "?version=1");
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto removed = Req("DELETE", path + "?version=" + std::to_string(Version(cls)));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(J(removed).at("roster").as_array().size(), 2u);
  auto again = Req("DELETE", path + "?version=" + std::to_string(Version(cls)));
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(Req("DELETE", path + "?version=" + std::to_string(Version(cls)), {}, true).status, 403);
}

TEST_P(Roster, SixteenYearOldIsRefusedOnASecurityGuardRosterWithRuleAndClause) {
  const int64_t cls = NewClass();  // starts 2026-12-28
  const std::string young = ValidId("20100601", 31);
  auto r = Req("POST", "/classes/" + std::to_string(cls) + "/roster/import",
               R"({"version":)" + std::to_string(Version(cls)) +
                   R"(,"rows":[{"name":"测试少年","id_number":")" + young +
                   R"(","phone":"+86 138-0000-1207","group":"security_staff"}]})");
  ASSERT_EQ(r.status, 400) << r.body;
  const json::value refusal = J(r);
  const auto& e = refusal.at("rows").at(0);
  EXPECT_EQ(e.at("rule"), "ROSTER_MIN_AGE");
  EXPECT_EQ(e.at("clause"), "三（一）3");
  EXPECT_NE(Str(e.at("message")).find("16 周岁"), std::string::npos) << r.body;
  EXPECT_EQ(RosterSize(cls), 0u);
}

TEST_P(Roster, EveryFaultOfARowIsReportedAndTheFirstStaysInPlace) {
  const int64_t cls = NewClass();  // starts 2026-12-28
  const std::string young = ValidId("20100601", 32);
  auto r = Req("POST", "/classes/" + std::to_string(cls) + "/roster/import",
               R"({"version":)" + std::to_string(Version(cls)) +
                   R"(,"rows":[{"name":"测试多错","id_number":")" + young +
                   R"(","phone":"12345","group":"nobody"}]})");
  ASSERT_EQ(r.status, 400) << r.body;
  const json::value refusal = J(r);
  const auto& e = refusal.at("rows").at(0);
  EXPECT_EQ(e.at("field"), "phone");  // the first fault, as before
  const auto& faults = e.at("faults").as_array();
  ASSERT_EQ(faults.size(), 3u) << r.body;
  EXPECT_EQ(faults[0].at("field"), "phone");
  EXPECT_EQ(faults[1].at("field"), "group");
  EXPECT_EQ(faults[2].at("reason"), "roster.min_age");
  EXPECT_EQ(refusal.at("report").at("rows").at(0).at("error").at("faults").as_array().size(), 3u);
}

TEST_P(Roster, YearEndClassDeclaredOnTheFirstWorkingDayBeforeNextYearsCalendar) {
  const int64_t cls = NewClass();
  auto imported = Upload(cls, "inputs/roster-title-row-above-header.xlsx", false);
  ASSERT_EQ(imported.status, 200) << imported.body;
  Start("2026-12-29T10:00:00+08:00");
  auto check = Req("GET", "/classes/" + std::to_string(cls) + "/check");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(J(check).at("summary").at("declare_deadline").is_null());
  EXPECT_NE(Str(J(check).at("summary").at("declare_deadline_reason")).find("2027"),
            std::string::npos);
  auto declared = Req("POST", "/classes/" + std::to_string(cls) + "/declare",
                      R"({"version":)" + std::to_string(Version(cls)) + "}");
  ASSERT_EQ(declared.status, 200) << declared.body;
  EXPECT_EQ(J(declared).at("state"), "declared");
}

INSTANTIATE_TEST_SUITE_P(Backends, Roster, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
