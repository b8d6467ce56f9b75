// The completion part of `anpei demo` (cmd_demo_completion.cc): classes that ran in October 2026
// and went on through the real use cases, each at its own past time — declared, approved, every
// session signed on paper (an approved exception, the sheet uploaded, the records back-filled),
// assessed, the completion submitted and verified, then approved by the reviewer and certified —
// so the console shows a completion waiting for review, one approved, and certified classes that
// publicity and funds (三（一）4) go on from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "base/status.h"
#include "domain/model.h"

namespace anpei::cli {

// Where a finished class is held: an institution with its address, two teachers (t1 theory,
// t2 practical), its clerk and the reviewer of its district.
struct DemoSite {
  int64_t institution_id = 0;
  std::string address;
  double lat = 0, lng = 0;
  int64_t teacher1 = 0, teacher2 = 0;
  app::Actor clerk, reviewer;
};

// A person to enrol (by identity, as an institution does).
struct DemoEnrolee {
  std::string name, id_number, group, phone;
};

struct DemoCompletionInput {
  std::vector<DemoSite> sites;      // by institution index of the catalogue (demo_catalog.h)
  std::vector<DemoEnrolee> people;  // enrolled 8 per class, no one in two of these classes
};

struct DemoCompletionDone {
  int64_t submitted_class = 0;     // completion_submitted: waiting for the reviewer
  int64_t approved_class = 0;      // completion_approved: certificates not yet issued
  std::vector<int64_t> certified;  // certified, in the order publicity and funds take them
  int classes = 0;                 // made here
  int certificates = 0;
};

Result<DemoCompletionDone> SeedDemoCompletion(const app::AppContext& ctx,
                                              const DemoCompletionInput& in);

}  // namespace anpei::cli
