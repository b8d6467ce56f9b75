#include "domain/calendar.h"

namespace anpei::domain {
namespace {
// A holiday period plus its moved days never spans more than a month; a longer range is a typo.
constexpr int64_t kMaxHolidaySpanDays = 31;
}  // namespace

Result<WorkCalendar> WorkCalendar::Build(const std::vector<CalendarYear>& years) {
  WorkCalendar cal;
  for (const CalendarYear& y : years) {
    const std::string where = "calendar " + std::to_string(y.year);
    if (!cal.years_.insert(y.year).second) {
      return Status::Invalid(where, "日历年份 " + std::to_string(y.year) + " 重复定义");
    }
    for (const HolidayPeriod& h : y.holidays) {
      const std::string hw = where + " " + h.name;
      const int64_t from = h.off_from.ToDays(), to = h.off_to.ToDays();
      if (to < from || to - from >= kMaxHolidaySpanDays) {
        return Status::Invalid(
            hw, "放假区间无效：" + h.off_from.ToString() + " 至 " + h.off_to.ToString());
      }
      for (int64_t d = from; d <= to; ++d) cal.off_[d] = h.name;
      for (const Date& w : h.work) {
        if (!w.IsWeekend()) {
          return Status::Invalid(hw, "调休上班日 " + w.ToString() + " 本就是工作日（周一至周五）");
        }
        cal.work_[w.ToDays()] = h.name;
      }
    }
  }
  for (const auto& [day, name] : cal.work_) {
    if (cal.off_.count(day)) {
      return Status::Invalid("calendar " + name,
                             Date::FromDays(day).ToString() + " 同时被列为放假日和调休上班日");
    }
  }
  return cal;
}

Result<bool> WorkCalendar::IsWorkday(Date date, std::string_view field) const {
  if (!Covers(date.year)) {
    return Status::Invalid(std::string(field),
                           "工作日历没有 " + std::to_string(date.year) + " 年的数据（现有 " +
                               std::to_string(FirstYear()) + "–" + std::to_string(LastYear()) +
                               " 年），无法判断 " + date.ToString() + " 是否为工作日");
  }
  const int64_t d = date.ToDays();
  if (work_.count(d)) return true;
  if (off_.count(d)) return false;
  return !date.IsWeekend();
}

Result<Date> WorkCalendar::AddWorkdays(Date date, int n, std::string_view field) const {
  if (n < 0) return Status::Invalid(std::string(field), "工作日数不能为负数");
  Date d = date;
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    ANPEI_ASSIGN_OR_RETURN(auto w, IsWorkday(d, field));
    if (w) ++counted;
  }
  return d;
}

WorkCalendar::WorkdayBound WorkCalendar::BoundWorkdays(Date date, int n) const {
  WorkdayBound b;
  // The optimistic walk (unknown days work) ends at_least; the pessimistic one (unknown days off)
  // ends at_most. Both stop at n; the pessimistic one also past the last year with data.
  Date d = date;
  int optimistic = 0, pessimistic = 0;
  bool at_least_found = false;
  while (pessimistic < n) {
    d = d.AddDays(1);
    const bool known = Covers(d.year);
    if (!known && b.missing_year == 0) b.missing_year = d.year;
    if (!known && d.year > LastYear()) {
      if (!at_least_found) b.at_least = d.AddDays(n - optimistic - 1);
      return b;  // at_most unknown
    }
    const bool work = known ? *IsWorkday(d) : false;
    optimistic += known ? work : 1;
    pessimistic += work;
    if (!at_least_found && optimistic >= n) {
      b.at_least = d;
      at_least_found = true;
    }
  }
  b.at_most = d;
  if (b.missing_year == 0) b.exact = d;
  return b;
}

std::string WorkCalendar::HolidayName(Date date) const {
  auto it = off_.find(date.ToDays());
  return it == off_.end() ? std::string() : it->second;
}

}  // namespace anpei::domain
