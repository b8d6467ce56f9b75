#include "app/change_requests.h"

#include <set>

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/calendar.h"
#include "app/enrolment.h"
#include "app/registry.h"
#include "domain/model.h"

namespace anpei::app {
namespace {

using domain::ChangeRequest;
using domain::ChangeState;
using ports::TxMode;

std::string Target(int64_t id) { return "change_request:" + std::to_string(id); }

Status NotApproved(const domain::TrainingClass& cls) {
  return Status(Code::kConflict,
                "只有已批准的培训班可以提交变更申请，当前状态：" +
                    std::string(domain::ClassStateName(cls.state)) + "（" +
                    std::string(domain::ClassStateId(cls.state)) + "）",
                "state")
      .WithReason("change_request.class_not_approved");
}

Result<domain::TrainingClass> VisibleClass(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(id));
  if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", id);
  return cls;
}

// A field of the whole changed plan ("sessions[5].end") as the request's ("sessions[1].end").
Status RequestField(Status st, size_t existing, domain::ChangeKind kind) {
  const std::string& f = st.field();
  if (kind == domain::ChangeKind::kReschedule || f.rfind("sessions[", 0) != 0) return st;
  const size_t close = f.find(']');
  const size_t i = std::stoul(f.substr(9, close - 9));
  if (i < existing) return st;
  return Status(st.code(), st.message(),
                "sessions[" + std::to_string(i - existing) + "]" + f.substr(close + 1));
}

// The class's sessions after the change and the policy's verdict on them; `change` gets its
// moves' old times. Checks the added sessions' teachers and content like a plan edit.
struct Changed {
  std::vector<domain::PlanSession> sessions;
  domain::PlanVerdict verdict;
};
Result<Changed> ApplyAndCheck(const AppContext& ctx, ports::StoreTx& tx,
                              const domain::TrainingClass& cls, ChangeRequest& change) {
  std::vector<int64_t> roster;
  for (const auto& e : cls.roster) roster.push_back(e.trainee_id);
  Changed out;
  ANPEI_ASSIGN_OR_RETURN(out.sessions,
                         domain::ApplyChange(cls.sessions, roster, change, ctx.Today()));
  std::set<std::string> keys;
  for (const auto& t : cls.teachers) keys.insert(t.key);
  for (size_t i = 0; i < change.sessions.size(); ++i) {
    auto& s = change.sessions[i];
    const std::string path = "sessions[" + std::to_string(i) + "]";
    ANPEI_RETURN_IF_ERROR(CheckText(ctx, s.content, path + ".content", "课程内容",
                                    domain::kMaxSessionContentChars, false));
    if (s.teacher && !keys.count(*s.teacher)) {
      return Status::Invalid(path + ".teacher", "教师编号「" + *s.teacher + "」不在本班师资名单中");
    }
    out.sessions[cls.sessions.size() + i].content = s.content;
  }
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
  std::optional<domain::Instant> declared;
  if (cls.declared_at) {
    auto t = domain::ParseTimestamp(*cls.declared_at, "declared_at");
    if (t.ok()) declared = *t;
  }
  // The calendar of the declaration: a correction since never moves what was decided.
  ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx, cls.calendar_version.value_or(0)));
  domain::TrainingClass next = cls;
  next.sessions = out.sessions;
  auto verdict = domain::CheckPlan(domain::PlanOf(next, declared), *policy, *calendar.calendar);
  if (!verdict.ok()) return RequestField(verdict.status(), cls.sessions.size(), change.kind);
  out.verdict = std::move(*verdict);
  return out;
}

std::string Note(const ChangeRequest& c) {
  return "培训班 " + std::to_string(c.class_id) + "，" +
         std::string(domain::ChangeKindName(c.kind)) + "，" +
         std::to_string(c.kind == domain::ChangeKind::kReschedule ? c.moves.size()
                                                                  : c.sessions.size()) +
         " 次课";
}

// The canonical text of a request for the audit digests.
std::string CanonOf(const ChangeRequest& c) {
  return std::to_string(c.id) + "|" + std::to_string(c.class_id) + "|" +
         std::string(domain::ChangeKindId(c.kind)) + "|" +
         std::string(domain::ChangeStateId(c.state)) + "|" + c.reason + "|" + c.decision_reason +
         "|" + std::to_string(c.version);
}

