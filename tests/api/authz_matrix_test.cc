// The authorisation matrix: every route of the server (taken from the route table itself, so a
// new endpoint cannot skip this test) called as every kind of user — including an institution
// that does not own the target and a reviewer of another district — on SQLite and PostgreSQL.
// Each cell says what must happen: A allowed (anything but 401/403/404), 1 = 401, 3 = 403,
// 4 = 404 (out of scope answers exactly like a missing target, so existence does not leak).
#include <boost/json.hpp>
#include <functional>
#include <set>

#include "adapters/sql/migrations.h"
#include "domain/identity.h"
#include "http/api.h"
#include "support/accounts.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::kTestPassword;
using testing::ServerProcess;
using testing::TestDatabase;

// Personas, in the order of the expectation strings.
const std::vector<std::string> kPersonas = {"anonymous",  "inst_a",  "inst_b",  "reviewer_a",
                                            "reviewer_b", "admin",   "hrss",    "finance",
                                            "auditor",    "trainee", "platform"};

// Route name -> expected outcome per persona. Targets belong to institution A (district 350503);
// inst_b and reviewer_b are the "other institution" and the "other district".
const std::map<std::string, std::string> kMatrix = {
    //                        anon instA instB revA revB admin hrss fin aud trainee platform
    {"health", "AAAAAAAAAAA"},
    {"checkPlan", "AAAAAAAAAAA"},
    {"listPolicies", "AAAAAAAAAAA"},
    {"openapi", "AAAAAAAAAAA"},
    {"listDistricts", "1AAAAAAAA33"},
    {"createDistrict", "13333A33333"},
    {"listInstitutions", "1AAAAAAAA33"},
    {"createInstitution", "13333A33333"},
    {"getInstitution", "1A4A4AAAA33"},
    {"updateInstitution", "13333A33333"},
    {"listTeachers", "1AAAAAAAA33"},
    {"createTeacher", "1A333A33333"},
    {"getTeacher", "1A4A4AA3A33"},
    {"updateTeacher", "1A433A33333"},
    {"listTrainees", "1AAAAAAAA33"},
    {"createTrainee", "1AA33A33333"},
    {"getTrainee", "1A4A4AA3A33"},
    {"updateTrainee", "1A433A33333"},
    {"listClasses", "1AAAAAAAA33"},
    {"createClass", "1A333333333"},
    {"getClass", "1A4A4AAAA33"},
    {"updateClass", "1A434333344"},
    {"checkClassPlan", "1A4A4AAAA33"},
    {"declareClass", "1A434333344"},
    {"listPlanVersions", "1A4A4AAAA33"},
    {"importRoster", "1A434333344"},
    {"removeFromRoster", "1A434333344"},  // a stale ?version answers 409: allowed, not hidden
    {"classStats", "1AAAAAAAA33"},
    {"listHeldEnrolments", "133AAA33333"},  // the reviewers' only: no institution sees held state
    {"listNotices", "1AAAAA33333"},         // an institution its own
    {"getHeldEnrolment", "133A4A33333"},
    {"decideHeldEnrolment", "133A4A33333"},  // decided once, then 409: allowed, not hidden
    {"listCalendarYears", "13333A33333"},
    {"getCalendarYear", "13333A33333"},
    {"importCalendarYear", "13333A33333"},
    {"decideInstitutionUscc", "13333A33333"},  // institution A's code is valid: 409 for admin
    {"getWorkQueue", "1AAAAAAAAAA"},           // each its own to-dos (none for some roles)
    // Review (issue 12): a stale version answers 409: allowed, not hidden. Only the district's
    // reviewer and the city bureau decide; only the class's institution withdraws or deletes.
    {"reviewClass", "134A4A33344"},
    {"withdrawClass", "1A434333344"},
    {"deleteClass", "1A434333344"},
    {"listClassDecisions", "1A4A4AAAA33"},
    {"printApprovalForm", "1A4A4AAAA33"},  // of a class the city bureau returned
    // Certificates (issue 15): issued and revoked by the district's reviewer or the city bureau
    // (class A is a draft: 409 for them, allowed); read by the class's readers but 财政; the
    // trainee routes need a trainee session; the public ones need nothing.
    {"issueCertificates", "134A4A33344"},
    {"listClassCertificates", "1A4A4AA3A44"},
    {"printCertificate", "1A4A4AA3A44"},
    {"revokeCertificate", "134A4A33344"},  // revoked once, then 409: allowed, not hidden
    {"listMyCertificates", "11111111111"},
    {"printMyCertificate", "11111111111"},
    {"verifyCertificate", "AAAAAAAAAAA"},
    {"listCertificateKeys", "AAAAAAAAAAA"},
    {"getCertificateStatusList", "AAAAAAAAAAA"},
    // Publicity (issue 15, Deliver 3): the district's reviewer and the city bureau run batches
    // and objections (the certified class is published already: opening it again is 409, the
    // period is running: closing is 409, a stale version: 409 — allowed, not hidden); police,
    // 人社, 财政 and auditors read; the public routes need nothing (a filing without a contact is
    // 400, and past ten an hour 429: allowed).
    {"listPublicityBatches", "133AAAAAA33"},
    {"openPublicityBatch", "133A4A33333"},
    {"getPublicityBatch", "133A4AAAA33"},
    {"exportPublicityBatch", "133A4AAAA33"},
    {"closePublicityBatch", "133A4A33333"},
    {"listObjections", "133AAAAAA33"},
    {"getObjection", "133A4AAAA33"},
    {"revealObjectionContact", "133A4A33333"},  // the police who settle it; audited
    {"resolveObjection", "133A4A33333"},
    {"openCaseFromObjection", "133A4A33333"},  // opened once, then 409: allowed, not hidden
    {"listPublicPublicity", "AAAAAAAAAAA"},
    {"fileObjection", "AAAAAAAAAAA"},
    {"getPublicObjection", "AAAAAAAAAAA"},
    {"signIn", "11111111111"},      // with a wrong password, whoever asks
    {"getSession", "1AAAAAAAAA1"},  // the platform has a token, not a session
    {"listUsers", "13333A33333"},
    {"createUser", "13333A33333"},
    {"disableUser", "13333A33333"},
    {"resetPassword", "13333A33333"},
    {"enableUser", "13333A33333"},
    {"changeUserRole", "13333A33333"},  // a stale version answers 409: allowed, not hidden
    {"unlockUser", "13333A33333"},
    {"listSignInThrottles", "13333A33333"},
    // A wrong current password (400): allowed, so nobody's password changes here.
    {"changeOwnPassword", "1AAAAAAAAA1"},  // a session's, not a token's
    {"listApiTokens", "1AAAAAAAAAA"},      // one's own
    {"revokeApiToken", "14444A4444A"},     // the platform's spare token: owner or admin
    {"listAuditEvents", "13333A33A33"},
    {"exportAuditEvents", "13333A33A33"},
    {"exportAuditEventsXlsx", "13333A33A33"},
    {"listAuditActions", "13333A33A33"},
    // Exports: the list's roles and scope (an institution exports its own rows only).
    {"exportClasses", "1AAAAAAAA33"},
    {"exportInstitutions", "1AAAAAAAA33"},
    {"exportTeachers", "1AAAAAAAA33"},
    {"exportTrainees", "1AAAAAAAA33"},
    {"exportHeldEnrolments", "133AAA33333"},  // as listHeldEnrolments
    {"exportUsers", "13333A33333"},
    {"exportCalendarYears", "13333A33333"},
    {"exportRoster", "1A4A4AAAA33"},
    {"printDeclarationForm", "1A4A4AAAA33"},  // a draft answers 409: allowed, not hidden
    // Change requests (issue 12): filed by the class's institution on its approved class C (each
    // call files one), decided by the district's reviewer or the city bureau (refused once, then
    // 409: allowed, not hidden).
    {"fileChangeRequest", "1A434333344"},
    {"listClassChangeRequests", "1A4A4AAAA33"},
    {"listChangeRequests", "1AAAAAAAA33"},
    {"getChangeRequest", "1A4A4AAAA33"},
    {"decideChangeRequest", "133A4A33333"},
    {"diffPlanVersions", "1A4A4AAAA33"},
    // Spot checks: police only (a reviewer in its district); the class's institution reads its
    // visits. Class A is a draft for recordSpotCheck (409 for the police: allowed, not hidden).
    {"createSpotCheckDraw", "133AAA33333"},
    {"listSpotCheckDraws", "133AAA33333"},
    {"getSpotCheckDraw", "133A4A33333"},
    {"recordSpotCheck", "133A4A33333"},
    {"listClassSpotChecks", "1A4A4AA3A33"},
    {"uploadSpotCheckPhoto", "133A4A33333"},
    {"listSpotCheckPhotos", "133A4A33333"},
    {"getSpotCheckPhoto", "133A4A33333"},
    // Fraud cases and the blacklist (issue 15, 四（三）): police open and investigate in their
    // district, the city bureau decides, the institution reads and answers its investigated
    // cases; 人社 keeps the blacklist, which police, 财政, auditors and the institution read.
    {"listCases", "1AAAAAA3A33"},
    {"openCase", "133A4A33333"},
    {"getCase", "1A4A4AA3A33"},
    {"investigateCase", "133A4A33333"},
    {"respondToCase", "1A433333333"},
    {"decideCase", "13333A33333"},
    {"listBlacklist", "1AAAAAAAA33"},
    {"getBlacklistEntry", "1A4A4AAAA33"},
    {"acknowledgeBlacklistEntry", "133333A3333"},
    {"liftBlacklistEntry", "133333A3333"},
    // Reports (issue 15 Deliver 6): every reader of classes, scoped in the query (no target id).
    {"getReport", "1AAAAAAAA33"},
    {"exportReport", "1AAAAAAAA33"},
    // Funds and clawbacks (issue 15, 三（一）4, 四（二）, 四（三）): police request (a reviewer
    // within
    // the district), 人社 approves, 财政 confirms, exports and registers results; the requesters
    // and
    // 人社 give payee accounts; police, 人社, 财政 and auditors read fund requests; 人社 and 财政
    // register recoveries, which the institution reads as its own clawbacks.
    {"listFundRequests", "133AAAAAA33"},
    {"createFundRequest", "133A4A33333"},
    {"getFundRequest", "133A4AAAA33"},
    {"approveFundRequest", "133333A3333"},
    {"confirmFundRequest", "1333333A333"},
    {"exportPaymentList", "1333333A333"},
    {"importPaymentResults", "1333333A333"},
    {"setFundLinePayee", "133A4AA3333"},
    {"reissueFundLine", "1333333A333"},
    {"listClawbacks", "1AAAAAAAA33"},
    {"getClawback", "1A4A4AAAA33"},
    {"recordClawbackRecovery", "133333AA333"},
    // Attendance (issue 13): the QR code of an approved class's session (its institution; the
    // police of the district may view); a trainee identifying on a phone needs no sign-in (a
    // bad token: 400 for everyone); the trainee routes need a trainee session (a staff user with
    // the trainee role has none); hours for the class's readers.
    {"getQrToken", "1A4A4A33333"},
    {"identifyTrainee", "AAAAAAAAAAA"},
    {"signOutTrainee", "11111111111"},
    {"getMe", "11111111111"},
    {"checkIn", "13333333333"},
    {"getClassHours", "1A4A4AA3A33"},
    {"streamAttendance", "1A4A4AA3A33"},     // ?max_s=0: the current counts, then the end
    {"unbindTraineeDevice", "1A433333333"},  // no phone bound: 409 for the institution
    // Roll calls and flags (issue 13, Deliver 4): the class's institution draws (no one is
    // present: 409); readers of the class list them and read the flags; only a trainee session
    // answers (a staff user with the trainee role has none).
    {"drawRollCall", "1A433333333"},
    {"listRollCalls", "1A4A4AA3A33"},
    {"myRollCalls", "13333333333"},
    {"answerRollCall", "13333333333"},
    {"getAttendanceFlags", "1A4A4AA3A33"},
    // Selfies: only a trainee's phone session uploads (the trainee persona is a staff user with
    // the role and no person: 403); a selfie no record used is its trainee's alone, so every
    // staff viewer gets the 404 of a missing one; the sample is the police's.
    {"uploadSelfie", "13333333333"},
    {"getSelfie", "14444433443"},
    {"sampleSelfies", "133A4A33333"},
    // Paper sign-in exceptions: filed by the class's institution on its approved class C (each
    // call files one), decided by the district's reviewer or the city bureau (approved already:
    // 409, allowed, not hidden); the sheets are personal data (not 财政's).
    {"fileAttendanceException", "1A434333344"},
    {"listClassAttendanceExceptions", "1A4A4AAAA33"},
    {"listAttendanceExceptions", "1AAAAAAAA33"},
    {"getAttendanceException", "1A4A4AAAA33"},
    {"decideAttendanceException", "133A4A33333"},
    {"uploadAttendanceExceptionFile", "1A434333344"},
    {"listAttendanceExceptionFiles", "1A4A4AA3A33"},
    {"getAttendanceExceptionFile", "1A4A4AA3A33"},
    {"backfillAttendance", "1A434333344"},  // times still to come (400): allowed, not hidden
    // Online learning: 人社 keeps the platform registry and its tokens; the console's roles read
    // it; the class's institution chooses its platform (class C has no online session: 409,
    // allowed, not hidden); only an online platform's own token pushes (the platform persona's
    // account token is not one: 403).
    {"listOnlinePlatforms", "1AAAAAAAA33"},
    {"createOnlinePlatform", "133333A3333"},
    {"updateOnlinePlatform", "133333A3333"},
    {"createPlatformToken", "133333A3333"},
    {"listPlatformTokens", "133333A3333"},
    {"revokePlatformToken", "133333A3333"},
    {"getClassOnlinePlatform", "1A4A4AA3A33"},
    {"setClassOnlinePlatform", "1A433333333"},
    {"getClassOnlineRecords", "1A4A4AA3A33"},
    {"pushLearningRecords", "13333333333"},
    // Evidence (issue 14): tus uploads by the class's institution (an upload is its creator's
    // alone: another institution 404, other roles 403); the list and the bytes for the class's
    // readers (not 财政); deletion (retained: 409, allowed) by the institution and the city
    // bureau; the legal hold by the city bureau, 人社 and auditors.
    {"evidenceUploadOptions", "AAAAAAAAAAA"},
    {"createEvidenceUpload", "1A433333333"},
    {"evidenceUploadOffset", "1A433333333"},
    {"appendEvidenceUpload", "1A433333333"},
    {"terminateEvidenceUpload", "1A433333333"},
    {"listEvidence", "1A4A4AA3A33"},
    {"getEvidenceContent", "1A4A4AA3A33"},
    // The checklist (JSON and XLSX) for the same readers as the list.
    {"getEvidenceChecklist", "1A4A4AA3A33"},
    {"exportEvidenceChecklist", "1A4A4AA3A33"},
    {"deleteEvidence", "1A433A33333"},
    {"setEvidenceLegalHold", "13333AA3A33"},
    // Completion (issue 15, Deliver 1) on the approved class C: scores and the submission by its
    // institution (a stale version: 409), the verdicts for the readers of the class, a re-run by
    // the institution or the district's police, the decision by the district's reviewer or the
    // city bureau (not submitted: 409); exclusion lists for 人社 and the city bureau (reviewers
    // and auditors read them).
    {"putAssessmentScores", "1A433333333"},
    {"importAssessmentScores", "1A433333333"},  // a PNG, not a sheet: 400 for the institution
    {"submitCompletion", "1A433333333"},
    {"getCompletion", "1A4A4AA3A33"},
    {"exportCompletion", "1A4A4AA3A33"},
    {"verifyCompletion", "1A4A4A33333"},
    {"decideCompletion", "133A4A33333"},
    {"listExclusionKinds", "133AAAA3A33"},
    {"createExclusionKind", "13333AA3333"},
    {"listExclusionLists", "133AAAA3A33"},
    {"importExclusionList", "13333AA3333"},
    // Imports of another platform's tables: by the class's institution (class C has no online
    // session: 409, allowed, not hidden); the reports of a missing import (an import needs a
    // class with online sessions; scope is tested in tests/api/online_import_test.cc): 404 for
    // every reader, 403 for the others.
    {"importOnlineTables", "1A433333333"},
    {"listOnlineImports", "1A4A4AA3A33"},
    {"getOnlineImport", "14444443433"},
    {"getOnlineImportReportCsv", "14444443433"},
    {"getOnlineImportReportXlsx", "14444443433"},
    {"signOut", "1AAAAAAAAAA"},  // run last: it ends the persona's session
    {"signOutEverywhere", "1AAAAAAAAAA"},
};

