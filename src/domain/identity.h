// Identity numbers: the 18-digit resident ID (GB 11643-1999, check digit ISO 7064 MOD 11-2), the
// residence permits of Hong Kong, Macau and Taiwan residents (same layout, address code 810000 /
// 820000 / 830000), and the unified social credit code of organisations (GB 32100-2015).
// Pure functions: "today" is passed in, never read from a clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace anpei::domain {

enum class PersonIdKind { kResident, kPermitHongKong, kPermitMacau, kPermitTaiwan };

// Why a number is not valid; the names are part of the CLI contract.
enum class IdError { kNone, kLength, kCharacters, kRegion, kBirthDate, kCheckDigit, kOrgCode };
std::string_view IdErrorName(IdError e);  // "length", "characters", "region", ...

struct PersonIdCheck {
  IdError error = IdError::kNone;
  std::string detail;  // a Chinese explanation of the error, empty when valid
  PersonIdKind kind = PersonIdKind::kResident;
  Date birth_date;
  bool male = false;  // 17th digit odd
  bool ok() const { return error == IdError::kNone; }
};

// The ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') of the first 17 digits.
char Mod112CheckChar(std::string_view first17);

// Checks a resident ID or a HK/Macau/Taiwan residence permit number. `today` bounds the birth date.
PersonIdCheck CheckPersonId(std::string_view number, Date today);
// Same, but only the 18-digit resident ID (permits are rejected with kRegion).
PersonIdCheck CheckResidentId(std::string_view number, Date today);

// Upper-case canonical form (a trailing 'x' becomes 'X').
std::string CanonicalPersonId(std::string_view number);

// Age in whole years on `on` for someone born on `birth`.
int AgeOn(Date birth, Date on);

struct OrgCodeCheck {
  IdError error = IdError::kNone;
  std::string detail;
  bool ok() const { return error == IdError::kNone; }
};

// Checks a unified social credit code (统一社会信用代码): 18 characters from the GB 32100 set,
// registration authority, 6-digit address code, embedded GB 11714 organisation code with its own
// check character, and the final MOD 31 check character.
OrgCodeCheck CheckUscc(std::string_view code);
// Upper-case canonical form of a credit code (the code's letters are upper-case by GB 32100; a
// code typed in lower case means the same code). Applied by the API and the CLI alike.
std::string CanonicalUscc(std::string_view code);

std::string_view PersonIdKindName(PersonIdKind k);  // "resident", "permit_hk", ...

}  // namespace anpei::domain