// Writes the approved change: the class's sessions and a new plan version naming the request.
Result<int64_t> WriteApproval(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                              const domain::TrainingClass& cls, const ChangeRequest& c,
                              std::vector<domain::PlanSession> sessions) {
  domain::TrainingClass next = cls;
  next.sessions = std::move(sessions);
  next.updated_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, cls.version));
  ANPEI_ASSIGN_OR_RETURN(auto versions, tx.classes().ListPlanVersions(cls.id));
  domain::PlanVersion pv;
  pv.version = static_cast<int64_t>(versions.size()) + 1;
  std::optional<domain::Instant> declared;
  if (cls.declared_at) {
    auto t = domain::ParseTimestamp(*cls.declared_at, "declared_at");
    if (t.ok()) declared = *t;
  }
  pv.plan_json = ctx.encode_plan(domain::PlanOf(next, declared), next.policy_id, ctx.LocalOffset());
  pv.reason = "变更申请 #" + std::to_string(c.id) + "（" +
              std::string(domain::ChangeKindName(c.kind)) + "）批准";
  pv.created_at = next.updated_at;
  pv.change_request_id = c.id;
  for (const auto& e : next.roster) pv.roster.push_back(e.trainee_id);
  ANPEI_RETURN_IF_ERROR(tx.classes().InsertPlanVersion(cls.id, pv));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(cls.id));
  ANPEI_RETURN_IF_ERROR(Audit(
      ctx, tx, actor, "class.change_apply", "class:" + std::to_string(cls.id), Canon(cls),
      Canon(after), "变更申请 " + std::to_string(c.id) + "，计划版本 " + std::to_string(pv.version),
      Changes(ctx, cls, after)));
  return pv.version;
}

// Fills the names of the request's trainees as the actor may see them.
Status Named(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, ChangeRequest& c) {
  ANPEI_ASSIGN_OR_RETURN(auto names, TraineeNames(ctx, tx, actor, c.institution_id, c.trainee_ids));
  c.trainee_names.clear();
  for (int64_t id : c.trainee_ids) {
    std::string name;
    for (const auto& [nid, n] : names) {
      if (nid == id) name = n;
    }
    c.trainee_names.push_back(name);
  }
  return Status::Ok();
}

}  // namespace

Result<ChangeOutcome> FileChangeRequest(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        ChangeRequest input, std::optional<int64_t> class_version) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<ChangeOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ChangeOutcome& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, class_id));
    ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
    if (cls.state != domain::ClassState::kApproved) return NotApproved(cls);
    if (class_version && *class_version != cls.version) {
      return Status(Code::kConflict,
                    "培训班已被他人修改（您提交的版本 " + std::to_string(*class_version) +
                        "，当前版本 " + std::to_string(cls.version) + "），请刷新后再提交",
                    "version")
          .WithReason("version.stale");
    }
    ANPEI_RETURN_IF_ERROR(
        CheckText(ctx, input.reason, "reason", "变更理由", domain::kMaxChangeReasonChars, false));
    ANPEI_ASSIGN_OR_RETURN(auto changed, ApplyAndCheck(ctx, tx, cls, input));
    out.verdict = changed.verdict;
    if (!changed.verdict.ok()) return Status::Ok();  // refused with the violations, nothing written
    input.class_id = class_id;
    input.class_version = cls.version;
    input.filed_by_user = actor.user_id;
    input.filed_by = actor.Name();
    input.filed_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(auto id, tx.change_requests().InsertChangeRequest(input));
    ANPEI_ASSIGN_OR_RETURN(out.request, tx.change_requests().GetChangeRequest(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "change_request.create", Target(id), "",
                                CanonOf(out.request), Note(out.request)));
    ANPEI_RETURN_IF_ERROR(Named(ctx, tx, actor, out.request));
    out.done = true;
    return Status::Ok();
  });
}

Result<ports::PageOf<ChangeRequest>> ListChangeRequests(const AppContext& ctx, const Actor& actor,
                                                        ports::ChangeRequestFilter filter,
                                                        ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  NarrowToScope(actor, filter.institution_id, filter.district_code);
  return InTx<ports::PageOf<ChangeRequest>>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    if (filter.class_id) ANPEI_RETURN_IF_ERROR(VisibleClass(tx, actor, *filter.class_id).status());
    ANPEI_ASSIGN_OR_RETURN(out, tx.change_requests().ListChangeRequests(filter, page));
    for (auto& c : out.items) ANPEI_RETURN_IF_ERROR(Named(ctx, tx, actor, c));
    return Status::Ok();
  });
}

Result<ChangeRequest> GetChangeRequest(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<ChangeRequest>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, ChangeRequest& out) {
    ANPEI_ASSIGN_OR_RETURN(out, tx.change_requests().GetChangeRequest(id));
    if (!InScope(actor, out.institution_id, out.district_code)) return Hidden("变更申请", id);
    return Named(ctx, tx, actor, out);
  });
}

