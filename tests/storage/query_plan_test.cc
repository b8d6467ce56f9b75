// Every lookup by key and every scope filter uses an index, on both stores: the repositories run
// against a store of a few thousand rows while a recording connection keeps each statement they
// issue, and each recorded SELECT is explained with its own parameters.
//  - SQLite: EXPLAIN QUERY PLAN; a "SCAN x" line is a full scan of x.
//  - PostgreSQL: EXPLAIN (FORMAT JSON) after ANALYZE, with enable_seqscan = off. A small table is
//    cheaper to read whole, so with seq scans allowed the planner would rightly choose them here
//    and the test would say nothing about 100 000 rows; switched off, a Seq Scan that still
//    appears means no index can serve the query, whatever the table's size. Full index scans
//    (an index scan with no Index Cond) count as full scans too.
// A list walks its own table in its key order from the cursor and stops after one page; that
// table (and the LIMITed subquery a total counts over) may be "scanned" in that sense, nothing
// else may.
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_repositories.h"
#include "support/test_database.h"

namespace anpei::adapters {
namespace {

namespace json = boost::json;
using ports::SqlValue;
using Params = std::vector<SqlValue>;

// Passes statements through to `real` and keeps those issued while recording.
class Recorder : public ports::SqlConnection {
 public:
  explicit Recorder(ports::SqlConnection& real) : real_(real) {}
  Result<ports::SqlResult> Execute(std::string_view sql, const Params& params) override {
    if (recording_) seen_.push_back({std::string(sql), params});
    return real_.Execute(sql, params);
  }
  Status ExecuteScript(std::string_view sql) override { return real_.ExecuteScript(sql); }
  ports::SqlDialect Dialect() const override { return real_.Dialect(); }

  void Start() {
    seen_.clear();
    recording_ = true;
  }
  std::vector<std::pair<std::string, Params>> Stop() {
    recording_ = false;
    return std::move(seen_);
  }

 private:
  ports::SqlConnection& real_;
  bool recording_ = false;
  std::vector<std::pair<std::string, Params>> seen_;
};

constexpr int kInstitutions = 40, kClasses = 2000, kRoster = 10, kTrainees = kClasses * kRoster;
constexpr const char* kDistricts[] = {"350502", "350503", "350504", "350505",
                                      "350521", "350581", "350582", "350583"};

class QueryPlans : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    auto conn = OpenDatabase(db_->url());
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    conn_ = std::move(*conn);
    auto migrations =
        LoadMigrations(std::string(ANPEI_SOURCE_DIR) + "/migrations", conn_->Dialect());
    ASSERT_TRUE(migrations.ok());
    ASSERT_TRUE(ApplyMigrations(*conn_, *migrations).ok());
    ASSERT_TRUE(SodiumVault::CreateKeyFile(db_->key_file()).ok());
    auto vault = SodiumVault::FromKeyFile(db_->key_file());
    ASSERT_TRUE(vault.ok());
    vault_ = *vault;
    ASSERT_NO_FATAL_FAILURE(Fill());
    recorder_ = std::make_unique<Recorder>(*conn_);
    registry_ = sql::MakeRegistryRepository(*recorder_, *vault_);
    classes_ = sql::MakeClassRepository(*recorder_, *vault_);
    enrolments_ = sql::MakeEnrolmentRepository(*recorder_, *vault_);
    accounts_ = sql::MakeAccountRepository(*recorder_, *vault_);
    audit_ = sql::MakeAuditRepository(*recorder_, *vault_);
  }

  void Insert(const std::string& head, std::vector<std::string> tuples) {
    for (size_t at = 0; at < tuples.size(); at += 500) {
      std::string sql = head + " VALUES ";
      for (size_t i = at; i < std::min(tuples.size(), at + 500); ++i) {
        sql += (i > at ? "," : "") + tuples[i];
      }
      ASSERT_TRUE(conn_->ExecuteScript(sql).ok()) << sql.substr(0, 200);
    }
  }
  static std::string N(int64_t n) { return std::to_string(n); }

