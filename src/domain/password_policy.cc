#include "domain/password_policy.h"

#include <algorithm>

#include "domain/text.h"

namespace anpei::domain {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

int ClassesOf(std::string_view password) {
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      other = true;  // punctuation, spaces, and any character outside ASCII
    }
  }
  return int(lower) + int(upper) + int(digit) + int(other);
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           const CommonPasswords& common, const std::string& field) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::Invalid(field, "密码过长（最多 " + std::to_string(kMaxPasswordBytes) + " 字节）")
        .WithReason("password.too_long");
  }
  if (Utf8Length(password) < kMinPasswordChars) {
    return Status::Invalid(field, "密码至少 " + std::to_string(kMinPasswordChars) + " 个字符")
        .WithReason("password.too_short");
  }
  if (ClassesOf(password) < kMinPasswordClasses) {
    return Status::Invalid(field, "密码须包含小写字母、大写字母、数字、其他符号中的至少 " +
                                      std::to_string(kMinPasswordClasses) + " 类")
        .WithReason("password.too_few_classes");
  }
  const std::string lower = AsciiLower(password);
  std::string reversed = lower;
  std::reverse(reversed.begin(), reversed.end());
  const std::string name = AsciiLower(username);
  if (!name.empty() && (lower == name || reversed == name)) {
    return Status::Invalid(field, "密码不能与用户名相同（不区分大小写，倒写也不行）")
        .WithReason("password.is_username");
  }
  if (common.count(lower) > 0) {
    return Status::Invalid(field, "密码在常见弱密码名单中，请换一个不易猜到的密码")
        .WithReason("password.common");
  }
  return Status::Ok();
}

}  // namespace anpei::domain
