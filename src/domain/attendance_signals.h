// Attendance fraud signals (考勤异常线索; domain.md §7, issue "Attendance" item 4): flags raised on
// a class, each with its evidence and a Chinese sentence, computed on read from plain values —
// the class's attendance records, refused attempts, phone bindings (with their history), random
// roll calls, its sessions and teachers, and the sessions of other classes that overlap them.
// Pure: no store, no clock (the caller passes `now`), no key. A flag is a lead for a reviewer,
// never a verdict: nothing is refused or changed because of one.
//
// Kinds (the API's stable ids):
//   shared_device       one phone (device id) used by several trainees: check-ins, refused
//                       attempts, roll-call answers or bindings (a phone unbound from one trainee
//                       and bound to another counts)
//   far_from_venue      a check-in accepted only thanks to the fix's accuracy radius (the point
//                       itself lies beyond the limit), or attempts refused as too far
//   two_places          a trainee present in this class and in another class at the same time
//   roll_call_missed    a trainee drawn by a roll call who did not answer before its deadline
//   selfie_reused       the same or a near-same selfie (perceptual hash) for another trainee, or
//                       for the same trainee in another session or class
//   teacher_two_places  the teacher of a session also teaches an overlapping session elsewhere
//
// Another class is named in evidence only when the caller may see it (ClassMention::visible);
// otherwise as "另一培训班" with no id, title or session number. Persons outside this class's
// roster are counted, never named.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/attendance.h"
#include "domain/policy.h"
#include "domain/selfie.h"  // HammingDistance, kSelfieReuseMaxBits

