// JSON of attendance (issue 13): the QR token, a trainee's identification and session, the
// check-in request and record, and a class's hours.
#pragma once

#include <string>
#include <string_view>

#include "app/attendance.h"
#include "base/status.h"

namespace anpei::codec {

std::string QrTokenToJson(const app::QrToken& t);
Result<app::TraineeIdentification> ParseTraineeIdentification(std::string_view body);
std::string TraineeSignedInToJson(const app::TraineeSignedIn& s);
std::string TraineeMeToJson(const app::TraineeMe& me);
// The request's fields; client_addr and user_agent are the caller's to fill.
Result<app::CheckInInput> ParseCheckIn(std::string_view body);
// {"record":{…}}; times are local RFC 3339 at `offset_minutes`.
// "selfie_reuse": {"of_selfie_id","bits","other_person"} when the selfie repeats another, else
// null.
std::string CheckInRecordToJson(const domain::AttendanceRecord& r, int offset_minutes,
                                const std::optional<app::SelfieReuse>& reuse = std::nullopt);
// {"seq","expected","checked_in","checked_out"}: one head-count event of the live stream.
std::string HeadcountToJson(const app::SessionHeadcount& h);
// {"reason"} of an unbinding.
Result<std::string> ParseUnbindReason(std::string_view body);
std::string ClassHoursToJson(const app::ClassHours& h, int offset_minutes);

}  // namespace anpei::codec
