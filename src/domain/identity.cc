#include "domain/identity.h"

#include <array>

#include "domain/text.h"

namespace anpei::domain {
namespace {

// GB/T 2260 province-level codes that appear in resident ID numbers (mainland provinces,
// autonomous regions and municipalities, plus 71/81/82 which GB/T 2260 lists for Taiwan, Hong Kong
// and Macau and which the permits use as 81/82/83 below).
bool IsMainlandProvince(int p) {
  switch (p) {
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 21:
    case 22:
    case 23:
    case 31:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 41:
    case 42:
    case 43:
    case 44:
    case 45:
    case 46:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 61:
    case 62:
    case 63:
    case 64:
    case 65:
      return true;
    default:
      return false;
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The year before which a living trainee cannot be born; only guards against typos like 1090.
constexpr int kEarliestBirthYear = 1900;

// GB 32100-2015 character set: digits and upper-case letters except I, O, S, V, Z.
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int UsccValue(char c) {
  const size_t pos = kUsccChars.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string_view IdErrorName(IdError e) {
  switch (e) {
    case IdError::kNone:
      return "valid";
    case IdError::kLength:
      return "length";
    case IdError::kCharacters:
      return "characters";
    case IdError::kRegion:
      return "region";
    case IdError::kBirthDate:
      return "birth_date";
    case IdError::kCheckDigit:
      return "check_digit";
    case IdError::kOrgCode:
      return "org_code";
  }
  return "invalid";
}

std::string_view PersonIdKindName(PersonIdKind k) {
  switch (k) {
    case PersonIdKind::kResident:
      return "resident";
    case PersonIdKind::kPermitHongKong:
      return "permit_hk";
    case PersonIdKind::kPermitMacau:
      return "permit_mo";
    case PersonIdKind::kPermitTaiwan:
      return "permit_tw";
  }
  return "resident";
}

char Mod112CheckChar(std::string_view first17) {
  // ISO 7064 MOD 11-2: weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  static constexpr std::string_view kCheck = "10X98765432";
  return kCheck[sum % 11];
}

std::string CanonicalPersonId(std::string_view number) {
  std::string s(number);
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  return s;
}

std::string CanonicalUscc(std::string_view code) {
  std::string s(code);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

int AgeOn(Date birth, Date on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

namespace {

PersonIdCheck Check(std::string_view n, Date today, bool allow_permits) {
  PersonIdCheck r;
  auto fail = [&](IdError e, std::string detail) {
    r.error = e;
    r.detail = std::move(detail);
    return r;
  };
  // Characters are counted, never bytes: "３５０５…" is 18 characters of the wrong kind.
  const size_t chars = Utf8Length(n);
  if (chars != 18) {
    return fail(IdError::kLength, "应为 18 位，实为 " + std::to_string(chars) + " 个字符");
  }
  if (n.size() != 18) {
    return fail(IdError::kCharacters, "只能包含半角数字和 X，发现全角或其他字符");
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(n[i])) return fail(IdError::kCharacters, "前 17 位应全为数字");
  }
  if (!IsDigit(n[17]) && n[17] != 'X' && n[17] != 'x') {
    return fail(IdError::kCharacters, "第 18 位应为数字或 X");
  }
  const int province = (n[0] - '0') * 10 + (n[1] - '0');
  const bool permit_prefix = n.substr(2, 4) == "0000" && (province >= 81 && province <= 83);
  if (permit_prefix && allow_permits) {
    r.kind = province == 81   ? PersonIdKind::kPermitHongKong
             : province == 82 ? PersonIdKind::kPermitMacau
                              : PersonIdKind::kPermitTaiwan;
  } else if (!IsMainlandProvince(province)) {
    return fail(IdError::kRegion,
                "地址码 " + std::string(n.substr(0, 6)) + " 不属于任何省级行政区");
  } else if (n.substr(2, 4) == "0000") {
    return fail(IdError::kRegion, "地址码 " + std::string(n.substr(0, 6)) + " 不是县级行政区代码");
  }
  const int y = std::stoi(std::string(n.substr(6, 4)));
  const int m = std::stoi(std::string(n.substr(10, 2)));
  const int d = std::stoi(std::string(n.substr(12, 2)));
  if (!IsValidDate(y, m, d)) {
    return fail(IdError::kBirthDate, "出生日期 " + std::string(n.substr(6, 8)) + " 不是真实日期");
  }
  r.birth_date = Date{y, m, d};
  if (y < kEarliestBirthYear) {
    return fail(IdError::kBirthDate, "出生日期 " + r.birth_date.ToString() + " 过早");
  }
  if (today < r.birth_date) {
    return fail(IdError::kBirthDate, "出生日期 " + r.birth_date.ToString() + " 晚于今天");
  }
  const char want = Mod112CheckChar(n.substr(0, 17));
  const char got = n[17] == 'x' ? 'X' : n[17];
  if (want != got) {
    return fail(IdError::kCheckDigit, std::string("校验码应为 ") + want + "，实为 " + got);
  }
  r.male = ((n[16] - '0') % 2) == 1;
  return r;
}

}  // namespace

PersonIdCheck CheckPersonId(std::string_view number, Date today) {
  return Check(number, today, true);
}

PersonIdCheck CheckResidentId(std::string_view number, Date today) {
  return Check(number, today, false);
}

OrgCodeCheck CheckUscc(std::string_view c) {
  OrgCodeCheck r;
  auto fail = [&](IdError e, std::string detail) {
    r.error = e;
    r.detail = std::move(detail);
    return r;
  };
  const size_t chars = Utf8Length(c);
  if (chars != 18) {
    return fail(IdError::kLength, "应为 18 位，实为 " + std::to_string(chars) + " 个字符");
  }
  if (c.size() != 18) {
    return fail(IdError::kCharacters, "只能包含半角数字和大写字母，发现全角或其他字符");
  }
  for (char ch : c) {
    if (UsccValue(ch) < 0) {
      return fail(IdError::kCharacters, "只能包含数字和大写字母（不含 I、O、S、V、Z），发现 \"" +
                                            std::string(1, ch) + "\"");
    }
  }
  // Registration authority (登记管理部门代码): 1–9, A, N, Y.
  const std::string_view kAuthorities = "123456789ANY";
  if (kAuthorities.find(c[0]) == std::string_view::npos) {
    return fail(IdError::kCharacters, "登记管理部门代码 \"" + std::string(1, c[0]) + "\" 无效");
  }
  for (size_t i = 2; i < 8; ++i) {
    if (!IsDigit(c[i])) return fail(IdError::kRegion, "第 3–8 位登记管理机关行政区划码应为数字");
  }
  const int province = (c[2] - '0') * 10 + (c[3] - '0');
  // Organisations registered centrally use 100000.
  if (!IsMainlandProvince(province) && c.substr(2, 6) != "100000") {
    return fail(IdError::kRegion, "行政区划码 " + std::string(c.substr(2, 6)) + " 无效");
  }
  // GB 11714 organisation code: 8 body characters (digits or letters, A=10 … Z=35) and a check.
  static constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  int org_sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char ch = c[8 + i];
    const int v = IsDigit(ch) ? ch - '0' : ch - 'A' + 10;
    org_sum += v * kOrgWeights[i];
  }
  const int org_check = 11 - org_sum % 11;
  const char org_want = org_check == 10   ? 'X'
                        : org_check == 11 ? '0'
                                          : static_cast<char>('0' + org_check);
  if (c[16] != org_want) {
    return fail(IdError::kOrgCode,
                std::string("组织机构代码校验码应为 ") + org_want + "，实为 " + c[16]);
  }
  // Final check character: weights 3^i mod 31, C18 = 31 - (sum mod 31), 31 -> 0.
  int sum = 0, w = 1;
  for (size_t i = 0; i < 17; ++i) {
    sum += UsccValue(c[i]) * w;
    w = w * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  if (UsccValue(c[17]) != check) {
    return fail(IdError::kCheckDigit,
                std::string("校验码应为 ") + kUsccChars[check] + "，实为 " + c[17]);
  }
  return r;
}

}  // namespace anpei::domain
