// Use cases of paper sign-in exceptions (纸质签到例外, 三（一）3; domain/attendance_exception.h):
// the institution of an approved class reports an objective reason for named sessions; the
// reviewer of the class's district (or the city bureau) approves or refuses it; after approval the
// institution uploads scans and photos of the paper sheets (blob store) and, with at least one
// uploaded, back-fills the check-ins (records with source "paper" linked to the exception). Each
// call is one store transaction; every change is audited (attendance_exception.create / .approve
// / .refuse / .file / .backfill).
//
// Errors: 401/403 by role, 404 outside the actor's scope (word for word a missing id); 409 with
// reason attendance_exception.class_not_approved, .decided, .not_approved, .no_evidence;
// InvalidArgument naming the field for bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/attendance_exception.h"
#include "domain/attendance_record.h"
#include "ports/attendance_exception_repository.h"

namespace anpei::app {

// Files an exception for class `class_id` (approved) and its sessions `session_seqs`; the reason
// must say something (at least kMinExceptionReasonChars characters).
Result<domain::AttendanceException> FileAttendanceException(const AppContext& ctx,
                                                            const Actor& actor, int64_t class_id,
                                                            std::vector<int64_t> session_seqs,
                                                            std::string reason);

// Lists within the actor's scope (filter.class_id: that class's, 404 when not visible). The
// reviewer's queue is state=pending, oldest first.
Result<ports::PageOf<domain::AttendanceException>> ListAttendanceExceptions(
    const AppContext& ctx, const Actor& actor, ports::ExceptionFilter filter, ports::Page page);
Result<domain::AttendanceException> GetAttendanceException(const AppContext& ctx,
                                                           const Actor& actor, int64_t id);

enum class ExceptionDecision { kApprove, kRefuse };
// Approves or refuses (a reason is required to refuse) a pending exception. Takes the row lock
// before reading it, so of two concurrent decisions exactly one wins (the other: 409).
Result<domain::AttendanceException> DecideAttendanceException(const AppContext& ctx,
                                                              const Actor& actor, int64_t id,
                                                              ExceptionDecision decision,
                                                              std::string reason,
                                                              std::optional<int64_t> version);

// The evidence rules: PDF, JPEG or PNG, as sniffed, up to 5 MB each; at most kMaxExceptionFiles.
ports::BlobRules ExceptionFileRules();
// Whether the actor may add a file to exception `id` now (the institution of the class, the
// exception approved, fewer than kMaxExceptionFiles): checked before an upload is read, and
// again by AddExceptionFile.
Status CheckExceptionFileUpload(const AppContext& ctx, const Actor& actor, int64_t id);
Result<domain::ExceptionFile> AddExceptionFile(const AppContext& ctx, const Actor& actor,
                                               int64_t id, std::string_view bytes,
                                               std::string file_name);
// The files (scans with names and signatures: personal data readers in scope, not 财政).
Result<std::vector<domain::ExceptionFile>> ListExceptionFiles(const AppContext& ctx,
                                                              const Actor& actor, int64_t id);
struct ExceptionFileBytes {
  domain::ExceptionFile file;
  std::string bytes;
};
Result<ExceptionFileBytes> GetExceptionFile(const AppContext& ctx, const Actor& actor, int64_t id,
                                            int64_t n);

// Back-fills check-ins and check-outs from the paper sheets (补录): the class's institution, the
// exception approved (409 attendance_exception.not_approved) with at least one file (409
// attendance_exception.no_evidence), the class still approved; each row a session of the
// exception (400 records[i].session_seq), a person on the roster (404 records[i].person_id, the
// answer of a missing id), times that have passed. Writes attendance_records with source "paper",
// exception_id and recorded_by_user; a direction already recorded (by phone or an earlier
// back-fill) is 409 attendance.already and nothing is written. Audited
// attendance_exception.backfill.
struct BackfillOutcome {
  domain::AttendanceException exception;
  std::vector<domain::AttendanceRecord> records;
};
Result<BackfillOutcome> BackfillAttendance(const AppContext& ctx, const Actor& actor, int64_t id,
                                           std::vector<domain::BackfillRow> rows);

}  // namespace anpei::app
