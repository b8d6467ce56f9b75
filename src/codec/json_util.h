// Small helpers for reading request JSON with Boost.JSON: every failure is an InvalidArgument whose
// field is the JSON path ("sessions[2].hours") and whose message says, in Chinese, what was
// expected and what came. Values are borrowed from the parsed document (no copies).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "base/status.h"

namespace anpei::codec {

// Parses a whole JSON document; syntax errors name the line and column (1-based, columns count
// characters). Rejects invalid UTF-8, and nesting deeper than 64.
Result<boost::json::value> ParseJson(std::string_view text);

// "对象", "字符串", ... with the JSON type in parentheses.
std::string TypeName(const boost::json::value& v);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so that no response carries
// malformed text (an echoed path or field, say).
std::string ValidUtf8(std::string_view text);
// For a quoted field of a log line: valid UTF-8 (as above), and quotes, backslashes and control
// characters (newlines included) escaped as \", \\, \n, \u00XX, so no input forges a line.
std::string EscapeForLog(std::string_view text);

std::string JoinPath(std::string_view parent, std::string_view key);

Result<const boost::json::object*> AsObject(const boost::json::value& v, const std::string& path);
// A request body that must be one JSON object: ParseJson, then AsObject. `doc` keeps the parsed
// document the returned pointer points into.
Result<const boost::json::object*> ParseBodyObject(std::string_view body, boost::json::value& doc);
Result<const boost::json::array*> AsArray(const boost::json::value& v, const std::string& path);

Result<std::string> RequiredString(const boost::json::object& o, std::string_view parent,
                                   std::string_view key);
Result<std::optional<std::string>> OptionalString(const boost::json::object& o,
                                                  std::string_view parent, std::string_view key);
// A whole number (a JSON integer, or a float with no fractional part).
Result<int64_t> RequiredInt(const boost::json::object& o, std::string_view parent,
                            std::string_view key);
// The index of the string value in `allowed`; `hint` lists the choices for the message.
Result<int> RequiredEnum(const boost::json::object& o, std::string_view parent,
                         std::string_view key, std::initializer_list<std::string_view> allowed,
                         std::string_view hint);

}  // namespace anpei::codec
