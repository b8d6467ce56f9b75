#include "base/status.h"

namespace anpei {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kNotFound:
      return "not_found";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kConflict:
      return "conflict";
    case Code::kFailedPrecondition:
      return "failed_precondition";
    case Code::kResourceExhausted:
      return "resource_exhausted";
    case Code::kMethodNotAllowed:
      return "method_not_allowed";
    case Code::kPayloadTooLarge:
      return "payload_too_large";
    case Code::kHeadersTooLarge:
      return "headers_too_large";
    case Code::kUnavailable:
      return "unavailable";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::reason() const {
  if (!reason_.empty()) return reason_;
  if (code_ == Code::kInvalidArgument && !field_.empty()) {
    std::string out = "invalid.";
    bool in_index = false;
    for (char c : field_) {
      if (c == '[') in_index = true;
      if (!in_index) out += c;
      if (c == ']') in_index = false;
    }
    return out;
  }
  return std::string(CodeName(code_));
}

std::string Status::ToString() const {
  if (field_.empty()) return message_;
  return field_ + ": " + message_;
}

}  // namespace anpei
