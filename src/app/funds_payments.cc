// The payment list for the bank (XLSX, 财政, once confirmed) and the bank's results (XLSX or CSV
// through app/sheet_table.h: all or nothing, a row report by the sheet's own row numbers, dry run).
// A line is registered at most once per attempt: a result for a line already paid or failed (or a
// reference of an older attempt) is a conflict, so of two imports of one file exactly one wins.
#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/funds.h"
#include "app/sheet_table.h"
#include "domain/date.h"

namespace anpei::app {
namespace {

using domain::ClassState;
using domain::FundLineStatus;
using domain::FundRequestState;
using ports::TxMode;

FundLineStatus StatusOf(const ports::FundLineRecord& l) {
  return domain::ParseFundLineStatus(l.status).value_or(FundLineStatus::kPending);
}

Status NeedConfirmed(const ports::FundRequestRecord& r) {
  const auto state = domain::ParseFundRequestState(r.state).value_or(FundRequestState::kSubmitted);
  if (state == FundRequestState::kConfirmed) return Status::Ok();
  return Status(Code::kConflict,
                "拨付申请当前状态为「" + std::string(domain::FundRequestStateName(state)) +
                    "」：财政确认后才能导出付款清单、登记银行结果",
                "state")
      .WithReason("fund_request.state");
}

std::optional<FundLineStatus> ResultOf(const std::string& text) {
  static const std::set<std::string> paid = {"成功", "支付成功", "已支付", "已入账", "paid"};
  static const std::set<std::string> failed = {"失败", "支付失败", "退票", "failed"};
  if (paid.count(text)) return FundLineStatus::kPaid;
  if (failed.count(text)) return FundLineStatus::kFailed;
  return std::nullopt;
}

struct ParsedResult {
  int64_t row = 0;
  ports::FundLineRecord line;
  FundLineStatus status = FundLineStatus::kPaid;
  std::string bank_reference, paid_on, reason;
};

// Checks one row against the request's lines; "" and fills `out` when good, else the fault.
void CheckRow(const TableRow& row, const ports::FundRequestRecord& r,
              const std::map<int64_t, ports::FundLineRecord>& lines, ResultImportOutcome& outcome,
              std::vector<ParsedResult>& good, std::set<int64_t>& seen, Status& conflict) {
  auto err = [&](std::string field, std::string message) {
    outcome.errors.push_back({row.number, std::move(field), std::move(message)});
  };
  const std::string& ref = row.cells.at("reference");
  const auto parsed = domain::ParsePaymentReference(ref);
  if (!parsed || parsed->request_id != r.id || !lines.count(parsed->line_id)) {
    return err("reference", "参考号「" + ref + "」不是本拨付申请的付款参考号");
  }
  const auto& line = lines.at(parsed->line_id);
  if (!seen.insert(line.id).second) return err("reference", "同一参考号重复");
  const auto result = ResultOf(row.cells.at("result"));
  if (!result) {
    return err("result", "结果应为「成功」或「失败」，收到「" + row.cells.at("result") + "」");
  }
  ParsedResult p;
  p.row = row.number;
  p.line = line;
  p.status = *result;
  p.bank_reference = row.cells.at("bank_reference");
  p.reason = row.cells.at("reason");
  if (*result == FundLineStatus::kPaid) {
    if (p.bank_reference.empty()) return err("bank_reference", "支付成功的行须有银行流水号");
    auto date = domain::ParseDate(row.cells.at("paid_on"), "paid_on");
    if (!date.ok()) return err("paid_on", "支付日期应为 YYYY-MM-DD");
    p.paid_on = date->ToString();
  } else if (p.reason.empty()) {
    return err("reason", "支付失败的行须写明失败原因");
  }
  if (StatusOf(line) != FundLineStatus::kPending || parsed->attempt != line.attempt) {
    if (conflict.ok()) {
      conflict = Status(Code::kConflict,
                        "第 " + std::to_string(row.number) + " 行：参考号 " + ref +
                            " 的支付结果已登记过（当前为「" +
                            std::string(domain::FundLineStatusName(StatusOf(line))) +
                            "」），同一笔不会登记两次",
                        "file")
                     .WithReason("fund_line.already_registered");
    }
    return;
  }
  good.push_back(std::move(p));
}

// After results: a class whose lines in the request are all paid becomes paid; the request is
// completed when every line is.
Status Settle(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
              const ports::FundRequestRecord& r) {
  ANPEI_ASSIGN_OR_RETURN(auto lines, tx.funds().LinesOfRequest(r.id));
  std::map<int64_t, domain::FundTotals> by_class;
  domain::FundTotals all;
  for (const auto& l : lines) {
    by_class[l.class_id].Add(StatusOf(l), l.amount_yuan);
    all.Add(StatusOf(l), l.amount_yuan);
  }
  for (const auto& [class_id, totals] : by_class) {
    if (!totals.AllPaid()) continue;
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
    if (cls.state != ClassState::kFundsRequested) continue;
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(class_id, ClassState::kPaid, cls.declared_at,
                                                cls.calendar_version, ctx.NowText(), cls.version));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.paid", "class:" + std::to_string(class_id),
                                Canon(cls), Canon(after),
                                "补贴已全部拨付：" + std::to_string(totals.paid_lines) + " 人，" +
                                    std::to_string(totals.paid_yuan) + " 元"));
  }
  if (all.AllPaid()) {
    ANPEI_ASSIGN_OR_RETURN(auto current, tx.funds().GetRequest(r.id));
    ports::FundRequestRecord next = current;
    next.state = std::string(domain::FundRequestStateId(FundRequestState::kCompleted));
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateRequest(next, current.version));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "fund_request.complete",
                                "fund_request:" + std::to_string(r.id), "state=" + current.state,
                                "state=" + next.state,
                                "全部拨付完成：" + std::to_string(all.paid_yuan) + " 元"));
  }
  return Status::Ok();
}

