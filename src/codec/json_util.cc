#include "codec/json_util.h"

#include "domain/text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

#include <boost/json.hpp>

namespace anpei::codec {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDepth = 64;

// 1-based line and column of byte `offset`; a column counts UTF-8 characters, not bytes.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

std::string Quote(std::string_view s) {
  constexpr size_t kMaxShown = 40;
  if (s.size() > kMaxShown) return "\"" + std::string(s.substr(0, kMaxShown)) + "…\"";
  return "\"" + std::string(s) + "\"";
}

// Chinese wording for the parser errors a user can cause; anything rarer keeps Boost's text.
std::string Describe(const boost::system::error_code& ec) {
  if (ec == json::error::incomplete) return "JSON 不完整（内容意外结束）";
  if (ec == json::error::extra_data) return "JSON 值之后还有多余内容";
  if (ec == json::error::too_deep) return "嵌套层数超过 " + std::to_string(kMaxDepth);
  if (ec == json::error::syntax)
    return "语法错误（缺少或多余的逗号、引号、括号，或不是合法的 UTF-8）";
  if (ec == json::error::expected_hex_digit) return "\\u 转义后应为 4 位十六进制数字";
  if (ec == json::error::illegal_leading_surrogate ||
      ec == json::error::illegal_trailing_surrogate) {
    return "\\u 转义的代理对无效";
  }
  if (ec == json::error::exponent_overflow) return "数字的指数过大";
  return ec.message();
}

}  // namespace

Result<json::value> ParseJson(std::string_view text) {
  // A byte order mark (Windows Notepad writes one) is not part of the document (RFC 8259 §8.1).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  json::parse_options opts;
  opts.max_depth = kMaxDepth;
  json::stream_parser p({}, opts);
  boost::system::error_code ec;
  const size_t used = p.write_some(text.data(), text.size(), ec);
  size_t at = used;
  if (!ec) {
    if (used < text.size()) {
      ec = json::make_error_code(json::error::extra_data);
    } else {
      p.finish(ec);
      at = text.size();
    }
  }
  if (ec) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return Status::Invalid("", "输入为空：应为一个 JSON 对象");
    }
    auto [line, col] = LineColumn(text, at);
    return Status::Invalid("", "JSON 语法错误，第 " + std::to_string(line) + " 行第 " +
                                   std::to_string(col) + " 列：" + Describe(ec));
  }
  return p.release();
}

std::string TypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "布尔值（boolean）";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "数字（number）";
    case json::kind::string:
      return "字符串（string）";
    case json::kind::array:
      return "数组（array）";
    case json::kind::object:
      return "对象（object）";
  }
  return "未知类型";
}

std::string JoinPath(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

Result<const json::object*> AsObject(const json::value& v, const std::string& path) {
  if (!v.is_object()) return Status::Invalid(path, "应为对象（object），收到 " + TypeName(v));
  return &v.get_object();
}

Result<const json::object*> ParseBodyObject(std::string_view body, json::value& doc) {
  ANPEI_ASSIGN_OR_RETURN(doc, ParseJson(body));
  return AsObject(doc, "");
}

Result<const json::array*> AsArray(const json::value& v, const std::string& path) {
  if (!v.is_array()) return Status::Invalid(path, "应为数组（array），收到 " + TypeName(v));
  return &v.get_array();
}

Result<std::optional<std::string>> OptionalString(const json::object& o, std::string_view parent,
                                                  std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    return Status::Invalid(JoinPath(parent, key), "应为字符串（string），收到 " + TypeName(*v));
  }
  return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::string> RequiredString(const json::object& o, std::string_view parent,
                                   std::string_view key) {
  ANPEI_ASSIGN_OR_RETURN(auto v, OptionalString(o, parent, key));
  if (!v) return Status::Invalid(JoinPath(parent, key), "缺少必填字段 " + std::string(key));
  return std::move(*v);
}

Result<int64_t> RequiredInt(const json::object& o, std::string_view parent, std::string_view key) {
  const std::string path = JoinPath(parent, key);
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return Status::Invalid(path, "缺少必填字段 " + std::string(key));
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) {
    return Status::Invalid(path, "数值过大：" + std::to_string(v->get_uint64()));
  }
  if (v->is_double()) {
    const double d = v->get_double();
    constexpr double kLimit = 1e15;  // beyond this a double no longer holds every integer
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < kLimit) {
      return static_cast<int64_t>(d);
    }
    return Status::Invalid(path, "应为整数，收到 " + json::serialize(*v));
  }
  return Status::Invalid(path, "应为整数（number），收到 " + TypeName(*v));
}

Result<int> RequiredEnum(const json::object& o, std::string_view parent, std::string_view key,
                         std::initializer_list<std::string_view> allowed, std::string_view hint) {
  ANPEI_ASSIGN_OR_RETURN(auto v, RequiredString(o, parent, key));
  int i = 0;
  for (std::string_view a : allowed) {
    if (v == a) return i;
    ++i;
  }
  return Status::Invalid(JoinPath(parent, key),
                         "未知取值 " + Quote(v) + "，应为 " + std::string(hint));
}

std::string ValidUtf8(std::string_view s) { return domain::ValidUtf8(s); }

std::string EscapeForLog(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace anpei::codec
