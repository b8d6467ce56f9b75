// Spot checks (issue 12, Deliver 5) through the real server on SQLite and PostgreSQL: classes
// are approved through the review endpoint, then the clock moves into their training period.
// The same seed over the same candidates draws the same classes (and anyone recomputes them with
// SHA-256); a reviewer draws only in its district; visits with photos through the blob store
// (content-addressed; a .jpg that is not an image and an oversize photo refused); a finding
// opens a case; the class's institution reads its visits but not draws, photos or cases.
#include <sodium.h>

#include <set>

#include <boost/json.hpp>

#include "domain/spot_check.h"
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
std::vector<int64_t> Ids(const json::value& v) {
  std::vector<int64_t> out;
  for (const auto& x : v.as_array()) out.push_back(x.as_int64());
  return out;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
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
const std::string kJpeg = Bytes("ffd8ffe000104a46494600010100000100010000ffd9");

std::string Multipart(const std::string& file_name, const std::string& data) {
  return "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: image/jpeg\r\n\r\n" + data + "\r\n--XBOUNDARYX--\r\n";
}
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

// Five sessions from 2021-10-`first_day` (a compliant plan).
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

const std::vector<std::string> kUsers = {"inst_a", "inst_b",  "reviewer_a", "reviewer_b",
                                         "hrss",   "auditor", "finance"};

class SpotCheckApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    blob_dir_ = ::testing::TempDir() + "/spot-blobs-" + GetParam() + std::to_string(getpid());
    Start("2021-09-28T10:00:00+08:00");
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    User("hrss", "hrss", "");
    User("auditor", "auditor", "");
    User("finance", "finance", "");
    // District A: three classes in training on 12 October, one that starts in November, one
    // declared but never decided; district B: one in training.
    for (int i = 0; i < 3; ++i) {
      in_training_a_.push_back(Approved("inst_a", "reviewer_a", inst_a_, 10, 11, 10 + i));
    }
    later_a_ = Approved("inst_a", "reviewer_a", inst_a_, 11, 8, 20);
    declared_a_ = Class("inst_a", inst_a_, "甲校待审", 10, 11, 21);
    Declare("inst_a", declared_a_);
    in_training_b_ = Approved("inst_b", "reviewer_b", inst_b_, 10, 11, 30);
    Start("2021-10-12T09:00:00+08:00");  // in the training period
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
  HttpResult Upload(const std::string& who, int64_t visit, const std::string& name,
                    const std::string& data) {
    return server_->Request("POST", "/api/v1/spot-checks/" + std::to_string(visit) + "/photos",
                            Multipart(name, data), as_[who], kMultipartType);
  }
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  int64_t Class(const std::string& who, int64_t inst, const std::string& title, int month,
                int first_day, int person) {
    const int64_t trainee =
        Id(Post(who, "/trainees",
                R"({"name":"学员)" + std::to_string(person) + R"(","id_number":")" +
                    ValidId(person) + R"(","phone":"13800001234","group":"security_staff"})"));
    return Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":")" + title +
                 R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" +
                 Sessions(month, first_day) + R"(,"roster":[)" + std::to_string(trainee) + "]}"));
  }
  int64_t Declare(const std::string& who, int64_t cls) {
    auto r = Post(who, "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("version").as_int64();
  }
  // A class declared by `who` and approved by `reviewer` through POST /classes/{id}/review.
  int64_t Approved(const std::string& who, const std::string& reviewer, int64_t inst, int month,
                   int first_day, int person) {
    const int64_t cls = Class(who, inst, "班" + std::to_string(person), month, first_day, person);
    const int64_t version = Declare(who, cls);
    auto r =
        Post(reviewer, "/classes/" + std::to_string(cls) + "/review",
             R"({"decision":"approve","reason":"","version":)" + std::to_string(version) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(J(r).at("state")), "approved");
    return cls;
  }
  json::value Draw(const std::string& who, const std::string& body, int status = 201) {
    auto r = Post(who, "/spot-checks/draws", body);
    EXPECT_EQ(r.status, status) << body << " " << r.body;
    return J(r);
  }
  std::string VisitBody(int64_t draw, bool open_case, const std::string& findings) {
    return std::string(
               R"({"visited_at":"2021-10-12T08:50:00+08:00","inspectors":["王警官","李警官"],)") +
           R"("present":17,"expected":20,"findings":")" + findings + R"(","open_case":)" +
           (open_case ? "true" : "false") +
           (draw ? R"(,"draw_id":)" + std::to_string(draw) : std::string()) + "}";
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  std::string blob_dir_;
  int64_t inst_a_ = 0, inst_b_ = 0, later_a_ = 0, declared_a_ = 0, in_training_b_ = 0;
  std::vector<int64_t> in_training_a_;
};

TEST_P(SpotCheckApi, SameSeedSameDrawOverTheSameCandidates) {
  auto first =
      Draw("reviewer_a", R"({"count":2,"seed":"SSE-2021-10-11:3591.71","district_code":"350503"})");
  std::vector<int64_t> expected_candidates = in_training_a_;
  std::sort(expected_candidates.begin(), expected_candidates.end());
  // Only approved classes in training today, of the district: not November's, not the undecided.
  EXPECT_EQ(Ids(first.at("candidates")), expected_candidates);
  EXPECT_EQ(Str(first.at("seed")), "SSE-2021-10-11:3591.71");
  EXPECT_EQ(Str(first.at("seed_source")), "given");
  const auto drawn = Ids(first.at("class_ids"));
  ASSERT_EQ(drawn.size(), 2u);
  // Anyone recomputes it from the record: SHA-256(seed ":" id), ascending.
  EXPECT_EQ(drawn,
            domain::DrawClasses(expected_candidates, 2, "SSE-2021-10-11:3591.71", Sha256Hex));
  auto again = Draw("reviewer_a", R"({"count":2,"seed":"SSE-2021-10-11:3591.71"})");
  EXPECT_EQ(Ids(again.at("class_ids")), drawn);
  EXPECT_NE(again.at("id").as_int64(), first.at("id").as_int64());  // both recorded
  EXPECT_EQ(Str(again.at("district_code")), "350503");              // the reviewer's by default
  // Every candidate when the count exceeds them; the classes are named for the page.
  auto all = Draw("reviewer_a", R"({"count":10,"seed":"x"})");
  auto all_ids = Ids(all.at("class_ids"));
  std::sort(all_ids.begin(), all_ids.end());
  EXPECT_EQ(all_ids, expected_candidates);
  EXPECT_EQ(all.at("classes").as_array().size(), 3u);
  EXPECT_EQ(Str(all.at("classes").at(0).at("institution_name")), "甲校");
  // No seed: the server draws one (256 bits) and records it before drawing.
  auto server_seed = Draw("reviewer_a", R"({"count":1})");
  EXPECT_EQ(Str(server_seed.at("seed_source")), "server");
  EXPECT_GE(Str(server_seed.at("seed")).size(), 40u);
  EXPECT_EQ(Ids(server_seed.at("class_ids")),
            domain::DrawClasses(expected_candidates, 1, Str(server_seed.at("seed")), Sha256Hex));
  // Every draw is on the list, newest first, and can be fetched again as recorded.
  auto list = J(Req("reviewer_a", "GET", "/spot-checks/draws"));
  EXPECT_EQ(list.at("total").as_int64(), 4);
  EXPECT_EQ(list.at("items").at(0).at("id"), server_seed.at("id"));
  auto got = J(
      Req("reviewer_a", "GET", "/spot-checks/draws/" + std::to_string(first.at("id").as_int64())));
  EXPECT_EQ(Ids(got.at("class_ids")), drawn);
  EXPECT_EQ(Ids(got.at("candidates")), expected_candidates);
  // Bad input names its field and records nothing.
  EXPECT_EQ(Str(Draw("reviewer_a", R"({"count":0})", 400).at("error").at("field")), "count");
  EXPECT_EQ(Str(Draw("reviewer_a", R"({"count":2,"seed":"带中文"})", 400).at("error").at("field")),
            "seed");
  EXPECT_EQ(J(Req("reviewer_a", "GET", "/spot-checks/draws")).at("total").as_int64(), 4);
}

TEST_P(SpotCheckApi, DrawsStayInTheActorsScope) {
  // A reviewer draws in its own district only; another district answers like a missing one.
  auto other = Draw("reviewer_a", R"({"count":1,"district_code":"350582"})", 404);
  EXPECT_EQ(Str(other.at("error").at("field")), "district_code");
  auto b = Draw("reviewer_b", R"({"count":5,"seed":"b"})");
  EXPECT_EQ(Ids(b.at("candidates")), (std::vector<int64_t>{in_training_b_}));
  auto a = Draw("reviewer_a", R"({"count":1,"seed":"a"})");
  const std::string a_path = "/spot-checks/draws/" + std::to_string(a.at("id").as_int64());
  EXPECT_EQ(Req("reviewer_b", "GET", a_path).status, 404);
  EXPECT_EQ(J(Req("reviewer_b", "GET", "/spot-checks/draws")).at("total").as_int64(), 1);
  // Institution A's id as a filter is out of reviewer B's scope.
  EXPECT_EQ(Post("reviewer_b", "/spot-checks/draws",
                 R"({"count":1,"institution_id":)" + std::to_string(inst_a_) + "}")
                .status,
            404);
  // The city bureau draws city-wide and sees every draw.
  auto city = Draw("admin", R"({"count":10,"seed":"city"})");
  std::vector<int64_t> everyone = in_training_a_;
  everyone.push_back(in_training_b_);
  std::sort(everyone.begin(), everyone.end());
  EXPECT_EQ(Ids(city.at("candidates")), everyone);
  EXPECT_TRUE(city.at("district_code").is_null());
  EXPECT_EQ(J(Req("admin", "GET", "/spot-checks/draws")).at("total").as_int64(), 3);
  EXPECT_EQ(Req("admin", "GET", a_path).status, 200);
  // Not the institutions' nor 人社's; not without signing in.
  EXPECT_EQ(Post("inst_a", "/spot-checks/draws", R"({"count":1})").status, 403);
  EXPECT_EQ(Req("hrss", "GET", "/spot-checks/draws").status, 403);
  EXPECT_EQ(Req("inst_a", "GET", a_path).status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1/spot-checks/draws").status, 401);
}

TEST_P(SpotCheckApi, VisitWithPhotosRoundTrip) {
  auto draw = Draw("reviewer_a", R"({"count":1,"seed":"visit"})");
  const int64_t draw_id = draw.at("id").as_int64();
  const int64_t cls = Ids(draw.at("class_ids")).at(0);
  const std::string visits = "/classes/" + std::to_string(cls) + "/spot-checks";
  auto visit = Post("reviewer_a", visits, VisitBody(draw_id, false, "学员到课率偏低"));
  ASSERT_EQ(visit.status, 201) << visit.body;
  const int64_t visit_id = J(visit).at("id").as_int64();
  EXPECT_EQ(J(visit).at("present").as_int64(), 17);
  EXPECT_EQ(J(visit).at("draw_id").as_int64(), draw_id);
  EXPECT_TRUE(J(visit).at("case_id").is_null());

  auto png = Upload("reviewer_a", visit_id, "现场.png", kPng);
  ASSERT_EQ(png.status, 201) << png.body;
  EXPECT_EQ(J(png).at("n").as_int64(), 1);
  EXPECT_EQ(Str(J(png).at("mime")), "image/png");
  EXPECT_EQ(Str(J(png).at("sha256")), Sha256Hex(kPng));  // content-addressed
  auto jpeg = Upload("reviewer_a", visit_id, "scan.jpg", kJpeg + std::string(1000, 'x'));
  ASSERT_EQ(jpeg.status, 201) << jpeg.body;
  EXPECT_EQ(Str(J(jpeg).at("mime")), "image/jpeg");

  const std::string photo1 = "/spot-checks/" + std::to_string(visit_id) + "/photos/1";
  auto back = Req("reviewer_a", "GET", photo1);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, kPng);
  EXPECT_EQ(back.headers["content-type"], "image/png");
  auto listed = J(Req("reviewer_a", "GET", visits));
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  EXPECT_EQ(listed.at("items").at(0).at("photo_count").as_int64(), 2);
  EXPECT_EQ(J(Req("admin", "GET", "/spot-checks/" + std::to_string(visit_id) + "/photos"))
                .at("items")
                .as_array()
                .size(),
            2u);

  // A .jpg that is not an image, an empty file and an oversize photo are refused; nothing added.
  auto text = Upload("reviewer_a", visit_id, "photo.jpg", "not an image at all\n");
  EXPECT_EQ(text.status, 400) << text.body;
  EXPECT_EQ(Str(J(text).at("error").at("field")), "file");
  std::string big = kJpeg;
  big.append(5 * 1024 * 1024 + 1, 'x');
  auto oversize = Upload("reviewer_a", visit_id, "big.jpg", big);
  EXPECT_EQ(oversize.status, 413) << oversize.body.substr(0, 200);
  EXPECT_EQ(J(Req("reviewer_a", "GET", visits)).at("items").at(0).at("photo_count").as_int64(), 2);

  // The class's institution reads the visit and its findings, not the draw nor the photos.
  auto own = J(Req("inst_a", "GET", visits));
  ASSERT_EQ(own.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(own.at("items").at(0).at("findings")), "学员到课率偏低");
  EXPECT_TRUE(own.at("items").at(0).at("draw_id").is_null());
  EXPECT_EQ(Req("inst_a", "GET", photo1).status, 403);
  EXPECT_EQ(Upload("inst_a", visit_id, "x.png", kPng).status, 403);
  // Outside the scope: like a missing one.
  EXPECT_EQ(Req("inst_b", "GET", visits).status, 404);
  EXPECT_EQ(Req("reviewer_b", "GET", visits).status, 404);
  EXPECT_EQ(Req("reviewer_b", "GET", photo1).status, 404);
  EXPECT_EQ(Upload("reviewer_b", visit_id, "x.png", kPng).status, 404);
  EXPECT_EQ(Post("reviewer_b", visits, VisitBody(0, false, "")).status, 404);
  // 人社 and the auditors read every visit (domain.md §1: they see everything), not the photos,
  // and record none; 财政 reads none.
  for (const char* who : {"hrss", "auditor"}) {
    auto seen = Req(who, "GET", visits);
    ASSERT_EQ(seen.status, 200) << who << seen.body;
    EXPECT_EQ(J(seen).at("items").as_array().size(), 1u) << who;
    EXPECT_EQ(Req(who, "GET", photo1).status, 403) << who;
    EXPECT_EQ(Post(who, visits, VisitBody(0, false, "")).status, 403) << who;
  }
  EXPECT_EQ(Req("finance", "GET", visits).status, 403);
}

TEST_P(SpotCheckApi, VisitsAreCheckedAndAFindingOpensACase) {
  const std::string visits_a = "/classes/" + std::to_string(in_training_a_[0]) + "/spot-checks";
  // Not before approval.
  auto declared = Post("reviewer_a", "/classes/" + std::to_string(declared_a_) + "/spot-checks",
                       VisitBody(0, false, ""));
  EXPECT_EQ(declared.status, 409);
  EXPECT_EQ(Str(J(declared).at("error").at("field")), "state");
  // A draw that did not pick the class; bad fields named.
  auto draw = Draw("reviewer_a", R"({"count":1,"seed":"pick"})");
  const int64_t picked = Ids(draw.at("class_ids")).at(0);
  int64_t not_picked = 0;
  for (int64_t c : in_training_a_) {
    if (c != picked) not_picked = c;
  }
  auto wrong = Post("reviewer_a", "/classes/" + std::to_string(not_picked) + "/spot-checks",
                    VisitBody(draw.at("id").as_int64(), false, ""));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Str(J(wrong).at("error").at("field")), "draw_id");
  auto no_inspectors = Post("reviewer_a", visits_a,
                            R"({"visited_at":"2021-10-12T08:50:00+08:00","inspectors":[],)"
                            R"("present":1,"expected":2})");
  EXPECT_EQ(Str(J(no_inspectors).at("error").at("field")), "inspectors");
  auto future = Post("reviewer_a", visits_a,
                     R"({"visited_at":"2021-10-13T09:30:00+08:00","inspectors":["王警官"],)"
                     R"("present":1,"expected":2})");
  EXPECT_EQ(Str(J(future).at("error").at("field")), "visited_at");
  auto empty_case = Post("reviewer_a", visits_a, VisitBody(0, true, ""));
  EXPECT_EQ(Str(J(empty_case).at("error").at("field")), "findings");
  EXPECT_EQ(J(Req("reviewer_a", "GET", visits_a)).at("items").as_array().size(), 0u);

  // A finding opens a case for the fraud process.
  auto visit = Post("reviewer_a", visits_a, VisitBody(0, true, "花名册20人，实到3人，疑似代签"));
  ASSERT_EQ(visit.status, 201) << visit.body;
  const int64_t case_id = J(visit).at("case_id").as_int64();
  auto cases = J(Req("reviewer_a", "GET", "/cases"));
  ASSERT_EQ(cases.at("total").as_int64(), 1);
  const auto& c = cases.at("items").at(0);
  EXPECT_EQ(c.at("id").as_int64(), case_id);
  EXPECT_EQ(c.at("class_id").as_int64(), in_training_a_[0]);
  EXPECT_EQ(Str(c.at("source")), "spot_check");
  EXPECT_EQ(c.at("source_id"), J(visit).at("id"));
  EXPECT_EQ(Str(c.at("state")), "open");
  EXPECT_EQ(Str(c.at("summary")), "花名册20人，实到3人，疑似代签");
  EXPECT_EQ(Str(c.at("opened_by")), "reviewer_a");
  EXPECT_EQ(J(Req("admin", "GET", "/cases")).at("total").as_int64(), 1);
  EXPECT_EQ(J(Req("reviewer_b", "GET", "/cases")).at("total").as_int64(), 0);
  // The institution learns of the case only when it is investigated (tests/api/fraud_test.cc);
  // 人社 reads every case, 财政 none.
  EXPECT_EQ(J(Req("inst_a", "GET", "/cases")).at("total").as_int64(), 0);
  EXPECT_EQ(J(Req("hrss", "GET", "/cases")).at("total").as_int64(), 1);
  // The institution sees the visit, not the case.
  EXPECT_TRUE(J(Req("inst_a", "GET", visits_a)).at("items").at(0).at("case_id").is_null());

  // Every change is in the audit trail, by its Chinese name.
  auto audit = J(Req("admin", "GET", "/audit-events?page_size=100"));
  std::set<std::string> actions;
  for (const auto& e : audit.at("items").as_array()) {
    actions.insert(Str(e.at("action")));
    if (Str(e.at("action")) == "case.open") {
      EXPECT_EQ(Str(e.at("action_name")), "立案（案件线索）");
    }
  }
  for (const char* a : {"spot_check.draw", "spot_check.visit", "case.open"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SpotCheckApi, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