  // The shape the API makes (see tests/bench): 8 districts, 40 institutions with a teacher each,
  // 2 000 classes round-robin over them with 5 sessions and 10 trainees each, users with sessions,
  // audit events.
  void Fill() {
    std::vector<std::string> rows;
    for (const char* d : kDistricts) rows.push_back("('" + std::string(d) + "', '区')");
    Insert("INSERT INTO districts (code, name)", rows);
    rows.clear();
    for (int i = 1; i <= kInstitutions; ++i) {
      rows.push_back("(" + N(i) + ", '机构', 'U" + N(i) + "', '" + kDistricts[i % 8] +
                     "', 't', 't')");
    }
    Insert("INSERT INTO institutions (id, name, uscc, district_code, created_at, updated_at)",
           rows);
    rows.clear();
    for (int i = 1; i <= kInstitutions; ++i) {
      rows.push_back("(" + N(i) + ", " + N(i) + ", '老师', 'bi1:t" + N(i) + "', 't')");
    }
    Insert("INSERT INTO teachers (id, institution_id, name, id_number, created_at)", rows);
    rows.clear();
    for (int t = 1; t <= kTrainees; ++t) {
      rows.push_back("(" + N(t) + ", '学员', 'bi1:" + N(t) + "', '', 'security_staff', 't')");
    }
    Insert("INSERT INTO trainees (id, name, id_number, id_number_enc, trainee_group, created_at)",
           rows);
    std::vector<std::string> classes, sessions, roster, teachers;
    for (int c = 1; c <= kClasses; ++c) {
      classes.push_back("(" + N(c) + ", " + N(c % kInstitutions + 1) +
                        ", 'p', 'security_guard', '班', 't', 't')");
      teachers.push_back("(" + N(c) + ", 't1', " + N(c % kInstitutions + 1) + ")");
      for (int s = 0; s < 5; ++s) {
        sessions.push_back("(" + N(c) + ", " + N(s) +
                           ", '2026-12-01', 510, 690, 4, 'theory', 'offline', 't1')");
      }
      for (int r = 0; r < kRoster; ++r)
        roster.push_back("(" + N(c) + ", " + N((c - 1) * 10 + r + 1) + ")");
    }
    Insert(
        "INSERT INTO classes (id, institution_id, policy_id, occupation, title, created_at, "
        "updated_at)",
        classes);
    Insert("INSERT INTO class_teachers (class_id, teacher_key, teacher_id)", teachers);
    Insert(
        "INSERT INTO class_sessions (class_id, seq, date, start_minute, end_minute, hours, kind, "
        "delivery, teacher_key)",
        sessions);
    Insert("INSERT INTO class_roster (class_id, trainee_id)", roster);
    // Each institution's own record of the people on its rosters (migration 0008).
    std::set<std::pair<int, int>> records;
    for (int c = 1; c <= kClasses; ++c) {
      for (int r = 0; r < kRoster; ++r)
        records.insert({c % kInstitutions + 1, (c - 1) * 10 + r + 1});
    }
    rows.clear();
    for (auto [inst, trainee] : records) {
      rows.push_back("(" + N(inst) + ", " + N(trainee) + ", 'security_staff', 't', 't')");
    }
    Insert(
        "INSERT INTO enrolments (institution_id, trainee_id, trainee_group, created_at, "
        "updated_at)",
        rows);
    std::set<std::pair<std::string, int>> known;
    for (auto [inst, trainee] : records) known.insert({kDistricts[inst % 8], trainee});
    rows.clear();
    for (const auto& [district, trainee] : known) {
      rows.push_back("('" + district + "', " + N(trainee) + ")");
    }
    Insert("INSERT INTO district_trainees (district_code, trainee_id)", rows);
    rows.clear();
    std::vector<std::string> tokens, audit;
    for (int u = 1; u <= 200; ++u) {
      rows.push_back("(" + N(u) + ", 'user" + N(u) + "', 'u', 'h', 't')");
      tokens.push_back("('s" + N(u) + "', " + N(u) + ", 'c', 't', 't')");
    }
    Insert("INSERT INTO users (id, username, display_name, password_hash, created_at)", rows);
    Insert("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)",
           tokens);
    for (int e = 1; e <= 4000; ++e) {
      // Events spread over 40 days of November and December 2026.
      const std::string at = "2026-" + std::string(e % 40 < 30 ? "11-" : "12-") +
                             (e % 40 % 30 + 1 < 10 ? "0" : "") + N(e % 40 % 30 + 1) +
                             "T10:00:00+08:00";
      audit.push_back("(" + N(e) + ", '" + at + "', 'user" + N(e % 200) + "', 'r', " +
                      (e % 2 ? "'class.update', 'class:" : "'trainee.update', 'trainee:") +
                      N(e % kClasses) + "', '', '', '', '', '')");
    }
    Insert(
        "INSERT INTO audit_events (seq, at, actor, role, action, target, before_digest, "
        "after_digest, detail, prev_link, link)",
        audit);
    if (conn_->Dialect() == ports::SqlDialect::kPostgres) {
      ASSERT_TRUE(conn_->ExecuteScript("ANALYZE").ok());
      ASSERT_TRUE(conn_->ExecuteScript("SET enable_seqscan = off").ok());
    }
  }

