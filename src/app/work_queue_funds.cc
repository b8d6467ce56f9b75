#include "app/work_queue_funds.h"

#include "app/authorize.h"
#include "domain/funds.h"
#include "ports/fund_repository.h"

namespace anpei::app {
namespace {

Status FillRequests(ports::StoreTx& tx, const Actor& actor, domain::FundRequestState state,
                    int64_t limit, WorkQueue& out) {
  ports::FundRequestFilter f;
  f.state = std::string(domain::FundRequestStateId(state));
  f.oldest_first = true;
  if (!SeesAll(actor)) f.district_code = actor.district_code.value_or("-");
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.funds().ListRequests(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& r : page.items) {
    WorkItem item;
    item.kind = "fund_request";
    item.id = r.id;
    item.title = "拨付申请 " + std::to_string(r.id) + "（" + std::to_string(r.class_count) +
                 " 个培训班，" + std::to_string(r.line_count) + " 人，" +
                 std::to_string(r.requested_yuan) + " 元）";
    item.detail = r.created_by_name;
    item.since = state == domain::FundRequestState::kApproved ? r.hrss_at.value_or(r.created_at)
                                                              : r.created_at;
    item.link = "/fund-requests/" + std::to_string(r.id);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace

Status FundRequestsToApprove(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out) {
  return FillRequests(tx, actor, domain::FundRequestState::kSubmitted, limit, out);
}

Status FundRequestsToConfirm(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out) {
  return FillRequests(tx, actor, domain::FundRequestState::kApproved, limit, out);
}

Status ClawbacksOutstanding(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                            int64_t limit, WorkQueue& out) {
  ports::ClawbackFilter f;
  f.state = std::string(domain::ClawbackStateId(domain::ClawbackState::kOutstanding));
  f.oldest_first = true;
  NarrowToScope(actor, f.institution_id, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.funds().ListClawbacks(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& c : page.items) {
    WorkItem item;
    item.kind = "clawback";
    item.id = c.id;
    item.title = c.class_title + "（" + domain::MaskName(c.person_name) + "，待追回 " +
                 std::to_string(c.due_yuan - c.recovered_yuan) + " 元）";
    item.detail = c.institution_name;
    item.since = c.created_at;
    item.link = "/clawbacks";
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace anpei::app
