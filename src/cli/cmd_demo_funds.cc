// `anpei demo`, the funds part (demo_funds.h). Every step is a use case at its own past time:
// publicity (open, close after five working days), the fund request with each payee's 社会保障卡
// account, 人社's approval, 财政's confirmation, the payment list, the bank's results (read as
// the CSV a bank returns), a re-issue, and for one paid class a fraud case ending in clawbacks and
// a first recovery.
#include <memory>
#include <string>

#include "adapters/clock/clocks.h"
#include "app/fraud_cases.h"
#include "app/funds.h"
#include "app/publicity.h"
#include "cli/demo_funds.h"
#include "cli/demo_steps.h"

namespace anpei::cli {
namespace {

class Funds {
 public:
  Funds(const app::AppContext& ctx, const DemoFundsInput& in) : ctx_(ctx), in_(in) {}

  Result<DemoFundsDone> Run() {
    // 丰泽: requested, approved, confirmed; the bank fails one payment, it is re-issued and paid.
    ANPEI_ASSIGN_OR_RETURN(auto fengze, Request(in_.closed_fengze_class, in_.fengze_reviewer,
                                                "2026-10-30T10:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Approve(fengze, "2026-11-02T15:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Confirm(fengze, "2026-11-03T10:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Pay(fengze, "2026-11-05T16:00:00+08:00", "2026-11-05", true));
    ANPEI_ASSIGN_OR_RETURN(auto view, app::GetFundRequest(ctx_, in_.finance, fengze));
    for (const auto& l : view.lines) {
      if (l.line.status != "failed") continue;
      ANPEI_RETURN_IF_ERROR(app::ReissueLine(At(ctx_, "2026-11-06T09:30:00+08:00"), in_.finance,
                                             l.line.id, l.line.version)
                                .status());
    }
    ANPEI_RETURN_IF_ERROR(Pay(fengze, "2026-11-09T16:00:00+08:00", "2026-11-09", false));

    // 晋江: published, closed, requested — waiting for 人社.
    ANPEI_RETURN_IF_ERROR(Publish(in_.hrss_waiting_class, in_.jinjiang_reviewer,
                                  "2026-11-02T09:00:00+08:00", "2026-11-10T09:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(
        Request(in_.hrss_waiting_class, in_.jinjiang_reviewer, "2026-11-20T10:00:00+08:00")
            .status());
    // Another 晋江 class: published and closed, its funds not yet requested.
    ANPEI_RETURN_IF_ERROR(Publish(in_.closed_class, in_.jinjiang_reviewer,
                                  "2026-11-03T09:00:00+08:00", "2026-11-11T09:00:00+08:00"));
    // 南安: … and approved by 人社 — waiting for 财政.
    ANPEI_RETURN_IF_ERROR(Publish(in_.finance_waiting_class, in_.city, "2026-11-02T09:10:00+08:00",
                                  "2026-11-10T09:10:00+08:00"));
    ANPEI_ASSIGN_OR_RETURN(
        auto nanan, Request(in_.finance_waiting_class, in_.city, "2026-11-16T10:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Approve(nanan, "2026-11-18T15:00:00+08:00"));

    // 鲤城: paid, then a report proves the sign-in sheets forged: disqualified, clawed back.
    ANPEI_RETURN_IF_ERROR(Publish(in_.clawback_class, in_.city, "2026-11-02T09:20:00+08:00",
                                  "2026-11-10T09:20:00+08:00"));
    ANPEI_ASSIGN_OR_RETURN(auto licheng,
                           Request(in_.clawback_class, in_.city, "2026-11-11T10:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Approve(licheng, "2026-11-12T15:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Confirm(licheng, "2026-11-13T10:00:00+08:00"));
    ANPEI_RETURN_IF_ERROR(Pay(licheng, "2026-11-16T16:00:00+08:00", "2026-11-16", false));
    ANPEI_RETURN_IF_ERROR(Fraud());
    return done_;
  }

 private:
  Status Publish(int64_t class_id, const app::Actor& reviewer, const char* open,
                 const char* close) {
    app::OpenBatchInput batch;
    batch.class_ids = {class_id};
    auto opened = app::OpenBatch(At(ctx_, open), reviewer, batch);
    if (!opened.ok()) return Named(opened.status(), "发布公示");
    auto closed =
        app::CloseBatch(At(ctx_, close), reviewer, opened->batch.id, opened->batch.version);
    if (!closed.ok()) return Named(closed.status(), "结束公示");
    return Status::Ok();
  }

  // The request and every payee's 社会保障卡 account (from the roster's bank details).
  Result<int64_t> Request(int64_t class_id, const app::Actor& who, const char* when) {
    app::CreateFundRequestInput in;
    in.class_ids = {class_id};
    auto made = app::CreateFundRequest(At(ctx_, when), who, in);
    if (!made.ok()) return Named(made.status(), "申请拨付");
    ++done_.requests;
    int n = 0;
    for (const auto& l : made->lines) {
      const std::string account = "621700" + std::to_string(1000000000LL + class_id * 100 + ++n);
      auto set = app::SetPayee(At(ctx_, when), who, l.line.id,
                               {"social_security_card", account, l.line.version});
      if (!set.ok()) return Named(set.status(), "收款账户");
    }
    return made->request.id;
  }

  Status Approve(int64_t id, const char* when) {
    ANPEI_ASSIGN_OR_RETURN(auto v, app::GetFundRequest(ctx_, in_.hrss, id));
    auto r =
        app::DecideFundRequest(At(ctx_, when), in_.hrss, id, {"approve", "", v.request.version});
    return r.ok() ? Status::Ok() : Named(r.status(), "人社审批");
  }

  Status Confirm(int64_t id, const char* when) {
    ANPEI_ASSIGN_OR_RETURN(auto v, app::GetFundRequest(ctx_, in_.finance, id));
    auto r = app::ConfirmFundRequest(At(ctx_, when), in_.finance, id,
                                     {"confirm", "", v.request.version});
    return r.ok() ? Status::Ok() : Named(r.status(), "财政确认");
  }

  // The payment list, then the bank's results for its pending lines (the first failed when
  // `fail_first`), as the CSV the bank returns.
  Status Pay(int64_t id, const char* when, const char* paid_on, bool fail_first) {
    auto list = app::ExportPaymentList(At(ctx_, when), in_.finance, id);
    if (!list.ok()) return Named(list.status(), "付款清单");
    ANPEI_ASSIGN_OR_RETURN(auto v, app::GetFundRequest(ctx_, in_.finance, id));
    std::string csv = "参考号,结果,银行流水号,支付日期,失败原因\r\n";
    bool first = true;
    int row = 0;
    for (const auto& l : v.lines) {
      if (l.line.status != "pending") continue;
      if (first && fail_first) {
        csv += l.reference + ",失败,,,收款人账户已销户\r\n";
      } else {
        csv += l.reference + ",成功,B" + std::string(paid_on).substr(0, 4) +
               std::to_string(100000 + id * 100 + ++row) + "," + paid_on + ",\r\n";
        ++done_.paid_lines;
      }
      first = false;
    }
    auto imported =
        app::ImportPaymentResults(At(ctx_, when), in_.finance, id, csv, "银行回单.csv", false);
    if (!imported.ok()) return Named(imported.status(), "银行结果");
    if (!imported->errors.empty()) {
      return Named(Status::Internal(imported->errors.front().message), "银行结果");
    }
    return Status::Ok();
  }

  Status Fraud() {
    auto opened = app::OpenCase(At(ctx_, "2026-11-20T10:00:00+08:00"), in_.city, in_.clawback_class,
                                {"report", "举报纸质签到表代签",
                                 "学员家属举报：10 月第一期培训班多名学员未到场，纸质签到表由"
                                 "他人代签，补贴已发放。"});
    if (!opened.ok()) return Named(opened.status(), "立案");
    auto investigated = app::InvestigateCase(
        At(ctx_, "2026-11-20T15:00:00+08:00"), in_.city, opened->record.id,
        "调取实训基地门禁记录与学员单位考勤：8 名学员中 5 名培训期间在岗，签到表系代签。",
        opened->record.version);
    if (!investigated.ok()) return Named(investigated.status(), "调查");
    auto answered = app::RespondToCase(At(ctx_, "2026-11-23T11:00:00+08:00"), in_.clawback_clerk,
                                       opened->record.id, "对调查结果无异议，愿退回全部补贴。");
    if (!answered.ok()) return Named(answered.status(), "陈述申辩");
    auto decided = app::DecideCase(
        At(ctx_, "2026-11-24T10:00:00+08:00"), in_.city, opened->record.id,
        {"fraud", "纸质签到表代签属实，按不合格处理，追回已发放补贴，列入信用黑名单。",
         answered->record.version});
    if (!decided.ok()) return Named(decided.status(), "认定");
    // 人社 registers the first recovery.
    auto list = app::ListClawbacks(ctx_, in_.hrss, {}, ports::Page(1, 100));
    if (!list.ok()) return Named(list.status(), "追回");
    done_.clawbacks = static_cast<int>(list->page.items.size());
    if (list->page.items.empty()) return Status::Ok();
    const auto& first = list->page.items.front();
    auto recovered = app::RecordRecovery(
        At(ctx_, "2026-11-27T16:00:00+08:00"), in_.hrss, first.id,
        {first.due_yuan, "2026-11-27", "非税收入缴款书 3505-2026-001177", first.version});
    if (!recovered.ok()) return Named(recovered.status(), "登记追回");
    return Status::Ok();
  }

  const app::AppContext& ctx_;
  const DemoFundsInput& in_;
  DemoFundsDone done_;
};

}  // namespace

Result<DemoFundsDone> SeedDemoFunds(const app::AppContext& ctx, const DemoFundsInput& in) {
  return Funds(ctx, in).Run();
}

}  // namespace anpei::cli
