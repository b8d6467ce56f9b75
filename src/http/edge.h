// The server's edge policy as plain values, without Boost.Beast/Asio so it is unit-tested alone:
// which peers are trusted reverse proxies (and so what the real client address of a request is),
// and how many connections are open in all and per client address (issue "Trust", Deliver 4).
// Thread-safe where noted.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"

namespace anpei::http {

// Networks in CIDR notation ("10.0.0.0/8", "::1/128", or a bare address meaning one host), IPv4
// and IPv6. Values; immutable once parsed.
class TrustedProxies {
 public:
  // Invalid naming `field` and the bad entry when one does not parse.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& cidrs,
                                      const std::string& field = "--trusted-proxy");

  bool empty() const { return nets_.empty(); }
  // True when `ip` (a textual IPv4/IPv6 address, without port) lies in one of the networks.
  bool Contains(const std::string& ip) const;

  // The client address of a request that reached us from `peer_ip` carrying `x_forwarded_for`
  // (may be empty). Only a trusted peer may speak for someone else: the header is read from its
  // right end, skipping trusted proxies, and the first other address is the client. An untrusted
  // peer's header is ignored; a malformed entry stops the walk at the last good address.
  std::string ClientAddress(const std::string& peer_ip, const std::string& x_forwarded_for) const;

 private:
  struct Net {
    std::array<uint8_t, 16> addr{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 0;                  // bits, over the 128-bit form
  };
  std::vector<Net> nets_;
};

// Parses an IPv4/IPv6 address into its 16-byte IPv4-mapped form; false when it is not one.
bool ParseIp(const std::string& text, std::array<uint8_t, 16>& out);

// Counts open connections in all and per client address and admits a new one only under both
// caps. Thread-safe.
class ConnectionLimits {
 public:
  enum class Admission { kAdmitted, kServerFull, kAddressFull };

  ConnectionLimits(size_t max_total, size_t max_per_address, TrustedProxies exempt)
      : max_total_(max_total), max_per_address_(max_per_address), exempt_(std::move(exempt)) {}

  // Counts the connection when admitted; a trusted proxy is exempt from the per-address cap
  // (it carries many clients) but not from the total.
  Admission Admit(const std::string& ip) EXCLUDES(mu_);
  // Must follow every kAdmitted Admit(ip) exactly once.
  void Release(const std::string& ip) EXCLUDES(mu_);

  size_t open() const EXCLUDES(mu_);
  size_t max_total() const { return max_total_; }

 private:
  const size_t max_total_;
  const size_t max_per_address_;
  const TrustedProxies exempt_;
  mutable Mutex mu_;
  size_t open_ GUARDED_BY(mu_) = 0;
  std::map<std::string, size_t> per_address_ GUARDED_BY(mu_);
};

}  // namespace anpei::http
