#include "domain/publicity.h"

#include <array>
#include <utility>

#include "domain/model.h"
#include "domain/text.h"

namespace anpei::domain {
namespace {

constexpr std::array<std::pair<BatchState, std::pair<std::string_view, std::string_view>>, 2>
    kBatchStates{
        {{BatchState::kOpen, {"open", "公示中"}}, {BatchState::kClosed, {"closed", "公示结束"}}}};

constexpr std::array<std::pair<ObjectionState, std::pair<std::string_view, std::string_view>>, 3>
    kObjectionStates{{{ObjectionState::kOpen, {"open", "待处理"}},
                      {ObjectionState::kUpheld, {"upheld", "异议成立"}},
                      {ObjectionState::kDismissed, {"dismissed", "异议不成立"}}}};

template <typename E, size_t N>
std::string_view IdOf(
    const std::array<std::pair<E, std::pair<std::string_view, std::string_view>>, N>& table, E e,
    bool name) {
  for (const auto& [k, v] : table) {
    if (k == e) return name ? v.second : v.first;
  }
  return name ? table[0].second.second : table[0].second.first;
}

template <typename E, size_t N>
std::optional<E> Parse(
    const std::array<std::pair<E, std::pair<std::string_view, std::string_view>>, N>& table,
    std::string_view id) {
  for (const auto& [k, v] : table) {
    if (v.first == id) return k;
  }
  return std::nullopt;
}

bool EmailChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '+';
}

bool IsEmail(std::string_view s) {
  if (s.size() > 254) return false;
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = s.substr(0, at), host = s.substr(at + 1);
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > host.size() ||
      host.find("..") != std::string_view::npos || host.front() == '-') {
    return false;
  }
  for (char c : local) {
    if (!EmailChar(c)) return false;
  }
  for (char c : host) {
    if (!EmailChar(c) || c == '_' || c == '+') return false;
  }
  return true;
}

}  // namespace

std::string_view BatchStateId(BatchState s) { return IdOf(kBatchStates, s, false); }
std::string_view BatchStateName(BatchState s) { return IdOf(kBatchStates, s, true); }
std::optional<BatchState> ParseBatchState(std::string_view id) { return Parse(kBatchStates, id); }

std::string_view ObjectionStateId(ObjectionState s) { return IdOf(kObjectionStates, s, false); }
std::string_view ObjectionStateName(ObjectionState s) { return IdOf(kObjectionStates, s, true); }
std::optional<ObjectionState> ParseObjectionState(std::string_view id) {
  return Parse(kObjectionStates, id);
}
std::optional<ObjectionState> ParseObjectionDecision(std::string_view id) {
  auto s = ParseObjectionState(id);
  if (s == ObjectionState::kOpen) return std::nullopt;
  return s;
}

Result<PublicityPeriod> PeriodFrom(const WorkCalendar& calendar, Date today, int working_days) {
  PublicityPeriod p;
  ANPEI_ASSIGN_OR_RETURN(bool workday, calendar.IsWorkday(today));
  if (workday) {
    p.opens_on = today;
  } else {
    ANPEI_ASSIGN_OR_RETURN(p.opens_on, calendar.AddWorkdays(today, 1));
  }
  ANPEI_ASSIGN_OR_RETURN(p.closes_on, calendar.AddWorkdays(p.opens_on, working_days));
  return p;
}

bool PeriodEnded(Date closes_on, Date today) { return today > closes_on; }

Result<std::string> ContactKind(std::string_view contact, std::string_view field) {
  const std::string name(field);
  const std::string_view c = Trimmed(contact);
  if (c.empty()) {
    return Status::Invalid(name, "请填写联系方式（手机号码或电子邮箱），以便核实异议");
  }
  if (IsMobilePhone(c)) return std::string("phone");
  if (IsEmail(c)) return std::string("email");
  return Status::Invalid(name, "联系方式应为 11 位手机号码或电子邮箱地址");
}

std::string MaskContact(std::string_view kind, std::string_view contact) {
  if (kind == "phone") return MaskPhone(contact);
  const size_t at = contact.find('@');
  if (at == std::string_view::npos || at == 0) return "***";
  return std::string(contact.substr(0, 1)) + "***" + std::string(contact.substr(at));
}

}  // namespace anpei::domain
