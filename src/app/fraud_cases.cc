#include "app/fraud_cases.h"

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/blacklist.h"
#include "app/calendar.h"
#include "app/funds.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::CaseState;
using ports::TxMode;

CaseState StateOf(const domain::CaseRecord& c) {
  return domain::ParseCaseState(c.state).value_or(CaseState::kOpen);
}

bool IsInstitution(const Actor& actor) {
  return actor.Has(domain::kRoleInstitution) && actor.institution_id.has_value();
}

// The case as the actor may see it, or the 404 of a missing one: police in their district,
// 人社 and auditors everywhere, the class's institution once the case is investigated.
Result<domain::CaseRecord> CaseFor(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  auto c = tx.fraud().GetCase(id);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) return Hidden("案件", id);
    return c.status();
  }
  if (!InScope(actor, c->institution_id, c->district_code)) return Hidden("案件", id);
  if (IsInstitution(actor) && StateOf(*c) == CaseState::kOpen) return Hidden("案件", id);
  return c;
}

Result<CaseView> ViewOf(const AppContext& ctx, ports::StoreTx& tx, domain::CaseRecord c) {
  CaseView out;
  ANPEI_ASSIGN_OR_RETURN(out.steps, tx.fraud().ListSteps(c.id));
  for (const auto& s : out.steps) {
    if (s.kind == "response") out.answered = true;
  }
  out.awaiting_response =
      StateOf(c) == CaseState::kInvestigating &&
      !domain::MayDecide(StateOf(c), out.answered, c.response_due, ctx.Today()).ok();
  if (StateOf(c) == CaseState::kFraud) {
    ANPEI_ASSIGN_OR_RETURN(auto entries, tx.fraud().EntriesOf(c.institution_id));
    for (auto& e : entries) {
      if (e.case_id == c.id) out.blacklist = std::move(e);
    }
  }
  out.record = std::move(c);
  return out;
}

Status Stale(const domain::CaseRecord& c) {
  return Status(Code::kConflict,
                "案件已被他人修改（当前版本 " + std::to_string(c.version) + "），请刷新后再办理",
                "version")
      .WithReason("version.stale");
}

std::string CaseText(const domain::CaseRecord& c) {
  return "class=" + std::to_string(c.class_id) + "|source=" + c.source + "|state=" + c.state +
         "|due=" + c.response_due.value_or("") + "|summary=" + c.summary;
}

Status AddStep(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t case_id,
               std::string kind, std::string body) {
  domain::CaseStep s;
  s.case_id = case_id;
  s.kind = std::move(kind);
  s.body = std::move(body);
  s.by_user = actor.user_id;
  s.by_name = actor.Name();
  s.at = ctx.NowText();
  return tx.fraud().InsertStep(s).status();
}

// Moves the case to `next` (state, response_due) under its version and audits `action`.
Status Advance(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
               const domain::CaseRecord& before, const domain::CaseRecord& next, std::string action,
               const std::string& detail) {
  ANPEI_RETURN_IF_ERROR(tx.fraud().UpdateCase(next, before.version));
  return Audit(ctx, tx, actor, std::move(action), "case:" + std::to_string(before.id),
               CaseText(before), CaseText(next), detail);
}

// The class of a fraud decision: 按不合格处理 (disqualified) from approved on.
Status Disqualify(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t class_id,
                  int64_t case_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
  if (cls.state == domain::ClassState::kDisqualified) return Status::Ok();
  if (!domain::MayDisqualify(cls.state)) {
    return Status(Code::kConflict,
                  "培训班当前状态为「" + std::string(domain::ClassStateName(cls.state)) +
                      "」，不能按不合格处理",
                  "state")
        .WithReason("case.class_state");
  }
  domain::TrainingClass next = cls;
  next.state = domain::ClassState::kDisqualified;
  next.updated_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, cls.version));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
  ANPEI_RETURN_IF_ERROR(
      Audit(ctx, tx, actor, "class.disqualify", "class:" + std::to_string(class_id), Canon(cls),
            Canon(after),
            "案件 " + std::to_string(case_id) + " 认定弄虚作假，该班次按不合格处理（四（三））"));
  // Every paid subsidy of it becomes a clawback; what was not paid yet never will be.
  ANPEI_RETURN_IF_ERROR(ClawbackOnDisqualify(ctx, tx, actor, class_id, case_id));
  // A disqualified class's certificates no longer attest anything: each is revoked, so the
  // public page and the status list say so.
  ports::CertificateFilter f;
  f.class_id = class_id;
  ANPEI_ASSIGN_OR_RETURN(auto certificates, tx.certificates().ListCertificates(f));
  const std::string reason =
      "培训班经案件 " + std::to_string(case_id) + " 认定弄虚作假，按不合格处理（四（三））";
  for (const auto& c : certificates) {
    if (c.revoked()) continue;
    ANPEI_RETURN_IF_ERROR(
        tx.certificates().RevokeCertificate(c.id, ctx.NowText(), reason, actor.user_id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "certificate.revoke",
                                "certificate:" + std::to_string(c.id), "status=valid",
                                "status=revoked", "撤销证书 " + c.number + "：" + reason));
  }
  return Status::Ok();
}

}  // namespace

