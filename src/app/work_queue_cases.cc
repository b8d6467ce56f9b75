#include "app/work_queue_cases.h"

#include <functional>

#include "app/authorize.h"
#include "domain/fraud_case.h"

namespace anpei::app {
namespace {

Status FillCases(ports::StoreTx& tx, ports::CaseFilter f, int64_t limit, WorkQueue& out,
                 const std::function<void(const domain::CaseRecord&, WorkItem&)>& extra) {
  f.oldest_first = true;
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.fraud().ListCases(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& c : page.items) {
    WorkItem item;
    item.kind = "case";
    item.id = c.id;
    item.title = "案件 #" + std::to_string(c.id) + "：" + c.class_title;
    item.detail = c.institution_name + "，" + c.summary;
    item.since = c.opened_at;
    item.link = "/cases/" + std::to_string(c.id);
    extra(c, item);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace

Status OpenCases(const AppContext&, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                 WorkQueue& out) {
  ports::CaseFilter f;
  f.state = std::string(domain::CaseStateId(domain::CaseState::kOpen));
  NarrowToScope(actor, f.institution_id, f.district_code);
  return FillCases(tx, f, limit, out, [](const domain::CaseRecord&, WorkItem&) {});
}

Status CasesToDecide(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                     WorkQueue& out) {
  ports::CaseFilter f;
  f.state = std::string(domain::CaseStateId(domain::CaseState::kInvestigating));
  NarrowToScope(actor, f.institution_id, f.district_code);
  const std::string today = ctx.Today().ToString();
  return FillCases(tx, f, limit, out, [&](const domain::CaseRecord& c, WorkItem& item) {
    if (!c.response_due) return;
    item.warning = today > *c.response_due
                       ? "申辩期已于 " + *c.response_due + " 届满，可作出认定"
                       : "申辩期至 " + *c.response_due + "；机构答复或期满后方可认定";
  });
}

Status CasesToAnswer(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                     WorkQueue& out) {
  ports::CaseFilter f;
  f.state = std::string(domain::CaseStateId(domain::CaseState::kInvestigating));
  NarrowToScope(actor, f.institution_id, f.district_code);
  if (!f.institution_id) return Status::Ok();
  const std::string today = ctx.Today().ToString();
  return FillCases(tx, f, limit, out, [&](const domain::CaseRecord& c, WorkItem& item) {
    if (c.response_due && today <= *c.response_due) {
      item.warning = "请于 " + *c.response_due + " 前陈述申辩";
    }
  });
}

Status BlacklistToAcknowledge(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                              int64_t limit, WorkQueue& out) {
  ports::BlacklistFilter f;
  f.unacknowledged_only = true;
  f.oldest_first = true;
  NarrowToScope(actor, f.institution_id, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.fraud().ListBlacklist(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& e : page.items) {
    WorkItem item;
    item.kind = "blacklist";
    item.id = e.id;
    item.title = e.institution_name + "（期限至 " + e.period_until + "）";
    item.detail = e.reason;
    item.since = e.listed_at;
    item.link = "/blacklist";
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace anpei::app
