// The password rules of 等保 2.0 level 3 practice (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求):
// at least kMinPasswordChars characters of at least three character classes, not the user name
// (ignoring case, nor reversed), not on the list of common passwords shipped with the project
// (data/passwords/common.txt). Pure: the list is handed in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/status.h"

namespace anpei::domain {

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 256;
inline constexpr int kMinPasswordClasses = 3;  // of lower case, upper case, digits, other

// Common passwords, lower-cased (ASCII), one entry per password.
using CommonPasswords = std::unordered_set<std::string>;

// OK, or InvalidArgument on `field` with a Chinese reason naming the rule and a reason key:
// password.too_short, password.too_long, password.too_few_classes, password.is_username,
// password.common.
Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           const CommonPasswords& common, const std::string& field = "password");

// ASCII lower case (user names and the common list are compared this way).
std::string AsciiLower(std::string_view text);

}  // namespace anpei::domain
