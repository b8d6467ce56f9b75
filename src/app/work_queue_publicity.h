// The work queues of publicity (app/work_queue.h; 三（一）4): registered in
// work_queue_providers.cc. Each reads the same list, in the same scope, as the page it opens.
#pragma once

#include "app/work_queue.h"

namespace anpei::app {

// 待处理的异议: open objections in the police actor's district (the city bureau: all), oldest
// first, each opening its batch's page.
Status OpenObjections(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                      WorkQueue& out);
// 公示期满待结束的批次: open batches whose period has ended, with how many objections are open.
Status BatchesToClose(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                      WorkQueue& out);

}  // namespace anpei::app
