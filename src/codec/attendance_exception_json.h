// JSON mapping of paper sign-in exceptions (docs/openapi.yaml AttendanceException,
// AttendanceExceptionFile). Parsing never throws on bad input: every problem is an
// InvalidArgument naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/attendance_exceptions.h"
#include "base/status.h"
#include "domain/attendance_exception.h"
#include "ports/page.h"

namespace anpei::codec {

struct ExceptionInput {
  std::vector<int64_t> session_seqs;
  std::string reason;
};
// {"session_seqs":[N,…],"reason":"…"}
Result<ExceptionInput> ParseExceptionInput(std::string_view body);

struct ExceptionDecisionInput {
  app::ExceptionDecision decision = app::ExceptionDecision::kApprove;
  std::string reason;
  std::optional<int64_t> version;
};
// {"decision":"approve"|"refuse","reason":"…","version"?:N}
Result<ExceptionDecisionInput> ParseExceptionDecision(std::string_view body);

// {"records":[{"person_id":N,"session_seq":N,"check_in"?:"HH:MM","check_out"?:"HH:MM"}]}
Result<std::vector<domain::BackfillRow>> ParseBackfillInput(std::string_view body);

std::string ExceptionToJson(const domain::AttendanceException& e);
std::string ExceptionsToJson(const ports::PageOf<domain::AttendanceException>& page);
// {"exception":{…},"records":[{"id","class_id","session_seq","person_id","direction","at","source",
//  "exception_id"}]} with `at` in local time (offset minutes).
std::string BackfillToJson(const app::BackfillOutcome& out, int offset_minutes);
std::string ExceptionFileToJson(const domain::ExceptionFile& f);
std::string ExceptionFilesToJson(const std::vector<domain::ExceptionFile>& files);

}  // namespace anpei::codec
