// JSON of random roll calls and attendance flags (docs/openapi.yaml, "Attendance signals").
// Instants are local RFC 3339 (the policy's offset).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/roll_calls.h"
#include "base/status.h"

namespace anpei::codec {

// {"count":N}
Result<int64_t> ParseRollCallDraw(std::string_view body);
// {"device_id":"…","lat":…,"lng":…,"accuracy_m":…}
Result<app::RollCallAnswerInput> ParseRollCallAnswer(std::string_view body);

// {"id","class_id","session_seq","drawn_at","deadline","requested","drawn_by",
//  "persons":[{"id","name","answered_at"}]}
std::string RollCallToJson(const app::RollCallView& v, int offset);
// {"items":[roll call…]}
std::string RollCallsToJson(const std::vector<app::RollCallView>& v, int offset);
// {"items":[{"id","class_id","session_seq","drawn_at","deadline","seconds_left"}]}
std::string PendingRollCallsToJson(const std::vector<domain::RollCall>& calls, int64_t now,
                                   int offset);
// {"answer":{"roll_call_id","person_id","answered_at","distance_m"}}
std::string RollCallAnswerToJson(const app::RollCallAnswered& a, int offset);

// [{"kind","kind_name","session_seq","person_ids","evidence":{…},"message"}]
std::string FlagsToJson(const std::vector<domain::AttendanceFlag>& flags, int offset);

}  // namespace anpei::codec
