// Fund requests (拨付申请, 三（一）4, 四（二）): create over publicity_closed classes, 人社's
// decision, 财政's confirmation, the payee's account and re-issuing a failed line. The payment list
// and the bank's results are in funds_payments.cc, clawbacks in clawbacks.cc.
#include <algorithm>
#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/funds.h"
#include "app/publicity.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::ClassState;
using domain::FundLineStatus;
using domain::FundRequestState;
using ports::TxMode;

FundRequestState StateOf(const ports::FundRequestRecord& r) {
  return domain::ParseFundRequestState(r.state).value_or(FundRequestState::kSubmitted);
}
FundLineStatus StatusOf(const ports::FundLineRecord& l) {
  return domain::ParseFundLineStatus(l.status).value_or(FundLineStatus::kPending);
}

std::string RequestText(const ports::FundRequestRecord& r) {
  return "state=" + r.state + "|hrss=" + r.hrss_by_name.value_or("") +
         "|finance=" + r.finance_by_name.value_or("") + "|return=" + r.return_reason.value_or("") +
         "|exports=" + std::to_string(r.export_count);
}

std::string LineText(const ports::FundLineRecord& l) {
  return "status=" + l.status + "|attempt=" + std::to_string(l.attempt) +
         "|amount=" + std::to_string(l.amount_yuan) + "|kind=" + l.account_kind +
         "|account=" + domain::MaskAccount(l.account) + "|bank=" + l.bank_reference.value_or("");
}

Status Stale(std::string_view what, int64_t version) {
  return Status(Code::kConflict,
                std::string(what) + "已被他人修改（当前版本 " + std::to_string(version) +
                    "），请刷新后再办理",
                "version")
      .WithReason("version.stale");
}

Status WrongState(const ports::FundRequestRecord& r, std::string_view need) {
  return Status(Code::kConflict,
                "拨付申请当前状态为「" + std::string(domain::FundRequestStateName(StateOf(r))) +
                    "」，" + std::string(need),
                "state")
      .WithReason("fund_request.state");
}

// Whether a police actor's scope covers the request: a reviewer only its district's requests.
bool RequestInScope(const Actor& actor, const ports::FundRequestRecord& r) {
  if (SeesAll(actor)) return true;
  return actor.Has(domain::kRoleReviewer) && actor.district_code &&
         r.district_code == actor.district_code;
}

// The class of a new request: in scope, approved on the platform and publicity_closed (四（二）).
Result<domain::TrainingClass> PayableClass(ports::StoreTx& tx, const Actor& actor, int64_t class_id,
                                           const std::string& field) {
  auto cls = tx.classes().GetClass(class_id);
  if (!cls.ok()) {
    if (cls.status().code() == Code::kNotFound) return Hidden("培训班", class_id);
    return cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", class_id);
  ANPEI_ASSIGN_OR_RETURN(auto decisions, tx.classes().ListDecisions(class_id));
  const bool approved =
      std::any_of(decisions.begin(), decisions.end(), [](const domain::ClassDecision& d) {
        return d.decision == domain::ReviewDecision::kApprove;
      });
  if (cls->state == ClassState::kFundsRequested || cls->state == ClassState::kPaid) {
    return Status(Code::kConflict,
                  "培训班「" + cls->title + "」已在拨付申请中（当前状态：" +
                      std::string(domain::ClassStateName(cls->state)) +
                      "）；同一学员同一班次只拨付一次（四（二））",
                  field)
        .WithReason("funds.already_requested");
  }
  if (cls->state != ClassState::kPublicityClosed || !approved) {
    return Status(Code::kFailedPrecondition,
                  "培训班「" + cls->title + "」当前状态为「" +
                      std::string(domain::ClassStateName(cls->state)) +
                      "」，不能申请拨付：只有经平台审核通过、公示期满且异议均已处理"
                      "（公示结束）的培训班才能拨付补贴（四（二）：凡未经审核的培训班，"
                      "不予拨付职业技能培训补助资金）",
                  field)
        .WithReason("funds.class_not_payable");
  }
  return cls;
}

Status MoveClasses(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                   const std::set<int64_t>& class_ids, ClassState from, ClassState to,
                   const std::string& action, const std::string& detail) {
  for (const int64_t id : class_ids) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(id));
    if (cls.state != from) continue;
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(id, to, cls.declared_at, cls.calendar_version,
                                                ctx.NowText(), cls.version));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, action, "class:" + std::to_string(id), Canon(cls),
                                Canon(after), detail));
  }
  return Status::Ok();
}

