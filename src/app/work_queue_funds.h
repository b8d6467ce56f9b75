// The work queues of funds and clawbacks (app/work_queue.h; 三（一）4, 四（二）, 四（三）):
// registered in work_queue_providers.cc. Each reads the same list, in the same scope, as the page
// it opens.
#pragma once

#include "app/work_queue.h"

namespace anpei::app {

// 待审批的拨付申请 (人社): submitted fund requests, oldest first.
Status FundRequestsToApprove(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out);
// 待确认的拨付 (财政): fund requests 人社 approved, oldest first.
Status FundRequestsToConfirm(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out);
// 待追回的补贴 (人社): clawbacks with an amount outstanding, oldest first.
Status ClawbacksOutstanding(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t limit, WorkQueue& out);

}  // namespace anpei::app
