#include "app/completion.h"

#include <algorithm>
#include <set>

#include "app/attendance.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/blacklist.h"
#include "app/evidence_checklist.h"
#include "app/registry.h"
#include "app/review.h"
#include "app/roll_calls.h"
#include "domain/attendance_signals.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::ClassState;
using ports::TxMode;

std::string Target(int64_t id) { return "class:" + std::to_string(id); }

Status Stale(const domain::TrainingClass& cls, int64_t version) {
  return Status(Code::kConflict,
                "培训班已被他人修改（您提交的版本 " + std::to_string(version) + "，当前版本 " +
                    std::to_string(cls.version) + "），请刷新后再操作",
                "version")
      .WithReason("version.stale");
}

// The class `id` if the actor holds one of `roles` and the class is in scope (404 otherwise, as
// for a missing class).
Result<domain::TrainingClass> ClassIn(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                      std::initializer_list<std::string_view> roles) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  auto cls = tx.classes().GetClass(id);
  if (!cls.ok()) {
    if (cls.status().code() == Code::kNotFound) return Hidden("培训班", id);
    return cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", id);
  return cls;
}

bool IsStaff(const Actor& actor, const domain::TrainingClass& cls) {
  return actor.Has(domain::kRoleSystem) ||
         (actor.Has(domain::kRoleInstitution) && actor.institution_id == cls.institution_id);
}

bool IsReviewer(const Actor& actor, const domain::TrainingClass& cls) {
  return actor.Has(domain::kRoleSystem) || actor.Has(domain::kRolePoliceAdmin) ||
         (actor.Has(domain::kRoleReviewer) && actor.district_code == cls.district_code);
}

Status StaffOnly(const Actor& actor, const domain::TrainingClass& cls) {
  if (IsStaff(actor, cls)) return Status::Ok();
  return Status(Code::kPermissionDenied, "只有培训班所属机构可以进行此操作")
      .WithReason("role.forbidden");
}

Status ReviewerOnly(const Actor& actor, const domain::TrainingClass& cls) {
  if (IsReviewer(actor, cls)) return Status::Ok();
  return Status(Code::kPermissionDenied, "只有培训班所在辖区的审核员或市公安局可以审核结业")
      .WithReason("role.forbidden");
}

bool AfterApproval(ClassState s) {
  switch (s) {
    case ClassState::kCompletionApproved:
    case ClassState::kCertified:
    case ClassState::kInPublicity:
    case ClassState::kPublicityClosed:
    case ClassState::kFundsRequested:
    case ClassState::kPaid:
    case ClassState::kDisqualified:
      return true;
    default:
      return false;
  }
}

// The local end of the class's last session, as Unix seconds.
int64_t LastSessionEnd(const domain::TrainingClass& cls, int offset_minutes) {
  int64_t last = 0;
  for (const auto& s : cls.sessions) {
    const int64_t end =
        s.date.ToDays() * 86400 + static_cast<int64_t>(s.end_minute - offset_minutes) * 60;
    last = std::max(last, end);
  }
  return last;
}

domain::Date FirstDate(const domain::TrainingClass& cls) {
  domain::Date d = cls.sessions.empty() ? domain::Date{} : cls.sessions.front().date;
  for (const auto& s : cls.sessions) d = std::min(d, s.date);
  return d;
}

domain::Date LastDate(const domain::TrainingClass& cls) {
  domain::Date d = cls.sessions.empty() ? domain::Date{} : cls.sessions.front().date;
  for (const auto& s : cls.sessions) d = std::max(d, s.date);
  return d;
}