// Registers checked results: each line paid or failed (versioned), one audit event each.
Status ApplyResults(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t id,
                    const std::vector<ParsedResult>& good) {
  for (const auto& p : good) {
    ports::FundLineRecord next = p.line;
    next.status = std::string(domain::FundLineStatusId(p.status));
    if (p.status == FundLineStatus::kPaid) {
      next.bank_reference = p.bank_reference;
      next.paid_on = p.paid_on;
    } else {
      next.failure_reason = p.reason;
      if (!p.bank_reference.empty()) next.bank_reference = p.bank_reference;
    }
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateLine(next, p.line.version));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "fund_line.result", "fund_line:" + std::to_string(p.line.id),
              "status=" + p.line.status, "status=" + next.status,
              domain::PaymentReference(id, p.line.id, p.line.attempt) + "：" +
                  std::string(domain::FundLineStatusName(p.status)) +
                  (p.status == FundLineStatus::kPaid ? "，银行流水号 " + p.bank_reference
                                                     : "，原因：" + p.reason)));
  }
  return Status::Ok();
}

// In the import's write transaction: every row checked against the request's lines as they are
// now (a line registered since is a conflict), then — not a dry run, no faulty row — registered.
Status RegisterResults(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t id,
                       const Table& table, ResultImportOutcome& out) {
  ANPEI_ASSIGN_OR_RETURN(auto r, FundRequestFor(tx, actor, id));
  ANPEI_RETURN_IF_ERROR(NeedConfirmed(r));
  ANPEI_ASSIGN_OR_RETURN(auto all, tx.funds().LinesOfRequest(id));
  std::map<int64_t, ports::FundLineRecord> lines;
  for (auto& l : all) lines.emplace(l.id, std::move(l));
  std::vector<ParsedResult> good;
  std::set<int64_t> seen;
  Status conflict = Status::Ok();
  for (const auto& row : table.rows) {
    if (!row.fault.empty()) {
      out.errors.push_back({row.number, "reference", row.fault});
      continue;
    }
    CheckRow(row, r, lines, out, good, seen, conflict);
  }
  ANPEI_RETURN_IF_ERROR(conflict);
  if (good.empty() && out.errors.empty()) {
    return Status::Invalid("file", "文件「" + out.file_name + "」中没有结果行")
        .WithReason("sheet.empty");
  }
  out.rows = static_cast<int64_t>(good.size());
  for (const auto& p : good) (p.status == FundLineStatus::kPaid ? out.paid : out.failed) += 1;
  if (out.dry_run || !out.errors.empty()) return Status::Ok();
  ANPEI_RETURN_IF_ERROR(ApplyResults(ctx, tx, actor, id, good));
  ANPEI_RETURN_IF_ERROR(Audit(
      ctx, tx, actor, "fund_request.import_results", "fund_request:" + std::to_string(id), "", "",
      "登记银行结果「" + out.file_name + "」：成功 " + std::to_string(out.paid) + " 笔，失败 " +
          std::to_string(out.failed) + " 笔"));
  ANPEI_RETURN_IF_ERROR(Settle(ctx, tx, actor, r));
  ANPEI_ASSIGN_OR_RETURN(auto stored, tx.funds().GetRequest(id));
  ANPEI_ASSIGN_OR_RETURN(out.view, FundViewOf(tx, actor, std::move(stored)));
  return Status::Ok();
}

}  // namespace

