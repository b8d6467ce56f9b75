#include "domain/text.h"

#include <cstdint>
#include <cstdio>

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

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len > 1) {
      // Overlong forms, surrogates and code points above U+10FFFF are invalid too.
      uint32_t cp = c & (0xFF >> (len + 1));
      for (size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= min[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string PrintableText(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size());
  size_t i = 0;
  while (i < valid.size()) {
    const auto c = static_cast<unsigned char>(valid[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(valid[i + k]) & 0x3F);
    const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                         cp == 0x2028 || cp == 0x2029;
    if (control) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(valid, i, len);
    }
    i += len;
  }
  return out;
}

std::string_view Trimmed(std::string_view s) {
  constexpr auto kSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && kSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && kSpace(s.back())) s.remove_suffix(1);
  return s;
}

Status CheckRequiredText(std::string_view text, const std::string& field, std::string_view label,
                         size_t max_chars) {
  if (Trimmed(text).empty()) return Status::Invalid(field, "请填写" + std::string(label));
  if (Utf8Length(text) > max_chars) {
    return Status::Invalid(
        field, std::string(label) + "过长：最多 " + std::to_string(max_chars) + " 个字");
  }
  return Status::Ok();
}

}  // namespace anpei::domain
