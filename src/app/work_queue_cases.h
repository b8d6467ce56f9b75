// The work queues of fraud cases and the blacklist (app/work_queue.h; 四（三）): registered in
// work_queue_providers.cc. Each reads the same list, in the same scope, as the page it opens.
#pragma once

#include "app/work_queue.h"

namespace anpei::app {

// 待调查的案件: open cases in the police actor's district (the city bureau: all), oldest first.
Status OpenCases(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                 WorkQueue& out);
// 待认定的案件: investigated cases (the city bureau), each saying whether it may be decided now.
Status CasesToDecide(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                     WorkQueue& out);
// 待陈述申辩的案件: the institution's investigated cases with the day the answer is due.
Status CasesToAnswer(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                     WorkQueue& out);
// 待确认的信用黑名单: entries copied to 人社 and not yet acknowledged.
Status BlacklistToAcknowledge(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                              int64_t limit, WorkQueue& out);

}  // namespace anpei::app