Result<ChangeOutcome> DecideChangeRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                          ChangeDecision decision, std::string reason,
                                          std::optional<int64_t> version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kChangeReviewers));
  return InTx<ChangeOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ChangeOutcome& out) {
    ANPEI_RETURN_IF_ERROR(tx.change_requests().LockChangeRequest(id));
    ANPEI_ASSIGN_OR_RETURN(auto c, tx.change_requests().GetChangeRequest(id));
    if (!InScope(actor, c.institution_id, c.district_code)) return Hidden("变更申请", id);
    if (c.state != ChangeState::kPending) {
      return Status(Code::kConflict,
                    "变更申请已处理，当前状态：" + std::string(domain::ChangeStateName(c.state)),
                    "state")
          .WithReason("change_request.decided");
    }
    if (version && *version != c.version) {
      return Status(Code::kConflict,
                    "变更申请已被他人修改（您提交的版本 " + std::to_string(*version) +
                        "，当前版本 " + std::to_string(c.version) + "），请刷新后再试",
                    "version")
          .WithReason("version.stale");
    }
    const bool approve = decision == ChangeDecision::kApprove;
    ANPEI_RETURN_IF_ERROR(
        CheckText(ctx, reason, "reason", "审核意见", domain::kMaxChangeReasonChars, !approve));
    const ChangeRequest before = c;
    if (approve) {
      ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(c.class_id));
      if (cls.state != domain::ClassState::kApproved) return NotApproved(cls);
      ChangeRequest again = c;  // applied to the class as it is now
      auto changed = ApplyAndCheck(ctx, tx, cls, again);
      if (!changed.ok()) {
        if (changed.status().code() != Code::kInvalidArgument &&
            changed.status().code() != Code::kNotFound) {
          return changed.status();
        }
        return Status(Code::kFailedPrecondition,
                      "变更申请已不能批准：" + changed.status().message(), "id")
            .WithReason("change_request.not_applicable");
      }
      out.verdict = changed->verdict;
      if (!changed->verdict.ok()) return Status::Ok();  // cannot be approved; nothing written
      ANPEI_ASSIGN_OR_RETURN(c.plan_version,
                             WriteApproval(ctx, tx, actor, cls, c, std::move(changed->sessions)));
    }
    c.state = approve ? ChangeState::kApproved : ChangeState::kRefused;
    c.decided_by_user = actor.user_id;
    c.decided_by = actor.Name();
    c.decided_at = ctx.NowText();
    c.decision_reason = reason;
    ANPEI_RETURN_IF_ERROR(tx.change_requests().DecideChangeRequest(c, before.version));
    ANPEI_ASSIGN_OR_RETURN(out.request, tx.change_requests().GetChangeRequest(id));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, approve ? "change_request.approve" : "change_request.refuse",
              Target(id), CanonOf(before), CanonOf(out.request), Note(out.request)));
    ANPEI_RETURN_IF_ERROR(Named(ctx, tx, actor, out.request));
    out.done = true;
    return Status::Ok();
  });
}

Result<std::vector<std::pair<int64_t, std::string>>> TraineeNames(const AppContext& /*ctx*/,
                                                                  ports::StoreTx& tx,
                                                                  const Actor& actor,
                                                                  int64_t institution_id,
                                                                  const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, std::string>> out;
  std::set<int64_t> done;
  for (int64_t id : ids) {
    if (!done.insert(id).second) continue;
    auto person = tx.registry().GetTrainee(id);
    if (!person.ok()) {
      if (person.status().code() != Code::kNotFound) return person.status();
      continue;
    }
    ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(institution_id, id));
    const std::string name = record ? OwnView(*person, *record).name : person->name;
    out.emplace_back(id, NameFor(actor, institution_id, name));
  }
  return out;
}

Result<PlanVersionPair> GetPlanVersionPair(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id, int64_t from, int64_t to) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<PlanVersionPair>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, PlanVersionPair& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, class_id));
    ANPEI_ASSIGN_OR_RETURN(auto versions, tx.classes().ListPlanVersions(class_id));
    bool found_from = false, found_to = false;
    for (auto& v : versions) {
      if (v.version == from) {
        out.from = v;
        found_from = true;
      }
      if (v.version == to) {
        out.to = v;
        found_to = true;
      }
    }
    if (!found_from) {
      return Status(Code::kNotFound, "计划版本 " + std::to_string(from) + " 不存在", "from")
          .WithReason("id.not_found");
    }
    if (!found_to) {
      return Status(Code::kNotFound, "计划版本 " + std::to_string(to) + " 不存在", "to")
          .WithReason("id.not_found");
    }
    std::vector<int64_t> ids = out.from.roster;
    ids.insert(ids.end(), out.to.roster.begin(), out.to.roster.end());
    ANPEI_ASSIGN_OR_RETURN(out.names, TraineeNames(ctx, tx, actor, cls.institution_id, ids));
    return Status::Ok();
  });
}

Result<PlanVersionList> ListPlanVersionsNamed(const AppContext& ctx, const Actor& actor,
                                              int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<PlanVersionList>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, PlanVersionList& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, VisibleClass(tx, actor, class_id));
    ANPEI_ASSIGN_OR_RETURN(out.versions, tx.classes().ListPlanVersions(class_id));
    std::vector<int64_t> ids;
    for (const auto& v : out.versions) ids.insert(ids.end(), v.roster.begin(), v.roster.end());
    ANPEI_ASSIGN_OR_RETURN(out.names, TraineeNames(ctx, tx, actor, cls.institution_id, ids));
    return Status::Ok();
  });
}

}  // namespace anpei::app
