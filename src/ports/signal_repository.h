// Port: random roll calls (随机点名, migration 0022) and the reads the attendance fraud signals
// need beyond one class's own records (domain/attendance_signals.h): phone bindings with their
// history, sessions of other classes on the same days, and the attendance of this class's
// trainees there. Valid for one transaction (see Store::Run in ports/store.h); not thread-safe.
// Failures as in store.h: NotFound for a missing roll call, Conflict for an answer given twice,
// Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/roll_call.h"

namespace anpei::ports {

// A binding (trainee_device_history): bound_at/unbound_at as stored (RFC 3339).
struct BindingRow {
  int64_t person_id = 0;
  std::string device_id;
  std::string bound_at;
  std::optional<std::string> unbound_at;
};

// A session of another class with what the signals need to name it (or hide it).
struct SessionElsewhere {
  int64_t class_id = 0;
  std::string class_title;
  int64_t institution_id = 0;
  std::string district_code;
  int seq = 0;
  std::string date;  // YYYY-MM-DD
  int start_minute = 0;
  int end_minute = 0;
  std::optional<int64_t> teacher_id;
};

// One check of a person in a session of another class.
struct CheckElsewhere {
  int64_t class_id = 0;
  int seq = 0;
  int64_t person_id = 0;
  std::string direction;  // in | out
  int64_t at = 0;
};

class SignalRepository {
 public:
  virtual ~SignalRepository() = default;

  // Roll calls. Insert writes the roll call with its drawn persons (returns the id).
  virtual Result<int64_t> InsertRollCall(const domain::RollCall& roll_call) = 0;
  virtual Result<domain::RollCall> GetRollCall(int64_t id) = 0;
  // A class's roll calls, newest first (at most `limit`).
  virtual Result<std::vector<domain::RollCall>> ListRollCalls(int64_t class_id, int limit) = 0;
  // The roll calls that drew `person_id`, not answered by them and open at `now` (deadline >= now).
  virtual Result<std::vector<domain::RollCall>> PendingRollCalls(int64_t person_id,
                                                                 int64_t now) = 0;
  // Records the answer of `person_id`; Conflict (field "roll_call") when already answered,
  // NotFound when the person was not drawn.
  virtual Status RecordAnswer(int64_t roll_call_id, int64_t person_id,
                              const domain::RollCallAnswer& answer) = 0;

  // Bindings, current and past, of any of `person_ids` or of any of `device_ids`.
  virtual Result<std::vector<BindingRow>> Bindings(const std::vector<int64_t>& person_ids,
                                                   const std::vector<std::string>& device_ids) = 0;
  // Sessions of classes other than `class_id`, in an approved or later state, on any of `dates`.
  virtual Result<std::vector<SessionElsewhere>> SessionsOn(
      int64_t class_id, const std::vector<std::string>& dates) = 0;
  // Checks of any of `person_ids` in classes other than `class_id` within [from, until].
  virtual Result<std::vector<CheckElsewhere>> ChecksElsewhere(
      int64_t class_id, const std::vector<int64_t>& person_ids, int64_t from, int64_t until) = 0;
};

}  // namespace anpei::ports
