#include "domain/attendance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace anpei::domain {

std::string_view DirectionId(Direction d) { return d == Direction::kIn ? "in" : "out"; }

std::optional<Direction> ParseDirection(std::string_view id) {
  if (id == "in") return Direction::kIn;
  if (id == "out") return Direction::kOut;
  return std::nullopt;
}

double DistanceMetres(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadiusM = 6371008.8;  // IUGG mean radius of the WGS-84 ellipsoid
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlng = (b.lng - a.lng) * kRad;
  const double s =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

bool ValidPoint(GeoPoint p) {
  return std::isfinite(p.lat) && std::isfinite(p.lng) && p.lat >= -90 && p.lat <= 90 &&
         p.lng >= -180 && p.lng <= 180;
}

std::string_view RefusalCode(AttendanceRefusal r) {
  switch (r) {
    case AttendanceRefusal::kTooEarly:
      return "attendance.too_early";
    case AttendanceRefusal::kTooLate:
      return "attendance.too_late";
    case AttendanceRefusal::kTokenExpired:
      return "attendance.token_expired";
    case AttendanceRefusal::kTokenFromFuture:
      return "attendance.token_future";
    case AttendanceRefusal::kTooFar:
      return "attendance.too_far";
    case AttendanceRefusal::kLocationVague:
      return "attendance.location_vague";
    case AttendanceRefusal::kLocationInvalid:
      return "attendance.location_invalid";
    case AttendanceRefusal::kVenueUnknown:
      return "attendance.venue_unknown";
  }
  return "attendance.refused";
}

std::string_view RefusalMessage(AttendanceRefusal r) {
  switch (r) {
    case AttendanceRefusal::kTooEarly:
      return "签到时间未到，请在规定时间内签到";
    case AttendanceRefusal::kTooLate:
      return "已超过签到时间，无法签到，请联系培训机构";
    case AttendanceRefusal::kTokenExpired:
      return "二维码已更新，请重新扫描屏幕上的二维码";
    case AttendanceRefusal::kTokenFromFuture:
      return "二维码无效，请检查手机时间后重新扫描";
    case AttendanceRefusal::kTooFar:
      return "您的位置距培训地点过远，请到培训现场签到";
    case AttendanceRefusal::kLocationVague:
      return "定位精度不足，请开启手机定位（GPS）并到开阔处重试";
    case AttendanceRefusal::kLocationInvalid:
      return "定位信息无效，请重新获取位置后再试";
    case AttendanceRefusal::kVenueUnknown:
      return "培训地点未登记坐标，请联系培训机构";
  }
  return "签到被拒绝";
}

Interval SessionBounds(const PlanSession& session, int utc_offset_minutes) {
  const int64_t midnight = session.date.ToDays() * 86400 - int64_t{utc_offset_minutes} * 60;
  return {midnight + int64_t{session.start_minute} * 60,
          midnight + int64_t{session.end_minute} * 60};
}

Interval CheckWindow(const PlanSession& session, Direction direction, const AttendanceLimits& lim,
                     int utc_offset_minutes) {
  const Interval s = SessionBounds(session, utc_offset_minutes);
  if (direction == Direction::kIn) {
    return {s.from - int64_t{lim.check_in_before_min} * 60,
            s.from + int64_t{lim.check_in_after_min} * 60};
  }
  return {s.until - int64_t{lim.check_out_before_min} * 60,
          s.until + int64_t{lim.check_out_after_min} * 60};
}

std::optional<AttendanceRefusal> CheckTime(const PlanSession& session, Direction direction,
                                           int64_t now, const AttendanceLimits& lim,
                                           int utc_offset_minutes) {
  const Interval w = CheckWindow(session, direction, lim, utc_offset_minutes);
  if (now < w.from) return AttendanceRefusal::kTooEarly;
  if (now > w.until) return AttendanceRefusal::kTooLate;
  return std::nullopt;
}

int64_t TokenSlot(int64_t now, const AttendanceLimits& lim) {
  const int64_t period = std::max(1, lim.token_seconds);
  return now >= 0 ? now / period : -((-now + period - 1) / period);  // floor
}

int64_t TokenExpiry(int64_t slot, const AttendanceLimits& lim) {
  const int64_t period = std::max(1, lim.token_seconds);
  return (slot + 1) * period - 1 + lim.token_grace_seconds;
}

std::optional<AttendanceRefusal> CheckTokenSlot(int64_t slot, int64_t now,
                                                const AttendanceLimits& lim) {
  const int64_t period = std::max(1, lim.token_seconds);
  // A phone's clock does not matter (the server's does), but a token minted for a later slot
  // means the key leaked or the server's clock jumped: refused, with the grace for skew between
  // servers behind one balancer.
  if (slot * period > now + lim.token_grace_seconds) return AttendanceRefusal::kTokenFromFuture;
  if (now > TokenExpiry(slot, lim)) return AttendanceRefusal::kTokenExpired;
  return std::nullopt;
}

std::optional<AttendanceRefusal> CheckLocation(std::optional<GeoPoint> venue, GeoPoint fix,
                                               double accuracy_m, const AttendanceLimits& lim) {
  if (!ValidPoint(fix) || !std::isfinite(accuracy_m) || accuracy_m < 0) {
    return AttendanceRefusal::kLocationInvalid;
  }
  if (!venue || !ValidPoint(*venue)) return AttendanceRefusal::kVenueUnknown;
  if (accuracy_m > lim.max_accuracy_m) return AttendanceRefusal::kLocationVague;
  if (DistanceMetres(*venue, fix) - accuracy_m > lim.max_distance_m) {
    return AttendanceRefusal::kTooFar;
  }
  return std::nullopt;
}

int EarnedHours(const PlanSession& session, std::optional<int64_t> check_in,
                std::optional<int64_t> check_out, int minutes_per_hour, int utc_offset_minutes) {
  if (!check_in || !check_out || *check_out <= *check_in || minutes_per_hour <= 0) return 0;
  const Interval s = SessionBounds(session, utc_offset_minutes);
  const int64_t from = std::max(s.from, *check_in);
  const int64_t until = std::min(s.until, *check_out);
  if (until <= from) return 0;
  const int64_t minutes = (until - from) / 60;
  return static_cast<int>(std::min<int64_t>(session.hours, minutes / minutes_per_hour));
}

}  // namespace anpei::domain