// A return (人社 or 财政): the lines are cancelled, the classes go back to publicity_closed.
Status ReturnRequest(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                     const ports::FundRequestRecord& before, const std::string& reason) {
  ports::FundRequestRecord next = before;
  next.state = std::string(domain::FundRequestStateId(FundRequestState::kReturned));
  next.return_reason = reason;
  next.returned_by_name = actor.Name();
  next.returned_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.funds().UpdateRequest(next, before.version));
  ANPEI_ASSIGN_OR_RETURN(auto lines, tx.funds().LinesOfRequest(before.id));
  std::set<int64_t> classes;
  for (auto line : lines) {
    classes.insert(line.class_id);
    if (StatusOf(line) == FundLineStatus::kCancelled) continue;
    const int64_t version = line.version;
    line.status = std::string(domain::FundLineStatusId(FundLineStatus::kCancelled));
    line.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateLine(line, version));
  }
  ANPEI_RETURN_IF_ERROR(MoveClasses(
      ctx, tx, actor, classes, ClassState::kFundsRequested, ClassState::kPublicityClosed,
      "class.funds_return", "拨付申请 " + std::to_string(before.id) + " 被退回：" + reason));
  return Audit(ctx, tx, actor, "fund_request.return", "fund_request:" + std::to_string(before.id),
               RequestText(before), RequestText(next), "退回：" + reason);
}

// The lines of one class of a new request (one per payable trainee, app/publicity.h), the class
// moved to funds_requested first.
Status AddClassLines(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                     int64_t request_id, const domain::TrainingClass& cls, const std::string& field,
                     int64_t& lines, int64_t& total) {
  ANPEI_ASSIGN_OR_RETURN(auto payable, PayableTrainees(tx, cls.id));
  if (payable.empty()) {
    return Status(Code::kFailedPrecondition,
                  "培训班「" + cls.title + "」没有可拨付补贴的学员（三（一）4）", field)
        .WithReason("funds.none_payable");
  }
  // The class first: of two requests racing for one class, the loser stops here (409).
  ANPEI_RETURN_IF_ERROR(tx.classes().SetState(cls.id, ClassState::kFundsRequested, cls.declared_at,
                                              cls.calendar_version, ctx.NowText(), cls.version));
  int64_t class_total = 0;
  for (const auto& p : payable) {
    ports::FundLineRecord l;
    l.request_id = request_id;
    l.class_id = cls.id;
    l.person_id = p.person_id;
    l.amount_yuan = p.subsidy_yuan;
    l.account_kind =
        std::string(domain::PayeeAccountKindId(domain::PayeeAccountKind::kSocialSecurityCard));
    l.status = std::string(domain::FundLineStatusId(FundLineStatus::kPending));
    l.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().InsertLine(l).status());
    class_total += p.subsidy_yuan;
    ++lines;
  }
  total += class_total;
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(cls.id));
  return Audit(ctx, tx, actor, "class.funds_request", "class:" + std::to_string(cls.id), Canon(cls),
               Canon(after),
               "列入拨付申请 " + std::to_string(request_id) + "：" +
                   std::to_string(payable.size()) + " 人，" + std::to_string(class_total) + " 元");
}

}  // namespace