// Every rostered trainee's verdict from the store's current data (one transaction).
Result<std::vector<ports::StoredVerdict>> Verify(const AppContext& ctx, ports::StoreTx& tx,
                                                 const Actor& actor,
                                                 const domain::TrainingClass& cls) {
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
  ANPEI_ASSIGN_OR_RETURN(auto hours, ClassHoursIn(ctx, tx, actor, cls));
  ANPEI_ASSIGN_OR_RETURN(auto scores, tx.completion().ListScores(cls.id));
  std::vector<int64_t> ids;
  for (const auto& e : cls.roster) ids.push_back(e.trainee_id);
  ANPEI_ASSIGN_OR_RETURN(auto hits, tx.completion().MatchExclusions(ids));
  ANPEI_ASSIGN_OR_RETURN(auto priors, tx.completion().PriorSubsidies(ids, cls.id));
  const bool approved = cls.latest_decision.has_value() &&
                        cls.latest_decision->decision == domain::ReviewDecision::kApprove &&
                        cls.state != ClassState::kDisqualified;
  // 四（三）: the institution on the credit blacklist when it declared this class (the last
  // declaration; an entry lifted before it does not count, app/blacklist.h).
  bool blacklisted = false;
  if (cls.declared_at) {
    ANPEI_ASSIGN_OR_RETURN(auto declared, domain::ParseTimestamp(*cls.declared_at, "declared_at"));
    ANPEI_ASSIGN_OR_RETURN(auto entry,
                           BlacklistedAt(tx, cls.institution_id, declared.unix_seconds));
    blacklisted = entry.has_value();
  }
  const std::string now = ctx.NowText();
  std::vector<ports::StoredVerdict> out;
  for (const auto& e : cls.roster) {
    domain::EligibilityFacts f;
    f.person_id = e.trainee_id;
    f.id_number = e.id_number;
    f.group = e.group;
    f.class_start = FirstDate(cls);
    f.class_year = LastDate(cls).year;
    f.occupation = cls.occupation;
    for (const auto& h : hours.trainees) {
      if (h.person_id != e.trainee_id) continue;
      f.planned_hours = h.planned_hours;
      f.attended_hours = h.attended_hours;
    }
    for (const auto& s : scores) {
      if (s.person_id == e.trainee_id) f.score = s.score;
    }
    for (const auto& m : hits) {
      if (m.person_id == e.trainee_id) f.exclusion_hits.push_back(m.hit);
    }
    for (const auto& p : priors) {
      if (p.person_id == e.trainee_id) f.prior_subsidies.push_back(p.subsidy);
    }
    f.blacklisted_at_declaration = blacklisted;
    f.class_approved = approved;
    ports::StoredVerdict v;
    v.class_id = cls.id;
    v.verdict = domain::VerifyTrainee(*policy, f);
    v.inputs_hash = ctx.vault->PublicSha256(domain::CanonicalFacts(*policy, f));
    v.policy_id = policy->id;
    v.policy_version = policy->version;
    v.computed_at = now;
    out.push_back(std::move(v));
  }
  return out;
}

int64_t CountEligible(const std::vector<ports::StoredVerdict>& vs) {
  return std::count_if(vs.begin(), vs.end(),
                       [](const ports::StoredVerdict& v) { return v.verdict.eligible; });
}

// Stores a fresh verification; the detail says how many verdicts changed since the last one.
Result<std::string> StoreVerdicts(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                                  const domain::TrainingClass& cls,
                                  std::vector<ports::StoredVerdict>& fresh) {
  ANPEI_ASSIGN_OR_RETURN(fresh, Verify(ctx, tx, actor, cls));
  ANPEI_ASSIGN_OR_RETURN(auto old, tx.completion().ListVerdicts(cls.id));
  int64_t changed = 0;
  for (const auto& v : fresh) {
    bool same = false;
    for (const auto& o : old) {
      same = same || (o.verdict.person_id == v.verdict.person_id &&
                      o.inputs_hash == v.inputs_hash && o.verdict.eligible == v.verdict.eligible);
    }
    changed += same ? 0 : 1;
  }
  ANPEI_RETURN_IF_ERROR(tx.completion().ReplaceVerdicts(cls.id, fresh));
  return std::to_string(fresh.size()) + " 名学员，符合补贴条件 " +
         std::to_string(CountEligible(fresh)) + " 名" +
         (old.empty() ? std::string()
                      : "；与上次核验相比 " + std::to_string(changed) + " 名的结果或依据有变化");
}

