// Issue "Trust", findings 1 and 3 (regression tests), on SQLite and on PostgreSQL: a trainee is a
// person enrolled by identity. Another institution's trainee id in a roster is refused exactly as
// a missing one; a roster of every id reads nothing; registering or importing someone's ID number
// answers as for a new person (no 409, no stored name, no phone of another institution); a name
// that differs from the one on record is held for the district's reviewer, who confirms or
// refuses it; pre-registering a person with a wrong name or phone changes nothing another
// institution sees; another institution's teacher is not named in an error.
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

std::string PersonBody(const std::string& name, const std::string& id, const std::string& phone) {
  return R"({"name":")" + name + R"(","id_number":")" + id + R"(","phone":")" + phone +
         R"(","group":"security_staff"})";
}

class Person : public ::testing::TestWithParam<std::string> {
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
    inst_a_ = Id(Post(
        "admin", "/institutions",
        R"({"name":"甲校","uscc":")" + testing::ValidUscc(1) + R"(","district_code":"350503"})"));
    inst_b_ = Id(Post(
        "admin", "/institutions",
        R"({"name":"乙校","uscc":")" + testing::ValidUscc(2) + R"(","district_code":"350582"})"));
    teacher_a_ = Id(Post("admin", "/teachers",
                         R"({"institution_id":)" + std::to_string(inst_a_) +
                             R"(,"name":"陈老师","id_number":")" + ValidId(900, 1975) + "\"}"));
    teacher_b_ = Id(Post("admin", "/teachers",
                         R"({"institution_id":)" + std::to_string(inst_b_) +
                             R"(,"name":"欧阳乙师","id_number":")" + ValidId(901, 1975) + "\"}"));
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    // Institution B's trainee: the person Wang, with B's phone.
    auto b = Post("inst_b", "/trainees", PersonBody("王小明", ValidId(1), "13900000001"));
    ASSERT_EQ(b.status, 201) << b.body;
    wang_ = Id(b);
    class_a_ = Id(Post("inst_a", "/classes", ClassBody("[]")));
  }

  void User(const std::string& name, const std::string& role, const std::string& scope) {
    auto r = Post("admin", "/users",
                  R"({"username":")" + name + R"(","roles":[")" + role + R"("],"password":")" +
                      testing::kTestPassword + "\"," + scope + "}");
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
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  std::string ClassBody(const std::string& roster, int64_t teacher = 0) {
    return R"({"institution_id":)" + std::to_string(inst_a_) +
           R"(,"occupation":"security_guard","title":"甲校第一期","venue":{"address":"丰泽区"},)" +
           R"("teachers":[{"key":"t1","teacher_id":)" +
           std::to_string(teacher ? teacher : teacher_a_) + R"(}],"roster":)" + roster + "}";
  }
  json::value ClassA() { return J(Req("inst_a", "GET", "/classes/" + std::to_string(class_a_))); }
  HttpResult Import(const std::string& rows, bool dry_run = false) {
    const int64_t version = ClassA().at("version").as_int64();
    return Post("inst_a",
                "/classes/" + std::to_string(class_a_) + "/roster/import" +
                    (dry_run ? "?dry_run=true" : ""),
                R"({"version":)" + std::to_string(version) + R"(,"rows":[)" + rows + "]}");
  }
  // The reviewer's only held enrolment; its id and version.
  std::pair<int64_t, int64_t> OnlyHeld(const std::string& reviewer) {
    auto list = J(Req(reviewer, "GET", "/held-enrolments?state=held"));
    EXPECT_EQ(list.at("total").as_int64(), 1) << json::serialize(list);
    const auto& h = list.at("items").at(0);
    return {h.at("id").as_int64(), h.at("version").as_int64()};
  }
  HttpResult Decide(const std::string& who, int64_t id, int64_t version, const std::string& d) {
    return Post(who, "/held-enrolments/" + std::to_string(id) + "/decision",
                R"({"decision":")" + d + R"(","reason":"核对身份证原件","version":)" +
                    std::to_string(version) + "}");
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  int64_t inst_a_ = 0, inst_b_ = 0, teacher_a_ = 0, teacher_b_ = 0, wang_ = 0, class_a_ = 0;
};

// The answer with `id` replaced by N: an out-of-scope id must read exactly like a missing one.
std::string Neutral(std::string body, int64_t id) {
  const std::string s = std::to_string(id);
  for (size_t at = body.find(s); at != std::string::npos; at = body.find(s, at)) {
    body.replace(at, s.size(), "N");
  }
  return body;
}

