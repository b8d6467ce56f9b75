// The funds part of `anpei demo` (cmd_demo_funds.cc): certified classes carried on through
// publicity and the fund requests (三（一）4, 四（二）) by the real use cases at fixed past times,
// so the console shows a request waiting for 人社, one waiting for 财政, a class paid (one payment
// failed at the bank and re-issued), and a paid class later found fraudulent whose subsidies are
// being clawed back (四（三）).
#pragma once

#include <cstdint>

#include "app/context.h"
#include "base/status.h"

namespace anpei::cli {

struct DemoFundsInput {
  int64_t closed_fengze_class = 0;  // publicity_closed on 2026-10-29 (cmd_demo_publicity.cc)
  app::Actor fengze_reviewer;
  int64_t hrss_waiting_class = 0;  // certified (晋江): published, closed, requested
  app::Actor jinjiang_reviewer;
  int64_t finance_waiting_class = 0;  // certified (南安): … and approved by 人社
  int64_t clawback_class = 0;         // certified (鲤城): … paid, then found fraudulent
  int64_t closed_class = 0;           // certified (晋江): published and closed, not yet requested
  app::Actor city;                    // police_admin: reviews 南安 and 鲤城, decides the case
  app::Actor clawback_clerk;          // 鲤城's institution: answers the case
  app::Actor hrss, finance;
};

struct DemoFundsDone {
  int requests = 0, paid_lines = 0, clawbacks = 0;
};

Result<DemoFundsDone> SeedDemoFunds(const app::AppContext& ctx, const DemoFundsInput& in);

}  // namespace anpei::cli