Result<CaseView> OpenCaseIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t class_id, const OpenCaseInput& input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseInvestigators));
  const auto source = domain::ParseCaseSource(input.source);
  if (!source || *source == domain::CaseSource::kSpotCheck) {
    return Status::Invalid("source",
                           "案件来源应为 signal（风险信号）或 report（举报或异议）；"
                           "现场检查发现的问题在检查记录中立案");
  }
  ANPEI_RETURN_IF_ERROR(domain::CheckRequiredText(input.summary, "summary", "案件摘要",
                                                  domain::kMaxCaseSummaryChars));
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(input.details, "details", "案件详情", domain::kMaxCaseTextChars));
  ANPEI_ASSIGN_OR_RETURN(auto briefs, tx.spot_checks().Briefs({class_id}));
  if (briefs.empty()) return Hidden("培训班", class_id);
  const auto& cls = briefs.front();
  if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
  if (cls.state < domain::ClassState::kApproved || cls.state == domain::ClassState::kDisqualified) {
    return Status(Code::kConflict,
                  "只能对已批准、未按不合格处理的培训班立案；该班当前状态：" +
                      std::string(domain::ClassStateName(cls.state)),
                  "state")
        .WithReason("case.class_state");
  }
  domain::CaseRecord c;
  c.class_id = class_id;
  c.source = std::string(domain::CaseSourceId(*source));
  c.summary = input.summary;
  c.opened_by = actor.Name();
  c.opened_at = ctx.NowText();
  ANPEI_ASSIGN_OR_RETURN(c.id, tx.fraud().InsertCase(c));
  ANPEI_RETURN_IF_ERROR(AddStep(ctx, tx, actor, c.id, "open", input.details));
  ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "case.open", "case:" + std::to_string(c.id), "",
                              CaseText(c),
                              std::string("由") + std::string(domain::CaseSourceName(*source)) +
                                  "立案，培训班 " + std::to_string(class_id)));
  ANPEI_ASSIGN_OR_RETURN(auto stored, tx.fraud().GetCase(c.id));
  return ViewOf(ctx, tx, std::move(stored));
}

Result<CaseView> OpenCase(const AppContext& ctx, const Actor& actor, int64_t class_id,
                          OpenCaseInput input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseInvestigators));
  return InTx<CaseView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, CaseView& out) {
    ANPEI_ASSIGN_OR_RETURN(out, OpenCaseIn(ctx, tx, actor, class_id, input));
    return Status::Ok();
  });
}

Result<ports::PageOf<domain::CaseRecord>> ListCases(const AppContext& ctx, const Actor& actor,
                                                    CaseListFilter filter, ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseReaders));
  if (filter.state && !domain::ParseCaseState(*filter.state)) {
    return Status::Invalid("state", "未知的案件状态：" + *filter.state);
  }
  ports::CaseFilter f;
  f.state = filter.state;
  f.class_id = filter.class_id;
  NarrowToScope(actor, f.institution_id, f.district_code);
  return InTx<ports::PageOf<domain::CaseRecord>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::CaseRecord>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.fraud().ListCases(f, page));
        return Status::Ok();
      });
}

Result<CaseView> GetCase(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseReaders));
  return InTx<CaseView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, CaseView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, CaseFor(tx, actor, id));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(c)));
    return Status::Ok();
  });
}