TEST_P(Person, AnotherInstitutionsTraineeInARosterIsRefusedLikeAMissingOne) {
  auto theirs = Post("inst_a", "/classes", ClassBody("[" + std::to_string(wang_) + "]"));
  auto missing = Post("inst_a", "/classes", ClassBody("[987654]"));
  EXPECT_EQ(theirs.status, 404) << theirs.body;
  EXPECT_EQ(theirs.status, missing.status);
  EXPECT_EQ(Neutral(theirs.body, wang_), Neutral(missing.body, 987654));
  EXPECT_EQ(Str(J(theirs).at("error").at("field")), "roster[0]");
  const std::string path = "/classes/" + std::to_string(class_a_);
  auto put = Req("inst_a", "PUT", path,
                 ClassBody("[" + std::to_string(wang_) + "]").insert(1, R"("version":1,)"));
  EXPECT_EQ(put.status, 404) << put.body;
  // … and so the person stays out of reach: no full ID number, no phone, no edit.
  EXPECT_EQ(Req("inst_a", "GET", "/trainees/" + std::to_string(wang_)).status, 404);
  EXPECT_EQ(Req("inst_a", "PUT", "/trainees/" + std::to_string(wang_),
                PersonBody("王小明", ValidId(1), "13800000000").insert(1, R"("version":1,)"))
                .status,
            404);
  EXPECT_EQ(Str(J(Req("inst_b", "GET", "/trainees/" + std::to_string(wang_))).at("phone")),
            "13900000001");
}

TEST_P(Person, ARosterOfEveryIdCannotReadTheCity) {
  std::string all;
  for (int i = 1; i <= 240; ++i) all += (i > 1 ? "," : "") + std::to_string(i);
  auto r = Post("inst_a", "/classes", ClassBody("[" + all + "]"));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(J(Req("inst_a", "GET", "/trainees")).at("total").as_int64(), 0);
  EXPECT_EQ(J(Req("inst_a", "GET", "/classes")).at("total").as_int64(), 1);
}

TEST_P(Person, RegisteringSomeoneElsesIdNumberAnswersAsForANewPerson) {
  auto known = Post("inst_a", "/trainees", PersonBody("王小明", ValidId(1), "13800000002"));
  auto fresh = Post("inst_a", "/trainees", PersonBody("赵新", ValidId(2), "13800000003"));
  ASSERT_EQ(known.status, 201) << known.body;
  ASSERT_EQ(fresh.status, known.status);
  json::object k = J(known).as_object(), f = J(fresh).as_object();
  ASSERT_EQ(k.size(), f.size());
  for (const auto& [key, value] : f) {
    ASSERT_TRUE(k.contains(key)) << key;
    if (key == "id" || key == "name" || key == "id_number" || key == "phone") continue;
    EXPECT_EQ(k.at(key), value) << key << ": the answer tells a known person from a new one";
  }
  EXPECT_EQ(Str(k.at("phone")), "13800000002") << "the phone is A's own, never B's";
  EXPECT_EQ(known.body.find("13900000001"), std::string::npos);
  // Each institution keeps its own phone for the same person.
  const std::string one = "/trainees/" + std::to_string(wang_);
  EXPECT_EQ(Str(J(Req("inst_a", "GET", one)).at("phone")), "13800000002");
  EXPECT_EQ(Str(J(Req("inst_b", "GET", one)).at("phone")), "13900000001");
}

TEST_P(Person, AKnownIdNumberWithAnotherNameIsHeldForTheReviewerWithoutTheStoredName) {
  const std::string row = R"({"name":"李四","id_number":")" + ValidId(1) +
                          R"(","phone":"13800000004","group":"security_staff"})";
  auto preview = Import(row, true);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(Str(J(preview).at("rows").at(0).at("status")), "held");
  auto r = Import(row);
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* leak : {"王", "13900000001", "139****0001"}) {
    EXPECT_EQ(r.body.find(leak), std::string::npos) << leak << " in " << r.body;
    EXPECT_EQ(preview.body.find(leak), std::string::npos) << leak << " in " << preview.body;
  }
  EXPECT_EQ(J(r).at("import").at("held").as_int64(), 1);
  EXPECT_EQ(J(r).at("roster").as_array().size(), 0u);
  EXPECT_EQ(J(r).at("held").as_array().size(), 1u);
  // The reviewer of A's district sees it, with the name on record; the other district does not.
  EXPECT_EQ(J(Req("reviewer_b", "GET", "/held-enrolments")).at("total").as_int64(), 0);
  auto [held, version] = OnlyHeld("reviewer_a");
  const std::string one = "/held-enrolments/" + std::to_string(held);
  EXPECT_EQ(Req("reviewer_b", "GET", one).status, 404);
  EXPECT_EQ(Req("inst_a", "GET", one).status, 403);
  auto look = J(Req("reviewer_a", "GET", one));
  EXPECT_EQ(Str(look.at("recorded_name")), "王小明");
  EXPECT_EQ(Str(look.at("name")), "李四");
  EXPECT_EQ(Decide("inst_a", held, version, "confirm").status, 403);
  EXPECT_EQ(Decide("reviewer_b", held, version, "confirm").status, 404);
  auto refused = Decide("reviewer_a", held, version, "refuse");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Str(J(refused).at("state")), "refused");
  EXPECT_EQ(Decide("reviewer_a", held, version + 1, "confirm").status, 409);
  EXPECT_EQ(Str(J(Req("inst_b", "GET", "/trainees/" + std::to_string(wang_))).at("name")),
            "王小明");
  EXPECT_EQ(ClassA().at("roster").as_array().size(), 0u);
}

