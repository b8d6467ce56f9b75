#include <memory>

#include "adapters/clock/clocks.h"
#include "app/fraud_cases.h"
#include "cli/demo_fraud.h"
#include "cli/demo_steps.h"

namespace anpei::cli {
namespace {}  // namespace

Result<DemoFraudDone> SeedDemoFraud(const app::AppContext& ctx, const DemoFraudInput& in) {
  DemoFraudDone done;
  // A case from a fraud signal: investigated, answered, found fraudulent by the city bureau.
  app::OpenCaseInput open{"signal", "同一部手机为多名学员签到",
                          "11月3日第2课次，同一部手机（设备 demo-shared-7）先后为 4 名学员签到、"
                          "签退，签到自拍均为同一背景（风险信号：同一设备签到多人）。"};
  auto opened = app::OpenCase(At(ctx, "2026-11-04T09:00:00+08:00"), in.fraud_reviewer,
                              in.fraud_class_id, open);
  if (!opened.ok()) return Named(opened.status(), "立案");
  ++done.cases;
  const int64_t id = opened->record.id;
  auto investigated = app::InvestigateCase(
      At(ctx, "2026-11-05T10:00:00+08:00"), in.fraud_reviewer, id,
      "调取签到记录、自拍照片与课堂录像：4 名学员当日未到场，由同班学员代为签到；"
      "询问笔录 3 份附卷。",
      opened->record.version);
  if (!investigated.ok()) return Named(investigated.status(), "调查");
  auto answered =
      app::RespondToCase(At(ctx, "2026-11-07T16:00:00+08:00"), in.fraud_clerk, id,
                         "经核实，4 名学员当日因单位临时加班未到场，班主任为“方便统计”代为签到，"
                         "我校对此负有管理责任，已对班主任作出处理。");
  if (!answered.ok()) return Named(answered.status(), "陈述申辩");
  app::CaseDecisionInput decision{"fraud",
                                  "代签事实清楚，机构陈述申辩承认代签，属以虚假考勤套取补贴的"
                                  "弄虚作假行为（四（三））。",
                                  investigated->record.version};
  auto decided = app::DecideCase(At(ctx, "2026-11-12T15:00:00+08:00"), in.city, id, decision);
  if (!decided.ok()) return Named(decided.status(), "认定");
  if (decided->blacklist) ++done.blacklisted;

  // A case from a report, under investigation: the institution's time to answer runs.
  app::OpenCaseInput report{"report", "举报：实操课未按计划开展",
                            "群众来电举报：11月12日、13日实操课实际只进行了半天，"
                            "其余时间学员自行离开。"};
  auto second = app::OpenCase(At(ctx, "2026-11-20T09:30:00+08:00"), in.investigated_reviewer,
                              in.investigated_class_id, report);
  if (!second.ok()) return Named(second.status(), "立案");
  ++done.cases;
  auto checking = app::InvestigateCase(
      At(ctx, "2026-11-26T11:00:00+08:00"), in.investigated_reviewer, second->record.id,
      "已调取实操课录像，正在核对时长；请培训机构说明实操课安排。", second->record.version);
  if (!checking.ok()) return Named(checking.status(), "调查");
  return done;
}

}  // namespace anpei::cli
