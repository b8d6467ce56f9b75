// Attendance rules (考勤; clauses 三（一）3 and 三（二）2 of the notice; domain.md §4; issue
// "Attendance"): when a trainee may check in or out of a class session, how far from the venue,
// which rotating QR token slot is still good, and how many class hours a check-in/check-out pair
// earns. Pure functions over plain values: no clock, no store, no key — the caller passes the
// instant and the MAC check happens in an adapter.
//
// Units: instants are Unix seconds (UTC); distances are metres; the session's times are minutes
// after local midnight at the policy's UTC offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/date.h"
#include "domain/plan.h"

namespace anpei::domain {

enum class Direction { kIn, kOut };
std::string_view DirectionId(Direction d);  // "in" | "out"
std::optional<Direction> ParseDirection(std::string_view id);

// A point on the WGS-84 ellipsoid, degrees.
struct GeoPoint {
  double lat = 0;
  double lng = 0;
};
// Great-circle (haversine) distance in metres on a sphere of the WGS-84 mean radius (6 371 008.8
// m); under 0.5 % from the ellipsoidal distance, far below a phone's accuracy.
double DistanceMetres(GeoPoint a, GeoPoint b);
// Whether lat ∈ [-90, 90] and lng ∈ [-180, 180] and both are finite.
bool ValidPoint(GeoPoint p);

// Why a check-in or check-out is refused by these rules. Each has a stable code (the API's
// error.reason) and a Chinese sentence the phone shows.
enum class AttendanceRefusal {
  kTooEarly,         // attendance.too_early: the window has not opened
  kTooLate,          // attendance.too_late: the window has closed
  kTokenExpired,     // attendance.token_expired: the QR code changed; scan the current one
  kTokenFromFuture,  // attendance.token_future: the token's slot has not begun (clock tampering)
  kTooFar,           // attendance.too_far: beyond max_distance_m from the venue
  kLocationVague,    // attendance.location_vague: accuracy worse than max_accuracy_m
  kLocationInvalid,  // attendance.location_invalid: not a point on the earth
  kVenueUnknown,     // attendance.venue_unknown: the class's venue has no coordinates
};
std::string_view RefusalCode(AttendanceRefusal r);
std::string_view RefusalMessage(AttendanceRefusal r);

// The interval [from, until] (Unix seconds, inclusive) in which `direction` is accepted for
// `session` (local times at `utc_offset_minutes`).
struct Interval {
  int64_t from = 0;
  int64_t until = 0;
};
Interval SessionBounds(const PlanSession& session, int utc_offset_minutes);
Interval CheckWindow(const PlanSession& session, Direction direction, const AttendanceLimits& lim,
                     int utc_offset_minutes);
std::optional<AttendanceRefusal> CheckTime(const PlanSession& session, Direction direction,
                                           int64_t now, const AttendanceLimits& lim,
                                           int utc_offset_minutes);

// The rotating QR code: the slot a token names is floor(t / token_seconds); a token is good from
// the start of its slot until its end plus the grace.
int64_t TokenSlot(int64_t now, const AttendanceLimits& lim);
int64_t TokenExpiry(int64_t slot, const AttendanceLimits& lim);  // last second it is accepted
std::optional<AttendanceRefusal> CheckTokenSlot(int64_t slot, int64_t now,
                                                const AttendanceLimits& lim);

// Distance rule: the fix (with its accuracy radius, metres) must lie within max_distance_m of the
// venue, giving the trainee the benefit of the accuracy (distance − accuracy ≤ max), but a fix
// vaguer than max_accuracy_m is refused outright (it would prove presence anywhere in town).
std::optional<AttendanceRefusal> CheckLocation(std::optional<GeoPoint> venue, GeoPoint fix,
                                               double accuracy_m, const AttendanceLimits& lim);

// Class hours earned by one trainee in one session from their check-in and check-out instants:
// the minutes of [in, out] inside the session, divided by the policy's minutes per class hour
// (plan.min_minutes_per_hour), rounded down, at most the session's hours. Without both ends the
// trainee earns nothing (a check-in alone does not prove staying).
int EarnedHours(const PlanSession& session, std::optional<int64_t> check_in,
                std::optional<int64_t> check_out, int minutes_per_hour, int utc_offset_minutes);

}  // namespace anpei::domain