Result<ports::FundRequestRecord> FundRequestFor(ports::StoreTx& tx, const Actor& actor,
                                                int64_t id) {
  auto r = tx.funds().GetRequest(id);
  if (!r.ok()) {
    if (r.status().code() == Code::kNotFound) return Hidden("拨付申请", id);
    return r.status();
  }
  if (!RequestInScope(actor, *r)) return Hidden("拨付申请", id);
  return r;
}

Result<FundRequestView> FundViewOf(ports::StoreTx& tx, const Actor& actor,
                                   ports::FundRequestRecord request) {
  FundRequestView out;
  ANPEI_ASSIGN_OR_RETURN(auto lines, tx.funds().LinesOfRequest(request.id));
  std::map<int64_t, size_t> index;
  for (auto& l : lines) {
    auto [it, fresh] = index.emplace(l.class_id, out.classes.size());
    if (fresh) {
      FundClassView c;
      c.class_id = l.class_id;
      c.class_title = l.class_title;
      c.institution_name = l.institution_name;
      ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(l.class_id));
      c.state = std::string(domain::ClassStateId(cls.state));
      out.classes.push_back(std::move(c));
    }
    out.classes[it->second].totals.Add(StatusOf(l), l.amount_yuan);
    out.totals.Add(StatusOf(l), l.amount_yuan);
    FundLineView v;
    v.reference = domain::PaymentReference(l.request_id, l.id, l.attempt);
    v.flagged = l.account.empty() && StatusOf(l) != FundLineStatus::kCancelled;
    if (v.flagged) ++out.flagged;
    l.person_name = NameFor(actor, -1, l.person_name);
    l.account = domain::MaskAccount(l.account);
    v.line = std::move(l);
    out.lines.push_back(std::move(v));
  }
  out.request = std::move(request);
  return out;
}

Result<FundRequestView> CreateFundRequest(const AppContext& ctx, const Actor& actor,
                                          CreateFundRequestInput input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundRequesters));
  if (input.class_ids.empty() || input.class_ids.size() > 100) {
    return Status::Invalid("class_ids", "请选择 1–100 个培训班");
  }
  std::set<int64_t> ids;
  for (size_t i = 0; i < input.class_ids.size(); ++i) {
    if (!ids.insert(input.class_ids[i]).second) {
      return Status::Invalid("class_ids[" + std::to_string(i) + "]", "培训班重复");
    }
  }
  return InTx<FundRequestView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, FundRequestView& out) {
    std::vector<domain::TrainingClass> classes;
    std::set<std::string> districts;
    for (size_t i = 0; i < input.class_ids.size(); ++i) {
      ANPEI_ASSIGN_OR_RETURN(auto cls, PayableClass(tx, actor, input.class_ids[i],
                                                    "class_ids[" + std::to_string(i) + "]"));
      districts.insert(cls.district_code);
      classes.push_back(std::move(cls));
    }
    ports::FundRequestRecord r;
    r.state = std::string(domain::FundRequestStateId(FundRequestState::kSubmitted));
    if (districts.size() == 1) r.district_code = *districts.begin();
    r.created_by = actor.user_id;
    r.created_by_name = actor.Name();
    r.created_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(r.id, tx.funds().InsertRequest(r));
    int64_t lines = 0, total = 0;
    for (size_t i = 0; i < classes.size(); ++i) {
      ANPEI_RETURN_IF_ERROR(AddClassLines(ctx, tx, actor, r.id, classes[i],
                                          "class_ids[" + std::to_string(i) + "]", lines, total));
    }
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "fund_request.create",
                                "fund_request:" + std::to_string(r.id), "", RequestText(r),
                                std::to_string(classes.size()) + " 个培训班，" +
                                    std::to_string(lines) + " 人，合计 " + std::to_string(total) +
                                    " 元"));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.funds().GetRequest(r.id));
    ANPEI_ASSIGN_OR_RETURN(out, FundViewOf(tx, actor, std::move(stored)));
    return Status::Ok();
  });
}

