// The attendance part of `anpei demo` (cmd_demo_attendance.cc): phones, check-ins with selfies,
// a roll call, a rebinding and paper exceptions of the demo's approved classes, each step through
// the real use cases at its own fixed past time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "base/status.h"

namespace anpei::cli {

struct DemoPerson {
  int64_t id = 0;
  std::string name, id_number;
};

struct DemoAttendanceInput {
  int64_t class_id = 0;            // approved, sessions 2026-11-02 … 06 and a make-up on 11-07
  std::vector<DemoPerson> roster;  // in roster order
  double venue_lat = 0, venue_lng = 0;
  app::Actor clerk, reviewer;  // the class's institution and its district's reviewer
  int64_t other_class_id = 0;  // another approved class (2026-11-09 … 13) …
  app::Actor other_clerk;      // … and its institution: an exception left pending
  // A JPEG with one face; missing or unreadable: no phone check-ins (cmd_demo_attendance.cc).
  std::string selfie_photo_path = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";
};

// What was written, for the summary line.
struct DemoAttendanceDone {
  int identified = 0, check_ins = 0, selfies = 0, refused = 0, backfilled = 0;
};

Result<DemoAttendanceDone> SeedDemoAttendance(const app::AppContext& ctx,
                                              const DemoAttendanceInput& in);

}  // namespace anpei::cli
