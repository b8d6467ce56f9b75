// Civil dates, times of day and instants, with strict parsers for the formats the contract uses
// (YYYY-MM-DD, HH:MM, RFC 3339 timestamps). Pure: no clock, no time zone database; an instant is
// turned into a local date with an explicit UTC offset (China Standard Time is +08:00).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace anpei::domain {

// A proleptic Gregorian calendar date. Always valid once constructed through ParseDate/FromDays.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before).
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  int IsoWeekday() const;
  bool IsWeekend() const { return IsoWeekday() >= 6; }
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  std::string ToString() const;  // YYYY-MM-DD

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool IsValidDate(int year, int month, int day);

// Parses exactly "YYYY-MM-DD" naming a real calendar date. The error is InvalidArgument with
// `field` set to the given field name and a Chinese message.
Result<Date> ParseDate(std::string_view text, std::string_view field);

// Parses exactly "HH:MM" (00:00..23:59) into minutes after midnight.
Result<int> ParseTimeOfDay(std::string_view text, std::string_view field);
// The same, and also "24:00" (ISO 8601's end of the day, 1440): for the end of a period only.
Result<int> ParseEndTimeOfDay(std::string_view text, std::string_view field);
// "HH:MM"; 1440 is "24:00".
std::string FormatTimeOfDay(int minutes);

// An instant: seconds since the Unix epoch, UTC.
struct Instant {
  int64_t unix_seconds = 0;
  friend bool operator==(const Instant&, const Instant&) = default;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// Parses an RFC 3339 timestamp "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)". The offset is required:
// a deadline decision never rests on a guessed time zone.
Result<Instant> ParseTimestamp(std::string_view text, std::string_view field);

// The local calendar date of an instant at a fixed UTC offset in minutes (+480 for UTC+8).
Date LocalDate(Instant instant, int offset_minutes);

// RFC 3339 with the given offset: "2026-11-28T20:40:21+08:00".
std::string FormatTimestamp(Instant instant, int offset_minutes);

}  // namespace anpei::domain