Result<ports::PageOf<ports::FundRequestRecord>> ListFundRequests(const AppContext& ctx,
                                                                 const Actor& actor,
                                                                 FundRequestListFilter filter,
                                                                 ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundReaders));
  if (filter.state && !domain::ParseFundRequestState(*filter.state)) {
    return Status::Invalid("state", "未知的拨付申请状态：" + *filter.state);
  }
  ports::FundRequestFilter f;
  f.state = filter.state;
  if (!SeesAll(actor)) f.district_code = actor.district_code.value_or("-");
  return InTx<ports::PageOf<ports::FundRequestRecord>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<ports::FundRequestRecord>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.funds().ListRequests(f, page));
        return Status::Ok();
      });
}

Result<FundRequestView> GetFundRequest(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundReaders));
  return InTx<FundRequestView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, FundRequestView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, FundRequestFor(tx, actor, id));
    ANPEI_ASSIGN_OR_RETURN(out, FundViewOf(tx, actor, std::move(r)));
    return Status::Ok();
  });
}

namespace {

// The step of 人社 (approve) or 财政 (confirm): `from` → `to`, or a return with reasons.
Result<FundRequestView> Decide(const AppContext& ctx, const Actor& actor, int64_t id,
                               const FundDecisionInput& input, std::string_view yes,
                               FundRequestState from, FundRequestState to) {
  const bool ok = input.decision == yes;
  if (!ok && input.decision != "return") {
    return Status::Invalid("decision", "决定应为 " + std::string(yes) + " 或 return（退回）");
  }
  if (!ok) {
    ANPEI_RETURN_IF_ERROR(
        domain::CheckRequiredText(input.reason, "reason", "退回理由", domain::kMaxFundReasonChars));
  }
  return InTx<FundRequestView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, FundRequestView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, FundRequestFor(tx, actor, id));
    if (StateOf(r) != from) {
      return WrongState(
          r, from == FundRequestState::kSubmitted ? "不在待人社审批状态" : "不在待财政确认状态");
    }
    if (r.version != input.version) return Stale("拨付申请", r.version);
    if (!ok) {
      ANPEI_RETURN_IF_ERROR(ReturnRequest(ctx, tx, actor, r, input.reason));
    } else {
      ports::FundRequestRecord next = r;
      next.state = std::string(domain::FundRequestStateId(to));
      const bool hrss = from == FundRequestState::kSubmitted;
      (hrss ? next.hrss_by_name : next.finance_by_name) = actor.Name();
      (hrss ? next.hrss_at : next.finance_at) = ctx.NowText();
      ANPEI_RETURN_IF_ERROR(tx.funds().UpdateRequest(next, r.version));
      ANPEI_RETURN_IF_ERROR(
          Audit(ctx, tx, actor, hrss ? "fund_request.approve" : "fund_request.confirm",
                "fund_request:" + std::to_string(id), RequestText(r), RequestText(next),
                std::string(hrss ? "人社审批通过" : "财政确认拨付") +
                    (input.reason.empty() ? "" : "：" + input.reason)));
    }
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.funds().GetRequest(id));
    ANPEI_ASSIGN_OR_RETURN(out, FundViewOf(tx, actor, std::move(stored)));
    return Status::Ok();
  });
}

// The line as the actor may see it: through its request's scope.
Result<ports::FundLineRecord> LineFor(ports::StoreTx& tx, const Actor& actor, int64_t line_id) {
  auto l = tx.funds().GetLine(line_id);
  if (!l.ok()) {
    if (l.status().code() == Code::kNotFound) return Hidden("拨付明细", line_id);
    return l.status();
  }
  auto r = FundRequestFor(tx, actor, l->request_id);
  if (!r.ok()) {
    if (r.status().code() == Code::kNotFound) return Hidden("拨付明细", line_id);
    return r.status();
  }
  return l;
}

