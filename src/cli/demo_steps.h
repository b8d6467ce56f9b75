// Helpers the demo's steps share (cmd_demo_publicity.cc, cmd_demo_funds.cc, cmd_demo_fraud.cc):
// the context at a fixed past time, and a failed step named in the demo's error.
#pragma once

#include <memory>
#include <string>

#include "adapters/clock/clocks.h"
#include "app/context.h"
#include "base/status.h"
#include "domain/date.h"

namespace anpei::cli {

// `ctx` with its clock fixed at `when` (RFC 3339, a literal of the demo script).
inline app::AppContext At(const app::AppContext& ctx, const char* when) {
  app::AppContext c = ctx;
  c.clock = std::make_shared<adapters::FixedClock>(*domain::ParseTimestamp(when, "demo"));
  return c;
}

// `st` with the step `what` named: 演示数据写入失败（what）：….
inline Status Named(const Status& st, const char* what) {
  return Status(st.code(), std::string("演示数据写入失败（") + what + "）：" + st.ToString(),
                st.field());
}

}  // namespace anpei::cli