namespace anpei::domain {

enum class SignalKind {
  kSharedDevice,
  kFarFromVenue,
  kTwoPlaces,
  kRollCallMissed,
  kSelfieReused,
  kTeacherTwoPlaces,
};
std::string_view SignalKindId(SignalKind k);
std::string_view SignalKindName(SignalKind k);  // Chinese: "一机多人" …

// Perceptual hashes (64-bit) at most this many bits apart are "the same or a near-same photo".
// The same threshold as the selfie check at check-in (domain/selfie.h kSelfieReuseMaxBits).
inline constexpr int kSelfieMaxHammingBits = kSelfieReuseMaxBits;

// One attendance record (attendance_records) as the signals read it.
struct SignalRecord {
  int64_t id = 0;
  int seq = 0;
  int64_t person_id = 0;
  Direction direction = Direction::kIn;
  int64_t at = 0;                       // Unix seconds
  bool paper = false;                   // back-filled from a paper sheet: no phone, no fix
  std::string device_id;                // "" when none
  std::optional<GeoPoint> fix;          // the phone's location
  std::optional<double> accuracy_m;     // its accuracy radius
  std::optional<double> distance_m;     // as recorded; from fix and venue when absent
  std::optional<int64_t> selfie_id;     // the selfie kept with the record …
  std::optional<uint64_t> selfie_hash;  // … and its perceptual hash
};

// A refused check-in or check-out (attendance_refusals).
struct SignalRefusal {
  int64_t person_id = 0;
  int seq = 0;
  std::string reason;  // the refusal's stable code, "attendance.too_far" …
  std::string device_id;
  std::optional<GeoPoint> fix;
  std::optional<double> accuracy_m;
  int64_t at = 0;
};

// A phone bound to a person, now (unbound_at absent) or in the past (trainee_device_history).
struct DeviceBinding {
  int64_t person_id = 0;
  std::string device_id;
  int64_t bound_at = 0;
  std::optional<int64_t> unbound_at;
};

struct RollCallAnswerSignal {
  int64_t person_id = 0;
  int64_t at = 0;
  std::string device_id;
  std::optional<GeoPoint> fix;
  std::optional<double> accuracy_m;
};

// A random roll call (随机点名) of one session: who was drawn, who answered.
struct RollCallSignal {
  int64_t id = 0;
  int seq = 0;
  int64_t drawn_at = 0;
  int64_t deadline = 0;  // last second an answer is accepted
  std::vector<int64_t> person_ids;
  std::vector<RollCallAnswerSignal> answers;
};

// A class named in evidence. visible = false: the caller may not see it.
struct ClassMention {
  int64_t id = 0;
  std::string title;
  bool visible = false;
};

// One session of this class: its bounds and its teacher (the registry's teacher id).
struct SignalSession {
  int seq = 0;
  Interval bounds;
  std::optional<int64_t> teacher_id;
  std::string teacher_name;
};

// A person's check-in/check-out instants in a session of another class.
struct PersonTimes {
  int64_t person_id = 0;
  std::optional<int64_t> check_in;
  std::optional<int64_t> check_out;
};

// A session of another class that overlaps a session of this class in time, with its teacher and
// the attendance there of persons on this class's roster.
struct OtherSession {
  ClassMention other;
  int seq = 0;
  Interval bounds;
  std::optional<int64_t> teacher_id;
  std::vector<PersonTimes> attendance;
};

// A selfie kept with a record of another class (for reuse across classes).
struct OtherSelfie {
  ClassMention other;
  int seq = 0;
  int64_t person_id = 0;  // named only when on this class's roster
  int64_t selfie_id = 0;
  uint64_t hash = 0;
};

struct SignalInputs {
  int64_t now = 0;
  int utc_offset_minutes = 480;
  AttendanceLimits limits;
  std::optional<GeoPoint> venue;
  std::vector<int64_t> roster;  // person ids on this class's roster
  std::vector<SignalSession> sessions;
  std::vector<SignalRecord> records;
  std::vector<SignalRefusal> refusals;
  // Every binding, current and past, of the roster's persons and of the devices seen in this
  // class (so a phone that moved to a person of another class shows).
  std::vector<DeviceBinding> bindings;
  std::vector<RollCallSignal> roll_calls;
  std::vector<OtherSession> other_sessions;
  std::vector<OtherSelfie> other_selfies;
  int selfie_max_hamming = kSelfieMaxHammingBits;
};

// --- evidence, one shape per kind ---

// One use of a phone. what: "check_in" | "check_out" | "refusal" | "roll_call_answer" | "binding".
struct DeviceUse {
  std::string what;
  int64_t person_id = 0;  // 0: a person outside this class (counted, not named)
  std::optional<int> seq;
  int64_t at = 0;                    // the use, or the binding's start
  std::optional<int64_t> until;      // binding: when it ended
  std::optional<int64_t> record_id;  // check_in / check_out
  std::string reason;                // refusal: its code
};
struct SharedDeviceEvidence {
  std::string device_id;
  std::vector<DeviceUse> uses;  // by time
  int other_persons = 0;        // persons outside this class's roster who used or bound it
};

// One sign-in attempt judged far. what: "check_in" | "check_out" | "refusal" | "roll_call_answer".
struct FarAttempt {
  std::string what;
  std::optional<int64_t> record_id;
  int64_t at = 0;
  double distance_m = 0;
  double accuracy_m = 0;
  std::string reason;  // refusal: its code
};
struct FarEvidence {
  int max_distance_m = 0;
  std::vector<FarAttempt> attempts;  // by time
};

// A presence interval here and one elsewhere that overlap.
struct TwoPlacesEvidence {
  Interval here;
  ClassMention other;
  std::optional<int> other_seq;  // absent when the other class is hidden
  Interval there;
  int64_t overlap_seconds = 0;
};

struct RollCallEvidence {
  int64_t roll_call_id = 0;
  int64_t drawn_at = 0;
  int64_t deadline = 0;
};

struct SelfieEvidence {
  int64_t selfie_id = 0;
  std::optional<int64_t> record_id;
  int64_t other_selfie_id = 0;
  std::optional<int64_t> other_record_id;
  std::optional<int> other_seq;
  std::optional<ClassMention> other;  // absent: the other selfie is of this class
  int hamming_bits = 0;
};

struct TeacherEvidence {
  int64_t teacher_id = 0;
  std::string teacher_name;
  Interval here;
  ClassMention other;
  std::optional<int> other_seq;
  Interval there;
};

using FlagEvidence = std::variant<SharedDeviceEvidence, FarEvidence, TwoPlacesEvidence,
                                  RollCallEvidence, SelfieEvidence, TeacherEvidence>;

struct AttendanceFlag {
  SignalKind kind = SignalKind::kSharedDevice;
  std::optional<int> seq;           // the session, when the flag concerns one
  std::vector<int64_t> person_ids;  // on this class's roster, ascending
  FlagEvidence evidence;
  std::string message;  // Chinese, for the console
};

// The text for a class that may not be named.
inline constexpr std::string_view kHiddenClassTitle = "另一培训班";

// A person's presence in a session from their check-in/check-out: [in, out]; with one end only,
// the session's bound stands for the other; none without either (or when out is before in).
std::optional<Interval> Presence(std::optional<int64_t> check_in, std::optional<int64_t> check_out,
                                 Interval session);

// Every flag on the class, ordered by session (flags without one last), kind, first person.
std::vector<AttendanceFlag> AttendanceFlags(const SignalInputs& in);

}  // namespace anpei::domain
