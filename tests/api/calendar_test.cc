// Issue 10, Deliver 4 and 6, on SQLite and on PostgreSQL: the city bureau adds or corrects a year
// of the working-day calendar (`anpei calendar import` and the API), validated field by field,
// versioned and audited; the store's year overrides the shipped one; a declaration keeps the
// calendar version it was decided with. A legacy credit code (only its check character wrong) is
// accepted with a warning and held until the city bureau confirms it; codes agree on case.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "domain/identity.h"
#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::kTestPassword;
using testing::ServerProcess;
using testing::TestDatabase;

json::value JText(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}
json::value J(const HttpResult& r) { return JText(r.body); }

std::string Str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : ""; }

// A 2027 calendar in the format of data/calendar/ (the dates are the test's, not the State
// Council's): 元旦 off 1–`new_year_to` January.
std::string Year2027(int new_year_to = 4) {
  return "year = 2027\n"
         "source = \"国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）\"\n"
         "[[holiday]]\nname = \"元旦\"\n"
         "off = { from = 2027-01-01, to = 2027-01-0" +
         std::to_string(new_year_to) +
         " }\nwork = []\n"
         "[[holiday]]\nname = \"春节\"\n"
         "off = { from = 2027-02-06, to = 2027-02-12 }\nwork = [2027-02-14]\n";
}

// A legacy code: a valid one with another check character, so only the GB 32100 check fails.
std::string LegacyUscc(int n) {
  std::string code = testing::ValidUscc(n);
  code.back() = code.back() == 'Y' ? 'X' : 'Y';
  return code;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class CalendarApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    dir_ = std::filesystem::temp_directory_path() /
           ("anpei-calendar-" + std::to_string(::getpid()) + "-" + GetParam());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    server_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void Start(const std::string& clock) {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock", clock});
    ASSERT_TRUE(server_->started());
    admin_ = server_->SignIn("admin", kTestPassword);
    ASSERT_FALSE(admin_.empty());
    Post("/districts", R"({"code":"350503","name":"丰泽区"})", admin_);
  }

  std::string File(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  testing::ProcessResult Import(const std::string& path, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"calendar", "import",     path,           "--db",
                                     db_->url(), "--key-file", db_->key_file()};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::RunProcess(ANPEI_BINARY, args);
  }

  HttpResult Post(const std::string& path, const std::string& body,
                  const std::map<std::string, std::string>& as) {
    return server_->Request("POST", "/api/v1" + path, body, as);
  }
  HttpResult Get(const std::string& path, const std::map<std::string, std::string>& as) {
    return server_->Request("GET", "/api/v1" + path, "", as);
  }

  // A 20-hour plan starting on 2026-12-28 (the year-end case of issue 10), declared at `at`.
  static std::string Sessions() {
    std::string out;
    const char* dates[] = {"2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-08"};
    for (int i = 0; i < 5; ++i) {
      out += std::string(i ? "," : "") + R"({"date":")" + dates[i] +
             R"(","start":"08:30","end":"11:30","hours":4,"kind":")" +
             (i < 3 ? "theory" : "practical") + R"(","delivery":"offline","teacher":"t1"})";
    }
    return out;
  }
  static std::string PlanAt(const std::string& at) {
    return R"({"occupation":"security_guard","declared_at":")" + at +
           R"(","teachers":[{"id":"t1","name":"陈老师"}],"sessions":[)" + Sessions() + "]}";
  }

  // An institution (with `uscc`), its user "inst" signed in, a teacher, a trainee and a draft
  // class of the year-end plan; returns the class id.
  int64_t DraftClass(const std::string& uscc) {
    auto inst =
        Post("/institutions",
             R"({"name":"泉州年末保安培训学校","uscc":")" + uscc + R"(","district_code":"350503"})",
             admin_);
    EXPECT_EQ(inst.status, 201) << inst.body;
    inst_id_ = J(inst).at("id").as_int64();
    auto user = Post("/users",
                     R"({"username":"inst","roles":["institution"],"password":")" +
                         std::string(kTestPassword) + R"(","institution_id":)" +
                         std::to_string(inst_id_) + "}",
                     admin_);
    EXPECT_EQ(user.status, 201) << user.body;
    inst_user_ = server_->SignIn("inst", kTestPassword);
    auto teacher = Post("/teachers",
                        R"({"institution_id":)" + std::to_string(inst_id_) +
                            R"(,"name":"陈老师","id_number":")" + testing::ValidId(1, 1980) + "\"}",
                        inst_user_);
    EXPECT_EQ(teacher.status, 201) << teacher.body;
    auto trainee = Post("/trainees",
                        R"({"name":"学员甲","id_number":")" + testing::ValidId(2) +
                            R"(","phone":"13800001234","group":"security_staff"})",
                        inst_user_);
    EXPECT_EQ(trainee.status, 201) << trainee.body;
    auto cls = Post(
        "/classes",
        R"({"institution_id":)" + std::to_string(inst_id_) +
            R"(,"occupation":"security_guard","title":"年末班","venue":{"address":"丰泽区"},)"
            R"("teachers":[{"key":"t1","teacher_id":)" +
            std::to_string(J(teacher).at("id").as_int64()) + R"(}],"sessions":[)" + Sessions() +
            R"(],"roster":[)" + std::to_string(J(trainee).at("id").as_int64()) + "]}",
        inst_user_);
    EXPECT_EQ(cls.status, 201) << cls.body;
    return J(cls).at("id").as_int64();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::filesystem::path dir_;
  std::map<std::string, std::string> admin_, inst_user_;
  int64_t inst_id_ = 0;
};