std::string Uscc(int n) {
  const std::string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  char org[16];
  std::snprintf(org, sizeof org, "%08u",
                (20000000u + static_cast<unsigned>(n) * 7919u) % 100000000u);
  for (char org_check : std::string("0123456789X")) {
    for (char last : chars) {
      std::string code = std::string("91350503") + org + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

std::string PersonId(int n) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "3505031985%02u%02u%03u",
                1 + static_cast<unsigned>(n) / 28 % 12, 1 + static_cast<unsigned>(n) % 28,
                static_cast<unsigned>(n) % 1000);
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

std::vector<http::Route> AllRoutes() {
  http::Router router;
  http::RegisterApi(router, std::make_shared<http::ApiContext>());
  http::RegisterResourceApi(router, std::make_shared<app::AppContext>());
  http::RegisterAccountApi(router, std::make_shared<app::AppContext>());
  std::vector<http::Route> routes = router.routes();
  // Sign-out last: it ends the session the other rows use.
  std::stable_partition(routes.begin(), routes.end(), [](const http::Route& r) {
    return r.name != "signOut" && r.name != "signOutEverywhere";
  });
  return routes;
}

class Matrix : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 "2021-09-28T10:00:00+08:00"});
    ASSERT_TRUE(server_->started());
    headers_["admin"] = server_->SignIn("admin", kTestPassword);
    auto& admin = headers_["admin"];
    auto post = [&](const std::string& path, const std::string& body) {
      auto r = server_->Request("POST", "/api/v1" + path, body, admin);
      EXPECT_TRUE(r.status == 200 || r.status == 201) << path << " " << r.body;
      boost::system::error_code ec;
      json::value v = json::parse(r.body, ec);
      return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : int64_t{0};
    };
    post("/districts", R"({"code":"350503","name":"丰泽区"})");
    post("/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = post("/institutions",
                   R"({"name":"甲培训学校","uscc":")" + Uscc(1) + R"(","district_code":"350503"})");
    inst_b_ = post("/institutions",
                   R"({"name":"乙培训学校","uscc":")" + Uscc(2) + R"(","district_code":"350582"})");
    teacher_a_ = post("/teachers", R"({"institution_id":)" + std::to_string(inst_a_) +
                                       R"(,"name":"陈老师","id_number":")" + PersonId(900) + "\"}");
    struct U {
      std::string name, role, extra_key, extra_value;
    };
    const std::vector<U> users = {
        {"inst_a", "institution", "institution_id", std::to_string(inst_a_)},
        {"inst_b", "institution", "institution_id", std::to_string(inst_b_)},
        {"reviewer_a", "police_reviewer", "district_code", "\"350503\""},
        {"reviewer_b", "police_reviewer", "district_code", "\"350582\""},
        {"hrss", "hrss", "", ""},
        {"finance", "finance", "", ""},
        {"auditor", "auditor", "", ""},
        {"trainee", "trainee", "", ""},
        {"platform", "platform", "", ""},
        {"spare", "hrss", "", ""},  // the target of disable / reset-password
    };
    for (const auto& u : users) {
      std::string body = R"({"username":")" + u.name + R"(","roles":[")" + u.role +
                         R"("],"password":")" + kTestPassword + "\"";
      if (!u.extra_key.empty()) body += ",\"" + u.extra_key + "\":" + u.extra_value;
      spare_ = post("/users", body + "}");
    }
    for (const auto& p : kPersonas) {
      if (p == "anonymous" || p == "admin" || p == "platform") continue;
      headers_[p] = server_->SignIn(p, kTestPassword);
      ASSERT_FALSE(headers_[p].empty()) << p;
    }
    auto token =
        testing::RunProcess(ANPEI_BINARY, {"user", "token", "platform", "--name", "平台", "--db",
                                           db_->url(), "--key-file", db_->key_file()});
    ASSERT_EQ(token.exit_code, 0) << token.err;
    std::string t = token.out;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    headers_["platform"] = {{"Authorization", "Bearer " + t}};
    // Institution A's trainee, registered by its own user; institution B's trainee, teacher and
    // class (the foreign ids of the body-id dimension); a held enrolment of A (a known ID number
    // under another name).
    auto as = [&](const std::string& who, const std::string& path, const std::string& body) {
      auto r = server_->Request("POST", "/api/v1" + path, body, headers_[who]);
      EXPECT_EQ(r.status, 201) << path << " " << r.body;
      boost::system::error_code ec;
      json::value v = json::parse(r.body, ec);
      return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : int64_t{0};
    };
    trainee_a_ = as("inst_a", "/trainees", TraineeBody("学员甲", PersonId(1)));
    trainee_b_ = as("inst_b", "/trainees", TraineeBody("乙校学员", PersonId(2)));
    teacher_b_ =
        post("/teachers", R"({"institution_id":)" + std::to_string(inst_b_) +
                              R"(,"name":"乙校教师","id_number":")" + PersonId(901) + "\"}");
    // (another person of B's: A now has its own record of them, as it typed them, so trainee B
    // stays foreign to A)
    as("inst_b", "/trainees", TraineeBody("乙校学员二", PersonId(3)));
    as("inst_a", "/trainees", TraineeBody("另一个名字", PersonId(3)));
    auto held =
        json::parse(server_->Request("GET", "/api/v1/held-enrolments", "", headers_["admin"]).body);
    ASSERT_EQ(held.at("total").as_int64(), 1);
    held_a_ = held.at("items").at(0).at("id").as_int64();
    // A second token of the platform's, the target of revokeApiToken.
    ASSERT_EQ(testing::RunProcess(ANPEI_BINARY, {"user", "token", "platform", "--name", "备用",
                                                 "--db", db_->url(), "--key-file", db_->key_file()})
                  .exit_code,
              0);
    auto tokens = json::parse(
        server_->Request("GET", "/api/v1/api-tokens?all=true", "", headers_["admin"]).body);
    for (const auto& tok : tokens.at("items").as_array()) {
      if (tok.at("name") == "备用") spare_token_ = std::string(tok.at("id").as_string());
    }
    ASSERT_FALSE(spare_token_.empty());
    // Institution A's class (with trainee A on its roster), made by its own user.
    auto cls = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(cls.status, 201) << cls.body;
    class_a_ = json::parse(cls.body).at("id").as_int64();
    // A second class of A's, declared and returned by the city bureau (it has an approval form).
    auto decided =
        server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(decided.status, 201) << decided.body;
    decided_a_ = json::parse(decided.body).at("id").as_int64();
    const std::string path = "/api/v1/classes/" + std::to_string(decided_a_);
    auto declared =
        server_->Request("POST", path + "/declare", R"({"version":1})", headers_["inst_a"]);
    ASSERT_EQ(declared.status, 200) << declared.body;
    auto returned = server_->Request("POST", path + "/review",
                                     R"({"decision":"return","reason":"补充材料","version":2})",
                                     headers_["admin"]);
    ASSERT_EQ(returned.status, 200) << returned.body;
    // Class C of institution A: declared and approved through the review, with one change request
    // filed (the targets of the change-request rows; its plan version 1 for the diff).
    auto c = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(c.status, 201) << c.body;
    class_c_ = json::parse(c.body).at("id").as_int64();
    const std::string cpath = "/api/v1/classes/" + std::to_string(class_c_);
    auto d = server_->Request("POST", cpath + "/declare", R"({"version":1})", headers_["inst_a"]);
    ASSERT_EQ(d.status, 200) << d.body;
    auto ok = server_->Request("POST", cpath + "/review",
                               R"({"decision":"approve","reason":"","version":2})",
                               headers_["reviewer_a"]);
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto cr = server_->Request("POST", cpath + "/change-requests", ChangeBody(trainee_a_),
                               headers_["inst_a"]);
    ASSERT_EQ(cr.status, 201) << cr.body;
    change_a_ = json::parse(cr.body).at("id").as_int64();
    // A paper exception of class C, approved, with one sheet.
    auto ex = server_->Request("POST", cpath + "/attendance-exceptions", ExceptionBody(),
                               headers_["inst_a"]);
    ASSERT_EQ(ex.status, 201) << ex.body;
    exception_a_ = json::parse(ex.body).at("id").as_int64();
    const std::string epath = "/api/v1/attendance-exceptions/" + std::to_string(exception_a_);
    auto ea = server_->Request("POST", epath + "/decision", R"({"decision":"approve"})",
                               headers_["reviewer_a"]);
    ASSERT_EQ(ea.status, 200) << ea.body;
    auto sheet =
        server_->Request("POST", epath + "/files", PhotoForm(), headers_["inst_a"], kPhotoFormType);
    ASSERT_EQ(sheet.status, 201) << sheet.body;
    SpotCheckFixtures();
    // A token of the seeded online platform (the target of revokePlatformToken).
    auto platform_token = server_->Request("POST", "/api/v1/online-platforms/1/tokens",
                                           R"({"name":"矩阵"})", headers_["hrss"]);
    ASSERT_EQ(platform_token.status, 201) << platform_token.body;
    platform_token_ = json::parse(platform_token.body).at("id").as_int64();
    EvidenceFixtures(cpath);
    CertificateFixtures();
    FundsFixtures();
    FraudFixtures(cpath);
    PublicityFixtures();
  }

  // The certified class of CertificateFixtures published (a batch of district A), with one
  // objection filed from the public page.
  void PublicityFixtures() {
    auto opened = server_->Request("POST", "/api/v1/publicity-batches",
                                   R"({"class_ids":[)" + std::to_string(certified_a_) + "]}",
                                   headers_["reviewer_a"]);
    ASSERT_EQ(opened.status, 201) << opened.body;
    batch_a_ = json::parse(opened.body).at("id").as_int64();
    auto filed = server_->Request(
        "POST", "/api/v1/public/publicity/" + std::to_string(batch_a_) + "/objections",
        R"({"class_id":)" + std::to_string(certified_a_) +
            R"(,"contact":"13800001234","text":"矩阵异议"})",
        std::map<std::string, std::string>{});
    ASSERT_EQ(filed.status, 201) << filed.body;
    receipt_ = std::string(json::parse(filed.body).at("receipt").as_string());
    auto listed = server_->Request("GET", "/api/v1/objections", "", headers_["reviewer_a"]);
    ASSERT_EQ(listed.status, 200) << listed.body;
    objection_a_ = json::parse(listed.body).at("items").at(0).at("id").as_int64();
  }

  // A case on class C under investigation, answered by institution A; and class D of institution
  // A found fraudulent — disqualified, institution A blacklisted (last: it cannot declare since).
  int64_t Case(const std::string& cpath) {
    auto opened = server_->Request("POST", cpath + "/cases",
                                   R"({"source":"report","summary":"矩阵","details":"矩阵核查"})",
                                   headers_["reviewer_a"]);
    EXPECT_EQ(opened.status, 201) << opened.body;
    const int64_t id = json::parse(opened.body).at("id").as_int64();
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    auto inv = server_->Request("POST", path + "/investigation",
                                R"({"findings":"调查","version":1})", headers_["reviewer_a"]);
    EXPECT_EQ(inv.status, 200) << inv.body;
    auto answer =
        server_->Request("POST", path + "/responses", R"({"text":"申辩"})", headers_["inst_a"]);
    EXPECT_EQ(answer.status, 201) << answer.body;
    return id;
  }
  void FraudFixtures(const std::string& cpath) {
    case_a_ = Case(cpath);
    auto d = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(d.status, 201) << d.body;
    const std::string dpath =
        "/api/v1/classes/" + std::to_string(json::parse(d.body).at("id").as_int64());
    ASSERT_EQ(
        server_->Request("POST", dpath + "/declare", R"({"version":1})", headers_["inst_a"]).status,
        200);
    ASSERT_EQ(
        server_
            ->Request("POST", dpath + "/review",
                      R"({"decision":"approve","reason":"","version":2})", headers_["reviewer_a"])
            .status,
        200);
    const int64_t fraud = Case(dpath);
    auto decided =
        server_->Request("POST", "/api/v1/cases/" + std::to_string(fraud) + "/decision",
                         R"({"decision":"fraud","reason":"认定","version":2})", headers_["admin"]);
    ASSERT_EQ(decided.status, 200) << decided.body;
    entry_a_ = json::parse(decided.body).at("blacklist").at("id").as_int64();
  }

  // A certificate of institution A: a class declared and approved, its completion approved (the
  // state written directly, as the completion use cases leave it), certificates issued.
  void CertificateFixtures() {
    auto cls = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(cls.status, 201) << cls.body;
    const std::string id = std::to_string(json::parse(cls.body).at("id").as_int64());
    auto declared = server_->Request("POST", "/api/v1/classes/" + id + "/declare",
                                     R"({"version":1})", headers_["inst_a"]);
    ASSERT_EQ(declared.status, 200) << declared.body;
    const auto version = json::parse(declared.body).at("version").as_int64();
    auto approved = server_->Request(
        "POST", "/api/v1/classes/" + id + "/review",
        R"({"decision":"approve","reason":"","version":)" + std::to_string(version) + "}",
        headers_["reviewer_a"]);
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto c = adapters::OpenDatabase(db_->url());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(
        (*c)->Execute("UPDATE classes SET state = 'completion_approved' WHERE id = ?", {id}).ok());
    ASSERT_TRUE(
        (*c)->Execute("INSERT INTO trainee_verdicts (class_id, person_id, eligible, rules_json, "
                      "inputs_hash, policy_id, policy_version, computed_at, subsidy_yuan, "
                      "occupation, level, review_decision) VALUES (?, ?, 1, '[]', 'fixture', "
                      "'quanzhou-2021-177', 1, '2021-09-28T10:00:00+08:00', 650, "
                      "'security_guard', '五级/初级工', 'approved')",
                      {id, std::to_string(trainee_a_)})
            .ok());
    auto issued = server_->Request("POST", "/api/v1/classes/" + id + "/certificates", "",
                                   headers_["reviewer_a"]);
    ASSERT_EQ(issued.status, 201) << issued.body;
    certified_a_ = std::stoll(id);
    const json::value first = json::parse(issued.body).at("items").at(0);
    cert_a_ = first.at("id").as_int64();
    cert_code_ = std::string(first.at("code").as_string());
  }

  // A fund request of district A (submitted) over class E of institution A — declared and
  // approved, then publicity_closed with trainee A approved (written directly, as the completion
  // and publicity use cases leave it) — and a clawback of its line (written directly, as a fraud
  // decision leaves it).
  void FundsFixtures() {
    auto cls = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(cls.status, 201) << cls.body;
    const std::string id = std::to_string(json::parse(cls.body).at("id").as_int64());
    auto declared = server_->Request("POST", "/api/v1/classes/" + id + "/declare",
                                     R"({"version":1})", headers_["inst_a"]);
    ASSERT_EQ(declared.status, 200) << declared.body;
    auto approved = server_->Request("POST", "/api/v1/classes/" + id + "/review",
                                     R"({"decision":"approve","reason":"","version":2})",
                                     headers_["reviewer_a"]);
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto c = adapters::OpenDatabase(db_->url());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(
        (*c)->Execute("UPDATE classes SET state = 'publicity_closed' WHERE id = ?", {id}).ok());
    ASSERT_TRUE(
        (*c)->Execute("INSERT INTO trainee_verdicts (class_id, person_id, eligible, rules_json, "
                      "inputs_hash, policy_id, policy_version, computed_at, subsidy_yuan, "
                      "occupation, level, review_decision) VALUES (?, ?, 1, '[]', 'fixture', "
                      "'quanzhou-2021-177', 1, '2021-09-28T10:00:00+08:00', 650, "
                      "'security_guard', '五级/初级工', 'approved')",
                      {id, std::to_string(trainee_a_)})
            .ok());
    auto request = server_->Request("POST", "/api/v1/fund-requests",
                                    R"({"class_ids":[)" + id + "]}", headers_["reviewer_a"]);
    ASSERT_EQ(request.status, 201) << request.body;
    const json::value r = json::parse(request.body);
    fund_a_ = r.at("id").as_int64();
    line_a_ = r.at("lines").at(0).at("id").as_int64();
    auto k = (*c)->Execute(
        "INSERT INTO clawbacks (line_id, class_id, person_id, due_yuan, state, created_at) "
        "VALUES (?, ?, ?, 650, 'outstanding', '2021-09-28T10:00:00+08:00') RETURNING id",
        {std::to_string(line_a_), id, std::to_string(trainee_a_)});
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    clawback_a_ = std::stoll(*k->rows.at(0)[0]);
  }

  // On class C: an upload under way (one byte of ten received) and a kept item (a sign-in sheet
  // scan, the 1x1 PNG), both institution A's.
  void EvidenceFixtures(const std::string& cpath) {
    const std::string png = PhotoForm().substr(PhotoForm().find("\x89PNG"), 69);
    auto open = [&](int64_t length) {
      auto r = server_->Request("POST", cpath + "/evidence/uploads", "",
                                Merge(headers_["inst_a"], TusCreate(length)));
      EXPECT_EQ(r.status, 201) << r.body;
      return r.headers["location"];
    };
    upload_ = open(10);
    auto done = server_->Request(
        "PATCH", open(static_cast<int64_t>(png.size())), png,
        Merge(headers_["inst_a"], {{"Tus-Resumable", "1.0.0"}, {"Upload-Offset", "0"}}),
        "application/offset+octet-stream");
    ASSERT_EQ(done.status, 204) << done.body;
    evidence_a_ = std::stoll(done.headers["evidence-id"]);
  }
  static std::map<std::string, std::string> Merge(std::map<std::string, std::string> a,
                                                  const std::map<std::string, std::string>& b) {
    for (const auto& [k, v] : b) a[k] = v;
    return a;
  }
  // "sign_in_sheet" and "a.png" in base64 (tus metadata).
  static std::map<std::string, std::string> TusCreate(int64_t length) {
    return {{"Tus-Resumable", "1.0.0"},
            {"Upload-Length", std::to_string(length)},
            {"Upload-Metadata", "kind c2lnbl9pbl9zaGVldA==,filename YS5wbmc="}};
  }

  // A second class of A, declared and approved through the review endpoint, with a visit on site
  // and its photo; a draw of A's district.
  void SpotCheckFixtures() {
    auto cls = server_->Request("POST", "/api/v1/classes", ClassBody() + "}", headers_["inst_a"]);
    ASSERT_EQ(cls.status, 201) << cls.body;
    const std::string id = std::to_string(json::parse(cls.body).at("id").as_int64());
    auto declared = server_->Request("POST", "/api/v1/classes/" + id + "/declare",
                                     R"({"version":1})", headers_["inst_a"]);
    ASSERT_EQ(declared.status, 200) << declared.body;
    const auto version = json::parse(declared.body).at("version").as_int64();
    auto approved = server_->Request(
        "POST", "/api/v1/classes/" + id + "/review",
        R"({"decision":"approve","reason":"","version":)" + std::to_string(version) + "}",
        headers_["reviewer_a"]);
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto visit = server_->Request("POST", "/api/v1/classes/" + id + "/spot-checks",
                                  R"({"visited_at":"2021-09-28T09:00:00+08:00",)"
                                  R"("inspectors":["王警官"],"present":1,"expected":1})",
                                  headers_["reviewer_a"]);
    ASSERT_EQ(visit.status, 201) << visit.body;
    visit_a_ = json::parse(visit.body).at("id").as_int64();
    auto photo =
        server_->Request("POST", "/api/v1/spot-checks/" + std::to_string(visit_a_) + "/photos",
                         PhotoForm(), headers_["reviewer_a"], kPhotoFormType);
    ASSERT_EQ(photo.status, 201) << photo.body;
    auto draw = server_->Request("POST", "/api/v1/spot-checks/draws", R"({"count":1})",
                                 headers_["reviewer_a"]);
    ASSERT_EQ(draw.status, 201) << draw.body;
    draw_a_ = json::parse(draw.body).at("id").as_int64();
  }

  // A 1x1 PNG as multipart/form-data.
  static constexpr const char* kPhotoFormType = "multipart/form-data; boundary=MATRIXB";
  static std::string PhotoForm() {
    const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
        0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92,
        0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    return "--MATRIXB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
           "Content-Type: image/png\r\n\r\n" +
           std::string(reinterpret_cast<const char*>(png), sizeof png) + "\r\n--MATRIXB--\r\n";
  }

  static std::string BackfillBody(const std::string& person) {
    return R"({"records":[{"person_id":)" + person +
           R"(,"session_seq":1,"check_in":"08:30","check_out":"11:30"}]})";
  }
  static std::string ExceptionBody() {
    return R"({"session_seqs":[1],"reason":"培训场地无移动网络信号，无法手机签到"})";
  }

  // A make-up class for `trainee` on class C (after its last session, Friday 2021-10-15).
  static std::string ChangeBody(const std::string& trainee) {
    return R"({"kind":"makeup_class","reason":"缺课","sessions":[{"date":"2021-10-18",)"
           R"("start":"08:30","end":"11:30","hours":4,"kind":"theory","delivery":"offline",)"
           R"("teacher":"t1"}],"trainee_ids":[)" +
           trainee + "]}";
  }
  static std::string ChangeBody(int64_t trainee) { return ChangeBody(std::to_string(trainee)); }

  static std::string TraineeBody(const std::string& name, const std::string& id) {
    return R"({"name":")" + name + R"(","id_number":")" + id +
           R"(","phone":"13800001234","group":"security_staff"})";
  }

  std::string ClassBody() {
    std::string sessions;
    for (int i = 0; i < 5; ++i) {
      sessions += std::string(i ? "," : "") + R"({"date":"2021-10-)" + std::to_string(11 + i) +
                  R"(","start":"08:30","end":"11:30","hours":4,"kind":")" +
                  (i < 3 ? "theory" : "practical") + R"(","delivery":"offline","teacher":"t1"})";
    }
    return R"({"institution_id":)" + std::to_string(inst_a_) +
           R"(,"occupation":"security_guard","title":"甲校第一期","venue":{"address":"丰泽区"},)"
           R"("teachers":[{"key":"t1","teacher_id":)" +
           std::to_string(teacher_a_) + R"(}],"sessions":[)" + sessions + R"(],"roster":[)" +
           std::to_string(trainee_a_) + "]";
  }

  // A request for the route whose path targets institution A's things, with a body that is valid
  // for an allowed caller (so that "allowed" is not confused with "bad input").
  std::pair<std::string, std::string> Call(const http::Route& r) {
    std::string path = r.pattern;
    auto fill = [&](int64_t id) {
      const size_t at = path.find("{id}");
      if (at != std::string::npos) path.replace(at, 4, std::to_string(id));
    };
    const std::string n = std::to_string(++counter_);
    std::string body;
    const std::string& name = r.name;
    if (name == "createDistrict")
      body =
          R"({"code":"3505)" + std::to_string(10 + counter_ % 80) + R"(","name":"新区)" + n + "\"}";
    if (name == "createInstitution" || name == "updateInstitution") {
      body = R"({"name":"机构)" + n + R"(","uscc":")" +
             (name == "updateInstitution" ? Uscc(1) : Uscc(100 + counter_)) +
             R"(","district_code":"350503","version":1})";
      fill(inst_a_);
    }
    if (name == "getInstitution") fill(inst_a_);
    if (name == "createTeacher" || name == "updateTeacher") {
      body = R"({"institution_id":)" + std::to_string(inst_a_) + R"(,"name":"教师)" + n +
             R"(","id_number":")" +
             (name == "updateTeacher" ? PersonId(900) : PersonId(300 + counter_)) +
             R"(","version":1})";
      fill(teacher_a_);
    }
    if (name == "getTeacher") fill(teacher_a_);
    if (name == "createTrainee" || name == "updateTrainee") {
      body = R"({"name":"学员甲","id_number":")" +
             (name == "updateTrainee" ? PersonId(1) : PersonId(500 + counter_)) +
             R"(","phone":"13800001234","group":"security_staff","version":1})";
      fill(trainee_a_);
    }
    if (name == "getTrainee") fill(trainee_a_);
    if (name == "createClass") body = ClassBody() + "}";
    if (name == "updateClass") body = ClassBody() + R"(,"version":1})";
    if (name == "declareClass") body = R"({"version":1})";
    // A stale version: allowed callers get 409 and the class stays as the other rows need it.
    if (name == "reviewClass") body = R"({"decision":"return","reason":"核对","version":999})";
    if (name == "withdrawClass") body = R"({"version":999})";
    if (name == "deleteClass") path += "?version=999";
    if (name == "importRoster") {
      body = R"({"version":1,"rows":[{"name":"新学员","id_number":")" + PersonId(700 + counter_) +
             R"(","phone":"13800001234","group":"security_staff"}]})";
    }
    if (name == "getClass" || name == "updateClass" || name == "checkClassPlan" ||
        name == "declareClass" || name == "listPlanVersions" || name == "importRoster" ||
        name == "exportRoster" || name == "printDeclarationForm" || name == "reviewClass" ||
        name == "withdrawClass" || name == "deleteClass" || name == "listClassDecisions") {
      fill(class_a_);
    }
    if (name == "printApprovalForm") fill(decided_a_);
    if (name == "issueCertificates" || name == "listClassCertificates") fill(class_a_);
    if (name == "printCertificate" || name == "printMyCertificate") {
      path.replace(path.find("{file}"), 6, std::to_string(cert_a_) + ".pdf");
    }
    if (name == "revokeCertificate") {
      fill(cert_a_);
      body = R"({"reason":"矩阵核查"})";
    }
    if (name == "verifyCertificate") path.replace(path.find("{code}"), 6, cert_code_);
    if (name == "removeFromRoster") {
      fill(class_a_);
      path.replace(path.find("{trainee_id}"), 12, std::to_string(trainee_a_) + "?version=1");
    }
    if (name == "checkPlan") body = ClassBody() + "}";
    if (name == "fileChangeRequest") body = ChangeBody(trainee_a_);
    if (name == "fileChangeRequest" || name == "listClassChangeRequests") fill(class_c_);
    if (name == "diffPlanVersions") {
      fill(class_c_);
      path += "?from=1&to=1";
    }
    if (name == "getChangeRequest" || name == "decideChangeRequest") fill(change_a_);
    if (name == "decideChangeRequest") body = R"({"decision":"refuse","reason":"核对"})";
    if (name == "fileAttendanceException") body = ExceptionBody();
    if (name == "fileAttendanceException" || name == "listClassAttendanceExceptions") {
      fill(class_c_);
    }
    if (name == "getAttendanceException" || name == "decideAttendanceException" ||
        name == "uploadAttendanceExceptionFile" || name == "listAttendanceExceptionFiles" ||
        name == "getAttendanceExceptionFile" || name == "backfillAttendance") {
      fill(exception_a_);
    }
    if (name == "backfillAttendance") body = BackfillBody(std::to_string(trainee_a_));
    if (name == "decideAttendanceException") body = R"({"decision":"approve"})";
    if (name == "uploadAttendanceExceptionFile") body = PhotoForm();
    if (name == "getAttendanceExceptionFile") path.replace(path.find("{n}"), 3, "1");
    if (name == "getHeldEnrolment" || name == "decideHeldEnrolment") fill(held_a_);
    if (name == "decideHeldEnrolment")
      body = R"({"decision":"refuse","reason":"核对","version":1})";
    if (name == "openCase") {
      fill(class_c_);
      body = R"({"source":"report","summary":"矩阵","details":"矩阵核查"})";
    }
    if (name == "getCase" || name == "investigateCase" || name == "respondToCase" ||
        name == "decideCase") {
      fill(case_a_);
    }
    if (name == "investigateCase") body = R"({"findings":"调查","version":999})";
    if (name == "respondToCase") body = R"({"text":"补充申辩"})";
    if (name == "decideCase") body = R"({"decision":"cleared","reason":"核对","version":999})";
    if (name == "getBlacklistEntry" || name == "acknowledgeBlacklistEntry" ||
        name == "liftBlacklistEntry") {
      fill(entry_a_);
    }
    if (name == "liftBlacklistEntry") body = R"({"reason":"矩阵核查"})";
    if (name == "openPublicityBatch") {
      body = R"({"class_ids":[)" + std::to_string(certified_a_) + "]}";
    }
    if (name == "getPublicityBatch" || name == "exportPublicityBatch" ||
        name == "closePublicityBatch") {
      fill(batch_a_);
    }
    if (name == "closePublicityBatch") body = R"({"version":999})";
    if (name == "getObjection" || name == "revealObjectionContact" || name == "resolveObjection" ||
        name == "openCaseFromObjection") {
      fill(objection_a_);
    }
    if (name == "resolveObjection") {
      body = R"({"decision":"dismissed","reason":"核对","version":999})";
    }
    if (name == "openCaseFromObjection") body = R"({"summary":"矩阵","details":"矩阵核查"})";
    if (name == "fileObjection") {
      fill(batch_a_);
      body = R"({"text":"没有联系方式"})";
    }
    if (name == "getPublicObjection") path.replace(path.find("{receipt}"), 9, receipt_);
    if (name == "createFundRequest") body = R"({"class_ids":[)" + std::to_string(class_c_) + "]}";
    if (name == "getFundRequest" || name == "approveFundRequest" || name == "confirmFundRequest" ||
        name == "exportPaymentList" || name == "importPaymentResults") {
      fill(fund_a_);
    }
    if (name == "approveFundRequest") body = R"({"decision":"approve","version":999})";
    if (name == "confirmFundRequest") body = R"({"decision":"confirm","version":999})";
    if (name == "setFundLinePayee" || name == "reissueFundLine") fill(line_a_);
    if (name == "setFundLinePayee") {
      body = R"({"kind":"other","account":"6217000011112222","version":999})";
    }
    if (name == "reissueFundLine") body = R"({"version":999})";
    if (name == "getClawback" || name == "recordClawbackRecovery") fill(clawback_a_);
    if (name == "recordClawbackRecovery") {
      body = R"({"amount_yuan":1,"recovered_on":"2021-09-28","reference":"矩阵","version":999})";
    }
    if (name == "createSpotCheckDraw") body = R"({"count":1})";
    if (name == "getSpotCheckDraw") fill(draw_a_);
    if (name == "recordSpotCheck") {
      body = R"({"visited_at":"2021-09-28T09:00:00+08:00","inspectors":["王警官"],)"
             R"("present":1,"expected":1})";
      fill(class_a_);
    }
    if (name == "listClassSpotChecks") fill(class_a_);
    if (name == "uploadSpotCheckPhoto" || name == "listSpotCheckPhotos" ||
        name == "getSpotCheckPhoto") {
      fill(visit_a_);
    }
    if (name == "uploadSpotCheckPhoto" || name == "uploadSelfie") body = PhotoForm();
    if (name == "getSelfie") fill(1);
    if (name == "sampleSelfies") fill(class_a_);
    if (name == "getSpotCheckPhoto") path.replace(path.find("{n}"), 3, "1");
    if (name == "getQrToken") {
      fill(class_c_);
      path.replace(path.find("{seq}"), 5, "1");
    }
    if (name == "getClassHours" || name == "streamAttendance") fill(class_a_);
    if (name == "drawRollCall") {
      fill(class_c_);
      path.replace(path.find("{seq}"), 5, "1");
      body = R"({"count":1})";
    }
    if (name == "listRollCalls" || name == "getAttendanceFlags") fill(class_a_);
    if (name == "answerRollCall") {
      fill(class_a_);  // any id: the trainee check comes first
      body = R"({"device_id":"matrix-phone-1","lat":24.9,"lng":118.6,"accuracy_m":20})";
    }
    if (name == "streamAttendance") path += "?max_s=0";
    if (name == "unbindTraineeDevice") {
      fill(class_a_);
      path.replace(path.find("{person_id}"), 11, std::to_string(trainee_a_));
      body = R"({"reason":"学员更换手机"})";
    }
    if (name == "identifyTrainee") {
      body = R"({"token":"v1.1.1.1.bad","name":"学员甲","id_number":")" + PersonId(1) +
             R"(","device_id":"matrix-phone-1"})";
    }
    if (name == "checkIn") {
      body = R"({"token":"v1.1.1.1.bad","direction":"in","idempotency_key":"matrix-)" + n +
             R"(","lat":24.9,"lng":118.6,"accuracy_m":20,"device_id":"matrix-phone-1"})";
    }
    if (name == "createOnlinePlatform") body = R"({"name":"平台)" + n + "\"}";
    if (name == "updateOnlinePlatform") body = R"({"active":true})";
    if (name == "createPlatformToken") body = R"({"name":"令牌)" + n + "\"}";
    if (name == "updateOnlinePlatform" || name == "createPlatformToken" ||
        name == "listPlatformTokens" || name == "revokePlatformToken") {
      fill(1);  // the seeded 中国职业培训在线
    }
    if (name == "revokePlatformToken") {
      path.replace(path.find("{tid}"), 5, std::to_string(platform_token_));
    }
    if (name == "getClassOnlinePlatform" || name == "setClassOnlinePlatform" ||
        name == "getClassOnlineRecords") {
      fill(class_c_);
    }
    if (name == "setClassOnlinePlatform") body = R"({"platform_id":1})";
    if (name == "importOnlineTables" || name == "listOnlineImports") fill(class_c_);
    if (name == "getOnlineImport" || name == "getOnlineImportReportCsv" ||
        name == "getOnlineImportReportXlsx") {
      fill(987654);
    }
    if (name == "pushLearningRecords") {
      body = R"({"class_id":)" + std::to_string(class_c_) + R"(,"records":[]})";
    }
    if (name == "createEvidenceUpload" || name == "listEvidence" ||
        name == "getEvidenceChecklist" || name == "exportEvidenceChecklist") {
      fill(class_c_);
    }
    if (name == "evidenceUploadOffset" || name == "appendEvidenceUpload" ||
        name == "terminateEvidenceUpload") {
      path = upload_;
    }
    if (name == "appendEvidenceUpload") body = "x";
    if (name == "getEvidenceContent" || name == "deleteEvidence" ||
        name == "setEvidenceLegalHold") {
      path.replace(path.find("{eid}"), 5, std::to_string(evidence_a_));
    }
    if (name == "setEvidenceLegalHold") body = R"({"hold":false})";
    if (name == "importAssessmentScores") {
      fill(class_c_);
      body = PhotoForm();
    }
    if (name == "exportCompletion") fill(class_c_);
    if (name == "putAssessmentScores" || name == "submitCompletion" || name == "getCompletion" ||
        name == "verifyCompletion" || name == "decideCompletion") {
      fill(class_c_);
    }
    if (name == "putAssessmentScores") {
      body = R"({"scores":[{"person_id":)" + std::to_string(trainee_a_) + R"(,"score":80}]})";
    }
    if (name == "submitCompletion") body = R"({"version":999})";
    if (name == "verifyCompletion") body = "{}";
    if (name == "decideCompletion") body = R"({"decision":"approve","reason":"","version":999})";
    if (name == "createExclusionKind")
      body = R"({"id":"kind_)" + n + R"(","name":"类别)" + n + "\"}";
    if (name == "importExclusionList") body = PhotoForm();  // no kind: 400 for the importers
    if (name == "getCalendarYear") path.replace(path.find("{year}"), 6, "2021");
    if (name == "importCalendarYear") {
      body =
          R"({"file_name":"cn-2027.toml","toml":"year = 2027\nsource = \"国务院办公厅关于)"
          R"(2027年部分节假日安排的通知（国办发明电〔2026〕9号）\"\n[[holiday]]\nname = \"元旦\"\n)"
          R"(off = { from = 2027-01-01, to = 2027-01-03 }\nwork = []\n"})";
    }
    if (name == "decideInstitutionUscc") {
      body = R"({"decision":"confirm","reason":"旧代码","version":1})";
      fill(inst_a_);
    }
    // An unknown name: wrong passwords for a real one would lock it (tested in accounts_test).
    if (name == "signIn") body = R"({"username":"nobody)" + n + R"(","password":"not-it"})";
    if (name == "createUser") {
      body =
          R"({"username":"new)" + n + R"(","roles":["hrss"],"password":")" + kTestPassword + "\"}";
    }
    if (name == "changeOwnPassword") {
      body = R"({"current_password":"Not-the-Passw0rd","new_password":"Matrix-Passw0rd-2"})";
    }
    if (name == "revokeApiToken") path.replace(path.find("{id}"), 4, spare_token_);
    if (name == "changeUserRole") body = R"({"roles":["hrss"],"version":1})";
    if (name == "disableUser" || name == "resetPassword" || name == "enableUser" ||
        name == "changeUserRole" || name == "unlockUser") {
      if (body.empty()) body = R"({"password":"Yet-another-pw-1"})";
      fill(spare_);
    }
    return {path, body};
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::map<std::string, std::string>> headers_;
  int64_t inst_a_ = 0, inst_b_ = 0, teacher_a_ = 0, trainee_a_ = 0, class_a_ = 0, spare_ = 0;
  int64_t trainee_b_ = 0, teacher_b_ = 0, held_a_ = 0, decided_a_ = 0, class_c_ = 0, change_a_ = 0;
  int64_t visit_a_ = 0, draw_a_ = 0, exception_a_ = 0, platform_token_ = 0, evidence_a_ = 0;
  std::string spare_token_, upload_, cert_code_;
  int64_t cert_a_ = 0, case_a_ = 0, entry_a_ = 0, fund_a_ = 0, line_a_ = 0, clawback_a_ = 0;
  int64_t certified_a_ = 0, batch_a_ = 0, objection_a_ = 0;
  std::string receipt_;
  int counter_ = 0;
};