Result<CompletionView> ViewIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                              int64_t class_id) {
  CompletionView v;
  ANPEI_ASSIGN_OR_RETURN(v.cls, ClassIn(tx, actor, class_id, kCompletionReaders));
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(v.cls.policy_id, "policy"));
  for (const auto& [id, clause] : policy->clauses) v.clause_texts[id] = clause.text;
  ANPEI_ASSIGN_OR_RETURN(v.record, tx.completion().GetCompletion(class_id));
  v.frozen = AfterApproval(v.cls.state);
  ANPEI_ASSIGN_OR_RETURN(auto hours, ClassHoursIn(ctx, tx, actor, v.cls));
  ANPEI_ASSIGN_OR_RETURN(auto scores, tx.completion().ListScores(class_id));
  ANPEI_ASSIGN_OR_RETURN(auto verdicts, tx.completion().ListVerdicts(class_id));
  for (const auto& e : v.cls.roster) {
    TraineeCompletion t;
    t.person_id = e.trainee_id;
    t.name = NameFor(actor, v.cls.institution_id, e.name);
    t.id_number = domain::MaskIdNumber(e.id_number);
    for (const auto& h : hours.trainees) {
      if (h.person_id != e.trainee_id) continue;
      if (!h.name.empty()) t.name = h.name;
      t.planned_hours = h.planned_hours;
      t.attended_hours = h.attended_hours;
    }
    for (const auto& s : scores) {
      if (s.person_id == e.trainee_id) t.score = s.score;
    }
    for (const auto& vd : verdicts) {
      if (vd.verdict.person_id != e.trainee_id) continue;
      t.verdict = vd;
      (vd.verdict.eligible ? v.eligible : v.ineligible) += 1;
      if (vd.review == domain::TraineeReview::kApproved) ++v.approved;
      if (vd.review == domain::TraineeReview::kRefused) ++v.refused;
    }
    v.trainees.push_back(std::move(t));
  }
  ANPEI_ASSIGN_OR_RETURN(v.checklist, EvidenceChecklistIn(ctx, tx, actor, class_id));
  ANPEI_ASSIGN_OR_RETURN(auto flags, AttendanceFlagsIn(ctx, tx, actor, v.cls));
  v.signal_count = static_cast<int64_t>(flags.size());
  for (const auto& f : flags) ++v.signals_by_kind[std::string(domain::SignalKindId(f.kind))];
  return v;
}

Status Frozen(const domain::TrainingClass& cls) {
  return Status(Code::kConflict,
                "培训班「" + cls.title + "」的结业审核已通过（当前状态：" +
                    std::string(domain::ClassStateName(cls.state)) +
                    "），核验所依据的数据已冻结，不能再修改",
                "state")
      .WithReason("completion.frozen");
}

// A person id of the body that is not on the class's roster: 404 naming the field, word for word
// the answer for an id that does not exist (existence does not leak).
Status NotOnRoster(const std::string& at, int64_t person) {
  return Status(Code::kNotFound, "学员 " + std::to_string(person) + " 不在本培训班的花名册中",
                at + ".person_id")
      .WithReason("id.not_found");
}

// The per-trainee refusals of a decision: each on the roster (404 otherwise), decision "refuse",
// a reason, once.
Result<std::map<int64_t, std::string>> Refusals(const AppContext& ctx,
                                                const domain::TrainingClass& cls,
                                                std::vector<TraineeRefusal>& trainees) {
  std::set<int64_t> roster;
  for (const auto& e : cls.roster) roster.insert(e.trainee_id);
  std::map<int64_t, std::string> refused;
  for (size_t i = 0; i < trainees.size(); ++i) {
    auto& t = trainees[i];
    const std::string at = "trainees[" + std::to_string(i) + "]";
    if (!roster.count(t.person_id)) return NotOnRoster(at, t.person_id);
    if (t.decision != "refuse") {
      return Status::Invalid(at + ".decision", "逐人结论只能是 refuse（不予通过）");
    }
    ANPEI_RETURN_IF_ERROR(CheckText(ctx, t.reason, at + ".reason", "不予通过的理由",
                                    domain::kMaxReviewReasonChars, true));
    if (!refused.emplace(t.person_id, t.reason).second) {
      return Status::Invalid(at + ".person_id", "同一学员重复");
    }
  }
  return refused;
}

