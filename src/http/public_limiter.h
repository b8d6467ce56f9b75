// A per-address limit for the public, sign-in-free lookups (the certificate check by code): at most
// `limit` requests per address in a fixed window of `window_s` seconds, counted in memory (a
// lookup must not become a write). Past it the request answers 429 with Retry-After. Addresses
// are those the edge policy names (http/edge.h, trusted proxies). Thread-safe; bounded: when more
// than `max_addresses` addresses are tracked, windows that have ended are dropped first and then,
// if still full, all of them (a flood of addresses resets the counts rather than the memory).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "base/mutex.h"

namespace anpei::http {

class PublicLimiter {
 public:
  PublicLimiter(int limit, int64_t window_s, size_t max_addresses = 100000)
      : limit_(limit), window_s_(window_s), max_addresses_(max_addresses) {}
  // Counts a request from `address` at `now_s`; false (and the seconds until the window ends in
  // retry_after_s) when the address is over the limit.
  bool Allow(const std::string& address, int64_t now_s, int64_t* retry_after_s);

 private:
  struct Window {
    int64_t start = 0;
    int count = 0;
  };
  const int limit_;
  const int64_t window_s_;
  const size_t max_addresses_;
  Mutex mu_;
  std::unordered_map<std::string, Window> windows_ GUARDED_BY(mu_);
};

}  // namespace anpei::http
