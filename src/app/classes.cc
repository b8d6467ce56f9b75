#include "app/classes.h"

#include <cmath>
#include <set>

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/calendar.h"
#include "app/enrolment.h"
#include "app/registry.h"
#include "app/roster_import.h"

namespace anpei::app {
namespace {

using domain::ClassState;
using ports::TxMode;

// Roster entries given by identity whose name differs from the person's: (person, as given).
using PendingHeld = std::vector<std::pair<int64_t, domain::Trainee>>;

std::string Idx(std::string_view name, size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

Status LockedConflict(const domain::TrainingClass& cls) {
  return Status(Code::kConflict,
                "培训班当前状态为「" + std::string(domain::ClassStateName(cls.state)) + "」（" +
                    std::string(domain::ClassStateId(cls.state)) +
                    "），教学计划已锁定，不能直接修改；如需调整请提交变更申请（三（二）3）",
                "state")
      .WithReason("class.plan_locked");
}

Status StaleConflict(const domain::TrainingClass& cls, int64_t version) {
  return Status(Code::kConflict,
                "培训班已被他人修改（您提交的版本 " + std::to_string(version) + "，当前版本 " +
                    std::to_string(cls.version) + "），请刷新后再改",
                "version")
      .WithReason("version.stale");
}

// The policy, occupation, title and venue of a class; sets `policy` to the class's policy.
Status CheckClassBasics(const AppContext& ctx, domain::TrainingClass& in,
                        const domain::Policy*& policy) {
  if (in.policy_id.empty()) in.policy_id = std::string(kDefaultPolicyId);
  auto found = ctx.reference->FindPolicy(in.policy_id, "policy");
  if (!found.ok()) return Status::Invalid("policy", found.status().message());
  policy = *found;
  if (!policy->FindOccupation(in.occupation)) {
    std::string known;
    for (const auto& o : policy->occupations) {
      known += (known.empty() ? "" : "、") + o.name;
    }
    return Status::Invalid("occupation",
                           "适用政策中没有工种「" + in.occupation + "」，可选：" + known);
  }
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.title, "title", "培训班名称", 100, true));
  ANPEI_RETURN_IF_ERROR(
      CheckText(ctx, in.venue.address, "venue.address", "培训场地地址", 200, false));
  if (in.venue.lat.has_value() != in.venue.lng.has_value()) {
    return Status::Invalid(in.venue.lat ? "venue.lng" : "venue.lat",
                           "场地坐标需同时填写纬度和经度");
  }
  if (in.venue.lat && (!std::isfinite(*in.venue.lat) || std::abs(*in.venue.lat) > 90)) {
    return Status::Invalid("venue.lat", "纬度应在 -90 到 90 之间");
  }
  if (in.venue.lng && (!std::isfinite(*in.venue.lng) || std::abs(*in.venue.lng) > 180)) {
    return Status::Invalid("venue.lng", "经度应在 -180 到 180 之间");
  }
  return Status::Ok();
}

// The declared teachers (unique keys, each a teacher of the class's institution, names joined)
// and every session's teacher among them.
Status CheckClassTeachers(const AppContext& ctx, ports::StoreTx& tx, domain::TrainingClass& in) {
  std::set<std::string> keys;
  std::set<int64_t> teacher_ids;
  for (size_t i = 0; i < in.teachers.size(); ++i) {
    auto& t = in.teachers[i];
    const std::string path = Idx("teachers", i);
    ANPEI_RETURN_IF_ERROR(CheckText(ctx, t.key, path + ".key", "教师编号", 20, true));
    if (!keys.insert(t.key).second) {
      return Status::Invalid(path + ".key", "教师编号「" + t.key + "」重复");
    }
    if (!teacher_ids.insert(t.teacher_id).second) {
      return Status::Invalid(path + ".teacher_id", "同一位教师只需列出一次");
    }
    // An id in the body is authorised like an id in a path: another institution's teacher gets
    // word for word the answer of a missing one, without a name.
    auto teacher = tx.registry().GetTeacher(t.teacher_id);
    if (!teacher.ok() && teacher.status().code() != Code::kNotFound) return teacher.status();
    if (!teacher.ok() || teacher->institution_id != in.institution_id) {
      return Status(Code::kNotFound, "教师 " + std::to_string(t.teacher_id) + " 不存在",
                    path + ".teacher_id")
          .WithReason("id.not_found");
    }
    t.name = teacher->name;
  }
  for (size_t i = 0; i < in.sessions.size(); ++i) {
    auto& s = in.sessions[i];
    ANPEI_RETURN_IF_ERROR(CheckText(ctx, s.content, Idx("sessions", i) + ".content", "课程内容",
                                    domain::kMaxSessionContentChars, false));
    if (s.teacher && !keys.count(*s.teacher)) {
      return Status::Invalid(Idx("sessions", i) + ".teacher",
                             "教师编号「" + *s.teacher + "」不在本班师资名单中");
    }
  }
  return Status::Ok();
}

// A roster entry given by identity (trainee_id 0): checked like an import row, then the person is
// found or registered and the institution gets its record of them (enrolment.h). A name that
// differs from the person's stays on the roster as given and is noted in `held` (a held
// enrolment, filed once the class has its id; the answer does not tell).
Status EnrolEntry(const AppContext& ctx, ports::StoreTx& tx, const domain::TrainingClass& in,
                  domain::RosterEntry& entry, const std::string& path, PendingHeld& held) {
  domain::Trainee t;
  t.name = entry.name;
  t.id_number = entry.id_number;
  t.phone = entry.phone;
  t.group = entry.group;
  ANPEI_RETURN_IF_ERROR(CheckTraineeFields(ctx, t, path));
  if (auto fault = MinAgeFault(ctx, in, t.id_number)) {
    return Status::Invalid(path + ".id_number",
                           fault->message + "（" + fault->rule + "，" + fault->clause + "）")
        .WithReason("roster.min_age");
  }
  ANPEI_ASSIGN_OR_RETURN(auto resolved, ResolveIdentity(ctx, tx, in.institution_id, t));
  entry.trainee_id = resolved.trainee_id;
  if (resolved.mismatch) held.emplace_back(resolved.trainee_id, std::move(t));
  return Status::Ok();
}

// The roster: within the limit, no one twice, every trainee one the institution has its own
// record of (an id in the body is authorised like an id in a path: anyone else's, or a missing
// one, gets the same 404), names and IDs joined, and old enough for the occupation
// (ROSTER_MIN_AGE). Entries given by identity are enrolled first.
Status CheckClassRoster(const AppContext& ctx, ports::StoreTx& tx, domain::TrainingClass& in,
                        PendingHeld& held) {
  if (in.roster.size() > kMaxRoster) {
    return Status::Invalid("roster",
                           "一个培训班的学员不能超过 " + std::to_string(kMaxRoster) + " 人");
  }
  std::set<int64_t> trainees;
  for (size_t i = 0; i < in.roster.size(); ++i) {
    auto& entry = in.roster[i];
    const std::string path = Idx("roster", i);
    if (entry.trainee_id == 0) ANPEI_RETURN_IF_ERROR(EnrolEntry(ctx, tx, in, entry, path, held));
    if (!trainees.insert(entry.trainee_id).second) {
      return Status(
          Code::kConflict,
          "学员 " + std::to_string(entry.trainee_id) + " 在名单中重复（同一学员只能报名一次）",
          path);
    }
    ANPEI_ASSIGN_OR_RETURN(auto record,
                           tx.enrolments().GetEnrolment(in.institution_id, entry.trainee_id));
    if (!record) {
      return Status(Code::kNotFound, "学员 " + std::to_string(entry.trainee_id) + " 不存在", path)
          .WithReason("id.not_found");
    }
    ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(entry.trainee_id));
    const domain::Trainee trainee = OwnView(std::move(person), *record);  // the name it sees
    entry.name = trainee.name;
    entry.id_number = trainee.id_number;
    entry.group = record->group;
    entry.phone.clear();
    if (auto fault = MinAgeFault(ctx, in, trainee.id_number)) {
      return Status::Invalid(path, "学员「" + domain::MaskName(trainee.name) + "」" +
                                       fault->message + "（" + fault->rule + "，" + fault->clause +
                                       "）")
          .WithReason("roster.min_age");
    }
  }
  return Status::Ok();
}