// What an incomplete checklist lacks, for the reviewer and the audit: "缺少 2 项、未通过 1 项：
// 全体学员合影、第 3 课次录像、…" ("" when complete).
std::string EvidenceGap(const domain::Checklist& c) {
  if (c.complete()) return "";
  std::string counts;
  if (c.missing > 0) counts = "缺少 " + std::to_string(c.missing) + " 项";
  if (c.failed > 0)
    counts += (counts.empty() ? "" : "、") + ("未通过 " + std::to_string(c.failed) + " 项");
  std::string titles;
  int listed = 0;
  for (const auto& i : c.items) {
    if (i.state != domain::ChecklistState::kMissing && i.state != domain::ChecklistState::kFailed) {
      continue;
    }
    if (++listed > 5) {
      titles += "等";
      break;
    }
    titles += (titles.empty() ? "" : "、") + i.title;
  }
  return counts + "：" + titles;
}

// Approval: verified once more on the data as it is now (then frozen); each eligible trainee
// approved unless refused, the ineligible never. The audit detail.
Result<std::string> Approve(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            const domain::TrainingClass& cls,
                            const std::map<int64_t, std::string>& refused) {
  const int64_t class_id = cls.id;
  std::string detail;
  std::vector<ports::StoredVerdict> fresh;
  ANPEI_ASSIGN_OR_RETURN(detail, StoreVerdicts(ctx, tx, actor, cls, fresh));
  int64_t approved = 0;
  for (auto& v : fresh) {
    const int64_t p = v.verdict.person_id;
    auto it = refused.find(p);
    if (!v.verdict.eligible) {
      std::string failed;
      for (const auto& rule : v.verdict.rules) {
        if (!rule.passed) {
          failed += (failed.empty() ? "" : "、") +
                    std::string(domain::EligibilityRuleWords(rule.rule).failure);
        }
      }
      ANPEI_RETURN_IF_ERROR(tx.completion().SetReview(
          class_id, p, domain::TraineeReview::kRefused,
          it != refused.end() ? it->second : "不符合补贴条件：" + failed));
    } else if (it != refused.end()) {
      ANPEI_RETURN_IF_ERROR(
          tx.completion().SetReview(class_id, p, domain::TraineeReview::kRefused, it->second));
    } else {
      ANPEI_RETURN_IF_ERROR(
          tx.completion().SetReview(class_id, p, domain::TraineeReview::kApproved, ""));
      ++approved;
    }
  }
  return "结业审核通过：" + detail + "；通过 " + std::to_string(approved) + " 名，不予通过 " +
         std::to_string(static_cast<int64_t>(fresh.size()) - approved) + " 名";
}

}  // namespace

Status RefuseIfFrozen(const domain::TrainingClass& cls) {
  return AfterApproval(cls.state) ? Frozen(cls) : Status::Ok();
}

Result<CompletionView> CompletionViewIn(const AppContext& ctx, ports::StoreTx& tx,
                                        const Actor& actor, int64_t class_id) {
  return ViewIn(ctx, tx, actor, class_id);
}

Result<CompletionView> GetCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCompletionReaders));
  return InTx<CompletionView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(out, ViewIn(ctx, tx, actor, class_id));
    return Status::Ok();
  });
}

Result<domain::TrainingClass> ScoresClass(ports::StoreTx& tx, const Actor& actor,
                                          int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, ClassIn(tx, actor, class_id, {domain::kRoleInstitution}));
  ANPEI_RETURN_IF_ERROR(StaffOnly(actor, cls));
  ANPEI_RETURN_IF_ERROR(RefuseIfFrozen(cls));
  if (cls.state != ClassState::kApproved) {
    return StateConflict(cls, "录入结业考核成绩", ClassState::kApproved);
  }
  return cls;
}

