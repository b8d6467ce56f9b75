// The work-queue mechanism (work_queue.h): runs the providers an actor's roles are served by, in
// one read transaction. The providers themselves are in work_queue_providers.cc.
#include "app/work_queue.h"

#include <algorithm>

#include "app/authorize.h"

namespace anpei::app {

using ports::TxMode;

int64_t WaitingDays(const AppContext& ctx, std::string_view since) {
  auto at = domain::ParseTimestamp(since, "since");
  if (!at.ok()) return 0;
  const int64_t days = ctx.Today().ToDays() - domain::LocalDate(*at, ctx.LocalOffset()).ToDays();
  return std::max<int64_t>(days, 0);
}

std::string FirstSessionWarning(const AppContext& ctx, const std::optional<std::string>& start) {
  if (!start) return "";
  auto date = domain::ParseDate(*start, "start_date");
  if (!date.ok()) return "";
  const int64_t days = date->ToDays() - ctx.Today().ToDays();
  if (days < 0) return "首次课（" + *start + "）已过，尚未审核";
  if (days == 0) return "今天首次课，尚未审核";
  if (days <= kFirstSessionNearDays) {
    return "距首次课（" + *start + "）还有 " + std::to_string(days) + " 天";
  }
  return "";
}

namespace {

bool Serves(const QueueProvider& provider, const Actor& actor) {
  return std::any_of(provider.roles.begin(), provider.roles.end(),
                     [&](std::string_view role) { return actor.Has(role); });
}

}  // namespace

Result<std::vector<WorkQueue>> WorkQueuesFor(const AppContext& ctx, const Actor& actor,
                                             int64_t limit) {
  if (!actor.SignedIn()) {
    return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
  }
  if (limit < 1 || limit > 100) {
    return Status::Invalid("limit",
                           "limit 应为 1 到 100 之间的整数，收到 " + std::to_string(limit));
  }
  std::vector<const QueueProvider*> served;
  for (const auto& provider : QueueProviders()) {
    if (Serves(provider, actor)) served.push_back(&provider);
  }
  if (served.empty()) return std::vector<WorkQueue>();
  return InTx<std::vector<WorkQueue>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<WorkQueue>& out) {
        for (const QueueProvider* provider : served) {
          WorkQueue queue;
          queue.id = provider->id;
          queue.title = provider->title;
          ANPEI_RETURN_IF_ERROR(provider->fill(ctx, tx, actor, limit, queue));
          for (auto& item : queue.items) item.waiting_days = WaitingDays(ctx, item.since);
          out.push_back(std::move(queue));
        }
        return Status::Ok();
      });
}

}  // namespace anpei::app
