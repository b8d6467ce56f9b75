// Rules of a roster spreadsheet (花名册) as offices make it: which row is the header (title rows
// above it are common), which column is which (the usual names, `*` marks of required columns,
// "（必填）"), which cell text shows that a spreadsheet turned an identifier into a number, and
// the age rule of the occupation when a trainee joins a roster. Pure; cell texts arrive
// normalised (ports/text_normalizer.h).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/policy.h"

namespace anpei::domain {

enum class RosterField { kName = 0, kIdNumber = 1, kPhone = 2, kGroup = 3 };
inline constexpr size_t kRosterFieldCount = 4;

// The rule id of the occupation's minimum age (policy key occupations.min_age), cited when a
// trainee too young for the occupation joins a roster.
inline constexpr std::string_view kRuleRosterMinAge = "ROSTER_MIN_AGE";

// The header is looked for among this many non-empty rows at the top of a sheet.
inline constexpr int kRosterHeaderSearchRows = 10;

// API spelling and Chinese name of each field ("id_number", "身份证号").
std::string_view RosterFieldId(RosterField f);
std::string_view RosterFieldName(RosterField f);

// The field a header cell names, if any: "姓名", "*身份证号码", "手机号（必填）", "联系电话", ...
std::optional<RosterField> RosterFieldOfHeader(std::string_view header);

struct RosterColumns {
  std::array<int, kRosterFieldCount> index{-1, -1, -1, -1};  // column of each field, -1 if absent
  int Of(RosterField f) const { return index[static_cast<size_t>(f)]; }
  // Name, ID number and phone are required; the group may be absent.
  bool Complete() const;
  // The Chinese names of the required columns not found ("姓名、手机号").
  std::string Missing() const;
  int Found() const;
};

// Maps a candidate header row (cell texts by column).
RosterColumns MatchRosterHeader(const std::vector<std::string>& cells);

// Text a spreadsheet made of a long number: "3.50503199001019E+17", "3.50503E+17" (a CSV saved
// from a number cell). An identifier written so has lost its last digits.
bool LooksLikeScientificNumber(std::string_view text);

// The occupation's age rule (policy occupations.min_age): the trainee is at least min_age years
// old on the class's start date. The message when not, nullopt when the rule holds.
std::optional<std::string> MinAgeViolation(const Occupation& occupation, Date birth, Date start);

}  // namespace anpei::domain