Result<CompletionView> PutScores(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                 const std::vector<ScoreInput>& scores) {
  return InTx<CompletionView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ScoresClass(tx, actor, class_id));
    if (scores.empty()) return Status::Invalid("scores", "至少需要一条成绩");
    std::set<int64_t> roster, seen;
    for (const auto& e : cls.roster) roster.insert(e.trainee_id);
    std::vector<ports::AssessmentScore> rows;
    const std::string now = ctx.NowText();
    for (size_t i = 0; i < scores.size(); ++i) {
      const std::string at = "scores[" + std::to_string(i) + "]";
      if (!roster.count(scores[i].person_id)) return NotOnRoster(at, scores[i].person_id);
      if (!seen.insert(scores[i].person_id).second) {
        return Status::Invalid(at + ".person_id", "同一学员的成绩重复");
      }
      if (scores[i].score < 0 || scores[i].score > 100) {
        return Status::Invalid(at + ".score",
                               "成绩应为 0–100 的整数，收到 " + std::to_string(scores[i].score));
      }
      rows.push_back({scores[i].person_id, static_cast<int>(scores[i].score), actor.user_id, now});
    }
    ANPEI_RETURN_IF_ERROR(tx.completion().PutScores(class_id, rows));
    std::string after;
    for (const auto& r : rows)
      after += std::to_string(r.person_id) + "=" + std::to_string(r.score) + ";";
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "completion.scores", Target(class_id), "", after,
                                "录入结业考核成绩 " + std::to_string(rows.size()) + " 名"));
    ANPEI_ASSIGN_OR_RETURN(out, ViewIn(ctx, tx, actor, class_id));
    return Status::Ok();
  });
}

Result<CompletionView> SubmitCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        int64_t version) {
  return InTx<CompletionView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassIn(tx, actor, class_id, {domain::kRoleInstitution}));
    ANPEI_RETURN_IF_ERROR(StaffOnly(actor, cls));
    if (cls.state != ClassState::kApproved) {
      return StateConflict(cls, "提交结业审核", ClassState::kApproved);
    }
    if (cls.version != version) return Stale(cls, version);
    const int64_t end = LastSessionEnd(cls, ctx.LocalOffset());
    if (ctx.Now().unix_seconds < end) {
      return Status(Code::kConflict,
                    "最后一个课次（" +
                        domain::FormatTimestamp(domain::Instant{end}, ctx.LocalOffset()) +
                        " 结束）尚未结束，培训结束后才能提交结业审核",
                    "state")
          .WithReason("completion.not_ended");
    }
    if (cls.roster.empty()) {
      return Status(Code::kConflict, "花名册为空，没有可以核验的学员", "roster")
          .WithReason("completion.no_trainees");
    }
    const std::string now = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(class_id, ClassState::kCompletionSubmitted,
                                                cls.declared_at, cls.calendar_version, now,
                                                version));
    ports::CompletionRecord rec;
    rec.class_id = class_id;
    rec.submitted_by_user = actor.user_id;
    rec.submitted_at = now;
    ANPEI_RETURN_IF_ERROR(tx.completion().PutCompletion(rec));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
    std::vector<ports::StoredVerdict> fresh;
    ANPEI_ASSIGN_OR_RETURN(auto detail, StoreVerdicts(ctx, tx, actor, after, fresh));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "completion.submit", Target(class_id), Canon(cls),
                                Canon(after), "提交结业审核并自动核验：" + detail));
    ANPEI_ASSIGN_OR_RETURN(out, ViewIn(ctx, tx, actor, class_id));
    return Status::Ok();
  });
}

Result<CompletionView> VerifyCompletion(const AppContext& ctx, const Actor& actor,
                                        int64_t class_id) {
  return InTx<CompletionView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassIn(tx, actor, class_id,
                                             {domain::kRoleInstitution, domain::kRoleReviewer,
                                              domain::kRolePoliceAdmin}));
    if (!IsStaff(actor, cls) && !IsReviewer(actor, cls)) return ReviewerOnly(actor, cls);
    ANPEI_RETURN_IF_ERROR(RefuseIfFrozen(cls));
    if (cls.state != ClassState::kCompletionSubmitted) {
      return StateConflict(cls, "重新核验", ClassState::kCompletionSubmitted);
    }
    std::vector<ports::StoredVerdict> fresh;
    ANPEI_ASSIGN_OR_RETURN(auto detail, StoreVerdicts(ctx, tx, actor, cls, fresh));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "completion.verify", Target(class_id), "", "",
                                "重新核验：" + detail));
    ANPEI_ASSIGN_OR_RETURN(out, ViewIn(ctx, tx, actor, class_id));
    return Status::Ok();
  });
}

