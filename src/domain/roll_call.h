// Random roll call (随机点名; issue "Attendance", "What a user gets"): during a class session the
// teacher's screen draws a few trainees among those checked in and not yet out; each must confirm
// on the bound phone, on site, within the policy's attendance.roll_call_seconds. A drawn trainee
// who does not answer in time is flagged (attendance_signals.h, roll_call_missed). Pure: the
// randomness is passed in (libsodium's uniform generator in the app), and the clock too.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
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
  kNotInSession,   // attendance.roll_call_not_in_session: only while the session is on (409)
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

// A trainee's answer to a roll call: when, from which phone, where.
struct RollCallAnswer {
  int64_t at = 0;  // Unix seconds
  std::string device_id;
  std::optional<double> lat, lng, accuracy_m, distance_m;
  std::string client_addr;
};

// One drawn trainee of a roll call, in draw order, with the answer once given.
struct RollCallEntry {
  int64_t person_id = 0;
  int position = 0;  // 1-based draw order
  std::optional<RollCallAnswer> answer;
};

// A roll call as recorded (roll_calls, roll_call_persons; migration 0022).
struct RollCall {
  int64_t id = 0;
  int64_t class_id = 0;
  int seq = 0;
  int64_t requested = 0;  // the count asked for (more than were present draws everyone)
  int64_t drawn_at = 0;   // Unix seconds
  int64_t deadline = 0;   // the last second an answer is accepted
  int64_t drawn_by = 0;   // users.id
  std::string drawn_by_name;
  std::vector<RollCallEntry> persons;
};

// The last second an answer is accepted: drawn_at + roll_call_seconds.
int64_t RollCallDeadline(int64_t drawn_at, const AttendanceLimits& lim);
// nullopt while open, kClosed after the deadline.
std::optional<RollCallRefusal> CheckRollCallAnswerTime(int64_t deadline, int64_t now);

}  // namespace anpei::domain
