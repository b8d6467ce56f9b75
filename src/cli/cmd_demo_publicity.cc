#include <memory>

#include "adapters/clock/clocks.h"
#include "app/publicity.h"
#include "cli/demo_publicity.h"
#include "cli/demo_steps.h"

namespace anpei::cli {
namespace {}  // namespace

Result<DemoPublicityDone> SeedDemoPublicity(const app::AppContext& ctx,
                                            const DemoPublicityInput& in) {
  DemoPublicityDone done;
  // A batch whose period ended: an objection on one trainee, upheld; then closed.
  app::OpenBatchInput first;
  first.class_ids = {in.closed_class_id};
  auto opened = app::OpenBatch(At(ctx, "2026-10-21T09:00:00+08:00"), in.reviewer, first);
  if (!opened.ok()) return Named(opened.status(), "发布公示");
  ++done.batches;
  if (opened->entries.empty()) return Named(Status::Internal("公示名单为空"), "发布公示");
  app::ObjectionInput objection;
  objection.batch_id = opened->batch.id;
  objection.entry_id = opened->entries.front().id;
  objection.contact = "13905951234";
  objection.text =
      "该学员培训期间在晋江一家工厂上班，每天都在厂里，不可能参加丰泽的培训，"
      "请核实签到表。";
  auto filed = app::FileObjection(At(ctx, "2026-10-22T20:15:00+08:00"), objection);
  if (!filed.ok()) return Named(filed.status(), "提出异议");
  ++done.objections;
  app::ResolveInput upheld{"upheld",
                           "经走访用人单位并调取考勤记录，该学员培训期间全勤在岗，"
                           "纸质签到表系他人代签，不予拨付补贴；已责成培训机构整改。",
                           filed->version};
  auto resolved =
      app::ResolveObjection(At(ctx, "2026-10-26T16:30:00+08:00"), in.reviewer, filed->id, upheld);
  if (!resolved.ok()) return Named(resolved.status(), "处理异议");
  auto closed = app::CloseBatch(At(ctx, "2026-10-29T09:10:00+08:00"), in.reviewer, opened->batch.id,
                                opened->batch.version);
  if (!closed.ok()) return Named(closed.status(), "结束公示");

  // A batch in publicity with an objection on the whole class waiting for the reviewer.
  app::OpenBatchInput second;
  second.class_ids = {in.open_class_id};
  auto running = app::OpenBatch(At(ctx, "2026-11-25T09:00:00+08:00"), in.reviewer, second);
  if (!running.ok()) return Named(running.status(), "发布公示");
  ++done.batches;
  app::ObjectionInput whole;
  whole.batch_id = running->batch.id;
  whole.class_id = in.open_class_id;
  whole.contact = "jubao@example.com";
  whole.text = "该班 10 月 22 日实操课只上了一个小时，其余时间学员自行离开，请核查课堂录像。";
  auto pending = app::FileObjection(At(ctx, "2026-11-26T10:05:00+08:00"), whole);
  if (!pending.ok()) return Named(pending.status(), "提出异议");
  ++done.objections;
  return done;
}

}  // namespace anpei::cli
