// Work queues (待办, issue 11 Deliver 1): each role's to-do lists on its home page. One mechanism:
// a registry of queue providers (work_queue_providers.cc), each a small function with the roles it
// serves and its query. GET /api/v1/work-queue runs, in one read transaction, every provider one
// of the actor's roles is served by, and hands back its queues in the registry's order.
//
// Authorisation: a provider reads the same list, with the same scope narrowing (NarrowToScope),
// as the page its items open, so an item and a count never include anything outside the actor's
// institution or district.
//
// Adding a queue (the review, attendance, completion and payment issues): write a provider —
// roles, id, Chinese title, and a function that reads its items through a repository (indexed:
// tests/storage/query_plan_test.cc) — and add it to Providers() in work_queue_providers.cc; the
// API, the console's home page and its tests pick it up as it is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"

namespace anpei::app {

// One to-do: what it is (kind: "class", "held_enrolment", "institution"), its id, a line to
// show, since when it has waited (RFC 3339) and the console page it opens.
struct WorkItem {
  std::string kind;
  int64_t id = 0;
  std::string title;
  std::string detail;  // e.g. the institution, for officials
  std::string since;
  int64_t waiting_days = 0;  // whole local calendar days from `since` to today
  std::string link;          // the console's path, e.g. /classes/5
  // Why it is urgent, in plain Chinese ("" when it is not): a declaration whose first session is
  // near (within kFirstSessionNearDays) or has passed without a decision.
  std::string warning;
};

inline constexpr int64_t kFirstSessionNearDays = 3;
// The warning for a class waiting for review whose first session is on `start` (YYYY-MM-DD);
// "" when it is further off than kFirstSessionNearDays or unreadable.
std::string FirstSessionWarning(const AppContext& ctx, const std::optional<std::string>& start);

struct WorkQueue {
  std::string id;     // stable, e.g. class.drafts
  std::string title;  // Chinese, e.g. 草稿培训班
  int64_t count = 0;  // items in the actor's scope, counted up to ports::kTotalCountLimit
  bool count_exact = true;
  std::vector<WorkItem> items;  // the oldest first, at most the limit asked for
};

// A provider fills `out` (id and title are set already) with at most `limit` items.
using QueueFill = Status (*)(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out);

struct QueueProvider {
  std::string_view id;
  std::string_view title;
  std::vector<std::string_view> roles;  // served when the actor holds one of them
  QueueFill fill;
};

// The registry, in the order the home page shows the queues (work_queue_providers.cc).
const std::vector<QueueProvider>& QueueProviders();

// Whole local calendar days from `since` (RFC 3339) to today; 0 when unreadable or in the future.
int64_t WaitingDays(const AppContext& ctx, std::string_view since);

// The actor's queues: every provider one of its roles is served by (a signed-in user with none,
// e.g. an auditor, gets an empty list). Each queue carries at most `limit` (1..100) items.
Result<std::vector<WorkQueue>> WorkQueuesFor(const AppContext& ctx, const Actor& actor,
                                             int64_t limit);

}  // namespace anpei::app
