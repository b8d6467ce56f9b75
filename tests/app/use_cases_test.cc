// The use cases in-process (no HTTP, no server process) against both stores, and against a SQL
// connection that fails on command: a request that fails at any statement, or at its commit,
// leaves no partial write and no audit event (architecture.md, "Seams").
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "adapters/clock/clocks.h"
#include "adapters/icu/icu_text_normalizer.h"
#include "adapters/sheet/sheet_reader.h"
#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_store.h"
#include "adapters/toml/toml_reference_source.h"
#include "app/audit_log.h"
#include "app/change_requests.h"
#include "app/classes.h"
#include "app/context.h"
#include "app/enrolment.h"
#include "app/registry.h"
#include "codec/plan_json.h"
#include "domain/date.h"
#include "support/faulty_sql.h"
#include "support/fixtures.h"
#include "support/reference.h"
#include "support/test_database.h"

namespace anpei {
namespace {

using testing::Faults;
using testing::TestDatabase;

class UseCases : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_TRUE(testing::Migrate(db_->url()).ok());
    ASSERT_TRUE(adapters::SodiumVault::CreateKeyFile(db_->key_file()).ok());
    auto vault = adapters::SodiumVault::FromKeyFile(db_->key_file());
    ASSERT_TRUE(vault.ok()) << vault.status().ToString();
    faults_ = std::make_shared<Faults>();
    ctx_.store =
        std::make_shared<adapters::SqlStore>(testing::FaultyPool(db_->url(), faults_), *vault);
    ctx_.vault = *vault;
    ctx_.reference = testing::ShippedReference();
    ASSERT_NE(ctx_.reference, nullptr);
    auto at = domain::ParseTimestamp("2021-09-28T10:00:00+08:00", "now");
    ASSERT_TRUE(at.ok());
    ctx_.clock = std::make_shared<adapters::FixedClock>(*at);
    ctx_.encode_plan = codec::PlanToJson;
    ctx_.parse_calendar = adapters::ParseCalendarToml;
    auto text = adapters::MakeIcuTextNormalizer();
    ASSERT_TRUE(text.ok());
    ctx_.text = *text;
    ctx_.sheets = adapters::MakeSheetReader();
    admin_ = app::Actor::System("use-case-test");
    ASSERT_TRUE(app::CreateDistrict(ctx_, admin_, {"350503", "丰泽区"}).ok());
  }

  domain::Institution NewInstitution(int n) {
    domain::Institution in;
    in.name = "泉州安盾保安培训学校" + std::to_string(n);
    in.uscc = testing::ValidUscc(n);
    in.district_code = "350503";
    in.address = "丰泽区东海街道";
    return in;
  }

  // Rows that a failed request must not leave behind.
  struct Counts {
    int64_t institutions = 0, trainees = 0, classes = 0, audit = 0, held = 0;
    bool operator==(const Counts&) const = default;
  };
  // Read straight from the repositories: listing the audit trail through its use case is itself
  // an audited look.
  Counts Count() {
    Counts c;
    faults_->Disarm();
    Status st = ctx_.store->Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) {
      ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().ListInstitutions({}, {1, 1}));
      ANPEI_ASSIGN_OR_RETURN(auto tr, tx.registry().ListTrainees({}, {1, 1}));
      ANPEI_ASSIGN_OR_RETURN(auto cl, tx.classes().ListClasses({}, {1, 1}));
      ANPEI_ASSIGN_OR_RETURN(auto au, tx.audit().ListAudit({}, {1, 1}));
      ANPEI_ASSIGN_OR_RETURN(auto he, tx.enrolments().ListHeld({}, {1, 1}));
      c = {inst.total, tr.total, cl.total, au.total, he.total};
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c;
  }

  // Runs `request` with the Nth statement failing, for N = 1, 2, … until the request no longer
  // reaches the fault; every failed try must leave the store as it was. Returns the number of
  // statements the request takes.
  template <typename F>
  int64_t FailEachStatement(F request) {
    for (int64_t n = 1; n < 200; ++n) {
      const Counts before = Count();
      faults_->Arm(n);
      const int64_t injected = faults_->injected;
      Status st = request();
      const bool hit = faults_->injected > injected;
      faults_->Disarm();
      if (!hit) {
        EXPECT_TRUE(st.ok()) << st.ToString();
        return n - 1;
      }
      EXPECT_EQ(st.code(), Code::kUnavailable) << "statement " << n << ": " << st.ToString();
      EXPECT_TRUE(Count() == before) << "statement " << n << " failed but something was written";
    }
    ADD_FAILURE() << "the request never got past the injected faults";
    return -1;
  }

  std::unique_ptr<TestDatabase> db_;
  std::shared_ptr<Faults> faults_;
  app::AppContext ctx_;
  app::Actor admin_;
};