  // The full scans in the plan of one statement, except of the tables in `walked`.
  std::vector<std::string> FullScans(const std::string& sql, const Params& params,
                                     const std::set<std::string>& walked) {
    std::vector<std::string> out;
    if (conn_->Dialect() == ports::SqlDialect::kSqlite) {
      auto plan = conn_->Execute("EXPLAIN QUERY PLAN " + sql, params);
      EXPECT_TRUE(plan.ok()) << plan.status().ToString();
      if (!plan.ok()) return out;
      const std::regex scan(R"(^SCAN (\w+))");
      for (const auto& row : plan->rows) {
        const std::string detail = row.values.back().value_or("");
        std::smatch m;
        if (std::regex_search(detail, m, scan) && !walked.count(m[1])) out.push_back(detail);
      }
      return out;
    }
    auto plan = conn_->Execute("EXPLAIN (FORMAT JSON) " + sql, params);
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    if (!plan.ok()) return out;
    const json::value v = json::parse(*plan->rows.at(0)[0]);
    Walk(v.at(0).at("Plan").as_object(), walked, out);
    if (!out.empty()) out.push_back("plan: " + *plan->rows.at(0)[0]);
    return out;
  }
  static void Walk(const json::object& node, const std::set<std::string>& walked,
                   std::vector<std::string>& out) {
    const std::string type(node.at("Node Type").as_string());
    const std::string alias =
        node.contains("Alias") ? std::string(node.at("Alias").as_string()) : "";
    const bool index_scan =
        type == "Index Scan" || type == "Index Only Scan" || type == "Bitmap Index Scan";
    if (type == "Seq Scan" ||
        (index_scan && !node.contains("Index Cond") && !walked.count(alias))) {
      out.push_back(type + " on " + alias);
    }
    if (node.contains("Plans")) {
      for (const auto& child : node.at("Plans").as_array()) Walk(child.as_object(), walked, out);
    }
  }

