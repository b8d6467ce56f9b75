#include "domain/certificate.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace anpei::domain {
namespace {

// The keys in canonical (alphabetical) order, with the member each names.
using Member = std::string CertificateFields::*;
struct Key {
  std::string_view name;
  Member member;
};
constexpr std::array<Key, 10> kKeys = {{
    {"class_end", &CertificateFields::class_end},
    {"class_start", &CertificateFields::class_start},
    {"holder", &CertificateFields::holder},
    {"institution", &CertificateFields::institution},
    {"issued", &CertificateFields::issued},
    {"level", &CertificateFields::level},
    {"number", &CertificateFields::number},
    {"occupation", &CertificateFields::occupation},
    {"occupation_name", &CertificateFields::occupation_name},
    {"policy", &CertificateFields::policy},
}};

void AppendString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}

// Reads a JSON string at `pos` (which must be at its opening quote) with the escapes
// AppendString writes; nullopt for anything else.
std::optional<std::string> ReadString(std::string_view in, size_t& pos) {
  if (pos >= in.size() || in[pos] != '"') return std::nullopt;
  std::string out;
  for (++pos; pos < in.size(); ++pos) {
    const char ch = in[pos];
    if (ch == '"') {
      ++pos;
      return out;
    }
    if (static_cast<unsigned char>(ch) < 0x20) return std::nullopt;
    if (ch != '\\') {
      out += ch;
      continue;
    }
    if (++pos >= in.size()) return std::nullopt;
    if (in[pos] == '"' || in[pos] == '\\') {
      out += in[pos];
    } else if (in[pos] == 'u' && pos + 4 < in.size() && in.substr(pos + 1, 2) == "00") {
      const std::string hex(in.substr(pos + 3, 2));
      if (hex.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
      out += static_cast<char>(std::stoi(hex, nullptr, 16));
      pos += 4;
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kB64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string CanonicalFields(const CertificateFields& f) {
  std::string out = "{";
  for (const Key& k : kKeys) {
    AppendString(out, k.name);
    out += ':';
    AppendString(out, f.*(k.member));
    out += ',';
  }
  out += "\"v\":1}";
  return out;
}

std::optional<CertificateFields> ParseCanonicalFields(std::string_view bytes) {
  CertificateFields f;
  size_t pos = 0;
  if (bytes.empty() || bytes[0] != '{') return std::nullopt;
  ++pos;
  for (const Key& k : kKeys) {
    auto name = ReadString(bytes, pos);
    if (!name || *name != k.name || pos >= bytes.size() || bytes[pos] != ':') return std::nullopt;
    ++pos;
    auto value = ReadString(bytes, pos);
    if (!value || pos >= bytes.size() || bytes[pos] != ',') return std::nullopt;
    ++pos;
    f.*(k.member) = std::move(*value);
  }
  if (bytes.substr(pos) != "\"v\":1}") return std::nullopt;
  // Exactly canonical: the same fields encode to the same bytes (no other escapes, no spaces).
  if (CanonicalFields(f) != bytes) return std::nullopt;
  return f;
}

std::vector<LabelledField> LabelledFields(const CertificateFields& f) {
  return {
      {"number", "证书编号", f.number},
      {"holder", "姓名", f.holder},
      {"occupation_name", "职业（工种）", f.occupation_name},
      {"level", "等级", f.level},
      {"institution", "培训机构", f.institution},
      {"class_start", "培训开始日期", f.class_start},
      {"class_end", "培训结束日期", f.class_end},
      {"issued", "发证日期", f.issued},
      {"policy", "政策依据", f.policy},
  };
}

std::string CertificateNumber(std::string_view prefix, int year, int64_t sequence) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "-%04d-%06lld", year, static_cast<long long>(sequence));
  return std::string(prefix) + buf;
}

bool IsValidNumberPrefix(std::string_view prefix) {
  if (prefix.size() < 2 || prefix.size() > 8) return false;
  return std::all_of(prefix.begin(), prefix.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

std::string CertificateCode(std::string_view random) {
  // 80 bits: 16 groups of 5 bits, most significant first.
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < 10 && i < random.size(); ++i) {
    acc = (acc << 8) | static_cast<unsigned char>(random[i]);
    bits += 8;
    while (bits >= 5) {
      out += kCrockford[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

std::optional<std::string> NormalizeCertificateCode(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '-' || ch == ' ') continue;
    char c = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCrockford.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > 16) return std::nullopt;
  }
  if (out.size() != 16) return std::nullopt;
  return out;
}

std::string StatusListBits(int64_t highest_index, const std::vector<int64_t>& revoked) {
  int64_t bits = kMinStatusListBits;
  while (bits <= highest_index) bits += kMinStatusListBits;
  std::string out(static_cast<size_t>(bits / 8), '\0');
  for (int64_t i : revoked) {
    if (i < 0 || i >= bits) continue;
    out[static_cast<size_t>(i / 8)] |= static_cast<char>(0x80 >> (i % 8));
  }
  return out;
}

bool StatusListBit(std::string_view bits, int64_t index) {
  if (index < 0 || static_cast<size_t>(index / 8) >= bits.size()) return false;
  return (static_cast<unsigned char>(bits[static_cast<size_t>(index / 8)]) &
          (0x80 >> (index % 8))) != 0;
}

std::string StatusListSigningInput(std::string_view issued_at, std::string_view encoded_list) {
  std::string out = "anpei-status-list/v1\n";
  out += issued_at;
  out += '\n';
  out += encoded_list;
  return out;
}

std::string Base64Url(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kB64Url[(n >> 18) & 63];
    out += kB64Url[(n >> 12) & 63];
    out += kB64Url[(n >> 6) & 63];
    out += kB64Url[n & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64Url[(n >> 18) & 63];
    out += kB64Url[(n >> 12) & 63];
  } else if (i + 2 == in.size()) {
    const uint32_t n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64Url[(n >> 18) & 63];
    out += kB64Url[(n >> 12) & 63];
    out += kB64Url[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    const size_t v = kB64Url.find(ch);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      out += static_cast<char>((acc >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // The leftover bits of the last character must be zero (one encoding per byte string).
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string KeyIdFromSha256Hex(std::string_view sha256_hex) {
  return std::string(sha256_hex.substr(0, 16));
}

}  // namespace anpei::domain
