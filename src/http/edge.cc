#include "http/edge.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace anpei::http {
namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// "[::1]" and "1.2.3.4:5678" as proxies sometimes write them: the address alone.
std::string StripPortAndBrackets(const std::string& s) {
  if (!s.empty() && s.front() == '[') {
    const size_t close = s.find(']');
    return close == std::string::npos ? s : s.substr(1, close - 1);
  }
  const size_t colon = s.find(':');
  if (colon != std::string::npos && s.find(':', colon + 1) == std::string::npos &&
      s.find('.') != std::string::npos) {
    return s.substr(0, colon);  // IPv4 with a port
  }
  return s;
}

bool PrefixMatches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, int prefix) {
  const int whole = prefix / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<size_t>(whole)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[static_cast<size_t>(whole)] & mask) == (b[static_cast<size_t>(whole)] & mask);
}

}  // namespace

bool ParseIp(const std::string& text, std::array<uint8_t, 16>& out) {
  out.fill(0);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    out[10] = 0xFF;
    out[11] = 0xFF;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs,
                                             const std::string& field) {
  TrustedProxies out;
  for (const std::string& raw : cidrs) {
    const std::string entry = Trim(raw);
    if (entry.empty()) continue;
    const size_t slash = entry.find('/');
    const std::string ip = entry.substr(0, slash);
    Net net;
    if (!ParseIp(ip, net.addr)) {
      return Status::Invalid(field, "受信任代理 \"" + entry + "\" 不是有效的 IP 地址或网段");
    }
    const bool v4 = ip.find(':') == std::string::npos;
    const int max_bits = v4 ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string::npos) {
      const std::string p = entry.substr(slash + 1);
      if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(p) > max_bits) {
        return Status::Invalid(
            field, "受信任代理 \"" + entry + "\" 的前缀长度应为 0–" + std::to_string(max_bits));
      }
      bits = std::stoi(p);
    }
    net.prefix = v4 ? 96 + bits : bits;
    out.nets_.push_back(net);
  }
  return out;
}

bool TrustedProxies::Contains(const std::string& ip) const {
  std::array<uint8_t, 16> a{};
  if (!ParseIp(ip, a)) return false;
  return std::any_of(nets_.begin(), nets_.end(),
                     [&](const Net& n) { return PrefixMatches(a, n.addr, n.prefix); });
}

std::string TrustedProxies::ClientAddress(const std::string& peer_ip,
                                          const std::string& x_forwarded_for) const {
  if (x_forwarded_for.empty() || !Contains(peer_ip)) return peer_ip;
  std::string client = peer_ip;
  size_t end = x_forwarded_for.size();
  while (true) {
    const size_t comma = x_forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
    const size_t begin = comma == std::string::npos || comma >= end ? 0 : comma + 1;
    const std::string hop = StripPortAndBrackets(Trim(x_forwarded_for.substr(begin, end - begin)));
    std::array<uint8_t, 16> parsed{};
    if (!ParseIp(hop, parsed)) return client;  // forged or garbled: keep the last good hop
    client = hop;
    if (!Contains(hop) || begin == 0) return client;
    end = begin - 1;
  }
}

ConnectionLimits::Admission ConnectionLimits::Admit(const std::string& ip) {
  MutexLock lock(mu_);
  if (open_ >= max_total_) return Admission::kServerFull;
  const bool exempt = exempt_.Contains(ip);
  if (!exempt && per_address_[ip] >= max_per_address_) return Admission::kAddressFull;
  ++open_;
  ++per_address_[ip];
  return Admission::kAdmitted;
}

void ConnectionLimits::Release(const std::string& ip) {
  MutexLock lock(mu_);
  if (open_ > 0) --open_;
  auto it = per_address_.find(ip);
  if (it == per_address_.end()) return;
  if (--it->second == 0) per_address_.erase(it);
}

size_t ConnectionLimits::open() const {
  MutexLock lock(mu_);
  return open_;
}

}  // namespace anpei::http