// Files the held enrolments noted by CheckClassRoster, now that the class has its id.
Status FilePending(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                   const domain::TrainingClass& cls, const PendingHeld& held) {
  for (const auto& [trainee_id, t] : held) {
    ANPEI_RETURN_IF_ERROR(
        FileHeld(ctx, tx, actor, cls.institution_id, cls.id, trainee_id, t).status());
  }
  return Status::Ok();
}

// Validates the editable parts of a class and resolves teacher names and roster entries against
// the store. `in` is changed in place (trimmed texts, joined names).
Status CheckClassInput(const AppContext& ctx, ports::StoreTx& tx, domain::TrainingClass& in,
                       PendingHeld& held) {
  const domain::Policy* policy = nullptr;
  ANPEI_RETURN_IF_ERROR(CheckClassBasics(ctx, in, policy));
  ANPEI_RETURN_IF_ERROR(CheckClassTeachers(ctx, tx, in));
  if (!in.sessions.empty()) {
    ANPEI_RETURN_IF_ERROR(domain::ValidatePlan(domain::PlanOf(in, std::nullopt), *policy));
  }
  return CheckClassRoster(ctx, tx, in, held);
}

Status InstitutionExists(ports::StoreTx& tx, int64_t id) {
  auto inst = tx.registry().GetInstitution(id);
  if (inst.ok()) return Status::Ok();
  if (inst.status().code() == Code::kNotFound) {
    return Status::Invalid("institution_id", "培训机构 " + std::to_string(id) + " 不存在");
  }
  return inst.status();
}

