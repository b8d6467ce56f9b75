// Use cases of attendance (考勤, 三（一）3, 三（二）2; issue 13): the rotating QR code a class
// session's screen shows, a trainee identifying on a phone (which binds the phone), check-in and
// check-out from that phone, and each trainee's attended hours against the plan. The rules are
// domain/attendance.h; the QR token's MAC is the vault's (ports::Vault::Mac, context
// "attendance.qr"), never a key in this layer. Each call is one store transaction, audited when it
// changes anything; a refused check-in is logged afterwards in a short transaction of its own
// (attendance_refusals), for the fraud signals.
//
// Errors: refusals carry the stable attendance code as the reason (attendance.too_far …) and the
// Chinese sentence the phone shows; 401/403 by role, 404 outside the actor's scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/selfies.h"
#include "domain/attendance_record.h"

namespace anpei::app {

inline constexpr std::string_view kQrMacContext = "attendance.qr";
// A trainee session lasts this long (no idle timeout: the phone is bound).
inline constexpr int64_t kTraineeSessionSeconds = 30 * 24 * 3600;
// An identification accepts a token this old (typing a name and an ID number takes time).
inline constexpr int64_t kIdentifyTokenSeconds = 15 * 60;

// The QR token: v1.<class_id>.<seq>.<slot>.<mac>.
struct QrToken {
  std::string token;
  std::string expires_at;  // local RFC 3339: the last instant it is accepted
  int64_t slot = 0;
  int64_t refresh_after_s = 0;  // until the next slot begins
};
struct QrTokenFields {
  int64_t class_id = 0;
  int64_t seq = 0;
  int64_t slot = 0;
};
// The fields of a token whose MAC is good; InvalidArgument (field "token", reason
// attendance.token_invalid) otherwise.
Result<QrTokenFields> OpenQrToken(const AppContext& ctx, const std::string& token);

// GET /classes/{id}/sessions/{seq}/qr-token: the institution of the class (police of the district
// may view). Conflict when the class is not approved, NotFound for an unknown session.
Result<QrToken> IssueQrToken(const AppContext& ctx, const Actor& actor, int64_t class_id,
                             int64_t seq);

// A trainee's first identification on a phone (POST /trainee-sessions).
struct TraineeIdentification {
  std::string token, name, id_number, device_id;
};
struct TraineeSignedIn {
  std::string token, csrf_token, expires_at;
  int64_t person_id = 0;
  std::string person_name;  // masked
  int64_t class_id = 0;
  std::string class_title;
  bool bound_now = false;
};
Result<TraineeSignedIn> IdentifyTrainee(const AppContext& ctx, TraineeIdentification in,
                                        const std::string& remote, int64_t* retry_after_s);
// The actor of a trainee cookie: role trainee, person_id set; Unauthenticated when unknown,
// revoked or expired.
struct TraineeAuthenticated {
  Actor actor;
  std::string csrf_token;
  int64_t class_id = 0;
  std::string device_id;
};
Result<TraineeAuthenticated> AuthenticateTrainee(const AppContext& ctx, const std::string& token);
Status SignOutTrainee(const AppContext& ctx, const Actor& actor, const std::string& token);
// GET /me for a trainee: the person (masked name) and the class of the session.
struct TraineeMe {
  int64_t person_id = 0;
  std::string person_name;
  int64_t class_id = 0;
  std::string class_title;
  std::string device_id;
  std::string csrf_token;  // the session's (the phone may have lost the one it kept)
};
Result<TraineeMe> GetTraineeMe(const AppContext& ctx, const Actor& actor, const std::string& token);

// A check-in or check-out from the trainee's phone (POST /check-ins).
struct CheckInInput {
  std::string token;
  std::string direction;
  std::string idempotency_key;
  std::optional<double> lat, lng, accuracy_m;
  std::string device_id;
  std::optional<int64_t> selfie_id;
  std::string client_addr, user_agent;
};
struct CheckInOutcome {
  domain::AttendanceRecord record;
  bool created = false;  // false: a retry with a key already used (the original record)
  std::optional<SelfieReuse> selfie_reuse;  // the record's selfie repeats another (flag)
};
Result<CheckInOutcome> CheckIn(const AppContext& ctx, const Actor& actor, CheckInInput in);

// Where a refused check-in or roll-call answer came from, kept for the signals (domain.md §7).
struct RefusalOrigin {
  std::string device_id;
  std::optional<double> lat, lng, accuracy_m;  // non-finite values are dropped
  std::string client_addr;                     // clipped to 64 bytes
};
// Keeps the refusal `st` (its reason) of trainee `person` at class session (class_id, seq), in its
// own short write transaction after the refused one rolled back. A failure here is ignored: it
// does not change the answer the phone gets.
void LogRefusal(const AppContext& ctx, int64_t person, int64_t class_id, int64_t seq,
                const Status& st, const RefusalOrigin& from);

// GET /classes/{id}/hours: planned vs attended class hours per trainee, head-counts per session.
struct TraineeSessionHours {
  int64_t seq = 0;
  int hours = 0;
  int earned = 0;
  std::optional<int64_t> check_in, check_out;  // Unix seconds
  std::optional<std::string> source;
};
struct TraineeHours {
  int64_t person_id = 0;
  std::string name;
  int planned_hours = 0;
  int attended_hours = 0;
  std::vector<TraineeSessionHours> sessions;
};
struct SessionHeadcount {
  int64_t seq = 0;
  domain::PlanSession session;
  bool makeup = false;
  int64_t expected = 0, checked_in = 0, checked_out = 0;
};
struct ClassHours {
  int64_t class_id = 0;
  int planned_hours = 0;
  std::vector<TraineeHours> trainees;
  std::vector<SessionHeadcount> sessions;
};
Result<ClassHours> GetClassHours(const AppContext& ctx, const Actor& actor, int64_t class_id);
// The same for a class already read and authorised, inside the caller's transaction (the
// completion's verification, app/completion.h).
Result<ClassHours> ClassHoursIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                                const domain::TrainingClass& cls);

// Head-counts of every session of a class (the live view; SSE), as GetClassHours counts them.
Result<std::vector<SessionHeadcount>> GetHeadcounts(const AppContext& ctx, const Actor& actor,
                                                    int64_t class_id);

// Unbinds a trainee's phone (DELETE /classes/{id}/trainees/{person_id}/device-binding): the
// institution of the class, for a person on its roster, with a reason of at least 4 characters.
// Revokes the person's trainee sessions; audited trainee.device.unbind. NotFound when the person
// is not on the roster, Conflict (attendance.not_bound) when no phone is bound.
Status UnbindDevice(const AppContext& ctx, const Actor& actor, int64_t class_id, int64_t person_id,
                    std::string reason);

// Who may read a class's attendance (hours, head-counts): the institution of the class, the
// police of the district, the city bureau, 人社 and auditors.
inline constexpr std::initializer_list<std::string_view> kAttendanceReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};
// Who may show a session's QR code: the institution of the class; the police may view it.
inline constexpr std::initializer_list<std::string_view> kQrViewers = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin};

}  // namespace anpei::app
