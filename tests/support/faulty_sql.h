// A SQL connection that wraps a real one and fails on command, for in-process tests of the use
// cases (like leveldb's SpecialEnv): fail the Nth statement from now, or the next COMMIT. The
// failure is Unavailable, as a dropped database connection is. Thread-safe counters; one Faults
// object may be shared by every connection of a pool.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/sql/pool.h"
#include "ports/sql.h"

namespace anpei::testing {

struct Faults {
  // Statements (BEGIN, each query, COMMIT) seen since Arm(); 0 = no fault armed.
  std::atomic<int64_t> seen{0};
  std::atomic<int64_t> fail_at{0};  // fail the statement with this 1-based number
  std::atomic<bool> fail_commit{false};
  std::atomic<int64_t> injected{0};  // faults injected so far

  void Arm(int64_t nth) {
    seen = 0;
    fail_at = nth;
  }
  void ArmCommit() { fail_commit = true; }
  void Disarm() {
    fail_at = 0;
    fail_commit = false;
  }
};

class FaultyConnection : public ports::SqlConnection {
 public:
  FaultyConnection(std::unique_ptr<ports::SqlConnection> real, std::shared_ptr<Faults> faults)
      : real_(std::move(real)), faults_(std::move(faults)) {}
  Result<ports::SqlResult> Execute(std::string_view sql,
                                   const std::vector<ports::SqlValue>& params) override;
  Status ExecuteScript(std::string_view sql) override;
  ports::SqlDialect Dialect() const override { return real_->Dialect(); }

 private:
  std::unique_ptr<ports::SqlConnection> real_;
  std::shared_ptr<Faults> faults_;
};

// A pool whose every connection to `url` is a FaultyConnection sharing `faults`.
std::shared_ptr<adapters::ConnectionPool> FaultyPool(const std::string& url,
                                                     std::shared_ptr<Faults> faults);

}  // namespace anpei::testing