// Scope filter for the actor's lists and counts.
ports::ClassFilter Scoped(const Actor& actor, ports::ClassFilter f) {
  NarrowToScope(actor, f.institution_id, f.district_code);
  return f;
}

// Reads the class for `actor`: hidden (404) outside their scope.
Result<domain::TrainingClass> VisibleClass(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(id));
  if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", id);
  return cls;
}

// Only the class's own institution changes it (三（一）1): 401 / 404 outside scope / 403 for a
// role that sees the class but does not run it.
Result<domain::TrainingClass> OwnClass(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, id));
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  return cls;
}

}  // namespace

Result<domain::TrainingClass> EditableClass(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                            int64_t version) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, OwnClass(tx, actor, id));
  if (!domain::IsPlanEditable(cls.state)) return LockedConflict(cls);
  if (cls.version != version) return StaleConflict(cls, version);
  return cls;
}

Result<ports::PageOf<domain::ClassSummary>> ListClasses(const AppContext& ctx, const Actor& actor,
                                                        const ports::ClassFilter& filter,
                                                        ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<ports::PageOf<domain::ClassSummary>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListClassesIn(ctx, tx, actor, filter, page));
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::ClassSummary>> ListClassesIn(const AppContext& ctx, ports::StoreTx& tx,
                                                          const Actor& actor,
                                                          const ports::ClassFilter& filter,
                                                          ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  ports::ClassFilter f = Scoped(actor, filter);
  // Waiting at least N whole local days: declared before the start of the day N - 1 days ago
  // (declared_at is RFC 3339 in the installation's offset, so its text orders like its time).
  if (f.waiting_days_min) {
    f.declared_before = ctx.Today().AddDays(1 - *f.waiting_days_min).ToString();
  }
  // The review queue: the declarations waiting longest first.
  f.oldest_declared_first = f.state == domain::ClassStateId(ClassState::kDeclared);
  return tx.classes().ListClasses(f, page);
}

Result<domain::TrainingClass> GetClassIn(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  ANPEI_ASSIGN_OR_RETURN(auto r, VisibleClass(tx, actor, id));
  for (auto& e : r.roster) e.name = NameFor(actor, r.institution_id, e.name);
  return r;
}

