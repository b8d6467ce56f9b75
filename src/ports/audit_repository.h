// Port: the append-only, hash-chained audit trail (domain.md §8).
// Valid for one transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in
// store.h: NotFound for a missing id (field names it), Conflict for a unique constraint or a stale
// expected_version, Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/audit.h"
#include "ports/page.h"

namespace anpei::ports {

struct AuditFilter {
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> target;       // exactly "class:5"
  std::optional<std::string> target_type;  // "class": every target "class:..."
  std::optional<std::string> at_from;      // events at or after this RFC 3339 prefix ("2026-11-30")
  std::optional<std::string> at_before;    // events before it ("2026-12-01": to 2026-11-30)
  std::optional<int64_t> after_seq;        // events with seq > after_seq
  bool newest_first = false;               // order of a listed page (the chain itself is seq order)
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;

  // Appends an event to the audit trail: the store assigns seq and the chain links (under a lock,
  // so concurrent transactions queue) and fills them into `event`.
  virtual Status AppendAudit(domain::AuditEvent& event) = 0;
  // Events in seq order.
  virtual Result<PageOf<domain::AuditEvent>> ListAudit(const AuditFilter& filter, Page page) = 0;
};

}  // namespace anpei::ports