TEST_P(CalendarApi, CliImportsAValidYearAndTheDeadlineUsesIt) {
  Start("2026-12-29T10:00:00+08:00");
  // Before: 2027 is unknown, so the deadline is not yet known.
  auto before =
      server_->Request("POST", "/api/v1/plan-checks", PlanAt("2026-12-29T10:00:00+08:00"));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(J(before).at("summary").at("declare_deadline").is_null()) << before.body;

  auto r = Import(File("cn-2027.toml", Year2027(4)), {"--note", "国务院通知已发布"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2027"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("国办发明电〔2026〕9号"), std::string::npos) << r.out;

  // 12-29, 12-30, 12-31, then 1-5 and 1-6 (1-1 … 1-4 off): the fifth working day is 2027-01-06.
  auto after = server_->Request("POST", "/api/v1/plan-checks", PlanAt("2026-12-29T10:00:00+08:00"));
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(Str(J(after).at("summary").at("declare_deadline")), "2027-01-06") << after.body;

  auto list = Get("/calendar/years", admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  bool found = false;
  const json::value years = J(list);
  for (const auto& item : years.at("items").as_array()) {
    if (item.at("year").as_int64() != 2027) continue;
    found = true;
    EXPECT_FALSE(item.at("shipped").as_bool());
    EXPECT_EQ(Str(item.at("in_force")), "store");
    EXPECT_EQ(item.at("stored").at("version").as_int64(), 1);
    EXPECT_EQ(Str(item.at("stored").at("notice")), "国办发明电〔2026〕9号");
    EXPECT_EQ(Str(item.at("stored").at("imported_by")), "anpei-cli");
  }
  EXPECT_TRUE(found) << list.body;
  auto audit = Get("/audit-events?action=calendar.import", admin_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(J(audit).at("items").as_array().size(), 1u) << audit.body;
}

TEST_P(CalendarApi, CliRefusesEachFaultWithExitTwoNamingTheField) {
  const std::string good = Year2027();
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  struct Case {
    std::string name, text, field;
  };
  const std::vector<Case> cases = {
      {"cn-2027.toml", replace("（国办发明电〔2026〕9号）", ""), "source"},
      {"cn-2027.toml", replace("work = [2027-02-14]", "work = [2027-02-15]"), "holiday[1].work[0]"},
      {"cn-2027.toml", replace("from = 2027-02-06", "from = 2027-01-03"), "holiday[1].off"},
      {"cn-2027.toml", replace("to = 2027-02-12", "to = 2028-02-12"), "holiday[1].off.to"},
      {"cn-2027.toml", replace("work = [2027-02-14]", "work = [2027-02-07]"), "holiday[1].work[0]"},
      {"cn-2028.toml", good, "year"},
      {"cn-2027.toml", replace("off = { from", "off = { fro"), "holiday[0].off.from"},
      {"cn-2027.toml", replace("[[holiday]]\nname = \"元旦\"", "[[holiday]\nname"), "toml"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string sub = std::to_string(i);
    std::filesystem::create_directories(dir_ / sub);
    auto r = Import(File(sub + "/" + cases[i].name, cases[i].text));
    EXPECT_EQ(r.exit_code, 2) << i << ": " << r.out << r.err;
    EXPECT_NE(r.err.find(": " + cases[i].field + ": "), std::string::npos)
        << i << " wants " << cases[i].field << ": " << r.err;
  }
  // Nothing was stored: the first valid import is version 1.
  auto ok = Import(File("cn-2027.toml", good));
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("第 1 版"), std::string::npos) << ok.out;
}

TEST_P(CalendarApi, ApiImportsWithFieldFaultsDryRunAndVersions) {
  Start("2026-12-29T10:00:00+08:00");
  json::object body{{"toml", Year2027()}, {"file_name", "cn-2027.toml"}};
  std::string bad = Year2027();
  bad.replace(bad.find("work = [2027-02-14]"), 19, "work = [2027-02-15]");
  bad.replace(bad.find("（国办发明电〔2026〕9号）"),
              std::string("（国办发明电〔2026〕9号）").size(), "");
  auto refused = Post("/calendar/years", json::serialize(json::object{{"toml", bad}}), admin_);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json::value refusal = J(refused);
  const auto& details = refusal.at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u) << refused.body;
  EXPECT_EQ(Str(details[0].at("field")), "source");
  EXPECT_EQ(Str(details[1].at("field")), "holiday[1].work[0]");
  EXPECT_EQ(Str(details[1].at("reason")), "calendar.work_not_weekend");

  auto dry = Post("/calendar/years?dry_run=true", json::serialize(body), admin_);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(J(dry).at("dry_run").as_bool());
  EXPECT_EQ(Get("/calendar/years/2027", admin_).status, 404);

  auto v1 = Post("/calendar/years", json::serialize(body), admin_);
  ASSERT_EQ(v1.status, 201) << v1.body;
  EXPECT_EQ(J(v1).at("version").as_int64(), 1);
  body["toml"] = Year2027(3);
  body["note"] = "更正元旦";
  auto v2 = Post("/calendar/years", json::serialize(body), admin_);
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(J(v2).at("version").as_int64(), 2);
  EXPECT_GT(J(v2).at("revision").as_int64(), J(v1).at("revision").as_int64());

  auto year = Get("/calendar/years/2027", admin_);
  ASSERT_EQ(year.status, 200) << year.body;
  const json::value detail = J(year);
  const auto& versions = detail.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(Str(versions[0].at("note")), "更正元旦");
  EXPECT_EQ(Str(versions[1].at("toml")), Year2027());
  EXPECT_EQ(Str(detail.at("holidays").at(0).at("off").at("to")), "2027-01-03");
  // A shipped year overridden by the store.
  auto shipped = Get("/calendar/years/2021", admin_);
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  EXPECT_TRUE(J(shipped).at("shipped").as_bool());
  EXPECT_EQ(Str(J(shipped).at("in_force")), "shipped");
  // The city bureau only.
  auto inst = Post("/calendar/years", json::serialize(body), {});
  EXPECT_EQ(inst.status, 401);
}

TEST_P(CalendarApi, ADeclarationKeepsItsCalendarVersionAfterACorrection) {
  // 元旦 off 1–4 January: the deadline of a class starting 2026-12-28 is 2027-01-06.
  ASSERT_EQ(Import(File("cn-2027.toml", Year2027(4))).exit_code, 0);
  Start("2027-01-06T10:00:00+08:00");
  const int64_t cls = DraftClass(testing::ValidUscc(41));
  auto declared =
      Post("/classes/" + std::to_string(cls) + "/declare", R"({"version":1})", inst_user_);
  ASSERT_EQ(declared.status, 200) << declared.body;
  const int64_t revision = J(declared).at("calendar_version").as_int64();
  EXPECT_GT(revision, 0);

  // Corrected: only 1 January off, so the deadline would now be 2027-01-05 and 1-06 late.
  json::object body{{"toml", Year2027(1)}, {"note", "更正"}};
  ASSERT_EQ(Post("/calendar/years", json::serialize(body), admin_).status, 201);
  auto fresh = server_->Request("POST", "/api/v1/plan-checks", PlanAt("2027-01-06T10:00:00+08:00"));
  EXPECT_EQ(Str(J(fresh).at("summary").at("declare_deadline")), "2027-01-05") << fresh.body;
  EXPECT_FALSE(J(fresh).at("ok").as_bool());

  // The declared class keeps the deadline it was decided with.
  auto check = Get("/classes/" + std::to_string(cls) + "/check", inst_user_);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(J(check).at("ok").as_bool()) << check.body;
  EXPECT_EQ(Str(J(check).at("summary").at("declare_deadline")), "2027-01-06");
  auto detail = Get("/classes/" + std::to_string(cls), inst_user_);
  EXPECT_EQ(J(detail).at("calendar_version").as_int64(), revision) << detail.body;
}

// `calendar workday`, `calendar add` and `plan check` answer from the store's calendar with --db
// (a year imported there overrides the shipped one, a year only imported is known) and from the
// shipped files without it, in the contract's exact output.
TEST_P(CalendarApi, CliWithDbAnswersFromTheStoresCalendarAndWithoutItFromTheShippedOne) {
  auto cli = [&](std::vector<std::string> args, bool with_db, const std::string& input = {}) {
    if (with_db) {
      for (const std::string& a :
           {std::string("--db"), db_->url(), std::string("--key-file"), db_->key_file()}) {
        args.push_back(a);
      }
    }
    return testing::RunProcess(ANPEI_BINARY, args, input);
  };
  auto before = cli({"calendar", "workday", "2026-10-08"}, true);
  EXPECT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, "yes\n");  // nothing imported yet: the shipped 2026

  // 2026 corrected (国庆节 off until Thursday 10-08) and 2027 added, both through the store.
  std::ifstream shipped(std::string(ANPEI_SOURCE_DIR) + "/data/calendar/cn-2026.toml");
  std::string year2026((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
  const std::string national = "off = { from = 2026-10-01, to = 2026-10-07 }";
  ASSERT_NE(year2026.find(national), std::string::npos);
  year2026.replace(year2026.find(national), national.size(),
                   "off = { from = 2026-10-01, to = 2026-10-08 }");
  auto imported = Import(File("cn-2026.toml", year2026));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  ASSERT_EQ(Import(File("cn-2027.toml", Year2027(4))).exit_code, 0);

  struct Case {
    std::vector<std::string> args;
    std::string with_db, without_db;  // stdout; "" where the command exits 2
  };
  const std::vector<Case> cases = {
      {{"calendar", "workday", "2026-10-08"}, "no\n", "yes\n"},
      {{"calendar", "workday", "2026-10-10"}, "yes\n", "yes\n"},  // still an adjusted working day
      {{"calendar", "add", "2026-09-30", "5"}, "2026-10-14\n", "2026-10-13\n"},
      {{"calendar", "workday", "2027-01-04"}, "no\n", ""},
      {{"calendar", "workday", "2027-01-05"}, "yes\n", ""},
      {{"calendar", "add", "2026-12-28", "5"}, "2027-01-06\n", ""},
  };
  for (const auto& c : cases) {
    const std::string what = c.args[1] + " " + c.args[2];
    auto with = cli(c.args, true);
    EXPECT_EQ(with.exit_code, 0) << what << ": " << with.err;
    EXPECT_EQ(with.out, c.with_db) << what;
    auto without = cli(c.args, false);
    EXPECT_EQ(without.exit_code, c.without_db.empty() ? 2 : 0) << what << ": " << without.err;
    EXPECT_EQ(without.out, c.without_db) << what;
  }

  // plan check: the year-end plan's deadline needs 2027.
  const std::string plan = PlanAt("2026-12-29T10:00:00+08:00");
  auto json_with = cli({"plan", "check", "-", "--json"}, true, plan);
  EXPECT_EQ(json_with.exit_code, 0) << json_with.out << json_with.err;
  EXPECT_EQ(Str(JText(json_with.out).at("summary").at("declare_deadline")), "2027-01-06")
      << json_with.out;
  auto json_without = cli({"plan", "check", "-", "--json"}, false, plan);
  EXPECT_EQ(json_without.exit_code, 0) << json_without.out << json_without.err;
  EXPECT_TRUE(JText(json_without.out).at("summary").at("declare_deadline").is_null())
      << json_without.out;
  auto human = cli({"plan", "check", "-"}, true, plan);
  EXPECT_NE(human.out.find("申报截止 2027-01-06"), std::string::npos) << human.out;

  // A --db that names no existing SQLite file is refused (exit 2), not created.
  const auto missing = dir_ / "missing.db";
  auto refused = testing::RunProcess(
      ANPEI_BINARY, {"calendar", "workday", "2026-10-08", "--db", "sqlite:" + missing.string()});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_TRUE(refused.out.empty());
  EXPECT_NE(refused.err.find("不存在"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_P(CalendarApi, ALegacyCreditCodeIsHeldUntilTheCityBureauConfirmsIt) {
  Start("2026-12-29T10:00:00+08:00");
  const std::string legacy = LegacyUscc(42);
  const int64_t cls = DraftClass(Lower(legacy));  // typed in lower case: stored upper-case
  auto inst = Get("/institutions/" + std::to_string(inst_id_), admin_);
  ASSERT_EQ(inst.status, 200) << inst.body;
  EXPECT_EQ(Str(J(inst).at("uscc")), legacy);
  EXPECT_EQ(Str(J(inst).at("uscc_status")), "pending_confirmation");
  EXPECT_EQ(Str(J(inst).at("warnings").at(0).at("reason")), "uscc.check_digit");
  EXPECT_FALSE(J(inst).at("may_declare").as_bool());

  auto held = Post("/classes/" + std::to_string(cls) + "/declare", R"({"version":1})", inst_user_);
  EXPECT_EQ(held.status, 422) << held.body;
  EXPECT_EQ(Str(J(held).at("error").at("reason")), "institution.uscc_unconfirmed") << held.body;

  // Found by its code in any case.
  auto found = Get("/institutions?q=" + Lower(legacy).substr(0, 12), admin_);
  EXPECT_EQ(J(found).at("items").as_array().size(), 1u) << found.body;
  // The city bureau's 只看待确认: only the held one, beside an institution with a valid code.
  ASSERT_EQ(Post("/institutions",
                 R"({"name":"有效代码学校","uscc":")" + testing::ValidUscc(45) +
                     R"(","district_code":"350503"})",
                 admin_)
                .status,
            201);
  EXPECT_EQ(J(Get("/institutions", admin_)).at("items").as_array().size(), 2u);
  auto pending = Get("/institutions?uscc_status=pending_confirmation", admin_);
  ASSERT_EQ(J(pending).at("items").as_array().size(), 1u) << pending.body;
  EXPECT_EQ(J(pending).at("items").at(0).at("id").as_int64(), inst_id_);
  auto unknown = Get("/institutions?uscc_status=maybe", admin_);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Str(J(unknown).at("error").at("field")), "uscc_status");

  const std::string path = "/institutions/" + std::to_string(inst_id_) + "/uscc-decision";
  EXPECT_EQ(Post(path, R"({"decision":"confirm","version":1})", inst_user_).status, 403);
  EXPECT_EQ(Post(path, R"({"decision":"refuse","version":1})", admin_).status, 400);  // no reason
  auto confirmed =
      Post(path, R"({"decision":"confirm","reason":"1998年登记的旧代码","version":1})", admin_);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(Str(J(confirmed).at("uscc_status")), "confirmed");
  auto audit = Get("/audit-events?action=institution.uscc_confirm", admin_);
  EXPECT_EQ(J(audit).at("items").as_array().size(), 1u) << audit.body;

  auto declared =
      Post("/classes/" + std::to_string(cls) + "/declare", R"({"version":1})", inst_user_);
  EXPECT_EQ(declared.status, 200) << declared.body;
}

TEST_P(CalendarApi, OnlyTheCheckCharacterMayBeWrongAndTheCliAgreesOnCase) {
  Start("2026-12-29T10:00:00+08:00");
  std::string bad_org = testing::ValidUscc(43);
  bad_org[16] = bad_org[16] == '0' ? '1' : '0';  // the embedded GB 11714 check character
  auto refused =
      Post("/institutions",
           R"({"name":"错码学校","uscc":")" + bad_org + R"(","district_code":"350503"})", admin_);
  EXPECT_EQ(refused.status, 400) << refused.body;
  const std::string valid = testing::ValidUscc(44);
  auto created = Post(
      "/institutions",
      R"({"name":"小写学校","uscc":")" + Lower(valid) + R"(","district_code":"350503"})", admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Str(J(created).at("uscc")), valid);
  EXPECT_EQ(Str(J(created).at("uscc_status")), "valid");
  auto cli = testing::RunProcess(ANPEI_BINARY, {"id", "check", "--kind", "uscc", Lower(valid)});
  EXPECT_EQ(cli.exit_code, 0) << cli.out << cli.err;
  auto legacy =
      testing::RunProcess(ANPEI_BINARY, {"id", "check", "--kind", "uscc", Lower(LegacyUscc(44))});
  EXPECT_EQ(legacy.exit_code, 1);
  EXPECT_NE(legacy.out.find("check_digit"), std::string::npos) << legacy.out;
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, CalendarApi, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