TEST_P(Matrix, EveryRouteAsEveryRole) {
  const auto routes = AllRoutes();
  for (const auto& r : routes) {
    ASSERT_TRUE(kMatrix.count(r.name)) << "route " << r.method << " " << r.pattern << " (" << r.name
                                       << ") has no row in the authorisation matrix: add one";
  }
  int cells = 0;
  for (const auto& r : routes) {
    const std::string& expect = kMatrix.at(r.name);
    if (r.name == "signOut" || r.name == "signOutEverywhere") {
      for (const auto& p : kPersonas) {  // fresh sessions: the row before ended them
        if (p == "anonymous" || p == "platform") continue;
        headers_[p] = server_->SignIn(p, kTestPassword);
        ASSERT_FALSE(headers_[p].empty()) << p;
      }
    }
    ASSERT_EQ(expect.size(), kPersonas.size()) << r.name;
    for (size_t p = 0; p < kPersonas.size(); ++p) {
      auto [path, body] = Call(r);
      const auto& headers = headers_[kPersonas[p]];
      HttpResult res;
      if (r.name == "uploadSpotCheckPhoto" || r.name == "uploadSelfie" ||
          r.name == "uploadAttendanceExceptionFile" || r.name == "importExclusionList" ||
          r.name == "importAssessmentScores") {
        res = server_->Request(r.method, path, body, headers, kPhotoFormType);
      } else if (r.name == "createEvidenceUpload") {
        res = server_->Request(r.method, path, body, Merge(headers, TusCreate(10)));
      } else if (r.name == "evidenceUploadOffset" || r.name == "terminateEvidenceUpload" ||
                 r.name == "appendEvidenceUpload") {
        res = server_->Request(r.method, path, body,
                               Merge(headers, {{"Tus-Resumable", "1.0.0"}, {"Upload-Offset", "0"}}),
                               "application/offset+octet-stream");
      } else {
        res = server_->Request(r.method, path, body, headers);
      }
      ++cells;
      const std::string where = r.method + " " + path + " as " + kPersonas[p] + " -> " +
                                std::to_string(res.status) + " " + res.body.substr(0, 300);
      switch (expect[p]) {
        case 'A':
          EXPECT_TRUE(res.status != 401 && res.status != 403 && res.status != 404 &&
                      res.status > 0 && res.status < 500)
              << "expected allowed: " << where;
          break;
        case '1':
          EXPECT_EQ(res.status, 401) << where;
          break;
        case '3':
          EXPECT_EQ(res.status, 403) << where;
          break;
        case '4':
          EXPECT_EQ(res.status, 404) << where;
          break;
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(routes.size() * kPersonas.size()));
}

// The body-id dimension: every id a request body carries is authorised like an id in a path. For
// each route whose body takes ids, institution A sends the body with institution B's id in one
// place and with a missing id in the same place: both answers must be refusals (403/404) or both
// must ignore the id, and they must be the same word for word (the id aside), so a body id can
// neither reach another institution's record nor tell that it exists. A route whose body
// carries an id field without a row here fails the test.
struct BodyId {
  std::string route;
  std::string where;  // what the variant puts the foreign id into
  std::function<std::string(const std::string& id)> body;
};

// Routes whose body names ids but reads no stored record with them.
const std::set<std::string> kBodyIdsUnread = {
    "checkPlan",  // a pure plan check: its teacher ids are the plan's own keys
    // device_id is the phone's own random label, not a stored record's id.
    "identifyTrainee",
    "checkIn",
    "answerRollCall",
    // platform_id names an entry of the shared platform registry every console role reads (no
    // scope to leak); an unknown or inactive one is 400 platform_id.
    "setClassOnlinePlatform",
};

std::string Neutral(std::string body, const std::string& id) {
  for (size_t at = body.find(id); at != std::string::npos; at = body.find(id, at)) {
    body.replace(at, id.size(), "N");
  }
  return body;
}

TEST_P(Matrix, BodyIdsAreAuthorisedLikePathIds) {
  const std::string class_path = "/api/v1/classes/" + std::to_string(class_a_);
  auto version = [&] {
    auto r = server_->Request("GET", class_path, "", headers_["inst_a"]);
    return std::to_string(json::parse(r.body).at("version").as_int64());
  };
  // A's class body with one id replaced.
  auto cls = [&](const std::string& inst, const std::string& teacher, const std::string& trainee) {
    std::string b = ClassBody();
    b.replace(b.find(std::to_string(inst_a_)), std::to_string(inst_a_).size(), inst);
    const std::string t = R"("teacher_id":)" + std::to_string(teacher_a_);
    b.replace(b.find(t), t.size(), R"("teacher_id":)" + teacher);
    const std::string r = R"("roster":[)" + std::to_string(trainee_a_);
    b.replace(b.find(r), r.size(), R"("roster":[)" + trainee);
    return b;
  };
  const std::string ia = std::to_string(inst_a_), ta = std::to_string(teacher_a_),
                    pa = std::to_string(trainee_a_);
  auto teacher_version = [&] {
    auto r = server_->Request("GET", "/api/v1/teachers/" + std::to_string(teacher_a_), "",
                              headers_["inst_a"]);
    return std::to_string(json::parse(r.body).at("version").as_int64());
  };
  std::vector<BodyId> cases = {
      {"updateTeacher", "institution_id",
       [&](const std::string& id) {
         return R"({"institution_id":)" + id + R"(,"name":"陈老师","id_number":")" + PersonId(900) +
                R"(","version":)" + teacher_version() + "}";
       }},
      {"createTeacher", "institution_id",
       [&](const std::string& id) {
         return R"({"institution_id":)" + id + R"(,"name":"新教师","id_number":")" + PersonId(950) +
                "\"}";
       }},
      {"createClass", "institution_id",
       [&](const std::string& id) { return cls(id, ta, pa) + "}"; }},
      {"createClass", "teachers[0].teacher_id",
       [&](const std::string& id) { return cls(ia, id, pa) + "}"; }},
      {"createClass", "roster[0]", [&](const std::string& id) { return cls(ia, ta, id) + "}"; }},
      {"updateClass", "institution_id",
       [&](const std::string& id) { return cls(id, ta, pa) + R"(,"version":)" + version() + "}"; }},
      {"updateClass", "teachers[0].teacher_id",
       [&](const std::string& id) { return cls(ia, id, pa) + R"(,"version":)" + version() + "}"; }},
      {"updateClass", "roster[0]",
       [&](const std::string& id) { return cls(ia, ta, id) + R"(,"version":)" + version() + "}"; }},
  };
  cases.push_back({"fileChangeRequest", "trainee_ids[0]",
                   [&](const std::string& id) { return ChangeBody(id); }});
  cases.push_back({"backfillAttendance", "records[0].person_id",
                   [&](const std::string& id) { return BackfillBody(id); }});
  cases.push_back({"putAssessmentScores", "scores[0].person_id", [&](const std::string& id) {
                     return R"({"scores":[{"person_id":)" + id + R"(,"score":80}]})";
                   }});
  // Only an online platform's own token pushes; a class that does not use the platform is 404
  // like a missing one (tests/api/online_test.cc), and nobody else gets past the role check.
  cases.push_back({"pushLearningRecords", "class_id", [&](const std::string& id) {
                     return R"({"class_id":)" + id + R"(,"records":[]})";
                   }});
  // Publicity: classes are named in the body; a class out of the caller's scope answers like a
  // missing one (the reviewers' side is tested in tests/api/publicity_test.cc).
  cases.push_back({"openPublicityBatch", "class_ids[0]",
                   [&](const std::string& id) { return R"({"class_ids":[)" + id + "]}"; }});
  // Fund requests name classes: an institution is refused by its role before any id is read; a
  // reviewer naming another district's class gets the 404 of a missing one (funds_test.cc).
  cases.push_back({"createFundRequest", "class_ids[0]",
                   [&](const std::string& id) { return R"({"class_ids":[)" + id + "]}"; }});
  const std::map<std::string, std::string> foreign = {
      {"class_ids[0]", std::to_string(certified_a_)},
      {"trainee_ids[0]", std::to_string(trainee_b_)},
      {"records[0].person_id", std::to_string(trainee_b_)},
      {"scores[0].person_id", std::to_string(trainee_b_)},
      {"institution_id", std::to_string(inst_b_)},
      {"teachers[0].teacher_id", std::to_string(teacher_b_)},
      {"roster[0]", std::to_string(trainee_b_)},
      {"class_id", std::to_string(class_c_)}};
  // Coverage: a route whose (valid) body carries an id field must have rows above.
  std::set<std::string> covered = kBodyIdsUnread;
  for (const auto& c : cases) covered.insert(c.route);
  for (const auto& r : AllRoutes()) {
    if (r.name == "signOut" || r.name == "signOutEverywhere") continue;
    const std::string body = Call(r).second;
    const bool has_ids = body.find("_id\"") != std::string::npos ||
                         body.find("\"roster\"") != std::string::npos ||
                         body.find("_ids\"") != std::string::npos;
    EXPECT_TRUE(!has_ids || covered.count(r.name))
        << r.name << " takes ids in its body but has no body-id row: add one";
  }
  int leaks = 0;
  const auto routes = AllRoutes();
  for (const auto& c : cases) {
    const auto& route = *std::find_if(routes.begin(), routes.end(),
                                      [&](const http::Route& r) { return r.name == c.route; });
    std::string path = route.pattern;
    const int64_t target = c.route == "updateTeacher"         ? teacher_a_
                           : c.route == "fileChangeRequest"   ? class_c_
                           : c.route == "putAssessmentScores" ? class_c_
                           : c.route == "backfillAttendance"  ? exception_a_
                                                              : class_a_;
    if (path.find("{id}") != std::string::npos) {
      path.replace(path.find("{id}"), 4, std::to_string(target));
    }
    const std::string theirs = foreign.at(c.where), missing = "987654";
    auto a = server_->Request(route.method, path, c.body(theirs), headers_["inst_a"]);
    auto b = server_->Request(route.method, path, c.body(missing), headers_["inst_a"]);
    const std::string where = c.route + " with " + c.where + ": " + std::to_string(a.status) + " " +
                              a.body.substr(0, 300) + " / missing: " + std::to_string(b.status) +
                              " " + b.body.substr(0, 300);
    const bool refused = a.status == 403 || a.status == 404;
    const bool ignored = a.status < 300 && a.body.find("乙") == std::string::npos;
    const bool same = a.status == b.status && Neutral(a.body, theirs) == Neutral(b.body, missing);
    // An ignored id (the class keeps its institution) answers like any edit: only the version
    // moves.
    const bool same_ignored = ignored && b.status < 300;
    if (!((refused && same) || (same_ignored && c.where == "institution_id"))) ++leaks;
    EXPECT_TRUE((refused && same) || (same_ignored && c.where == "institution_id")) << where;
  }
  EXPECT_EQ(leaks, 0) << "body-id leaks";
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, Matrix, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
