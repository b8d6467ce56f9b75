#include "domain/text.h"

namespace anpei::domain {

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<std::string> CanonicalMobilePhone(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  for (std::string_view cc : {"0086", "86"}) {
    if (digits.size() == 11 + cc.size() && std::string_view(digits).substr(0, cc.size()) == cc) {
      return digits.substr(cc.size());
    }
  }
  if (plus) return std::nullopt;  // another country's number
  return digits;
}

}  // namespace anpei::domain
