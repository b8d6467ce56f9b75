// Port: change requests (变更申请, 三（二）3) with their added sessions, trainees and moves. Valid
// for one transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in store.h:
// NotFound for a missing id, Conflict for a stale expected_version or a request no longer pending,
// Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "domain/change_request.h"
#include "ports/page.h"

namespace anpei::ports {

struct ChangeRequestFilter {
  std::optional<int64_t> class_id;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;  // of the class's institution
  std::optional<std::string> state;          // pending / approved / refused
  bool oldest_first = false;  // lists are newest first; the reviewer's queue oldest first
};

class ChangeRequestRepository {
 public:
  virtual ~ChangeRequestRepository() = default;

  virtual Result<PageOf<domain::ChangeRequest>> ListChangeRequests(
      const ChangeRequestFilter& filter, Page page) = 0;
  virtual Result<domain::ChangeRequest> GetChangeRequest(int64_t id) = 0;
  // Takes the request's row lock until the transaction ends (a no-op on SQLite, whose write
  // transactions are already serial). A decision locks before it reads, so a second concurrent
  // decision reads the first one's outcome instead of a class the first one has since changed.
  virtual Status LockChangeRequest(int64_t id) = 0;
  // Inserts a pending request with its sessions, trainees and moves; returns the new id. id,
  // state, decision and the joined fields of the argument are ignored.
  virtual Result<int64_t> InsertChangeRequest(const domain::ChangeRequest& request) = 0;
  // Records the decision (state, decided_*, decision_reason, plan_version) if the request is still
  // pending at expected_version; bumps the version. Conflict otherwise, so of two concurrent
  // decisions exactly one wins.
  virtual Status DecideChangeRequest(const domain::ChangeRequest& request,
                                     int64_t expected_version) = 0;
};

}  // namespace anpei::ports