  // Runs `op` and checks the plan of every SELECT it issued.
  void ExpectIndexed(const std::string& what, const std::function<Status()>& op,
                     std::set<std::string> walked = {}) {
    walked.insert("counted");  // the LIMITed subquery of a total
    recorder_->Start();
    Status st = op();
    auto statements = recorder_->Stop();
    ASSERT_TRUE(st.ok()) << what << ": " << st.ToString();
    ASSERT_FALSE(statements.empty()) << what;
    for (const auto& [sql, params] : statements) {
      if (sql.rfind("SELECT", 0) != 0) continue;
      const auto scans = FullScans(sql, params, walked);
      for (const auto& s : scans) ADD_FAILURE() << what << ": full scan (" << s << ") in\n" << sql;
    }
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<ports::SqlConnection> conn_;
  std::shared_ptr<const ports::Vault> vault_;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<ports::RegistryRepository> registry_;
  std::unique_ptr<ports::EnrolmentRepository> enrolments_;
  std::unique_ptr<ports::ClassRepository> classes_;
  std::unique_ptr<ports::AccountRepository> accounts_;
  std::unique_ptr<ports::AuditRepository> audit_;
};

template <typename T>
Status Ok(const Result<T>& r) {
  return r.ok() ? Status::Ok() : r.status();
}

TEST_P(QueryPlans, LookupsByKeyUseAnIndex) {
  ExpectIndexed("GetDistrict", [&] { return Ok(registry_->GetDistrict("350503")); });
  ExpectIndexed("GetInstitution", [&] { return Ok(registry_->GetInstitution(7)); });
  ExpectIndexed("GetTeacher", [&] { return Ok(registry_->GetTeacher(7)); });
  ExpectIndexed("GetTrainee", [&] { return Ok(registry_->GetTrainee(1234)); });
  ExpectIndexed("FindTraineeByIdNumber",
                [&] { return Ok(registry_->FindTraineeByIdNumber("350503199001011234")); });
  ExpectIndexed("ListTrainees by whole ID number", [&] {
    ports::TraineeFilter f;
    f.id_number = "350503199001011234";
    return Ok(registry_->ListTrainees(f, {1, 20}));
  });
  ExpectIndexed("GetClass", [&] { return Ok(classes_->GetClass(123)); });
  ExpectIndexed("ListPlanVersions", [&] { return Ok(classes_->ListPlanVersions(123)); });
  ExpectIndexed("GetEnrolment", [&] { return Ok(enrolments_->GetEnrolment(5, 1234)); });
  ExpectIndexed("KnownInDistrict",
                [&] { return Ok(enrolments_->KnownInDistrict(1234, "350503")); });
  ExpectIndexed("FindOpenHeld", [&] { return Ok(enrolments_->FindOpenHeld(5, 7, 1234)); });
  ExpectIndexed("TraineeOnRosterOf institution",
                [&] { return Ok(classes_->TraineeOnRosterOf(1234, 5, std::nullopt)); });
  ExpectIndexed("TraineeOnRosterOf district",
                [&] { return Ok(classes_->TraineeOnRosterOf(1234, std::nullopt, "350503")); });
  ExpectIndexed("FindUserByName", [&] { return Ok(accounts_->FindUserByName("user7")); });
  ExpectIndexed("GetUser", [&] { return Ok(accounts_->GetUser(7)); });
  ExpectIndexed("FindSession", [&] { return Ok(accounts_->FindSession("s7")); });
  ExpectIndexed("FindApiToken", [&] { return Ok(accounts_->FindApiToken("x")); });
  for (const auto& [what, set_binding] : std::initializer_list<
           std::pair<const char*,
                     std::function<void(ports::AuditFilter&)>>>{{"ListAudit by target",
                                                                 [](ports::AuditFilter& f) {
                                                                   f.target = "class:7";
                                                                 }},
                                                                {"ListAudit by actor",
                                                                 [](ports::AuditFilter& f) {
                                                                   f.actor = "user7";
                                                                 }},
                                                                {"ListAudit by actor, newest first",
                                                                 [](ports::AuditFilter& f) {
                                                                   f.actor = "user7";
                                                                   f.newest_first = true;
                                                                 }},
                                                                {"ListAudit by time range",
                                                                 [](ports::AuditFilter& f) {
                                                                   f.at_from = "2026-11-01";
                                                                   f.at_before = "2026-11-02";
                                                                   f.newest_first = true;
                                                                 }},
                                                                {"ListAudit by target type",
                                                                 [](ports::AuditFilter& f) {
                                                                   f.target_type = "class";
                                                                   f.newest_first = true;
                                                                 }}}) {
    // A wide filter (a day of the trail, every class) pages by walking the trail in seq order
    // until a page is full, which PostgreSQL's planner rightly prefers under LIMIT; SQLite must
    // still find the rows through audit_by_at / audit_by_target.
    const bool wide = std::string(what).find("time range") != std::string::npos ||
                      std::string(what).find("target type") != std::string::npos;
    const bool pg = conn_->Dialect() == ports::SqlDialect::kPostgres;
    const auto& set = set_binding;  // a lambda may not capture a structured binding (clang 14)
    ExpectIndexed(
        what,
        [&] {
          ports::AuditFilter f;
          set(f);
          return Ok(audit_->ListAudit(f, {1, 20}));
        },
        wide && pg ? std::set<std::string>{"audit_events"} : std::set<std::string>{});
  }
}

TEST_P(QueryPlans, ScopeFiltersUseAnIndex) {
  for (bool cursor : {false, true}) {
    const ports::Page page = cursor ? ports::Page(1, 20, 2000) : ports::Page(1, 20);
    const std::string at = cursor ? " (cursor)" : "";
    ExpectIndexed("institution's trainees" + at,
                  [&] {
                    ports::TraineeFilter f;
                    f.institution_id = 5;
                    return Ok(registry_->ListTrainees(f, page));
                  },
                  {"t"});
    ExpectIndexed("district's trainees" + at,
                  [&] {
                    ports::TraineeFilter f;
                    f.district_code = "350503";
                    return Ok(registry_->ListTrainees(f, page));
                  },
                  {"t"});
    ExpectIndexed("institution's classes" + at,
                  [&] {
                    ports::ClassFilter f;
                    f.institution_id = 5;
                    return Ok(classes_->ListClasses(f, page));
                  },
                  {"c"});
    ExpectIndexed("district's classes" + at,
                  [&] {
                    ports::ClassFilter f;
                    f.district_code = "350503";
                    return Ok(classes_->ListClasses(f, page));
                  },
                  {"c"});
    ExpectIndexed("institution's teachers" + at,
                  [&] {
                    ports::TeacherFilter f;
                    f.institution_id = 5;
                    return Ok(registry_->ListTeachers(f, page));
                  },
                  {"teachers"});
    ExpectIndexed("district's teachers" + at,
                  [&] {
                    ports::TeacherFilter f;
                    f.district_code = "350503";
                    return Ok(registry_->ListTeachers(f, page));
                  },
                  {"teachers"});
    ExpectIndexed("district's institutions" + at,
                  [&] {
                    ports::InstitutionFilter f;
                    f.district_code = "350503";
                    return Ok(registry_->ListInstitutions(f, page));
                  },
                  {"i"});
  }
  ExpectIndexed("institution's class counts", [&] {
    ports::ClassFilter f;
    f.institution_id = 5;
    return Ok(classes_->CountClasses(f));
  });
  ExpectIndexed("district's class counts", [&] {
    ports::ClassFilter f;
    f.district_code = "350503";
    return Ok(classes_->CountClasses(f));
  });
}

// The work queues (app/work_queue_providers.cc): each reads one state of its scope, oldest first,
// through an index (migration 0014), whatever the size of the rest.
TEST_P(QueryPlans, WorkQueuesUseAnIndex) {
  auto waiting = [&](const char* state, std::optional<int64_t> inst,
                     std::optional<std::string> district, ports::WaitingSince since) {
    ports::ClassFilter f;
    f.state = state;
    f.institution_id = inst;
    f.district_code = std::move(district);
    return Ok(classes_->ListWaiting(f, since, 10));
  };
  ExpectIndexed("institution's drafts",
                [&] { return waiting("draft", 5, std::nullopt, ports::WaitingSince::kUpdated); });
  ExpectIndexed("institution's returned classes", [&] {
    return waiting("returned", 5, std::nullopt, ports::WaitingSince::kUpdated);
  });
  ExpectIndexed("district's declarations", [&] {
    return waiting("declared", std::nullopt, "350503", ports::WaitingSince::kDeclared);
  });
  ExpectIndexed("city's declarations", [&] {
    return waiting("declared", std::nullopt, std::nullopt, ports::WaitingSince::kDeclared);
  });
  // The review queue's list (GET /classes?state=declared): the oldest declaration first.
  ExpectIndexed("district's review queue", [&] {
    ports::ClassFilter f;
    f.state = "declared";
    f.district_code = "350503";
    f.oldest_declared_first = true;
    return Ok(classes_->ListClasses(f, ports::Page(1, 20)));
  });
  auto held = [&](std::optional<int64_t> inst, std::optional<std::string> district) {
    ports::HeldFilter f;
    f.state = "held";
    f.oldest_first = true;
    f.institution_id = inst;
    f.district_code = std::move(district);
    return Ok(enrolments_->ListHeld(f, {1, 10}));
  };
  ExpectIndexed("institution's held enrolments", [&] { return held(5, std::nullopt); }, {"h"});
  ExpectIndexed("district's held enrolments", [&] { return held(std::nullopt, "350503"); }, {"h"});
  ExpectIndexed("legacy credit codes awaiting confirmation", [&] {
    ports::InstitutionFilter f;
    f.uscc_status = "pending_confirmation";
    return Ok(registry_->ListInstitutions(f, {1, 10}));
  });
}

// The lists and lookups of the path from publicity to payment (issue 15): a class's publicity
// batches and entries, a batch's objections, a class's fund lines, the work queues of fund
// requests and clawbacks.
TEST_P(QueryPlans, PublicityAndFundsUseAnIndex) {
  // 400 batches of 4 000 entries (two trainees of each class), 1 000 objections, 400 fund
  // requests of 4 000 lines, 500 clawbacks (50 outstanding).
  std::vector<std::string> batches, entries, objections, requests, lines, clawbacks;
  for (int b = 1; b <= 400; ++b) {
    batches.push_back("(" + N(b) + ", '" + kDistricts[b % 8] + "', '批', 5, '2026-11-02', " +
                      "'2026-11-09', '" + (b % 4 ? "closed" : "open") + "', 1, 'u', 't')");
    requests.push_back("(" + N(b) + ", '" + (b % 4 ? "paid" : "submitted") + "', '" +
                       kDistricts[b % 8] + "', 1, 'u', 't')");
  }
  for (int c = 1; c <= kClasses; ++c) {
    for (int k = 0; k < 2; ++k) {
      const int64_t e = (c - 1) * 2 + k + 1, person = (c - 1) * 10 + k + 1;
      entries.push_back(
          "(" + N(e) + ", " + N(c % 400 + 1) + ", " + N(c) + ", " + N(person) +
          ", '张*', '3505**', 'security_guard', '保安员', '五级', '机构', '班', 650)");
      lines.push_back("(" + N(e) + ", " + N(c % 400 + 1) + ", " + N(c) + ", " + N(person) +
                      ", 650, 'social_security_card', 'paid', 't')");
      if (e <= 500) {
        clawbacks.push_back("(" + N(e) + ", " + N(e) + ", " + N(c) + ", " + N(person) + ", 650, '" +
                            (e % 10 ? "settled" : "outstanding") + "', 't')");
      }
    }
  }
  for (int o = 1; o <= 1000; ++o) {
    objections.push_back("(" + N(o) + ", " + N((o * 2 + 1) % 400 + 1) + ", " + N(o * 2) + ", " +
                         N(o * 4) + ", 'R" + N(o) + "', 'phone', 'x', '异议', 't', '" +
                         (o % 3 ? "dismissed" : "open") + "')");
  }
  ASSERT_NO_FATAL_FAILURE(
      Insert("INSERT INTO publicity_batches (id, district_code, title, working_days, opens_on, "
             "closes_on, state, opened_by, opened_by_name, opened_at)",
             batches));
  ASSERT_NO_FATAL_FAILURE(
      Insert("INSERT INTO publicity_entries (id, batch_id, class_id, person_id, masked_name, "
             "masked_id_number, occupation, occupation_name, level, institution_name, class_title, "
             "subsidy_yuan)",
             entries));
  ASSERT_NO_FATAL_FAILURE(Insert(
      "INSERT INTO objections (id, batch_id, class_id, entry_id, receipt, contact_kind, contact, "
      "body, filed_at, state)",
      objections));
  ASSERT_NO_FATAL_FAILURE(
      Insert("INSERT INTO fund_requests (id, state, district_code, created_by, created_by_name, "
             "created_at)",
             requests));
  ASSERT_NO_FATAL_FAILURE(Insert(
      "INSERT INTO fund_lines (id, request_id, class_id, person_id, amount_yuan, account_kind, "
      "status, updated_at)",
      lines));
  ASSERT_NO_FATAL_FAILURE(Insert(
      "INSERT INTO clawbacks (id, line_id, class_id, person_id, due_yuan, state, created_at)",
      clawbacks));
  if (conn_->Dialect() == ports::SqlDialect::kPostgres) {
    ASSERT_TRUE(conn_->ExecuteScript("ANALYZE").ok());
  }
  auto publicity = sql::MakePublicityRepository(*recorder_, *vault_);
  auto funds = sql::MakeFundRepository(*recorder_, *vault_);
  ExpectIndexed("a class's publicity batches",
                [&] {
                  ports::BatchFilter f;
                  f.class_id = 7;
                  return Ok(publicity->ListBatches(f, {1, 20}));
                },
                {"b"});
  ExpectIndexed("a class's publicity entries", [&] { return Ok(publicity->ClassEntries(7)); });
  ExpectIndexed("a batch's entries", [&] { return Ok(publicity->ListEntries(7)); });
  ExpectIndexed("a batch's open objections",
                [&] {
                  ports::ObjectionFilter f;
                  f.batch_id = 7;
                  f.state = "open";
                  return Ok(publicity->ListObjections(f, {1, 20}));
                },
                {"o"});
  ExpectIndexed("a class's fund lines", [&] { return Ok(funds->LinesOfClass(7)); });
  ExpectIndexed("a request's fund lines", [&] { return Ok(funds->LinesOfRequest(7)); });
  ExpectIndexed("fund requests waiting for 人社",
                [&] {
                  ports::FundRequestFilter f;
                  f.state = "submitted";
                  f.oldest_first = true;
                  return Ok(funds->ListRequests(f, {1, 10}));
                },
                {"r"});
  ExpectIndexed("clawbacks outstanding",
                [&] {
                  ports::ClawbackFilter f;
                  f.state = "outstanding";
                  f.oldest_first = true;
                  return Ok(funds->ListClawbacks(f, {1, 10}));
                },
                {"k"});
}

INSTANTIATE_TEST_SUITE_P(Backends, QueryPlans, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei::adapters
