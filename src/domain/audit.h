// The audit trail (issue: accounts, audit, personal data): one append-only event per state change
// and per look at full personal data, chained — each event's link is a keyed MAC over the previous
// link and the event's record — so that altering, deleting, inserting or reordering an event
// breaks the chain at that event. Pure: the MAC is passed in as a function.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpei::domain {

struct AuditEvent {
  int64_t seq = 0;            // 1, 2, 3 ... in append order
  std::string at;             // RFC 3339, UTC+8
  std::string actor;          // user name ("anonymous" before sign-in exists)
  std::string role;           // the role the actor acted in
  std::string action;         // "class.declare", "trainee.create", "trainee.reveal" ...
  std::string target;         // "class:5"
  std::string before_digest;  // SHA-256 of the target before (empty for a create or a read)
  std::string after_digest;   // SHA-256 of the target after (empty for a read)
  std::string detail;         // a short note, never personal data in clear
  std::string prev_link;      // the previous event's link ("" for the first)
  std::string link;           // MAC(prev_link, Record(event))
};

// The canonical record the link covers: every field except seq and the links, length-prefixed.
// The sequence number is not covered, so renumbering shows up as a broken link, not as an edit.
std::string AuditRecord(const AuditEvent& event);

enum class ChainFault { kAltered, kMissing, kInserted, kReordered };
std::string_view ChainFaultName(ChainFault fault);  // "altered", "missing", ...

struct ChainProblem {
  ChainFault fault;
  int64_t seq = 0;      // the first event at which the chain breaks
  std::string message;  // Chinese explanation
};

using ChainMac = std::function<std::string(std::string_view prev, std::string_view record)>;

// Walks the events in seq order; nullopt when the chain is intact.
std::optional<ChainProblem> VerifyChain(const std::vector<AuditEvent>& events, const ChainMac& mac);

}  // namespace anpei::domain
