#include "app/work_queue_publicity.h"

#include "app/authorize.h"
#include "domain/publicity.h"

namespace anpei::app {

Status OpenObjections(const AppContext&, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                      WorkQueue& out) {
  ports::ObjectionFilter f;
  f.state = std::string(domain::ObjectionStateId(domain::ObjectionState::kOpen));
  f.oldest_first = true;
  std::optional<int64_t> institution;
  NarrowToScope(actor, institution, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.publicity().ListObjections(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& o : page.items) {
    WorkItem item;
    item.kind = "objection";
    item.id = o.id;
    item.title = "异议 #" + std::to_string(o.id) + "：" + o.class_title +
                 (o.entry_name.empty() ? "（整班）" : "（" + o.entry_name + "）");
    item.detail = o.batch_title;
    item.since = o.filed_at;
    item.link =
        "/publicity/batches/" + std::to_string(o.batch_id) + "?objection=" + std::to_string(o.id);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

Status BatchesToClose(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                      WorkQueue& out) {
  ports::BatchFilter f;
  f.state = std::string(domain::BatchStateId(domain::BatchState::kOpen));
  f.ended_before = ctx.Today().ToString();
  f.oldest_first = true;
  std::optional<int64_t> institution;
  NarrowToScope(actor, institution, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.publicity().ListBatches(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& b : page.items) {
    WorkItem item;
    item.kind = "publicity_batch";
    item.id = b.id;
    item.title = b.title;
    item.detail = "公示期 " + b.opens_on + " 至 " + b.closes_on;
    item.since = b.closes_on + "T23:59:59+08:00";
    item.link = "/publicity/batches/" + std::to_string(b.id);
    if (b.objections_open > 0) {
      item.warning = "尚有 " + std::to_string(b.objections_open) + " 条异议未处理";
    }
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace anpei::app
