// Port: paper sign-in exceptions (纸质签到例外, domain/attendance_exception.h, migration 0021)
// with the sessions they cover and their evidence files. Valid for one transaction (see
// Store::Run in ports/store.h); not thread-safe. Failures as in store.h: NotFound for a missing
// id, Conflict for a stale expected_version or an exception no longer pending, Unavailable when
// the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/attendance_exception.h"
#include "ports/page.h"

namespace anpei::ports {

struct ExceptionFilter {
  std::optional<int64_t> class_id;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;  // of the class's institution
  std::optional<std::string> state;          // pending / approved / refused
  bool oldest_first = false;  // lists are newest first; the reviewer's queue oldest first
};

class AttendanceExceptionRepository {
 public:
  virtual ~AttendanceExceptionRepository() = default;

  virtual Result<PageOf<domain::AttendanceException>> ListExceptions(const ExceptionFilter& filter,
                                                                     Page page) = 0;
  virtual Result<domain::AttendanceException> GetException(int64_t id) = 0;
  // Takes the exception's row lock until the transaction ends (on SQLite, whose write
  // transactions are already serial, a harmless write). A decision, an upload and a back-fill
  // lock before they read, so a second concurrent decision reads the first one's outcome.
  virtual Status LockException(int64_t id) = 0;
  // Inserts a pending exception with its sessions; returns the new id.
  virtual Result<int64_t> InsertException(const domain::AttendanceException& e) = 0;
  // Records the decision (state, decided_*, decision_reason) if the exception is still pending at
  // expected_version; bumps the version. Conflict otherwise.
  virtual Status DecideException(const domain::AttendanceException& e,
                                 int64_t expected_version) = 0;

  // Counts `added` back-filled records on the exception; the first back-fill sets backfilled_at.
  virtual Status MarkBackfilled(int64_t id, int64_t added, const std::string& at) = 0;

  // Adds a file as number (highest so far + 1); returns that number.
  virtual Result<int64_t> InsertFile(const domain::ExceptionFile& file,
                                     int64_t uploaded_by_user) = 0;
  virtual Result<domain::ExceptionFile> GetFile(int64_t exception_id, int64_t n) = 0;
  virtual Result<std::vector<domain::ExceptionFile>> ListFiles(int64_t exception_id) = 0;
};

}  // namespace anpei::ports
