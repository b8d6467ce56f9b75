#include "domain/sign_in_throttle.h"

#include <algorithm>

namespace anpei::domain {

void DecayThrottle(ThrottleState& s, const ThrottleRule& rule, int64_t now) {
  if (s.last_at != 0 && now - s.last_at >= rule.forget_s && s.locked_until <= now) {
    s.attempts = 0;
    s.strikes = 0;
    s.locked_until = 0;
    s.window_start = now;
  }
  if (now - s.window_start >= rule.window_s) {
    s.attempts = 0;
    s.window_start = now;
  }
}

int64_t ThrottleBlockedUntil(const ThrottleState& s, const ThrottleRule& rule, int64_t now) {
  if (s.locked_until > now) return s.locked_until;
  if (s.attempts >= rule.max_attempts) {
    // Attempts still being checked fill the window: wait for the window (or the lock they cause).
    return std::max(s.window_start + rule.window_s, now + 1);
  }
  return 0;
}

void ReserveAttempt(ThrottleState& s, int64_t now) {
  if (s.attempts == 0 && s.window_start == 0) s.window_start = now;
  ++s.attempts;
  s.last_at = now;
}

void RecordFailure(ThrottleState& s, const ThrottleRule& rule, int64_t now) {
  s.last_at = now;
  if (s.attempts < rule.max_attempts) return;
  const int64_t shift = std::min<int64_t>(s.strikes, 20);
  s.locked_until = now + std::min(rule.lock_s << shift, rule.max_lock_s);
  ++s.strikes;
  s.attempts = 0;
  s.window_start = now;
}

void ReleaseAttempt(ThrottleState& s) { s.attempts = std::max<int64_t>(0, s.attempts - 1); }

}  // namespace anpei::domain
