// Sign-in throttling with a backoff that decays (issue 9, finding 2). One counter per key:
// the user name from one client address, the client address over all names (password spraying),
// and the user name over all addresses (a distributed guess, with a much higher threshold). An
// attempt is counted *before* its password is checked, so parallel guesses cannot pass the limit;
// a good password clears the name's counters. A lock lasts lock_s, doubling with each lock in a
// row up to max_lock_s; a key that has been quiet for forget_s starts afresh, so every lock ends
// on its own. Pure: times are Unix seconds handed in.
#pragma once

#include <cstdint>
#include <string>

namespace anpei::domain {

struct ThrottleRule {
  int64_t max_attempts = 5;  // attempts in one window before the key locks
  int64_t window_s = 15 * 60;
  int64_t lock_s = 5 * 60;  // the first lock; each further lock in a row doubles it
  int64_t max_lock_s = 60 * 60;
  int64_t forget_s = 60 * 60;  // quiet this long: no attempts and no lock are remembered
};

struct ThrottleState {
  std::string key;
  int64_t attempts = 0;  // failed (or still being checked) attempts in the current window
  int64_t window_start = 0;
  int64_t strikes = 0;  // locks in a row, for the backoff
  int64_t locked_until = 0;
  int64_t last_at = 0;
};

// Forgets what has decayed by `now`: a window that has passed, and everything after forget_s.
void DecayThrottle(ThrottleState& s, const ThrottleRule& rule, int64_t now);
// The time the key opens again, or 0 when an attempt may be made now (attempts in progress count).
int64_t ThrottleBlockedUntil(const ThrottleState& s, const ThrottleRule& rule, int64_t now);
// Counts one attempt that is about to be checked.
void ReserveAttempt(ThrottleState& s, int64_t now);
// The attempt failed: locks the key once the window's attempts reach the limit.
void RecordFailure(ThrottleState& s, const ThrottleRule& rule, int64_t now);
// The attempt succeeded: gives back its reservation (the key's count of failures is kept).
void ReleaseAttempt(ThrottleState& s);

}  // namespace anpei::domain
