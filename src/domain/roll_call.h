// Random roll call (随机点名; issue "Attendance", "What a user gets"): during a class session the
// teacher's screen draws a few trainees among those checked in and not yet out; each must confirm
// on the bound phone, on site, within the policy's attendance.roll_call_seconds. A drawn trainee
// who does not answer in time is flagged (attendance_signals.h, roll_call_missed). Pure: the
// randomness is passed in (libsodium's uniform generator in the app), and the clock too.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/attendance.h"
#include "domain/attendance_signals.h"
#include "domain/policy.h"

namespace anpei::domain {

// At most this many trainees per roll call.
inline constexpr int64_t kMaxRollCallCount = 20;

// InvalidArgument naming "count" unless 1 <= count <= kMaxRollCallCount.
Status CheckRollCallCount(int64_t count);

// Why a roll call cannot be drawn or answered. Each has a stable code (error.reason) and a Chinese
// sentence.
enum class RollCallRefusal {
  kNotInSession,  // attendance.roll_call_not_in_session: only while the session is on (409)
  kNobodyPresent,  // attendance.roll_call_nobody: no trainee is checked in and not out (409)
  kClosed,         // attendance.roll_call_closed: the answer came after the deadline (409)
  kNotDrawn,       // attendance.roll_call_not_drawn: this trainee was not drawn (403)
};
std::string_view RollCallRefusalCode(RollCallRefusal r);
std::string_view RollCallRefusalMessage(RollCallRefusal r);

// A roll call may be drawn from the opening of the check-in window until the session's end.
std::optional<RollCallRefusal> CheckRollCallTime(const PlanSession& session, int64_t now,
                                                 const AttendanceLimits& lim,
                                                 int utc_offset_minutes);

// The persons present in session `seq`: with a check-in record and no check-out, ascending id.
std::vector<int64_t> PresentPersons(const std::vector<SignalRecord>& records, int seq);

// A uniform random integer in [0, upper) (upper >= 1).
using UniformRandom = std::function<uint32_t(uint32_t upper)>;

// Draws min(count, |present|) distinct persons uniformly (a partial Fisher–Yates shuffle of the
// candidates in ascending order), in draw order. Repeats among the candidates count once.
std::vector<int64_t> DrawRollCall(std::vector<int64_t> present, int64_t count,
                                  const UniformRandom& random);

// The last second an answer is accepted: drawn_at + roll_call_seconds.
int64_t RollCallDeadline(int64_t drawn_at, const AttendanceLimits& lim);
// nullopt while open, kClosed after the deadline.
std::optional<RollCallRefusal> CheckRollCallAnswerTime(int64_t deadline, int64_t now);

}  // namespace anpei::domain
