#include "app/review.h"

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"

namespace anpei::app {
namespace {

using domain::ClassState;
using ports::TxMode;

Status Stale(const domain::TrainingClass& cls, int64_t version) {
  return Status(Code::kConflict,
                "培训班已被他人修改（您提交的版本 " + std::to_string(version) + "，当前版本 " +
                    std::to_string(cls.version) + "），请刷新后再操作",
                "version")
      .WithReason("version.stale");
}

std::string Target(int64_t id) { return "class:" + std::to_string(id); }

// The class `id` for `actor` when `may` says the actor may act on it: 401 unsigned; 404 (as for a
// missing class) outside the actor's scope; 403 when the actor sees it but may not act.
template <typename May>
Result<domain::TrainingClass> ClassFor(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                       std::initializer_list<std::string_view> roles, May may) {
  if (!actor.SignedIn()) {
    return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
  }
  auto cls = tx.classes().GetClass(id);
  if (!cls.ok()) {
    if (cls.status().code() == Code::kNotFound) return Hidden("培训班", id);
    return cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", id);
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  ANPEI_RETURN_IF_ERROR(may(*cls));
  return cls;
}

// Reviewers decide for their own district only, even when another role lets them see the class;
// the city bureau (and the operator's tools) for every district.
Status ReviewerOf(const Actor& actor, const domain::TrainingClass& cls) {
  if (actor.Has(domain::kRoleSystem) || actor.Has(domain::kRolePoliceAdmin)) return Status::Ok();
  if (actor.Has(domain::kRoleReviewer) && actor.district_code == cls.district_code) {
    return Status::Ok();
  }
  return Status(Code::kPermissionDenied, "只有培训班所在辖区的审核员或市公安局可以审核")
      .WithReason("role.forbidden");
}

// The institution's own staff, for its own classes.
Status StaffOf(const Actor& actor, const domain::TrainingClass& cls) {
  if (actor.Has(domain::kRoleSystem) ||
      (actor.Has(domain::kRoleInstitution) && actor.institution_id == cls.institution_id)) {
    return Status::Ok();
  }
  return Status(Code::kPermissionDenied, "只有培训班所属机构可以进行此操作")
      .WithReason("role.forbidden");
}

// 16 characters of an alphabet without look-alikes (no 0/O, 1/I), in groups of four: 80 random
// bits from the vault's token.
std::string VerificationCode(const ports::Vault& vault) {
  static constexpr std::string_view kBase64Url =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const std::string token = vault.NewToken();
  std::string out;
  for (size_t i = 0, n = 0; i < token.size() && n < 16; ++i) {
    const size_t v = kBase64Url.find(token[i]);
    if (v == std::string_view::npos) continue;
    if (n > 0 && n % 4 == 0) out += '-';
    out += kAlphabet[v % kAlphabet.size()];
    ++n;
  }
  return out;
}

// The reviewer's name as people know it (the account's display name), else the user name.
Result<std::string> ReviewerName(ports::StoreTx& tx, const Actor& actor) {
  if (actor.user_id <= 0) return actor.user;
  ANPEI_ASSIGN_OR_RETURN(auto user, tx.accounts().GetUser(actor.user_id));
  return user.display_name.empty() ? user.username : user.display_name;
}

Result<int64_t> LatestPlanVersion(ports::StoreTx& tx, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto versions, tx.classes().ListPlanVersions(class_id));
  int64_t latest = 0;
  for (const auto& v : versions) latest = std::max(latest, v.version);
  return latest;
}

}  // namespace

Status StateConflict(const domain::TrainingClass& cls, std::string_view action, ClassState needed) {
  return Status(Code::kConflict,
                "培训班「" + cls.title + "」当前状态：" +
                    std::string(domain::ClassStateName(cls.state)) + "（" +
                    std::string(domain::ClassStateId(cls.state)) + "），只有「" +
                    std::string(domain::ClassStateName(needed)) + "」的培训班才能" +
                    std::string(action),
                "state")
      .WithReason("class.state_conflict");
}

Result<domain::TrainingClass> ReviewClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                          ReviewInput in) {
  return InTx<domain::TrainingClass>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(
        auto cls, ClassFor(tx, actor, id, kClassReviewers,
                           [&](const domain::TrainingClass& c) { return ReviewerOf(actor, c); }));
    const auto decision = domain::ParseReviewDecision(in.decision);
    if (!decision) {
      return Status::Invalid("decision",
                             "审核结论应为 approve（批准）、return（退回）或 reject（不予批准）");
    }
    if (cls.state != ClassState::kDeclared)
      return StateConflict(cls, "审核", ClassState::kDeclared);
    if (cls.version != in.version) return Stale(cls, in.version);
    ANPEI_RETURN_IF_ERROR(CheckText(
        ctx, in.reason, "reason",
        *decision == domain::ReviewDecision::kApprove ? "审核意见" : "退回或不予批准的理由",
        domain::kMaxReviewReasonChars, domain::NeedsReason(*decision)));
    const std::string now = ctx.NowText();
    // The state first: the loser of two concurrent decisions stops here, before recording one.
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(id, domain::StateAfter(*decision), cls.declared_at,
                                                cls.calendar_version, now, in.version));
    domain::ClassDecision d;
    d.class_id = id;
    d.decision = *decision;
    d.reason = in.reason;
    d.reviewer_id = actor.user_id;
    ANPEI_ASSIGN_OR_RETURN(d.reviewer_name, ReviewerName(tx, actor));
    d.decided_at = now;
    ANPEI_ASSIGN_OR_RETURN(d.plan_version, LatestPlanVersion(tx, id));
    d.verification_code = VerificationCode(*ctx.vault);
    ANPEI_ASSIGN_OR_RETURN(d.id, tx.classes().InsertDecision(d));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "class.review." + std::string(domain::ReviewDecisionId(*decision)),
              Target(id), Canon(cls), Canon(r),
              std::string(domain::ReviewDecisionName(*decision)) + "，审核记录 " +
                  std::to_string(d.id) + "，计划第 " + std::to_string(d.plan_version) + " 版",
              Changes(ctx, cls, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<domain::TrainingClass> WithdrawClass(const AppContext& ctx, const Actor& actor, int64_t id,
                                            int64_t version) {
  return InTx<domain::TrainingClass>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(
        auto cls, ClassFor(tx, actor, id, {domain::kRoleInstitution},
                           [&](const domain::TrainingClass& c) { return StaffOf(actor, c); }));
    if (cls.state != ClassState::kDeclared)
      return StateConflict(cls, "撤回", ClassState::kDeclared);
    if (cls.version != version) return Stale(cls, version);
    // Back to an editable draft: the declaration time and its calendar go (the kept plan versions
    // stay); declaring again records new ones.
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(id, ClassState::kDraft, std::nullopt, std::nullopt,
                                                ctx.NowText(), version));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.withdraw", Target(id), Canon(cls), Canon(r),
                                "撤回申报（审核前）", Changes(ctx, cls, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Status DeleteDraft(const AppContext& ctx, const Actor& actor, int64_t id, int64_t version) {
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) -> Status {
    ANPEI_ASSIGN_OR_RETURN(
        auto cls, ClassFor(tx, actor, id, {domain::kRoleInstitution},
                           [&](const domain::TrainingClass& c) { return StaffOf(actor, c); }));
    if (cls.state != ClassState::kDraft) return StateConflict(cls, "删除", ClassState::kDraft);
    if (cls.version != version) return Stale(cls, version);
    if (cls.latest_decision) {
      return Status(Code::kConflict,
                    "培训班「" + cls.title + "」已有审核记录，须保留备查，不能删除", "state")
          .WithReason("class.has_decisions");
    }
    ANPEI_RETURN_IF_ERROR(tx.classes().DeleteClass(id, version));
    return Audit(ctx, tx, actor, "class.delete", Target(id), Canon(cls), "",
                 "删除草稿「" + cls.title + "」", Diff(Shown(ctx, cls), {}));
  });
}

Result<std::vector<domain::ClassDecision>> ListDecisions(const AppContext& ctx, const Actor& actor,
                                                         int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<std::vector<domain::ClassDecision>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls,
                               ClassFor(tx, actor, id, kRegistryReaders,
                                        [](const domain::TrainingClass&) { return Status::Ok(); }));
        ANPEI_ASSIGN_OR_RETURN(out, tx.classes().ListDecisions(cls.id));
        return Status::Ok();
      });
}

}  // namespace anpei::app
