// anpei demo --db URL: fills an empty store with realistic demo data for Quanzhou — districts,
// training institutions with valid unified social credit codes, teachers, 240 trainees with valid
// synthetic ID numbers, accounts, and classes in several states. Everything goes through the app's
// use cases (so it is validated and audited like any input): classes are declared by their
// institution's clerk and decided (approved, returned, rejected; one returned and declared again)
// by the district's reviewer — or the city bureau where no district reviewer exists — each at its
// own past time. Deterministic: a fixed seed, fixed dates.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <random>

#include "adapters/blob/fs_blob_store.h"
#include "adapters/clock/clocks.h"
#include "adapters/exif/libexif_reader.h"
#include "adapters/face/opencv_face_inspector.h"
#include "adapters/video/ffmpeg_video_probe.h"
#include "app/accounts.h"
#include "app/audit_log.h"
#include "app/change_requests.h"
#include "app/classes.h"
#include "app/registry.h"
#include "app/review.h"
#include "app/spot_checks.h"
#include "cli/cli.h"
#include "cli/demo_attendance.h"
#include "cli/demo_catalog.h"
#include "cli/demo_completion.h"
#include "cli/demo_evidence.h"
#include "cli/demo_fraud.h"
#include "cli/demo_funds.h"
#include "cli/demo_people.h"
#include "cli/demo_publicity.h"
#include "domain/identity.h"