Result<CompletionView> DecideCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        CompletionDecisionInput in) {
  return InTx<CompletionView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassIn(tx, actor, class_id, kCompletionReviewers));
    ANPEI_RETURN_IF_ERROR(ReviewerOnly(actor, cls));
    const bool approve = in.decision == "approve";
    if (!approve && in.decision != "return") {
      return Status::Invalid("decision", "审核结论应为 approve（通过）或 return（退回）");
    }
    ANPEI_RETURN_IF_ERROR(RefuseIfFrozen(cls));
    if (cls.state != ClassState::kCompletionSubmitted) {
      return StateConflict(cls, "审核结业", ClassState::kCompletionSubmitted);
    }
    if (cls.version != in.version) return Stale(cls, in.version);
    // Approving while the evidence checklist is incomplete takes a stated reason (三（一）3: the
    // materials are part of the completion); the reason and what was missing go to the audit.
    std::string evidence_gap;
    if (approve) {
      ANPEI_ASSIGN_OR_RETURN(auto checklist, EvidenceChecklistIn(ctx, tx, actor, class_id));
      evidence_gap = EvidenceGap(checklist);
    }
    ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.reason, "reason", approve ? "审核意见" : "退回理由",
                                    domain::kMaxReviewReasonChars, !approve));
    if (!evidence_gap.empty() && domain::Trimmed(in.reason).empty()) {
      return Status::Invalid("reason", "过程材料未齐全（" + evidence_gap +
                                           "）：仍要通过，请在审核意见中写明理由（三（一）3）")
          .WithReason("completion.evidence_incomplete");
    }
    ANPEI_ASSIGN_OR_RETURN(auto refused, Refusals(ctx, cls, in.trainees));
    const std::string now = ctx.NowText();
    const ClassState next = approve ? ClassState::kCompletionApproved : ClassState::kApproved;
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(class_id, next, cls.declared_at,
                                                cls.calendar_version, now, in.version));
    ANPEI_ASSIGN_OR_RETURN(auto rec, tx.completion().GetCompletion(class_id));
    ports::CompletionRecord r;
    if (rec) {
      r = *rec;
    } else {
      r.class_id = class_id;
      r.submitted_by_user = actor.user_id;
      r.submitted_at = now;
    }
    r.decided_by_user = actor.user_id;
    r.decided_at = now;
    r.decision = approve ? "approve" : "return";
    r.reason = in.reason;
    ANPEI_RETURN_IF_ERROR(tx.completion().PutCompletion(r));
    std::string detail;
    if (approve) {
      ANPEI_ASSIGN_OR_RETURN(detail, Approve(ctx, tx, actor, cls, refused));
      if (!evidence_gap.empty()) {
        detail += "；过程材料未齐全（" + evidence_gap + "），审核意见：" + in.reason;
      }
    } else {
      detail = "结业审核退回：" + in.reason;
    }
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor,
                                approve ? "completion.approve" : "completion.return",
                                Target(class_id), Canon(cls), Canon(after), detail));
    ANPEI_ASSIGN_OR_RETURN(out, ViewIn(ctx, tx, actor, class_id));
    return Status::Ok();
  });
}

Result<std::vector<ApprovedTrainee>> ApprovedTrainees(ports::StoreTx& tx, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto verdicts, tx.completion().ListVerdicts(class_id));
  std::vector<ApprovedTrainee> out;
  for (const auto& v : verdicts) {
    if (v.review != domain::TraineeReview::kApproved || !v.verdict.eligible) continue;
    out.push_back(
        {v.verdict.person_id, v.verdict.occupation, v.verdict.level, v.verdict.subsidy_yuan});
  }
  return out;
}

}  // namespace anpei::app
