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

// One field of a state change, as the trail shows it to people: the field's Chinese label and its
// value before and after, personal data masked as the views mask it (names 张*, ID numbers
// 3505**********1234, phones 138****5678) and sealed values never in clear.
struct AuditChange {
  std::string field;
  std::string before;
  std::string after;
  bool operator==(const AuditChange&) const = default;
};

struct AuditEvent {
  int64_t seq = 0;                   // 1, 2, 3 ... in append order
  std::string at;                    // RFC 3339, UTC+8
  std::string actor;                 // user name ("anonymous" before sign-in exists)
  std::string role;                  // the role the actor acted in
  std::string action;                // "class.declare", "trainee.create", "trainee.reveal" ...
  std::string target;                // "class:5"
  std::string before_digest;         // SHA-256 of the target before (empty for a create or a read)
  std::string after_digest;          // SHA-256 of the target after (empty for a read)
  std::string detail;                // a short note, never personal data in clear
  std::vector<AuditChange> changes;  // field-level change list of a state change (may be empty)
  std::string prev_link;             // the previous event's link ("" for the first)
  std::string link;                  // MAC(prev_link, Record(event))
  // Not stored nor covered: the actor's display name, filled in for the views.
  std::string actor_name;
};

// The stored form of a change list (the audit_events.changes column): "" for none, else
// "c1;" followed by each field, before and after length-prefixed like the record.
std::string EncodeChanges(const std::vector<AuditChange>& changes);
// Reads EncodeChanges' output back; nullopt for a malformed text.
std::optional<std::vector<AuditChange>> DecodeChanges(std::string_view text);

// The canonical record the link covers: every field except seq and the links, length-prefixed.
// The sequence number is not covered, so renumbering shows up as a broken link, not as an edit.
// Record format versions: an event without changes is recorded exactly as before the change list
// existed (so older events still verify); an event with changes appends the encoded list as one
// more length-prefixed field, so the chain covers it.
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