TEST_P(Person, AKnownIdNumberWithTheRightNameRevealsNoPhone) {
  auto r = Import(R"({"name":"王小明","id_number":")" + ValidId(1) +
                  R"(","phone":"13800000005","group":"security_staff"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("13900000001"), std::string::npos);
  EXPECT_EQ(r.body.find("139****0001"), std::string::npos);
  EXPECT_EQ(J(r).at("roster").as_array().size(), 1u);
  EXPECT_FALSE(J(r).at("import").as_object().contains("created")) << "would tell new from known";
  auto mine = J(Req("inst_a", "GET", "/trainees/" + std::to_string(wang_)));
  EXPECT_EQ(Str(mine.at("phone")), "13800000005");
}

// The spreadsheet path holds a differing name like the JSON rows.
TEST_P(Person, TheSpreadsheetPathHoldsADifferingNameToo) {
  const std::string boundary = "----anpei-person-test";
  const std::string csv =
      "姓名,身份证号,手机号,人员类别\n李四," + ValidId(1) + ",13800000006,安保从业人员\n";
  const int64_t version = ClassA().at("version").as_int64();
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" +
                     std::to_string(version) + "\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" +
                     csv + "\r\n--" + boundary + "--\r\n";
  auto r =
      server_->Request("POST", "/api/v1/classes/" + std::to_string(class_a_) + "/roster/import",
                       body, as_["inst_a"], "multipart/form-data; boundary=" + boundary);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("王"), std::string::npos) << r.body;
  EXPECT_EQ(J(r).at("import").at("held").as_int64(), 1);
}

TEST_P(Person, PreRegisteringAWrongNameOrPhoneDoesNotChangeWhatOthersSee) {
  // A pre-registers Zhou under a false name and a phone of its choosing.
  auto pre = Post("inst_a", "/trainees", PersonBody("假名字", ValidId(3), "13700000000"));
  ASSERT_EQ(pre.status, 201) << pre.body;
  const int64_t zhou = Id(pre);
  // B enrols the real Zhou: held for B's reviewer, no 409, nothing of A's.
  auto b = Post("inst_b", "/trainees", PersonBody("周真", ValidId(3), "13900000009"));
  EXPECT_EQ(b.status, 202) << b.body;
  for (const char* leak : {"假", "13700000000", "137****0000"}) {
    EXPECT_EQ(b.body.find(leak), std::string::npos) << leak << " in " << b.body;
  }
  EXPECT_EQ(J(Req("inst_b", "GET", "/trainees")).at("total").as_int64(), 1);  // Wang only
  auto [held, version] = OnlyHeld("reviewer_b");
  ASSERT_EQ(Decide("reviewer_b", held, version, "confirm").status, 200);
  const std::string one = "/trainees/" + std::to_string(zhou);
  auto seen_by_b = J(Req("inst_b", "GET", one));
  EXPECT_EQ(Str(seen_by_b.at("name")), "周真");
  EXPECT_EQ(Str(seen_by_b.at("phone")), "13900000009");
  EXPECT_EQ(Str(J(Req("inst_a", "GET", one)).at("phone")), "13700000000");
}

TEST_P(Person, AnInstitutionEditsItsOwnRecordAndIdentityGoesThroughAReviewer) {
  auto mine = Post("inst_a", "/trainees", PersonBody("王小明", ValidId(1), "13800000007"));
  ASSERT_EQ(mine.status, 201);
  const std::string one = "/trainees/" + std::to_string(wang_);
  const std::string v = R"("version":)" + std::to_string(J(mine).at("version").as_int64()) + ",";
  auto phone =
      Req("inst_a", "PUT", one, PersonBody("王小明", ValidId(1), "13800000008").insert(1, v));
  ASSERT_EQ(phone.status, 200) << phone.body;
  EXPECT_EQ(Str(J(Req("inst_b", "GET", one)).at("phone")), "13900000001");
  auto id = Req("inst_a", "PUT", one, PersonBody("王小明", ValidId(4), "13800000008").insert(1, v));
  EXPECT_EQ(id.status, 400);
  EXPECT_EQ(Str(J(id).at("error").at("reason")), "trainee.identity_locked");
  const std::string v2 = R"("version":)" + std::to_string(J(phone).at("version").as_int64()) + ",";
  auto name =
      Req("inst_a", "PUT", one, PersonBody("王晓明", ValidId(1), "13800000008").insert(1, v2));
  EXPECT_EQ(name.status, 202) << name.body;
  EXPECT_EQ(Str(J(Req("inst_b", "GET", one)).at("name")), "王小明");
}

TEST_P(Person, AnotherInstitutionsTeacherIsNotNamedInAnError) {
  auto theirs = Post("inst_a", "/classes", ClassBody("[]", teacher_b_));
  auto missing = Post("inst_a", "/classes", ClassBody("[]", 987654));
  EXPECT_EQ(theirs.status, 404) << theirs.body;
  EXPECT_EQ(theirs.body.find("欧阳"), std::string::npos) << theirs.body;
  EXPECT_EQ(Neutral(theirs.body, teacher_b_), Neutral(missing.body, 987654));
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, Person, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
