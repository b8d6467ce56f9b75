// The publicity part of `anpei demo` (cmd_demo_publicity.cc): two certified classes of one district
// published through the real use cases at fixed past times (三（一）4) — one batch whose period
// ended, with an objection upheld (the trainee withdrawn from payment) and then closed, so its
// class is publicity_closed; and one batch in publicity with an objection still open.
#pragma once

#include <cstdint>

#include "app/context.h"
#include "base/status.h"

namespace anpei::cli {

struct DemoPublicityInput {
  int64_t closed_class_id = 0;  // certified by 2026-10-20: published 10-21, closed 10-29
  int64_t open_class_id = 0;    // certified by 2026-10-27: published 11-25, objection open
  app::Actor reviewer;          // the reviewer of both classes' district
};

struct DemoPublicityDone {
  int batches = 0, objections = 0;
};

Result<DemoPublicityDone> SeedDemoPublicity(const app::AppContext& ctx,
                                            const DemoPublicityInput& in);

}  // namespace anpei::cli