namespace anpei::cli {
namespace {

using domain::ClassState;

domain::Instant At(const std::string& rfc3339) { return *domain::ParseTimestamp(rfc3339, "demo"); }

// Five working days from `start` (a Monday), 08:30-11:30, four class hours a day. `online_days`
// of the theory days are online; `practical_days` of the five are practical.
std::vector<domain::PlanSession> Plan(const std::string& start, int practical_days,
                                      int online_days) {
  std::vector<domain::PlanSession> out;
  const domain::Date d0 = *domain::ParseDate(start, "demo");
  for (int i = 0; i < 5; ++i) {
    domain::PlanSession s;
    s.date = d0.AddDays(i);
    s.start_minute = 8 * 60 + 30;
    s.end_minute = 11 * 60 + 30;
    s.hours = 4;
    const bool practical = i >= 5 - practical_days;
    s.kind = practical ? domain::SessionKind::kPractical : domain::SessionKind::kTheory;
    const bool online = !practical && i < online_days;
    s.delivery = online ? domain::Delivery::kOnline : domain::Delivery::kOffline;
    if (!online) s.teacher = practical ? "t2" : "t1";
    out.push_back(s);
  }
  return out;
}

// Every demo account has this password; it is printed, so it protects nothing but a demo.
constexpr std::string_view kDemoPassword = "Anpei@2026demo";

void PrintDemoAccounts(const app::AppContext& ctx, const app::Actor& actor) {
  auto admin = app::FindUser(ctx, actor, "admin");
  if (!admin.ok()) return;  // not the demo's store
  std::cout << "演示账号（密码均为 " << kDemoPassword << "）：\n"
            << "  admin 市公安局管理员 · auditor 审计 · hrss 人社 · finance 财政\n"
            << "  reviewer_fengze 丰泽区审核员 · reviewer_jinjiang 晋江市审核员\n"
            << "  inst1 … inst5 各培训机构经办人\n";
}

int Fail(const Status& st, const std::string& what) {
  std::cerr << "演示数据写入失败（" << what << "）：";
  PrintError(st);
  return kExitConfig;
}

// What the seeding steps share: the app, the acting (system) user, the random source and the
// ids made so far.
struct Seed {
  Seed(const app::AppContext& c, app::Actor a) : ctx(c), actor(std::move(a)) {}
  const app::AppContext& ctx;
  app::Actor actor;
  std::mt19937 rng{177};  // after the notice's number: the same demo every time
  std::vector<domain::Institution> institutions;
  std::vector<std::vector<int64_t>> teachers;  // per institution
  std::vector<domain::Trainee> trainees;       // the people, enrolled by identity into classes
  int classes = 0;
  std::vector<int64_t> class_ids;  // in the order of kClasses
  size_t users = 0;
  std::map<std::string, app::Actor> accounts;  // the demo users by user name, as actors
  DemoAttendanceDone attendance;
  DemoEvidenceDone evidence;
  DemoFraudDone fraud;
  DemoCompletionDone completion;
  DemoPublicityDone publicity;
  DemoFundsDone funds;
};

// A failed seeding step, naming what it was writing.
Status Failed(const Status& st, const std::string& what) {
  return Status(st.code(), "演示数据写入失败（" + what + "）：" + st.ToString(), st.field());
}

// Districts, institutions and three teachers per institution.
Status SeedRegistry(Seed& seed) {
  const app::AppContext& ctx = seed.ctx;
  const app::Actor& actor = seed.actor;
  std::mt19937& rng = seed.rng;
  std::vector<domain::Institution>& institutions = seed.institutions;
  std::vector<std::vector<int64_t>>& teachers = seed.teachers;
  for (const auto& d : kDistricts) {
    auto r = app::CreateDistrict(ctx, actor, {d.code, d.name});
    if (!r.ok()) return Failed(r.status(), d.name);
  }

  for (const auto& d : kInstitutions) {
    domain::Institution in;
    in.name = d.name;
    in.uscc = Uscc(rng, d.district);
    in.district_code = d.district;
    in.address = d.address;
    auto r = app::CreateInstitution(ctx, actor, in);
    if (!r.ok()) return Failed(r.status(), d.name);
    institutions.push_back(*r);
    std::vector<int64_t> ids;
    const char* quals[] = {"保安员（高级）职业资格证书，保安培训教师 8 年",
                           "退役武警教官，擒敌技术与安全防范实操",
                           "消防设施操作员（中级），应急处置课程"};
    for (int t = 0; t < 3; ++t) {
      domain::Teacher teacher;
      teacher.institution_id = r->id;
      teacher.name =
          std::string(kSurnames[rng() % std::size(kSurnames)]) + "老师" + std::to_string(t + 1);
      teacher.id_number = ResidentId(rng, d.district, 1970 + static_cast<int>(rng() % 20));
      teacher.qualification = quals[t];
      auto tr = app::CreateTeacher(ctx, actor, teacher);
      if (!tr.ok()) return Failed(tr.status(), teacher.name);
      ids.push_back(tr->id);
    }
    teachers.push_back(ids);
  }
  return Status::Ok();
}

Status SeedTrainees(Seed& seed) {
  std::mt19937& rng = seed.rng;
  std::vector<domain::Trainee>& trainees = seed.trainees;
  constexpr int kTrainees = 240;
  for (int i = 0; i < kTrainees; ++i) {
    domain::Trainee t;
    t.name =
        std::string(kSurnames[rng() % std::size(kSurnames)]) + kGiven[rng() % std::size(kGiven)];
    const auto& district = kDistricts[rng() % std::size(kDistricts)];
    t.id_number = ResidentId(rng, district.code, 1972 + static_cast<int>(rng() % 32));
    t.phone = Phone(rng);
    t.group = i % 6 == 5 ? "auxiliary_police" : "security_staff";
    auto r = app::CreateTrainee(seed.ctx, seed.actor, t);
    if (r.status().code() == Code::kConflict) continue;  // a repeated random ID: skip it
    if (!r.ok()) return Failed(r.status(), t.name);
    trainees.push_back(t);
  }
  return Status::Ok();
}

// The reviewer who decides for an institution: its district's, else the city bureau.
const app::Actor& ReviewerFor(const Seed& seed, const domain::Institution& inst) {
  for (const auto& [name, actor] : seed.accounts) {
    if (actor.Has(domain::kRoleReviewer) && actor.district_code == inst.district_code) {
      return actor;
    }
  }
  return seed.accounts.at("admin");
}

// The institution's clerk (inst1 … inst5).
const app::Actor& ClerkOf(const Seed& seed, const domain::Institution& inst) {
  for (const auto& [name, actor] : seed.accounts) {
    if (actor.Has(domain::kRoleInstitution) && actor.institution_id == inst.id) return actor;
  }
  return seed.actor;
}

// Decides the declared class `cls` at the demo's time through the review use case; a class that
// was returned and declared again is declared again by its clerk.
Status DecideDemoClass(const Seed& seed, const domain::Institution& inst,
                       const domain::TrainingClass& cls, domain::ReviewDecision decision,
                       const DemoClass& c) {
  app::AppContext at = seed.ctx;
  at.clock = std::make_shared<adapters::FixedClock>(At(c.decided_at));
  app::ReviewInput in{std::string(domain::ReviewDecisionId(decision)), c.reason, cls.version};
  auto decided = app::ReviewClass(at, ReviewerFor(seed, inst), cls.id, in);
  if (!decided.ok()) return decided.status();
  if (!c.declared_again_at) return Status::Ok();
  at.clock = std::make_shared<adapters::FixedClock>(At(c.declared_again_at));
  auto again = app::DeclareClass(at, ClerkOf(seed, inst), cls.id, decided->version);
  if (!again.ok()) return again.status();
  if (!again->declared) return Status(Code::kInternal, "演示计划再次申报未通过校验");
  return Status::Ok();
}

// The classes, each declared by its clerk (at its own past time) and decided by a reviewer.
Status SeedClasses(Seed& seed) {
  const app::AppContext& ctx = seed.ctx;
  const app::Actor& actor = seed.actor;
  const auto& institutions = seed.institutions;
  const auto& teachers = seed.teachers;
  const auto& trainees = seed.trainees;
  int& made = seed.classes;
  size_t next_trainee = 0;
  for (const auto& c : kClasses) {
    const auto& inst = institutions[c.institution];
    const auto& d = kInstitutions[c.institution];
    domain::TrainingClass cls;
    cls.institution_id = inst.id;
    cls.policy_id = std::string(app::kDefaultPolicyId);
    cls.occupation = c.occupation;
    cls.title = c.title;
    cls.venue = {d.address, d.lat, d.lng};
    cls.teachers = {{"t1", teachers[c.institution][0], ""}, {"t2", teachers[c.institution][1], ""}};
    cls.sessions = Plan(c.start, c.practical_days, c.online_days);
    for (int k = 0; k < 24; ++k) {
      // Enrolled by identity, as an institution does: each gets its own record of the person.
      const domain::Trainee& t = trainees[next_trainee++ % trainees.size()];
      cls.roster.push_back({0, t.name, t.id_number, t.group, t.phone});
    }
    auto created = app::CreateClass(ctx, actor, cls);
    if (!created.ok()) return Failed(created.status(), c.title);
    ++made;
    seed.class_ids.push_back(created->id);
    if (c.state == ClassState::kDraft) continue;

    app::AppContext at = ctx;  // the declaration happens at its own (past) time
    at.clock = std::make_shared<adapters::FixedClock>(At(c.declared_at));
    auto declared = app::DeclareClass(at, ClerkOf(seed, inst), created->id, created->version);
    if (!declared.ok()) return Failed(declared.status(), c.title);
    if (!declared->declared) {
      return Failed(
          Status(Code::kInternal, "演示计划未通过校验：" + declared->verdict.violations.at(0).rule),
          c.title);
    }
    if (!c.decided_at) continue;
    const bool declared_again = c.declared_again_at != nullptr;
    const domain::ReviewDecision decision =
        declared_again || c.state == ClassState::kReturned ? domain::ReviewDecision::kReturn
        : c.state == ClassState::kRejected                 ? domain::ReviewDecision::kReject
                                                           : domain::ReviewDecision::kApprove;
    Status st = DecideDemoClass(seed, inst, declared->cls, decision, c);
    if (!st.ok()) return Failed(st, c.title);
  }
  return Status::Ok();
}

// The demo's context at a past time: what happens after review (issue 12) goes through the real
// use cases at its own time.
app::AppContext DemoAt(const Seed& seed, const char* when) {
  app::AppContext c = seed.ctx;
  c.clock = std::make_shared<adapters::FixedClock>(At(when));
  return c;
}

// A make-up session taught by the class's first teacher.
domain::PlanSession DemoSession(const char* date, int start, int end, int hours) {
  domain::PlanSession s;
  s.date = *domain::ParseDate(date, "demo");
  s.start_minute = start;
  s.end_minute = end;
  s.hours = hours;
  s.teacher = "t1";
  return s;
}

// 抽查 of the Fengze class in training: a draw with a published seed, a visit from the draw, a
// second visit whose finding opens a case.
Status SeedSpotChecks(Seed& seed) {
  const auto& inst0 = seed.institutions.at(0);
  const int64_t fengze = seed.class_ids.at(0);
  const app::Actor& reviewer0 = ReviewerFor(seed, inst0);
  auto at = [&](const char* when) { return DemoAt(seed, when); };
  // 抽查: the draw, then the visits.
  app::DrawRequest draw;
  draw.count = 1;
  draw.seed = "SSE-2026-11-03-close";
  draw.district_code = inst0.district_code;
  auto drawn = app::DrawSpotCheck(at("2026-11-04T09:30:00+08:00"), reviewer0, draw);
  if (!drawn.ok()) return Failed(drawn.status(), "抽查");
  app::VisitInput visit;
  visit.draw_id = drawn->draw.id;
  visit.visited_at = "2026-11-04T10:00:00+08:00";
  visit.inspectors = {"王建国", "李明"};
  visit.present = 22;
  visit.expected = 24;
  visit.findings = "实到 22 人，2 人请假（有请假条）；签到表与现场一致，教学按计划进行。";
  auto v1 = app::RecordVisit(at("2026-11-04T11:00:00+08:00"), reviewer0, fengze, visit);
  if (!v1.ok()) return Failed(v1.status(), "现场检查");
  visit.draw_id.reset();
  visit.visited_at = "2026-11-05T09:40:00+08:00";
  visit.present = 18;
  visit.findings = "实到 18 人，签到表显示 24 人已签到，疑似代签，需进一步核查。";
  visit.open_case = true;
  auto v2 = app::RecordVisit(at("2026-11-05T10:30:00+08:00"), reviewer0, fengze, visit);
  if (!v2.ok()) return Failed(v2.status(), "现场检查");

  return Status::Ok();
}

// 变更申请: a make-up class approved and a reschedule refused (the Fengze class), a make-up exam
// still waiting (the Jinjiang class).
Status SeedChangeRequests(Seed& seed) {
  const auto& inst0 = seed.institutions.at(0);
  const auto& inst2 = seed.institutions.at(2);
  const int64_t fengze = seed.class_ids.at(0), jinjiang = seed.class_ids.at(5);
  const app::Actor& reviewer0 = ReviewerFor(seed, inst0);
  const app::Actor& clerk0 = ClerkOf(seed, inst0);
  const app::Actor& clerk2 = ClerkOf(seed, inst2);
  auto at = [&](const char* when) { return DemoAt(seed, when); };
  auto session = DemoSession;
  // 变更申请: a make-up class, approved.
  auto cls = app::GetClass(seed.ctx, clerk0, fengze);
  if (!cls.ok()) return Failed(cls.status(), "变更申请");
  domain::ChangeRequest makeup;
  makeup.kind = domain::ChangeKind::kMakeupClass;
  makeup.reason = "学员因病缺 11 月 3 日的理论课，申请于周六补课。";
  makeup.sessions = {session("2026-11-07", 8 * 60 + 30, 11 * 60 + 30, 4)};
  makeup.trainee_ids = {cls->roster.at(0).trainee_id};
  auto filed =
      app::FileChangeRequest(at("2026-11-04T14:00:00+08:00"), clerk0, fengze, makeup, std::nullopt);
  if (!filed.ok()) return Failed(filed.status(), "补课申请");
  if (!filed->done) return Failed(Status(Code::kInternal, "补课申请未通过校验"), "补课申请");
  auto approved =
      app::DecideChangeRequest(at("2026-11-04T16:20:00+08:00"), reviewer0, filed->request.id,
                               app::ChangeDecision::kApprove, "补课安排合理，同意。", std::nullopt);
  if (!approved.ok()) return Failed(approved.status(), "补课审核");
  // a reschedule, refused.
  domain::ChangeRequest move;
  move.kind = domain::ChangeKind::kReschedule;
  move.reason = "实训场地周五临时检修，申请将第 5 次课改到周日。";
  domain::SessionMove m;
  m.seq = 5;
  m.date = *domain::ParseDate("2026-11-08", "demo");
  m.start_minute = 8 * 60 + 30;
  m.end_minute = 11 * 60 + 30;
  move.moves = {m};
  auto moved =
      app::FileChangeRequest(at("2026-11-05T09:00:00+08:00"), clerk0, fengze, move, std::nullopt);
  if (!moved.ok()) return Failed(moved.status(), "改期申请");
  if (!moved->done) return Failed(Status(Code::kInternal, "改期申请未通过校验"), "改期申请");
  auto refused = app::DecideChangeRequest(
      at("2026-11-05T15:00:00+08:00"), reviewer0, moved->request.id, app::ChangeDecision::kRefuse,
      "未提供场地检修的书面证明，且周日无督查安排，不予批准。", std::nullopt);
  if (!refused.ok()) return Failed(refused.status(), "改期审核");
  // a make-up exam of the Jinjiang class, waiting for the reviewer.
  domain::ChangeRequest exam;
  exam.kind = domain::ChangeKind::kMakeupExam;
  exam.reason = "3 名学员结业考核未通过，申请安排补考。";
  exam.sessions = {session("2026-12-05", 9 * 60, 11 * 60, 2)};
  auto pending =
      app::FileChangeRequest(at("2026-11-13T15:00:00+08:00"), clerk2, jinjiang, exam, std::nullopt);
  if (!pending.ok()) return Failed(pending.status(), "补考申请");
  if (!pending->done) return Failed(Status(Code::kInternal, "补考申请未通过校验"), "补考申请");
  return Status::Ok();
}

// 考勤 of the Fengze class (and a pending paper exception of the Jinjiang class):
// cmd_demo_attendance.cc.
Status SeedAttendance(Seed& seed) {
  const auto& inst0 = seed.institutions.at(0);
  DemoAttendanceInput in;
  in.class_id = seed.class_ids.at(0);
  in.clerk = ClerkOf(seed, inst0);
  in.reviewer = ReviewerFor(seed, inst0);
  in.other_class_id = seed.class_ids.at(5);
  in.other_clerk = ClerkOf(seed, seed.institutions.at(2));
  in.venue_lat = kInstitutions[0].lat;
  in.venue_lng = kInstitutions[0].lng;
  auto cls = app::GetClass(seed.ctx, in.clerk, in.class_id);
  if (!cls.ok()) return Failed(cls.status(), "考勤");
  // The roster was made from the first trainees, in order (SeedClasses).
  for (size_t k = 0; k < cls->roster.size() && k < seed.trainees.size(); ++k) {
    in.roster.push_back(
        {cls->roster[k].trainee_id, seed.trainees[k].name, seed.trainees[k].id_number});
  }
  auto done = SeedDemoAttendance(seed.ctx, in);
  if (!done.ok()) return done.status();
  seed.attendance = *done;
  return Status::Ok();
}

// 过程材料 of the two approved classes: cmd_demo_evidence.cc.
Status SeedEvidence(Seed& seed) {
  DemoEvidenceInput in;
  in.class_id = seed.class_ids.at(0);
  in.clerk = ClerkOf(seed, seed.institutions.at(0));
  in.other_class_id = seed.class_ids.at(5);
  in.other_clerk = ClerkOf(seed, seed.institutions.at(2));
  in.work_dir = (std::filesystem::temp_directory_path() /
                 ("anpei-demo-evidence-" + std::to_string(::getpid())))
                    .string();
  auto done = SeedDemoEvidence(seed.ctx, in);
  if (!done.ok()) return done.status();
  seed.evidence = *done;
  return Status::Ok();
}

// Classes that ran in October through to completion and certificates (cmd_demo_completion.cc),
// at 丰泽, 鲤城, 晋江 and 南安, with the last 72 people (enrolled in no other completed class).
Status SeedCompletion(Seed& seed) {
  DemoCompletionInput in;
  for (size_t i : {0u, 1u, 2u, 4u}) {
    const auto& inst = seed.institutions.at(i);
    in.sites.push_back({inst.id, kInstitutions[i].address, kInstitutions[i].lat,
                        kInstitutions[i].lng, seed.teachers.at(i).at(0), seed.teachers.at(i).at(1),
                        ClerkOf(seed, inst), ReviewerFor(seed, inst)});
  }
  const size_t from = seed.trainees.size() > 72 ? seed.trainees.size() - 72 : 0;
  for (size_t k = from; k < seed.trainees.size(); ++k) {
    const auto& t = seed.trainees[k];
    in.people.push_back({t.name, t.id_number, t.group, t.phone});
  }
  ANPEI_ASSIGN_OR_RETURN(seed.completion, SeedDemoCompletion(seed.ctx, in));
  seed.classes += seed.completion.classes;
  return Status::Ok();
}

// 公示 and 异议 (cmd_demo_publicity.cc): the first two certified 丰泽 classes — one batch closed
// after an upheld objection, one in publicity with an objection open.
Status SeedPublicity(Seed& seed) {
  const auto& fengze = seed.institutions.at(0);
  std::vector<int64_t> mine;
  for (int64_t id : seed.completion.certified) {
    auto cls = app::GetClass(seed.ctx, seed.actor, id);
    if (!cls.ok()) return Failed(cls.status(), "公示");
    if (cls->institution_id == fengze.id) mine.push_back(id);
  }
  if (mine.size() < 2) return Failed(Status::Internal("丰泽区已发证的培训班不足两个"), "公示");
  ANPEI_ASSIGN_OR_RETURN(
      seed.publicity, SeedDemoPublicity(seed.ctx, {mine[0], mine[1], ReviewerFor(seed, fengze)}));
  return Status::Ok();
}

// 拨付 and 追回 (cmd_demo_funds.cc): the closed 丰泽 class paid; the certified 晋江, 南安 and 鲤城
// classes (completion order 1, 2, 3) published and requested — waiting for 人社, for 财政, and
// paid then found fraudulent (clawed back); another 晋江 class (5) published and closed.
Status SeedFunds(Seed& seed) {
  const auto& c = seed.completion.certified;
  if (c.size() < 6) return Failed(Status::Internal("已发证的培训班不足"), "拨付");
  DemoFundsInput in;
  in.closed_fengze_class = c[0];
  in.fengze_reviewer = ReviewerFor(seed, seed.institutions.at(0));
  in.hrss_waiting_class = c[1];
  in.jinjiang_reviewer = ReviewerFor(seed, seed.institutions.at(2));
  in.finance_waiting_class = c[2];
  in.clawback_class = c[3];
  in.closed_class = c[5];
  in.city = seed.accounts.at("admin");
  in.clawback_clerk = ClerkOf(seed, seed.institutions.at(1));
  in.hrss = seed.accounts.at("hrss");
  in.finance = seed.accounts.at("finance");
  ANPEI_ASSIGN_OR_RETURN(seed.funds, SeedDemoFunds(seed.ctx, in));
  return Status::Ok();
}

// 案件 and the credit blacklist (cmd_demo_fraud.cc): last, as a listed institution cannot declare.
Status SeedFraud(Seed& seed) {
  const auto& shishi = seed.institutions.at(3);
  const auto& jinjiang = seed.institutions.at(2);
  const DemoFraudInput in{seed.class_ids.back(),       ReviewerFor(seed, shishi),
                          ClerkOf(seed, shishi),       seed.class_ids.at(5),
                          ReviewerFor(seed, jinjiang), seed.accounts.at("admin")};
  ANPEI_ASSIGN_OR_RETURN(seed.fraud, SeedDemoFraud(seed.ctx, in));
  return Status::Ok();
}

// Accounts: one per role, reviewers of two districts, one per institution.
Status SeedAccounts(Seed& seed) {
  const auto& institutions = seed.institutions;
  struct DemoUser {
    std::string username, name, role;
    std::optional<int64_t> institution;
    std::optional<std::string> district;
  };
  std::vector<DemoUser> users = {
      {"admin", "市公安局管理员", "police_admin", {}, {}},
      {"auditor", "审计监督员", "auditor", {}, {}},
      {"hrss", "市人社局经办人", "hrss", {}, {}},
      {"finance", "市财政局经办人", "finance", {}, {}},
      {"reviewer_fengze", "丰泽分局审核员", "police_reviewer", {}, "350503"},
      {"reviewer_jinjiang", "晋江市公安局审核员", "police_reviewer", {}, "350582"},
  };
  for (size_t i = 0; i < institutions.size(); ++i) {
    users.push_back({"inst" + std::to_string(i + 1),
                     institutions[i].name + " 经办人",
                     "institution",
                     institutions[i].id,
                     {}});
  }
  for (const auto& u : users) {
    app::NewUser nu{u.username,    u.name,     {u.role},
                    u.institution, u.district, std::string(kDemoPassword)};
    auto r = app::CreateUser(seed.ctx, seed.actor, nu);
    if (!r.ok()) return Failed(r.status(), u.username);
    app::Actor actor;
    actor.user_id = r->id;
    actor.user = r->username;
    actor.display_name = r->display_name;
    actor.roles = r->roles;
    actor.institution_id = r->institution_id;
    actor.district_code = r->district_code;
    seed.accounts[u.username] = std::move(actor);
  }
  seed.users = users.size();
  return Status::Ok();
}

}  // namespace

int RunDemo(const Args& args) {
  std::string url = kDefaultDbUrl;
  std::string key_file;
  std::string blob_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db" && i + 1 < args.size()) {
      url = args[++i];
    } else if (args[i] == "--key-file" && i + 1 < args.size()) {
      key_file = args[++i];
    } else if (args[i] == "--blob-dir" && i + 1 < args.size()) {
      blob_dir = args[++i];
    } else {
      std::cerr << "用法：anpei demo --db sqlite:PATH|postgresql://… [--key-file PATH] "
                   "[--blob-dir DIR]\n";
      return kExitUsage;
    }
  }
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  auto opened =
      OpenApp(url, KeyFileFor(url, key_file), ref, std::make_shared<adapters::SystemClock>());
  if (!opened.ok()) {
    PrintError(opened.status());
    return opened.status().code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  // Selfies and paper sheets go where `anpei serve` looks for them (the same --blob-dir rule).
  auto blobs = adapters::OpenFsBlobStore(BlobDirFor(url, blob_dir));
  if (!blobs.ok()) {
    PrintError(blobs.status());
    return kExitConfig;
  }
  (*opened)->blobs = *blobs;
  if (auto faces = adapters::OpenFaceInspector(); faces.ok()) (*opened)->faces = *faces;
  // Evidence uploads are decoded as `anpei serve` decodes them.
  (*opened)->videos = adapters::NewFfmpegVideoProbe();
  (*opened)->exif = adapters::NewLibexifReader();
  const app::AppContext& ctx = **opened;

  const app::Actor actor = app::Actor::System("anpei-demo");
  auto existing = app::ListInstitutions(ctx, actor, {}, {1, 1});
  if (!existing.ok()) return Fail(existing.status(), "读取");
  auto districts = app::ListDistricts(ctx, actor);
  if (!districts.ok()) return Fail(districts.status(), "读取");
  if (existing->total > 0 || !districts->empty()) {
    std::cout << "数据库中已有数据，未写入演示数据。\n";
    PrintDemoAccounts(ctx, actor);
    return kExitOk;
  }

  // The audit trail shows who seeded.
  Seed seed(ctx, app::Actor::System("anpei-demo"));
  // Accounts before classes: the clerks declare and the reviewers decide.
  for (auto step :
       {SeedRegistry, SeedTrainees, SeedAccounts, SeedClasses, SeedSpotChecks, SeedChangeRequests,
        SeedAttendance, SeedEvidence, SeedCompletion, SeedPublicity, SeedFunds, SeedFraud}) {
    Status st = step(seed);
    if (!st.ok()) {
      PrintError(st);
      return kExitConfig;
    }
  }
  std::cout << "已写入演示数据：" << std::size(kDistricts) << " 个区县、"
            << seed.institutions.size() << " 家培训机构、" << seed.institutions.size() * 3
            << " 名教师、" << seed.trainees.size() << " 名学员、" << seed.classes << " 个培训班、"
            << seed.users << " 个账号；考勤：" << seed.attendance.identified << " 次扫码绑定、"
            << seed.attendance.check_ins << " 次手机签到/签退（" << seed.attendance.selfies
            << " 张自拍）、" << seed.attendance.backfilled << " 条纸质补录；过程材料："
            << seed.evidence.photos << " 张照片、" << seed.evidence.videos << " 段录像；案件 "
            << seed.fraud.cases << " 件；结业证书 " << seed.completion.certificates
            << " 张；公示批次 " << seed.publicity.batches << " 个、异议 "
            << seed.publicity.objections << " 条；拨付申请 " << seed.funds.requests << " 笔、追回 "
            << seed.funds.clawbacks << " 笔。\n";
  PrintDemoAccounts(ctx, seed.actor);
  return kExitOk;
}

}  // namespace anpei::cli