TEST_P(UseCases, CreateInstitutionWritesTheRowAndOneAuditEvent) {
  const Counts before = Count();
  auto created = app::CreateInstitution(ctx_, admin_, NewInstitution(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->district_name, "丰泽区");
  const Counts after = Count();
  EXPECT_EQ(after.institutions, before.institutions + 1);
  EXPECT_EQ(after.audit, before.audit + 1);
}

TEST_P(UseCases, AFailureAtAnyStatementOfCreateInstitutionChangesNothing) {
  int n = 10;
  const int64_t statements = FailEachStatement([&] {
    auto r = app::CreateInstitution(ctx_, admin_, NewInstitution(n));
    if (r.ok()) ++n;
    return r.status();
  });
  EXPECT_GE(statements, 4) << "BEGIN, the insert, the audit append and COMMIT at least";
}

TEST_P(UseCases, AFailedCommitChangesNothing) {
  const Counts before = Count();
  faults_->ArmCommit();
  auto r = app::CreateInstitution(ctx_, admin_, NewInstitution(2));
  EXPECT_EQ(r.status().code(), Code::kUnavailable) << r.status().ToString();
  EXPECT_EQ(faults_->injected.load(), 1);
  EXPECT_TRUE(Count() == before);
  // The store works again afterwards (the broken connection was dropped, not reused).
  EXPECT_TRUE(app::CreateInstitution(ctx_, admin_, NewInstitution(2)).ok());
}

TEST_P(UseCases, AFailureAtAnyStatementOfCreatingAClassWithItsRosterChangesNothing) {
  auto inst = app::CreateInstitution(ctx_, admin_, NewInstitution(3));
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  domain::Teacher t;
  t.institution_id = inst->id;
  t.name = "陈老师";
  t.id_number = testing::ValidId(900, 1975);
  auto teacher = app::CreateTeacher(ctx_, admin_, t);
  ASSERT_TRUE(teacher.ok()) << teacher.status().ToString();
  // Three people known before (registered by the city bureau), a fourth new; the institution
  // enrols all four by identity, the third under another name (held for a reviewer).
  std::vector<domain::Trainee> people;
  for (int i = 1; i <= 4; ++i) {
    domain::Trainee tr;
    tr.name = "学员" + std::to_string(i);
    tr.id_number = testing::ValidId(i);
    tr.phone = "1380000120" + std::to_string(i);
    tr.group = "security_staff";
    if (i <= 3) {
      auto made = app::CreateTrainee(ctx_, admin_, tr);
      ASSERT_TRUE(made.ok()) << made.status().ToString();
    }
    people.push_back(tr);
  }
  people[2].name = "别名";
  app::Actor clerk;
  clerk.user_id = 99;
  clerk.user = "clerk";
  clerk.roles = {std::string(domain::kRoleInstitution)};
  clerk.institution_id = inst->id;
  domain::TrainingClass cls;
  cls.institution_id = inst->id;
  cls.occupation = "security_guard";
  cls.title = "保安员初级技能培训班";
  cls.venue.address = "丰泽区东海街道 1 号";
  cls.teachers = {{"t1", teacher->id, ""}};
  for (int day = 0; day < 5; ++day) {
    domain::PlanSession s;
    s.date = *domain::ParseDate("2021-10-1" + std::to_string(1 + day), "date");
    s.start_minute = 8 * 60 + 30;
    s.end_minute = 11 * 60 + 30 + 15;
    s.hours = 4;
    s.kind = day < 3 ? domain::SessionKind::kTheory : domain::SessionKind::kPractical;
    s.teacher = "t1";
    cls.sessions.push_back(s);
  }
  for (const auto& p : people) cls.roster.push_back({0, p.name, p.id_number, p.group, p.phone});
  const Counts before = Count();
  const int64_t statements =
      FailEachStatement([&] { return app::CreateClass(ctx_, clerk, cls).status(); });
  EXPECT_GE(statements, 6) << "the class, its teachers, sessions, roster, audit";
  const Counts after = Count();
  EXPECT_EQ(after.trainees, before.trainees + 1) << "the fourth person is new";
  EXPECT_EQ(after.held, before.held + 1) << "the third is held for a reviewer";
  auto list = app::ListClasses(ctx_, clerk, {}, {1, 10});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 1);
  auto got = app::GetClass(ctx_, clerk, list->items[0].id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->sessions.size(), 5u);
  // Every person is on the roster as the institution gave them, the differing name included; the
  // held enrolment is the reviewers' (no trace of it in the institution's view).
  ASSERT_EQ(got->roster.size(), 4u);
  EXPECT_EQ(got->roster[2].name, "别名");
  auto own = app::ListTrainees(ctx_, clerk, {}, {1, 10});
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->total, 4);
  EXPECT_FALSE(app::ListHeldEnrolments(ctx_, clerk, {}, {1, 10}).ok());
}

