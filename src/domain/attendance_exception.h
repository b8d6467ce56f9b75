// Paper sign-in as an exception (纸质签到例外, 三（一）3; domain.md §4; issue "Attendance",
// Deliver 6): when sign-in on the phone is impossible for an objective reason, the institution
// reports it for named sessions of an approved class, the reviewer of the district (or the city
// bureau) approves or refuses it, and only after approval, with at least one scan or photo of
// the paper sheets uploaded, are check-ins back-filled (补录) — records with source "paper"
// linked to the exception, marked so for ever. Pure: the shapes and rules, no store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/plan.h"

namespace anpei::domain {

enum class ExceptionState { kPending, kApproved, kRefused };
std::string_view ExceptionStateId(ExceptionState s);    // "pending", "approved", "refused"
std::string_view ExceptionStateName(ExceptionState s);  // "待审核", "已批准", "未批准"
std::optional<ExceptionState> ParseExceptionState(std::string_view id);

struct AttendanceException {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string class_title;            // read-only, joined
  int64_t institution_id = 0;         // read-only, joined
  std::string institution_name;       // read-only, joined
  std::string district_code;          // read-only, joined
  std::vector<int64_t> session_seqs;  // 1-based numbers of the class's sessions, ascending
  std::string reason;                 // the institution's objective reason
  ExceptionState state = ExceptionState::kPending;
  int64_t filed_by_user = 0;
  std::string filed_by;  // display name
  std::string filed_at;
  std::optional<int64_t> decided_by_user;
  std::optional<std::string> decided_by;
  std::optional<std::string> decided_at;
  std::string decision_reason;
  int64_t version = 1;
  int64_t file_count = 0;                    // read-only: evidence files uploaded
  std::optional<std::string> backfilled_at;  // the first back-fill, if any
  int64_t backfilled_count = 0;              // paper records written under it
};

// A scan or photo of the paper sheets (the blob by its SHA-256), numbered 1, 2, ... per exception.
struct ExceptionFile {
  int64_t exception_id = 0;
  int64_t n = 0;
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  std::string file_name;
  std::string uploaded_by;
  std::string uploaded_at;
};

inline constexpr size_t kMinExceptionReasonChars = 10;
inline constexpr size_t kMaxExceptionReasonChars = 500;
inline constexpr size_t kMaxExceptionSessions = 200;
inline constexpr int64_t kMaxExceptionFiles = 50;
inline constexpr size_t kMaxBackfillRecords = 2000;

// Checks the sessions an exception names against the class's `session_count`: at least one, each
// an existing number (1..session_count), none twice; InvalidArgument naming session_seqs[i]
// otherwise. Returns them ascending.
Result<std::vector<int64_t>> CheckExceptionSessions(const std::vector<int64_t>& seqs,
                                                    size_t session_count);

// One row of a back-fill: a person's times in one session from the paper sheet ("HH:MM" local
// time on the session's day; either may be absent — the sheet shows only one signature — but
// not both).
struct BackfillRow {
  int64_t person_id = 0;
  int64_t session_seq = 0;
  std::optional<int> check_in_minute;  // minutes after local midnight
  std::optional<int> check_out_minute;
};

// The instants (Unix seconds) of a row's times on `session`'s day at `utc_offset_minutes`, after
// the row's own checks: at least one time; check-in before check-out; neither after `now` (a
// sheet records what happened). InvalidArgument naming `path`.check_in / .check_out otherwise.
struct BackfillTimes {
  std::optional<int64_t> check_in;
  std::optional<int64_t> check_out;
};
Result<BackfillTimes> PaperTimes(const BackfillRow& row, const PlanSession& session,
                                 int utc_offset_minutes, int64_t now, const std::string& path);

}  // namespace anpei::domain
