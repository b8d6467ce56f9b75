#include "domain/audit.h"

#include <map>

namespace anpei::domain {
namespace {

void Put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

// Reads one length-prefixed field at `at`; false when malformed.
bool Take(std::string_view text, size_t& at, std::string& out) {
  const size_t colon = text.find(':', at);
  if (colon == std::string_view::npos || colon == at || colon - at > 9) return false;
  size_t n = 0;
  for (size_t i = at; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    n = n * 10 + static_cast<size_t>(text[i] - '0');
  }
  if (colon + 1 + n >= text.size() || text[colon + 1 + n] != ';') return false;
  out.assign(text.substr(colon + 1, n));
  at = colon + 2 + n;
  return true;
}

constexpr std::string_view kChangesV1 = "c1;";

}  // namespace

std::string EncodeChanges(const std::vector<AuditChange>& changes) {
  if (changes.empty()) return "";
  std::string out(kChangesV1);
  for (const auto& c : changes) {
    Put(out, c.field);
    Put(out, c.before);
    Put(out, c.after);
  }
  return out;
}

std::optional<std::vector<AuditChange>> DecodeChanges(std::string_view text) {
  std::vector<AuditChange> out;
  if (text.empty()) return out;
  if (text.substr(0, kChangesV1.size()) != kChangesV1) return std::nullopt;
  size_t at = kChangesV1.size();
  while (at < text.size()) {
    AuditChange c;
    if (!Take(text, at, c.field) || !Take(text, at, c.before) || !Take(text, at, c.after)) {
      return std::nullopt;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string AuditRecord(const AuditEvent& e) {
  std::string out;
  for (std::string_view f :
       {std::string_view(e.at), std::string_view(e.actor), std::string_view(e.role),
        std::string_view(e.action), std::string_view(e.target), std::string_view(e.before_digest),
        std::string_view(e.after_digest), std::string_view(e.detail)}) {
    Put(out, f);
  }
  if (!e.changes.empty()) Put(out, EncodeChanges(e.changes));
  return out;
}

std::string_view ChainFaultName(ChainFault fault) {
  switch (fault) {
    case ChainFault::kAltered:
      return "altered";
    case ChainFault::kMissing:
      return "missing";
    case ChainFault::kInserted:
      return "inserted";
    case ChainFault::kReordered:
      return "reordered";
  }
  return "altered";
}

std::optional<ChainProblem> VerifyChain(const std::vector<AuditEvent>& events,
                                        const ChainMac& mac) {
  std::map<std::string, size_t> position;  // link -> index
  for (size_t i = 0; i < events.size(); ++i) position.emplace(events[i].link, i);
  std::string expected_prev;
  for (size_t i = 0; i < events.size(); ++i) {
    const AuditEvent& e = events[i];
    const std::string seq = std::to_string(e.seq);
    const bool valid = mac(e.prev_link, AuditRecord(e)) == e.link;
    const bool linked = e.prev_link == expected_prev;
    if (!valid) {
      // An edited event keeps its place: the next event still points at its stored link. A forged
      // event spliced in does not: nothing points at it.
      const bool pointed_at = i + 1 < events.size() && events[i + 1].prev_link == e.link;
      const bool last = i + 1 == events.size();
      if (linked && (pointed_at || last)) {
        return ChainProblem{ChainFault::kAltered, e.seq,
                            "第 " + seq + " 条审计事件的内容被改动（校验值不符）"};
      }
      return ChainProblem{ChainFault::kInserted, e.seq,
                          "第 " + seq + " 条审计事件不是本系统写入的（插入的伪造事件）"};
    }
    if (!linked) {
      auto it = position.find(e.prev_link);
      if (it != position.end() && it->second > i) {
        return ChainProblem{ChainFault::kReordered, e.seq, "第 " + seq + " 条审计事件的顺序被调换"};
      }
      return ChainProblem{ChainFault::kMissing, e.seq,
                          "第 " + seq + " 条审计事件之前缺少事件（被删除）"};
    }
    expected_prev = e.link;
  }
  return std::nullopt;
}

}  // namespace anpei::domain
