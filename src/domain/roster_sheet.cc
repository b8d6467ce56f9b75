#include "domain/roster_sheet.h"

#include "domain/identity.h"

namespace anpei::domain {
namespace {

struct Alias {
  std::string_view text;
  RosterField field;
};

// Header names seen on real rosters (lower-case for the English ones).
constexpr Alias kAliases[] = {
    {"姓名", RosterField::kName},
    {"学员姓名", RosterField::kName},
    {"名字", RosterField::kName},
    {"学员", RosterField::kName},
    {"name", RosterField::kName},
    {"身份证号", RosterField::kIdNumber},
    {"身份证号码", RosterField::kIdNumber},
    {"身份证", RosterField::kIdNumber},
    {"公民身份号码", RosterField::kIdNumber},
    {"公民身份证号码", RosterField::kIdNumber},
    {"居民身份证号码", RosterField::kIdNumber},
    {"身份证件号码", RosterField::kIdNumber},
    {"证件号码", RosterField::kIdNumber},
    {"证件号", RosterField::kIdNumber},
    {"id_number", RosterField::kIdNumber},
    {"idnumber", RosterField::kIdNumber},
    {"手机", RosterField::kPhone},
    {"手机号", RosterField::kPhone},
    {"手机号码", RosterField::kPhone},
    {"联系电话", RosterField::kPhone},
    {"联系方式", RosterField::kPhone},
    {"电话", RosterField::kPhone},
    {"电话号码", RosterField::kPhone},
    {"移动电话", RosterField::kPhone},
    {"phone", RosterField::kPhone},
    {"mobile", RosterField::kPhone},
    {"人员类别", RosterField::kGroup},
    {"学员类别", RosterField::kGroup},
    {"类别", RosterField::kGroup},
    {"人员类型", RosterField::kGroup},
    {"培训对象", RosterField::kGroup},
    {"group", RosterField::kGroup},
};

// Drops spaces, '*' marks, a trailing colon and a "(必填)" note; lower-cases ASCII.
std::string HeaderKey(std::string_view h) {
  std::string s;
  for (char c : h) {
    if (c == ' ' || c == '*') continue;
    s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (std::string_view tail : {"(必填)", "（必填）", ":", "：", "(选填)", "（选填）"}) {
    if (s.size() > tail.size() && s.ends_with(tail)) s.resize(s.size() - tail.size());
  }
  return s;
}

}  // namespace

std::string_view RosterFieldId(RosterField f) {
  constexpr std::string_view kIds[] = {"name", "id_number", "phone", "group"};
  return kIds[static_cast<size_t>(f)];
}

std::string_view RosterFieldName(RosterField f) {
  constexpr std::string_view kNames[] = {"姓名", "身份证号", "手机号", "人员类别"};
  return kNames[static_cast<size_t>(f)];
}

std::optional<RosterField> RosterFieldOfHeader(std::string_view header) {
  const std::string key = HeaderKey(header);
  for (const Alias& a : kAliases) {
    if (a.text == key) return a.field;
  }
  return std::nullopt;
}

bool RosterColumns::Complete() const {
  return Of(RosterField::kName) >= 0 && Of(RosterField::kIdNumber) >= 0 &&
         Of(RosterField::kPhone) >= 0;
}

int RosterColumns::Found() const {
  int n = 0;
  for (int i : index) n += i >= 0;
  return n;
}

std::string RosterColumns::Missing() const {
  std::string out;
  for (RosterField f : {RosterField::kName, RosterField::kIdNumber, RosterField::kPhone}) {
    if (Of(f) < 0) out += (out.empty() ? "" : "、") + std::string(RosterFieldName(f));
  }
  return out;
}

RosterColumns MatchRosterHeader(const std::vector<std::string>& cells) {
  RosterColumns c;
  for (size_t i = 0; i < cells.size(); ++i) {
    auto f = RosterFieldOfHeader(cells[i]);
    if (f && c.index[static_cast<size_t>(*f)] < 0) c.index[static_cast<size_t>(*f)] = int(i);
  }
  return c;
}

bool LooksLikeScientificNumber(std::string_view t) {
  const size_t e = t.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 2 > t.size()) return false;
  std::string_view mantissa = t.substr(0, e), exponent = t.substr(e + 1);
  if (exponent[0] == '+') exponent.remove_prefix(1);
  if (exponent.empty()) return false;
  for (char c : exponent) {
    if (c < '0' || c > '9') return false;
  }
  bool dot = false;
  for (char c : mantissa) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

std::optional<std::string> MinAgeViolation(const Occupation& occupation, Date birth, Date start) {
  const int age = AgeOn(birth, start);
  if (age >= occupation.min_age) return std::nullopt;
  return "开班日 " + start.ToString() + " 时年龄为 " + std::to_string(age) + " 周岁，" +
         occupation.name + "培训要求年满 " + std::to_string(occupation.min_age) + " 周岁";
}

}  // namespace anpei::domain