Result<domain::TrainingClass> GetClass(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<domain::TrainingClass>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, VisibleClass(tx, actor, id));
    for (auto& e : r.roster) e.name = NameFor(actor, r.institution_id, e.name);
    out = std::move(r);
    return Status::Ok();
  });
}

Result<domain::TrainingClass> CreateClass(const AppContext& ctx, const Actor& actor,
                                          domain::TrainingClass in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  if (!actor.Has(domain::kRoleSystem) && actor.institution_id != in.institution_id) {
    return Status(Code::kPermissionDenied, "只能为本机构开班", "institution_id");
  }
  return InTx<domain::TrainingClass>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_RETURN_IF_ERROR(InstitutionExists(tx, in.institution_id));
    PendingHeld held;
    ANPEI_RETURN_IF_ERROR(CheckClassInput(ctx, tx, in, held));
    in.state = ClassState::kDraft;
    in.declared_at.reset();
    in.created_at = in.updated_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(auto id, tx.classes().InsertClass(in));
    in.id = id;
    ANPEI_RETURN_IF_ERROR(FilePending(ctx, tx, actor, in, held));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.create", "class:" + std::to_string(id), "",
                                Canon(r), "", Created(ctx, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<domain::TrainingClass> UpdateClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                          domain::TrainingClass in, int64_t version) {
  return InTx<domain::TrainingClass>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto current, OwnClass(tx, actor, id));
    if (!domain::IsPlanEditable(current.state)) return LockedConflict(current);
    if (current.version != version) return StaleConflict(current, version);
    in.id = id;
    in.institution_id = current.institution_id;  // a class stays with its institution
    in.policy_id = current.policy_id.empty() ? in.policy_id : current.policy_id;
    PendingHeld held;
    ANPEI_RETURN_IF_ERROR(CheckClassInput(ctx, tx, in, held));
    in.state = current.state;
    in.declared_at = current.declared_at;
    in.calendar_version = current.calendar_version;
    in.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(in, version));
    ANPEI_RETURN_IF_ERROR(FilePending(ctx, tx, actor, in, held));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.update", "class:" + std::to_string(id),
                                Canon(current), Canon(r), "", Changes(ctx, current, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

namespace {

// The verdict for `cls` declared at `at` with `calendar`; errors when the policy is gone or the
// plan cannot be checked.
Result<domain::PlanVerdict> Verdict(const AppContext& ctx, const domain::TrainingClass& cls,
                                    domain::Instant at, const domain::WorkCalendar& calendar) {
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
  if (cls.sessions.empty()) {
    return Status(Code::kFailedPrecondition, "教学计划还没有课次，请先添加课次", "sessions");
  }
  auto verdict = domain::CheckPlan(domain::PlanOf(cls, at), *policy, calendar);
  if (!verdict.ok()) {
    return Status(Code::kFailedPrecondition, verdict.status().message(), verdict.status().field());
  }
  return verdict;
}

// The institution may declare: not on the credit blacklist (四（三）), and its credit code valid or
// confirmed by the city bureau (a legacy code held for confirmation blocks declaring).
Status InstitutionMayDeclare(ports::StoreTx& tx, int64_t institution_id) {
  ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().GetInstitution(institution_id));
  if (inst.blacklisted_at) {
    return Status(Code::kFailedPrecondition,
                  "培训机构「" + inst.name + "」自 " + *inst.blacklisted_at +
                      " 起列入失信名单，名单期间不能申报培训班（四（三））",
                  "institution_id");
  }
  if (!domain::UsccAllowsDeclaring(inst.uscc_status)) {
    return Status(Code::kFailedPrecondition,
                  "培训机构「" + inst.name + "」的统一社会信用代码校验码不符（" +
                      std::string(domain::UsccStatusName(inst.uscc_status)) +
                      "），须经市公安局确认后才能申报培训班",
                  "institution_id")
        .WithReason("institution.uscc_unconfirmed");
  }
  return Status::Ok();
}

}  // namespace

