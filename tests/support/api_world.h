// The world most API tests of attendance and evidence start from, on the store of the test's
// parameter ("sqlite" or "postgresql"): a fresh database with a police_admin `admin`, a server
// whose clock is a TestClock (moved by the test; staff sessions outlive the days it is moved
// over), two districts — 丰泽区 350503 and 晋江市 350582 — with one institution each (甲校
// inst_a_, 乙校 inst_b_), each with a teacher, and the users inst_a, inst_b (institution),
// reviewer_a, reviewer_b (police_reviewer of each district), auditor and hrss, all signed in.
// Helpers for the requests those tests repeat: JSON bodies, declared and approved classes of
// five sessions at a venue, QR tokens, trainees' phones. Test support only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "support/server_process.h"
#include "support/test_clock.h"
#include "support/test_database.h"

namespace anpei::testing {

using Headers = std::map<std::string, std::string>;

// The venue of the world's classes: 丰泽区东海街道 (WGS-84).
inline constexpr double kVenueLat = 24.8886, kVenueLng = 118.6130;

// The body as JSON (null when it is not JSON); a string value; an error's reason ("" if none).
boost::json::value J(const HttpResult& r);
std::string Str(const boost::json::value& v);
std::string Reason(const HttpResult& r);

class ApiWorldTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Builds the world with the clock at `now` (RFC 3339); `extra_args` go to `anpei serve`.
  // Call from SetUp() and return if HasFatalFailure() or IsSkipped().
  void BuildWorld(const std::string& now = "2021-10-08T10:00:00+08:00",
                  const std::vector<std::string>& extra_args = {});

  static std::string Person(const std::string& name, const std::string& id);
  // An institution in `district` with one teacher (teachers_[id]); its id.
  int64_t Institution(const std::string& name, const std::string& uscc,
                      const std::string& district);
  // A user created by the admin (`scope`: extra JSON members, e.g. "\"district_code\":\"350503\""),
  // then signed in as as_[name].
  void User(const std::string& name, const std::string& role, const std::string& scope);

  HttpResult Req(const Headers& h, const std::string& method, const std::string& path,
                 const std::string& body = {});
  HttpResult Post(const std::string& who, const std::string& path, const std::string& body);
  HttpResult Get(const std::string& who, const std::string& path);
  // The number of audit events of `action` (the admin's view of the audit log).
  int64_t AuditCount(const std::string& action);
  // The count of `who`'s work queue `id` (GET /work-queue): -1 when `who` has no such queue, -2
  // when the request fails.
  int64_t QueueCount(const std::string& who, const std::string& id);
  // The "id" of a 200/201 answer (0, and a failed expectation, otherwise).
  int64_t Id(const HttpResult& r);

  // A class of `inst` created by `who`: five four-hour sessions from Monday 2021-10-11, `start`–
  // `end` each day (the last two practical), at the venue, taught by the institution's teacher.
  int64_t Class(const std::string& who, int64_t inst, const std::string& title,
                const std::vector<int64_t>& roster, const std::string& start = "08:30",
                const std::string& end = "11:50");
  int64_t Version(const std::string& who, int64_t cls);
  void Declare(const std::string& who, int64_t cls);
  void Approve(const std::string& reviewer, int64_t cls);

  // The QR token of session `seq` of `cls` as `who` sees it ("" on failure).
  std::string Qr(const std::string& who, int64_t cls, int seq = 1);
  // POST /trainee-sessions with a QR token.
  HttpResult Identify(const std::string& token, const std::string& name, const std::string& id,
                      const std::string& device);
  // Identifies and returns the trainee's headers (cookie and CSRF token; empty on failure).
  Headers Phone(const std::string& token, const std::string& name, const std::string& id,
                const std::string& device);

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TestClock> clock_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;  // institution -> its teacher
  int64_t inst_a_ = 0, inst_b_ = 0;
};

}  // namespace anpei::testing
