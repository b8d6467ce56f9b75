// Port: attendance (考勤, issue 13) — check-in/check-out records, the trainees' bound phones and
// their history, trainee sessions, and refused attempts. Valid for one transaction (see
// Store::Run in ports/store.h); not thread-safe. Failures as in store.h: Conflict for a unique
// constraint (a second record of the same direction, a phone bound to another person), NotFound
// for a missing id, Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/attendance_record.h"

namespace anpei::ports {

class AttendanceRepository {
 public:
  virtual ~AttendanceRepository() = default;

  // Records: insert (returns the id; Conflict field "direction" when this person already has this
  // direction in this session, "idempotency_key" when the key was used), find by the client's key,
  // and list (a class's, in session and time order; optionally one session's).
  virtual Result<int64_t> InsertRecord(const domain::AttendanceRecord& record) = 0;
  virtual Result<std::optional<domain::AttendanceRecord>> FindByIdempotencyKey(
      int64_t person_id, const std::string& key) = 0;
  virtual Result<std::vector<domain::AttendanceRecord>> ListRecords(
      int64_t class_id, std::optional<int64_t> session_seq = std::nullopt) = 0;
  // The records of one person in one session (at most one per direction).
  virtual Result<std::vector<domain::AttendanceRecord>> PersonRecords(int64_t class_id,
                                                                      int64_t session_seq,
                                                                      int64_t person_id) = 0;

  // Devices: the binding of a person, the person a device is bound to, bind (with a history row),
  // unbind (closes the history row).
  virtual Result<std::optional<domain::TraineeDevice>> DeviceOfPerson(int64_t person_id) = 0;
  virtual Result<std::optional<domain::TraineeDevice>> PersonOfDevice(
      const std::string& device_id) = 0;
  virtual Status BindDevice(const domain::TraineeDevice& binding) = 0;
  // Conflict (reason attendance.not_bound) when the person has no bound phone.
  virtual Status UnbindDevice(int64_t person_id, const std::string& at, int64_t by_user,
                              const std::string& reason) = 0;

  // Trainee sessions.
  virtual Status InsertTraineeSession(const domain::TraineeSession& session) = 0;
  virtual Result<std::optional<domain::TraineeSession>> FindTraineeSession(
      const std::string& token_hash) = 0;
  virtual Status RevokeTraineeSession(const std::string& token_hash, const std::string& at) = 0;
  virtual Status RevokePersonSessions(int64_t person_id, const std::string& at) = 0;

  // Refusals (written in their own short transaction after the refused one rolled back).
  virtual Status InsertRefusal(const domain::AttendanceRefusalEntry& refusal) = 0;
  virtual Result<std::vector<domain::AttendanceRefusalEntry>> ListRefusals(int64_t class_id) = 0;
};

}  // namespace anpei::ports
