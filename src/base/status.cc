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

std::string Status::ToString() const {
  if (field_.empty()) return message_;
  return field_ + ": " + message_;
}

}  // namespace anpei