// Filing a change request and approving it (the class's sessions, a new plan version, the
// request's decision, two audit events) are each one transaction: a failure at any statement
// leaves no request, no version, no session and no audit event behind.
TEST_P(UseCases, AFailureAtAnyStatementOfFilingOrApprovingAChangeRequestChangesNothing) {
  auto inst = app::CreateInstitution(ctx_, admin_, NewInstitution(5));
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  domain::Teacher t;
  t.institution_id = inst->id;
  t.name = "陈老师";
  t.id_number = testing::ValidId(901, 1975);
  auto teacher = app::CreateTeacher(ctx_, admin_, t);
  ASSERT_TRUE(teacher.ok()) << teacher.status().ToString();
  app::Actor clerk;
  clerk.user_id = 99;
  clerk.user = "clerk";
  clerk.roles = {std::string(domain::kRoleInstitution)};
  clerk.institution_id = inst->id;
  app::Actor reviewer;
  reviewer.user_id = 98;
  reviewer.user = "reviewer";
  reviewer.roles = {std::string(domain::kRoleReviewer)};
  reviewer.district_code = "350503";
  domain::TrainingClass cls;
  cls.institution_id = inst->id;
  cls.occupation = "security_guard";
  cls.title = "保安员初级技能培训班";
  cls.venue.address = "丰泽区东海街道 1 号";
  cls.teachers = {{"t1", teacher->id, ""}};
  auto session = [](const std::string& date, domain::SessionKind kind) {
    domain::PlanSession s;
    s.date = *domain::ParseDate(date, "date");
    s.start_minute = 8 * 60 + 30;
    s.end_minute = 11 * 60 + 50;
    s.hours = 4;
    s.kind = kind;
    s.teacher = "t1";
    return s;
  };
  for (int day = 0; day < 5; ++day) {
    cls.sessions.push_back(
        session("2021-10-1" + std::to_string(1 + day),
                day < 3 ? domain::SessionKind::kTheory : domain::SessionKind::kPractical));
  }
  cls.roster.push_back({0, "学员甲", testing::ValidId(31), "security_staff", "13800001231"});
  auto made = app::CreateClass(ctx_, clerk, cls);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto declared = app::DeclareClass(ctx_, clerk, made->id, made->version);
  ASSERT_TRUE(declared.ok() && declared->declared) << declared.status().ToString();
  {  // approved as the review workflow approves (its use case is not what is tested here)
    auto conn = adapters::OpenDatabase(db_->url());
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    ASSERT_TRUE((*conn)
                    ->Execute("UPDATE classes SET state = 'approved' WHERE id = ?",
                              {ports::SqlValue(std::to_string(made->id))})
                    .ok());
  }
  domain::ChangeRequest change;
  change.kind = domain::ChangeKind::kMakeupClass;
  change.reason = "学员因病缺课";
  change.sessions = {session("2021-10-18", domain::SessionKind::kTheory)};
  change.trainee_ids = {declared->cls.roster.at(0).trainee_id};
  int64_t id = 0;
  const int64_t filing = FailEachStatement([&] {
    auto r = app::FileChangeRequest(ctx_, clerk, made->id, change, std::nullopt);
    if (r.ok()) id = r->request.id;
    return r.status();
  });
  EXPECT_GE(filing, 4) << "the request, its sessions, its trainees, the audit event";
  ASSERT_GT(id, 0);
  auto versions = [&] {
    auto v = app::ListPlanVersions(ctx_, clerk, made->id);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->size() : 0u;
  };
  auto sessions = [&] {
    auto c = app::GetClass(ctx_, clerk, made->id);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->sessions.size() : 0u;
  };
  for (int64_t n = 1; n < 200; ++n) {
    faults_->Arm(n);
    const int64_t injected = faults_->injected;
    auto r = app::DecideChangeRequest(ctx_, reviewer, id, app::ChangeDecision::kApprove, "", 1);
    const bool hit = faults_->injected > injected;
    faults_->Disarm();
    if (!hit) {
      ASSERT_TRUE(r.ok() && r->done) << r.status().ToString();
      EXPECT_EQ(r->request.plan_version, 2);
      break;
    }
    EXPECT_EQ(r.status().code(), Code::kUnavailable) << "statement " << n;
    EXPECT_EQ(versions(), 1u) << "statement " << n << " failed but a version was kept";
    EXPECT_EQ(sessions(), 5u) << "statement " << n << " failed but the sessions changed";
    auto still = app::GetChangeRequest(ctx_, reviewer, id);
    ASSERT_TRUE(still.ok());
    EXPECT_EQ(still->state, domain::ChangeState::kPending) << "statement " << n;
  }
  EXPECT_EQ(versions(), 2u);
  EXPECT_EQ(sessions(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Backends, UseCases, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
