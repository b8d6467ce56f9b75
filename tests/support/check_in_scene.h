// A morning peak to measure and to kill (issue 13, deliver 8): approved classes with a venue,
// each with a full roster whose every trainee has identified on a phone of its own, all at the
// first session's check-in time. Built through the real API on a running server whose clock is a
// TestClock (the server must have been started with clock.Args()); used by make bench
// (tests/bench/peak_bench.cc) and the SIGKILL durability test. Test support only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "support/server_process.h"
#include "support/test_clock.h"

namespace anpei::testing {

// The venue (丰泽区东海街道, WGS-84), the time the scene is built at (before the plan's deadline)
// and the time of the peak (first session, 08:30–11:50 on 2021-10-11; check-in opens 08:00).
inline constexpr double kSceneLat = 24.8886, kSceneLng = 118.6130;
inline constexpr const char* kSceneBuiltAt = "2021-10-08T10:00:00+08:00";
inline constexpr const char* kScenePeakAt = "2021-10-11T08:20:00+08:00";

struct ScenePhone {
  int64_t class_id = 0, person_id = 0;
  std::string device, cookie, csrf;  // the trainee session: "anpei_trainee=…" and its CSRF token
};

struct CheckInScene {
  std::vector<ScenePhone> phones;         // class by class
  std::map<int64_t, std::string> tokens;  // class id -> the QR token of session 1 at the peak
};

// Builds `classes` classes of `per_class` trainees (≤ 1000), each with its own teacher, and moves
// the clock to kScenePeakAt. `admin` must be a police_admin's headers (Cookie, X-CSRF-Token).
// Empty `error` on success.
CheckInScene BuildCheckInScene(const ServerProcess& server, TestClock& clock,
                               const std::map<std::string, std::string>& admin, int classes,
                               int per_class, std::string& error);

// A data directory for ANPEI_DATA_DIR (data/ and migrations/ linked from `source_dir`,
// policies/ copied) whose
// policies do not require a selfie at check-in. The morning peak measures the check-in write;
// the selfie is a request of its own before it (face detection, docs/performance.md), so the
// scene's phones check in without one. Set it in the environment before starting the server.
// Empty on failure, with `error` saying why.
std::string NoSelfieDataDir(const std::string& source_dir, std::string& error);

// The body of POST /api/v1/check-ins for `phone` at the venue.
std::string CheckInBody(const CheckInScene& scene, const ScenePhone& phone,
                        const std::string& direction, const std::string& key);

}  // namespace anpei::testing