Result<domain::PlanVerdict> ClassVerdictIn(const AppContext& ctx, ports::StoreTx& tx,
                                           const domain::TrainingClass& cls) {
  domain::Instant at = ctx.Now();
  std::optional<int64_t> revision;
  // A class that can be declared (a draft, also one withdrawn; a returned one) is checked as if
  // declared now, which is what declaring it will do; a declared or decided one as it was declared.
  if (cls.declared_at && !domain::CanDeclare(cls.state)) {
    auto t = domain::ParseTimestamp(*cls.declared_at, "declared_at");
    if (t.ok()) at = *t;
    // Decided with the calendar of the declaration, whatever was corrected since.
    revision = cls.calendar_version.value_or(0);
  }
  ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx, revision));
  return Verdict(ctx, cls, at, *calendar.calendar);
}

Result<domain::PlanVerdict> CheckClassPlan(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<domain::PlanVerdict>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, id));
    ANPEI_ASSIGN_OR_RETURN(out, ClassVerdictIn(ctx, tx, cls));
    return Status::Ok();
  });
}

Result<DeclareOutcome> DeclareClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                    int64_t version) {
  return InTx<DeclareOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, DeclareOutcome& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, OwnClass(tx, actor, id));
    if (!domain::CanDeclare(cls.state)) return LockedConflict(cls);
    if (cls.version != version) return StaleConflict(cls, version);
    ANPEI_RETURN_IF_ERROR(InstitutionMayDeclare(tx, cls.institution_id));
    if (cls.venue.address.empty()) {
      return Status(Code::kFailedPrecondition, "申报前请填写培训场地地址（三（一）1）",
                    "venue.address");
    }
    if (cls.roster.empty()) {
      return Status(Code::kFailedPrecondition, "申报前请录入学员名单（三（一）1）", "roster");
    }
    const domain::Instant now = ctx.Now();
    ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx));
    ANPEI_ASSIGN_OR_RETURN(auto verdict, Verdict(ctx, cls, now, *calendar.calendar));
    out.verdict = verdict;
    if (!verdict.ok()) {
      out.declared = false;
      out.cls = std::move(cls);
      return Status::Ok();  // nothing written: the transaction commits no change
    }
    domain::TrainingClass next = cls;
    next.state = ClassState::kDeclared;
    next.declared_at = domain::FormatTimestamp(now, ctx.LocalOffset());
    next.calendar_version = calendar.revision;
    next.updated_at = *next.declared_at;
    ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, version));
    ANPEI_ASSIGN_OR_RETURN(auto versions, tx.classes().ListPlanVersions(id));
    domain::PlanVersion pv;
    pv.version = static_cast<int64_t>(versions.size()) + 1;
    pv.plan_json = ctx.encode_plan(domain::PlanOf(next, now), next.policy_id, ctx.LocalOffset());
    pv.reason = "declared";
    for (const auto& e : next.roster) pv.roster.push_back(e.trainee_id);
    pv.created_at = *next.declared_at;
    ANPEI_RETURN_IF_ERROR(tx.classes().InsertPlanVersion(id, pv));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.declare", "class:" + std::to_string(id),
                                Canon(cls), Canon(r),
                                "计划版本 " + std::to_string(pv.version) + "，日历修订号 " +
                                    std::to_string(calendar.revision),
                                Changes(ctx, cls, r)));
    out.declared = true;
    out.cls = std::move(r);
    return Status::Ok();
  });
}

Result<std::vector<domain::PlanVersion>> ListPlanVersions(const AppContext& ctx, const Actor& actor,
                                                          int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<std::vector<domain::PlanVersion>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, id));
        ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().ListPlanVersions(id));
        out = std::move(r);
        return Status::Ok();
      });
}

Result<ports::ClassStats> ClassStatistics(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<ports::ClassStats>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().CountClasses(Scoped(actor, {})));
    out = std::move(r);
    return Status::Ok();
  });
}

}  // namespace anpei::app
