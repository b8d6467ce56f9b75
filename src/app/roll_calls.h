// Use cases of random roll calls (随机点名) and of the attendance fraud signals (issue 13, Deliver
// 4; domain/roll_call.h, domain/attendance_signals.h).
//  - The institution of a class draws a roll call from the teacher's screen during a session:
//    among the trainees checked in and not out, drawn with the vault's CSPRNG (nobody can steer
//    it), recorded and audited (attendance.roll_call.draw).
//  - A drawn trainee answers from the bound phone, on site, before the deadline (policy
//    attendance.roll_call_seconds); audited (attendance.roll_call.answer). A refused answer for a
//    location is logged in attendance_refusals like a refused check-in, for the signals.
//  - The flags of a class are computed on read over its records, refusals, roll calls, phone
//    bindings and the other classes' sessions on the same days; another class appears in the
//    evidence by name only when the caller may see that class.
// Each call is one store transaction. Errors: 401/403 by role, 404 outside the caller's scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/attendance_signals.h"
#include "domain/roll_call.h"

namespace anpei::app {

// A roll call as the teacher's screen and the class page show it.
struct RollCallPersonView {
  int64_t person_id = 0;
  std::string name;  // as the actor sees it (masked but to the institution)
  std::optional<int64_t> answered_at;
};
struct RollCallView {
  domain::RollCall roll_call;
  std::vector<RollCallPersonView> persons;  // draw order
};

// POST /classes/{id}/sessions/{seq}/roll-calls: the institution of the class (404 otherwise),
// while the session is on (409 attendance.roll_call_not_in_session), the class approved (409),
// someone present (409 attendance.roll_call_nobody); count 1..20 (400 "count").
Result<RollCallView> DrawRollCall(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                  int64_t seq, int64_t count);
// GET /classes/{id}/roll-calls: the newest 50, for the attendance readers in scope.
Result<std::vector<RollCallView>> ListRollCalls(const AppContext& ctx, const Actor& actor,
                                                int64_t class_id);
// GET /me/roll-calls: the trainee's open roll calls, not yet answered.
Result<std::vector<domain::RollCall>> PendingRollCalls(const AppContext& ctx, const Actor& actor);

struct RollCallAnswerInput {
  std::string device_id;
  std::optional<double> lat, lng, accuracy_m;
  std::string client_addr;
};
struct RollCallAnswered {
  int64_t roll_call_id = 0;
  int64_t person_id = 0;
  domain::RollCallAnswer answer;
  bool created = false;  // false: answered before (the first answer)
};
// POST /roll-calls/{id}/answers: the drawn trainee (403 attendance.roll_call_not_drawn for
// another; 404 for an unknown id), before the deadline (409 attendance.roll_call_closed), from the
// bound phone (403 attendance.device_mismatch), on site (422 as for a check-in). A second answer
// answers the first (200).
Result<RollCallAnswered> AnswerRollCall(const AppContext& ctx, const Actor& actor,
                                        int64_t roll_call_id, RollCallAnswerInput in);

// GET /classes/{id}/attendance-flags: the attendance readers in scope.
Result<std::vector<domain::AttendanceFlag>> GetAttendanceFlags(const AppContext& ctx,
                                                               const Actor& actor,
                                                               int64_t class_id);
// The same for a class already read and authorised, inside the caller's transaction (the
// completion summary, app/completion.h).
Result<std::vector<domain::AttendanceFlag>> AttendanceFlagsIn(const AppContext& ctx,
                                                              ports::StoreTx& tx,
                                                              const Actor& actor,
                                                              const domain::TrainingClass& cls);

}  // namespace anpei::app
