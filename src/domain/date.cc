#include "domain/date.h"

#include <chrono>
#include <cstdio>

namespace anpei::domain {
namespace {

namespace chr = std::chrono;

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999) return false;
  return chr::year_month_day{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                             chr::day{static_cast<unsigned>(day)}}
      .ok();
}

int64_t Date::ToDays() const {
  const chr::sys_days d{chr::year{year} / chr::month{static_cast<unsigned>(month)} /
                        chr::day{static_cast<unsigned>(day)}};
  return d.time_since_epoch().count();
}

Date Date::FromDays(int64_t days) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int Date::IsoWeekday() const {
  return static_cast<int>(chr::weekday{chr::sys_days{chr::days{ToDays()}}}.iso_encoding());
}

std::string Date::ToString() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                     AllDigits(text.substr(0, 4)) && AllDigits(text.substr(5, 2)) &&
                     AllDigits(text.substr(8, 2));
  if (!shape) {
    return Status::Invalid(std::string(field),
                           "日期格式应为 YYYY-MM-DD（例如 2021-09-30），收到 \"" +
                               std::string(text.substr(0, 40)) + "\"");
  }
  const int y = ToInt(text.substr(0, 4)), m = ToInt(text.substr(5, 2)),
            d = ToInt(text.substr(8, 2));
  if (!IsValidDate(y, m, d)) {
    return Status::Invalid(std::string(field),
                           "日期 " + std::string(text) + " 不是真实存在的日历日期");
  }
  return Date{y, m, d};
}

Result<int> ParseTimeOfDay(std::string_view text, std::string_view field) {
  const bool shape = text.size() == 5 && text[2] == ':' && AllDigits(text.substr(0, 2)) &&
                     AllDigits(text.substr(3, 2));
  if (!shape) {
    return Status::Invalid(std::string(field),
                           "时间格式应为 HH:MM（24 小时制，例如 08:30），收到 \"" +
                               std::string(text.substr(0, 40)) + "\"");
  }
  const int h = ToInt(text.substr(0, 2)), m = ToInt(text.substr(3, 2));
  if (h > 23 || m > 59) {
    return Status::Invalid(std::string(field),
                           "时间 " + std::string(text) + " 无效：小时应为 00–23，分钟应为 00–59");
  }
  return h * 60 + m;
}

Result<int> ParseEndTimeOfDay(std::string_view text, std::string_view field) {
  if (text == "24:00") return 24 * 60;  // ISO 8601: the end of the day
  return ParseTimeOfDay(text, field);
}

std::string FormatTimeOfDay(int minutes) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

Result<Instant> ParseTimestamp(std::string_view text, std::string_view field) {
  auto bad = [&](const std::string& why) {
    return Status::Invalid(std::string(field),
                           "时间戳应为 RFC 3339 格式（例如 2021-09-28T10:00:00+08:00）：" + why);
  };
  if (text.size() < 19) return bad("长度不足");
  auto date = ParseDate(text.substr(0, 10), field);
  if (!date.ok()) return bad("日期部分无效");
  if (text[10] != 'T' && text[10] != 't') return bad("日期与时间之间应为 T");
  const std::string_view hms = text.substr(11, 8);
  if (!(hms[2] == ':' && hms[5] == ':' && AllDigits(hms.substr(0, 2)) &&
        AllDigits(hms.substr(3, 2)) && AllDigits(hms.substr(6, 2)))) {
    return bad("时间部分应为 HH:MM:SS");
  }
  const int h = ToInt(hms.substr(0, 2)), mi = ToInt(hms.substr(3, 2)), s = ToInt(hms.substr(6, 2));
  // RFC 3339 allows a leap second (:60); it is folded into the next second.
  if (h > 23 || mi > 59 || s > 60) return bad("时、分或秒超出范围");
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 1) return bad("小数秒缺少数字");
    rest = rest.substr(i);
  }
  int offset = 0;
  if (rest.empty()) {
    return bad("缺少时区偏移（例如 +08:00 或 Z）");
  } else if (rest == "Z" || rest == "z") {
    offset = 0;
  } else {
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
        !AllDigits(rest.substr(1, 2)) || !AllDigits(rest.substr(4, 2))) {
      return bad("时区偏移应为 Z 或 ±HH:MM");
    }
    const int oh = ToInt(rest.substr(1, 2)), om = ToInt(rest.substr(4, 2));
    if (oh > 23 || om > 59) return bad("时区偏移超出范围");
    offset = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
  }
  const int64_t local = date->ToDays() * 86400 + h * 3600 + mi * 60 + s;
  return Instant{local - static_cast<int64_t>(offset) * 60};
}

Date LocalDate(Instant instant, int offset_minutes) {
  const int64_t local = instant.unix_seconds + static_cast<int64_t>(offset_minutes) * 60;
  return Date::FromDays(FloorDiv(local, 86400));
}

}  // namespace anpei::domain

namespace anpei::domain {

std::string FormatTimestamp(Instant instant, int offset_minutes) {
  const int64_t local = instant.unix_seconds + static_cast<int64_t>(offset_minutes) * 60;
  const Date date = Date::FromDays(FloorDiv(local, 86400));
  const int64_t secs = local - date.ToDays() * 86400;
  char buf[48];
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", date.ToString().c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60), offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace anpei::domain
