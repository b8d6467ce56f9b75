// Clawbacks (追回, 四（三）: "已发放补贴的追回资金"): made by the fraud decision's transaction
// (ClawbackOnDisqualify, called from app/fraud_cases.cc), recovered by 人社 or 财政.
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/funds.h"
#include "domain/date.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::ClawbackState;
using domain::FundLineStatus;
using ports::TxMode;

std::string ClawbackText(const ports::ClawbackRecord& c) {
  return "line=" + std::to_string(c.line_id) + "|due=" + std::to_string(c.due_yuan) +
         "|recovered=" + std::to_string(c.recovered_yuan) + "|state=" + c.state;
}

Result<ports::ClawbackRecord> ClawbackFor(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  auto c = tx.funds().GetClawback(id);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) return Hidden("追回记录", id);
    return c.status();
  }
  if (!InScope(actor, c->institution_id, c->district_code)) return Hidden("追回记录", id);
  return c;
}

ports::ClawbackRecord Masked(const Actor& actor, ports::ClawbackRecord c) {
  c.person_name = NameFor(actor, -1, c.person_name);
  return c;
}

}  // namespace

Status ClawbackOnDisqualify(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t class_id, int64_t case_id) {
  ANPEI_ASSIGN_OR_RETURN(auto lines, tx.funds().LinesOfClass(class_id));
  for (auto& line : lines) {
    const auto status = domain::ParseFundLineStatus(line.status).value_or(FundLineStatus::kPending);
    if (status == FundLineStatus::kPaid) {
      ports::ClawbackRecord c;
      c.line_id = line.id;
      c.class_id = class_id;
      c.person_id = line.person_id;
      c.case_id = case_id;
      c.due_yuan = line.amount_yuan;
      c.state = std::string(domain::ClawbackStateId(ClawbackState::kOutstanding));
      c.created_at = ctx.NowText();
      ANPEI_ASSIGN_OR_RETURN(c.id, tx.funds().InsertClawback(c));
      ANPEI_RETURN_IF_ERROR(Audit(
          ctx, tx, actor, "clawback.open", "clawback:" + std::to_string(c.id), "", ClawbackText(c),
          "培训班经案件 " + std::to_string(case_id) + " 认定弄虚作假，已发放补贴 " +
              std::to_string(c.due_yuan) + " 元待追回（四（三））"));
    } else if (status == FundLineStatus::kPending || status == FundLineStatus::kFailed) {
      const int64_t version = line.version;
      const std::string before = "status=" + line.status;
      line.status = std::string(domain::FundLineStatusId(FundLineStatus::kCancelled));
      line.updated_at = ctx.NowText();
      ANPEI_RETURN_IF_ERROR(tx.funds().UpdateLine(line, version));
      ANPEI_RETURN_IF_ERROR(
          Audit(ctx, tx, actor, "fund_line.cancel", "fund_line:" + std::to_string(line.id), before,
                "status=" + line.status, "培训班按不合格处理，未支付的补贴取消（四（三））"));
    }
  }
  return Status::Ok();
}

Result<ClawbackList> ListClawbacks(const AppContext& ctx, const Actor& actor,
                                   ClawbackListFilter filter, ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClawbackReaders));
  if (filter.state && !domain::ParseClawbackState(*filter.state)) {
    return Status::Invalid("state", "未知的追回状态：" + *filter.state);
  }
  ports::ClawbackFilter f;
  f.state = filter.state;
  f.institution_id = filter.institution_id;
  NarrowToScope(actor, f.institution_id, f.district_code);
  return InTx<ClawbackList>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, ClawbackList& out) {
    ANPEI_ASSIGN_OR_RETURN(out.page, tx.funds().ListClawbacks(f, page));
    for (auto& c : out.page.items) c = Masked(actor, std::move(c));
    ANPEI_ASSIGN_OR_RETURN(out.totals, tx.funds().ClawbackSums(f));
    return Status::Ok();
  });
}

Result<ClawbackView> GetClawback(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClawbackReaders));
  return InTx<ClawbackView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, ClawbackView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, ClawbackFor(tx, actor, id));
    out.clawback = Masked(actor, std::move(c));
    ANPEI_ASSIGN_OR_RETURN(out.recoveries, tx.funds().RecoveriesOf(id));
    return Status::Ok();
  });
}

Result<ClawbackView> RecordRecovery(const AppContext& ctx, const Actor& actor, int64_t id,
                                    RecoveryInput input) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClawbackKeepers));
  ANPEI_ASSIGN_OR_RETURN(auto on, domain::ParseDate(input.recovered_on, "recovered_on"));
  if (on > ctx.Today()) return Status::Invalid("recovered_on", "追回日期不能晚于今天");
  ANPEI_RETURN_IF_ERROR(domain::CheckRequiredText(input.reference, "reference", "回款凭证号", 100));
  return InTx<ClawbackView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ClawbackView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, ClawbackFor(tx, actor, id));
    ANPEI_RETURN_IF_ERROR(domain::CheckRecovery(c.due_yuan, c.recovered_yuan, input.amount_yuan));
    if (c.version != input.version) {
      return Status(Code::kConflict,
                    "追回记录已被他人修改（当前版本 " + std::to_string(c.version) +
                        "），请刷新后再登记",
                    "version")
          .WithReason("version.stale");
    }
    ports::ClawbackRecovery r;
    r.clawback_id = id;
    r.amount_yuan = input.amount_yuan;
    r.recovered_on = on.ToString();
    r.reference = input.reference;
    r.by_user = actor.user_id;
    r.by_name = actor.Name();
    r.at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().AddRecovery(r, c.version));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.funds().GetClawback(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "clawback.recover",
                                "clawback:" + std::to_string(id), ClawbackText(c),
                                ClawbackText(after),
                                "追回 " + std::to_string(input.amount_yuan) + " 元（" +
                                    r.recovered_on + "，" + input.reference + "），尚欠 " +
                                    std::to_string(after.due_yuan - after.recovered_yuan) + " 元"));
    out.clawback = Masked(actor, std::move(after));
    ANPEI_ASSIGN_OR_RETURN(out.recoveries, tx.funds().RecoveriesOf(id));
    return Status::Ok();
  });
}

}  // namespace anpei::app
