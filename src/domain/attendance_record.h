// Attendance records and what surrounds them (issue 13): a check-in or check-out of a trainee at
// a class session, the phone a trainee is bound to, a trainee's session on that phone, and a
// refused attempt kept for the fraud signals. Plain values; the rules are in domain/attendance.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/attendance.h"

namespace anpei::domain {

enum class AttendanceSource { kPhone, kPaper };
inline std::string_view AttendanceSourceId(AttendanceSource s) {
  return s == AttendanceSource::kPhone ? "phone" : "paper";
}

struct AttendanceRecord {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t session_seq = 0;  // 1-based number of the class's session
  int64_t person_id = 0;
  Direction direction = Direction::kIn;
  int64_t at = 0;  // Unix seconds
  AttendanceSource source = AttendanceSource::kPhone;
  std::optional<std::string> idempotency_key;  // phone only
  std::optional<std::string> device_id;
  std::optional<std::string> client_addr;
  std::optional<std::string> user_agent;
  std::optional<double> lat, lng, accuracy_m, distance_m;
  std::optional<int64_t> selfie_id;
  std::optional<int64_t> exception_id;      // paper only: the approved exception
  std::optional<int64_t> recorded_by_user;  // paper only
  std::string created_at;
};

// The phone a person is bound to.
struct TraineeDevice {
  int64_t person_id = 0;
  std::string device_id;
  std::string bound_at;
};

// A trainee's session on the bound phone (the token is kept only as its hash).
struct TraineeSession {
  std::string token_hash;
  int64_t person_id = 0;
  int64_t class_id = 0;
  std::string device_id;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
};

// A refused check-in or check-out (after the token's MAC was good).
struct AttendanceRefusalEntry {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t class_id = 0;
  int64_t session_seq = 0;
  std::string reason;  // the stable code (attendance.too_far …)
  std::optional<std::string> device_id;
  std::optional<double> lat, lng, accuracy_m;
  std::optional<std::string> client_addr;
  int64_t at = 0;  // Unix seconds
};

}  // namespace anpei::domain