Result<PaymentListFile> ExportPaymentList(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundPayers));
  return InTx<PaymentListFile>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, PaymentListFile& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, FundRequestFor(tx, actor, id));
    ANPEI_RETURN_IF_ERROR(NeedConfirmed(r));
    ANPEI_ASSIGN_OR_RETURN(auto lines, tx.funds().LinesOfRequest(id));
    std::vector<ports::FundLineRecord> pending;
    std::string missing;
    for (auto& l : lines) {
      if (StatusOf(l) != FundLineStatus::kPending) continue;
      if (l.account.empty()) {
        missing += (missing.empty() ? "" : "、") + domain::PaymentReference(id, l.id, l.attempt);
      }
      pending.push_back(std::move(l));
    }
    if (pending.empty()) {
      return Status(Code::kConflict, "没有待支付的明细，无需导出付款清单", "state")
          .WithReason("fund_request.nothing_to_pay");
    }
    if (!missing.empty()) {
      return Status(Code::kFailedPrecondition,
                    "以下明细缺少收款账号（学员的社会保障卡金融账户或本人指定账户），补录后才能"
                    "导出：" +
                        missing,
                    "lines")
          .WithReason("funds.account_missing");
    }
    ANPEI_ASSIGN_OR_RETURN(auto writer, ctx.sheet_writers->Create("付款清单"));
    ANPEI_RETURN_IF_ERROR(writer->AddHeader({"序号", "参考号", "收款人姓名", "账户类型", "收款账号",
                                             "金额（元）", "培训班", "培训机构"}));
    int64_t n = 0, total = 0;
    for (const auto& l : pending) {
      const auto kind = domain::ParsePayeeAccountKind(l.account_kind)
                            .value_or(domain::PayeeAccountKind::kSocialSecurityCard);
      ANPEI_RETURN_IF_ERROR(writer->AddRow(
          {ports::NumberCell(++n), ports::TextCell(domain::PaymentReference(id, l.id, l.attempt)),
           ports::TextCell(l.person_name),
           ports::TextCell(std::string(domain::PayeeAccountKindName(kind))),
           ports::TextCell(l.account), ports::NumberCell(l.amount_yuan),
           ports::TextCell(l.class_title), ports::TextCell(l.institution_name)}));
      total += l.amount_yuan;
    }
    ANPEI_ASSIGN_OR_RETURN(out.bytes, writer->Finish());
    out.rows = n;
    out.file_name = "付款清单-拨付申请" + std::to_string(id) + ".xlsx";
    ports::FundRequestRecord next = r;
    next.exported_at = ctx.NowText();
    next.export_count = r.export_count + 1;
    ANPEI_RETURN_IF_ERROR(tx.funds().UpdateRequest(next, r.version));
    return Audit(
        ctx, tx, actor, "fund_request.export", "fund_request:" + std::to_string(id), "", "",
        "导出付款清单（第 " + std::to_string(next.export_count) + " 次）：" + std::to_string(n) +
            " 笔，合计 " + std::to_string(total) + " 元（含收款人姓名与完整账号）");
  });
}

Result<ResultImportOutcome> ImportPaymentResults(const AppContext& ctx, const Actor& actor,
                                                 int64_t id, std::string bytes,
                                                 const std::string& file_name, bool dry_run) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kFundPayers));
  // The request first (404 / 409 before the file is read).
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto r, FundRequestFor(tx, actor, id));
    return NeedConfirmed(r);
  }));
  if (file_name.empty()) {
    return Status::Invalid("file",
                           "请以 multipart/form-data 在字段 file 中上传银行结果（.xlsx 或 .csv）");
  }
  const std::vector<TableColumn> columns = {
      {"reference", {"参考号", "付款参考号", "业务参考号", "reference"}, true, false},
      {"result", {"结果", "支付结果", "处理结果", "result"}, true, false},
      {"bank_reference", {"银行流水号", "交易流水号", "bank_reference"}, false, false},
      {"paid_on", {"支付日期", "入账日期", "paid_on"}, false, false},
      {"reason", {"失败原因", "原因", "reason"}, false, false}};
  ANPEI_ASSIGN_OR_RETURN(auto table, ReadTable(ctx, std::move(bytes), file_name, columns, 5000));
  ResultImportOutcome out;
  out.dry_run = dry_run;
  out.file_name = file_name;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    return RegisterResults(ctx, tx, actor, id, table, out);
  }));
  return out;
}

}  // namespace anpei::app