FundLineView LineView(const Actor& actor, ports::FundLineRecord l) {
  FundLineView v;
  v.reference = domain::PaymentReference(l.request_id, l.id, l.attempt);
  v.flagged = l.account.empty() && StatusOf(l) != FundLineStatus::kCancelled;
  l.person_name = NameFor(actor, -1, l.person_name);
  l.account = domain::MaskAccount(l.account);
  v.line = std::move(l);
  return v;
}

}  // namespace

Result<FundRequestView> DecideFundRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                          const FundDecisionInput& input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundApprovers));
  return Decide(ctx, actor, id, input, "approve", FundRequestState::kSubmitted,
                FundRequestState::kApproved);
}

Result<FundRequestView> ConfirmFundRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                           const FundDecisionInput& input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundPayers));
  return Decide(ctx, actor, id, input, "confirm", FundRequestState::kApproved,
                FundRequestState::kConfirmed);
}

Result<FundLineView> SetPayee(const AppContext& ctx, const Actor& actor, int64_t line_id,
                              PayeeInput input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPayeeEditors));
  const auto kind = domain::ParsePayeeAccountKind(input.kind);
  if (!kind) {
    return Status::Invalid("kind",
                           "账户类型应为 social_security_card（社会保障卡金融账户）或 "
                           "other（本人指定账户）");
  }
  ANPEI_ASSIGN_OR_RETURN(auto account, domain::NormalizeAccountNumber(input.account, "account"));
  return InTx<FundLineView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, FundLineView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto line, LineFor(tx, actor, line_id));
    const auto status = StatusOf(line);
    if (status != FundLineStatus::kPending && status != FundLineStatus::kFailed) {
      return Status(Code::kConflict,
                    "该笔拨付" + std::string(domain::FundLineStatusName(status)) +
                        "，不能再修改收款账户",
                    "state")
          .WithReason("fund_line.state");
    }
    if (line.version != input.version) return Stale("拨付明细", line.version);
    ports::FundLineRecord next = line;
    next.account_kind = std::string(domain::PayeeAccountKindId(*kind));
    next.account = account;
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateLine(next, line.version));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "fund_line.payee", "fund_line:" + std::to_string(line_id),
              LineText(line), LineText(next),
              std::string("收款账户：") + std::string(domain::PayeeAccountKindName(*kind)) + " " +
                  domain::MaskAccount(account)));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.funds().GetLine(line_id));
    out = LineView(actor, std::move(stored));
    return Status::Ok();
  });
}

Result<FundLineView> ReissueLine(const AppContext& ctx, const Actor& actor, int64_t line_id,
                                 int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundPayers));
  return InTx<FundLineView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, FundLineView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto line, LineFor(tx, actor, line_id));
    if (StatusOf(line) != FundLineStatus::kFailed) {
      return Status(Code::kConflict,
                    "只有支付失败的明细才能重新发放；该笔当前为「" +
                        std::string(domain::FundLineStatusName(StatusOf(line))) + "」",
                    "state")
          .WithReason("fund_line.state");
    }
    if (line.version != version) return Stale("拨付明细", line.version);
    ports::FundLineRecord next = line;
    next.status = std::string(domain::FundLineStatusId(FundLineStatus::kPending));
    next.attempt = line.attempt + 1;
    next.failure_reason.reset();
    next.bank_reference.reset();
    next.paid_on.reset();
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateLine(next, line.version));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "fund_line.reissue", "fund_line:" + std::to_string(line_id),
              LineText(line), LineText(next),
              "重新发放：第 " + std::to_string(next.attempt) + " 次支付，参考号 " +
                  domain::PaymentReference(next.request_id, next.id, next.attempt)));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.funds().GetLine(line_id));
    out = LineView(actor, std::move(stored));
    return Status::Ok();
  });
}

}  // namespace anpei::app
