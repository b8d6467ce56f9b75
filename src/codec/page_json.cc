#include "codec/page_json.h"

#include "codec/page_envelope.h"

#include <charconv>
#include <tuple>

namespace anpei::codec {
namespace json = boost::json;

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kCursorPrefix = "k1:";  // format version, should it ever change

// base64url without padding (RFC 4648 §5): cursors travel in query strings.
std::string Base64Url(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace

std::string EncodeCursor(int64_t key) {
  return Base64Url(std::string(kCursorPrefix) + std::to_string(key));
}

Result<int64_t> DecodeCursor(std::string_view cursor) {
  const Status bad =
      Status::Invalid("cursor", "cursor 无效：应原样使用上一页返回的 next_cursor，收到「" +
                                    std::string(cursor.substr(0, 64)) + "」");
  if (cursor.size() > 64) return bad;
  auto text = FromBase64Url(cursor);
  if (!text || !text->starts_with(kCursorPrefix)) return bad;
  const std::string_view digits = std::string_view(*text).substr(kCursorPrefix.size());
  int64_t key = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), key);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || key < 0) {
    return bad;
  }
  return key;
}

Result<ports::Page> ParsePage(const std::map<std::string, std::string>& query) {
  ports::Page page;
  for (auto [name, target, max] : {std::tuple{"page", &page.page, int64_t{1000000}},
                                   {"page_size", &page.page_size, int64_t{100}}}) {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) continue;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1 || v > max) {
      return Status::Invalid(name, std::string(name) + " 应为 1 到 " + std::to_string(max) +
                                       " 之间的整数，收到「" + it->second + "」");
    }
    *target = v;
  }
  if (auto it = query.find("cursor"); it != query.end() && !it->second.empty()) {
    ANPEI_ASSIGN_OR_RETURN(auto key, DecodeCursor(it->second));
    page.after = key;
  }
  return page;
}

json::object PageEnvelope(json::array items, int64_t total, bool total_exact,
                          const ports::Page& page, std::optional<int64_t> next) {
  json::object out{{"items", std::move(items)},   {"total", total},
                   {"total_exact", total_exact},  {"page", nullptr},
                   {"page_size", page.page_size}, {"next_cursor", nullptr}};
  if (!page.after) out["page"] = page.page;
  if (next) out["next_cursor"] = EncodeCursor(*next);
  return out;
}

}  // namespace anpei::codec
