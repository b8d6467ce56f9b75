#include "http/public_limiter.h"

namespace anpei::http {

bool PublicLimiter::Allow(const std::string& address, int64_t now_s, int64_t* retry_after_s) {
  MutexLock lock(mu_);
  if (windows_.size() >= max_addresses_ && !windows_.count(address)) {
    std::erase_if(windows_, [&](const auto& kv) { return now_s - kv.second.start >= window_s_; });
    if (windows_.size() >= max_addresses_) windows_.clear();
  }
  Window& w = windows_[address];
  if (now_s - w.start >= window_s_) w = Window{now_s, 0};
  if (w.count >= limit_) {
    if (retry_after_s) *retry_after_s = w.start + window_s_ - now_s;
    return false;
  }
  ++w.count;
  return true;
}

}  // namespace anpei::http