Result<CaseView> InvestigateCase(const AppContext& ctx, const Actor& actor, int64_t id,
                                 std::string findings, int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseInvestigators));
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(findings, "findings", "调查结论", domain::kMaxCaseTextChars));
  return InTx<CaseView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, CaseView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, CaseFor(tx, actor, id));
    if (StateOf(c) != CaseState::kOpen) {
      return Status(Code::kConflict,
                    "只能对已立案、未调查的案件开始调查；该案件当前状态：" +
                        std::string(domain::CaseStateName(StateOf(c))),
                    "state")
          .WithReason("case.state");
    }
    if (c.version != version) return Stale(c);
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(c.class_id));
    ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
    ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx));
    ANPEI_ASSIGN_OR_RETURN(
        auto due, calendar.calendar->AddWorkdays(ctx.Today(), policy->fraud.response_working_days));
    domain::CaseRecord next = c;
    next.state = std::string(domain::CaseStateId(CaseState::kInvestigating));
    next.response_due = due.ToString();
    ANPEI_RETURN_IF_ERROR(AddStep(ctx, tx, actor, id, "investigate", findings));
    ANPEI_RETURN_IF_ERROR(Advance(ctx, tx, actor, c, next, "case.investigate",
                                  "开始调查，培训机构可于 " + *next.response_due + " 前陈述申辩"));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.fraud().GetCase(id));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(stored)));
    return Status::Ok();
  });
}

Result<CaseView> RespondToCase(const AppContext& ctx, const Actor& actor, int64_t id,
                               std::string text) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, {domain::kRoleInstitution}));
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(text, "text", "陈述申辩内容", domain::kMaxCaseTextChars));
  return InTx<CaseView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, CaseView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, CaseFor(tx, actor, id));
    ANPEI_RETURN_IF_ERROR(domain::MayRespond(StateOf(c), c.response_due, ctx.Today()));
    ANPEI_RETURN_IF_ERROR(AddStep(ctx, tx, actor, id, "response", text));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "case.respond", "case:" + std::to_string(id), "",
                                text, "培训机构陈述申辩"));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(c)));
    return Status::Ok();
  });
}

Result<CaseView> DecideCase(const AppContext& ctx, const Actor& actor, int64_t id,
                            CaseDecisionInput input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCaseDeciders));
  const auto decision = domain::ParseCaseDecision(input.decision);
  if (!decision) {
    return Status::Invalid("decision", "认定结论应为 fraud（认定弄虚作假）或 cleared（不予认定）");
  }
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(input.reason, "reason", "认定理由", domain::kMaxCaseTextChars));
  return InTx<CaseView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, CaseView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, CaseFor(tx, actor, id));
    ANPEI_ASSIGN_OR_RETURN(auto view, ViewOf(ctx, tx, c));
    ANPEI_RETURN_IF_ERROR(
        domain::MayDecide(StateOf(c), view.answered, c.response_due, ctx.Today()));
    if (c.version != input.version) return Stale(c);
    domain::CaseRecord next = c;
    next.state = std::string(domain::CaseStateId(domain::StateAfter(*decision)));
    ANPEI_RETURN_IF_ERROR(
        AddStep(ctx, tx, actor, id, "decision",
                std::string(domain::CaseStateName(StateAfter(*decision))) + "：" + input.reason));
    ANPEI_RETURN_IF_ERROR(Advance(
        ctx, tx, actor, c, next, "case.decide",
        std::string(domain::CaseStateName(StateAfter(*decision))) + "；理由：" + input.reason));
    if (*decision == domain::CaseDecision::kFraud) {
      ANPEI_RETURN_IF_ERROR(Disqualify(ctx, tx, actor, c.class_id, id));
      ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(c.class_id));
      ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
      domain::BlacklistEntry e;
      e.institution_id = c.institution_id;
      e.case_id = id;
      e.reason = "培训班「" + c.class_title + "」经案件 " + std::to_string(id) + " 认定弄虚作假：" +
                 input.reason;
      e.listed_at = ctx.NowText();
      e.listed_at_unix = ctx.Now().unix_seconds;
      e.period_until = domain::PeriodUntil(ctx.Today(), policy->fraud.blacklist_years).ToString();
      e.listed_by = actor.user_id;
      e.listed_by_name = actor.Name();
      e.sent_to_hrss_at = e.listed_at;
      ANPEI_RETURN_IF_ERROR(AddBlacklistEntry(ctx, tx, actor, std::move(e)).status());
    }
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.fraud().GetCase(id));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(stored)));
    return Status::Ok();
  });
}

}  // namespace anpei::app
