// Status and Result<T>: errors are values. Expected outcomes (bad input, not found, forbidden,
// conflict) travel as a Status with a Code; exceptions are reserved for bugs. Each Code maps 1:1
// to an HTTP status and to the JSON error body {"error":{"code","reason","message","field"}}.
// Both types are [[nodiscard]]: a dropped error does not compile (-Werror=unused-result).
// `reason` is a stable dotted key ("class.not_found", "version.stale") beside the Chinese
// message, so a client can show the error in its user's language; it defaults to the code's name.
// Thread safety: plain values, safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace anpei {

enum class Code {
  kOk,
  kInvalidArgument,     // the caller's input is unusable; `field` names the culprit (HTTP 400)
  kNotFound,            // 404
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kConflict,            // 409: state or version conflict
  kFailedPrecondition,  // 422: well-formed but not allowed in the current state / by policy
  kResourceExhausted,   // 429: too many attempts (sign-in throttling)
  kMethodNotAllowed,    // 405: the path exists, the method does not (Allow lists the methods)
  kPayloadTooLarge,     // 413: the request body is over the server's limit
  kHeadersTooLarge,     // 431: the request's header fields are over the server's limit
  kUnavailable,         // 503: a backing service (the store) does not answer
  kInternal,            // 500: a bug or corrupted data, never bad input
};

// The stable snake_case name of a code, as used in JSON error bodies ("invalid_argument").
std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string field, std::string message) {
    return {Code::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message, std::string field = {}) {
    return {Code::kNotFound, std::move(message), std::move(field)};
  }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field at fault, as a path like "sessions[2].end"; empty when no single field is.
  const std::string& field() const { return field_; }

  // The stable reason key: the one given with WithReason; else, for bad input naming a field,
  // "invalid." and the field without indexes ("invalid.sessions.end"); else the code's name.
  std::string reason() const;
  // The same error with a stable reason key (lower-case, dotted: "<subject>.<fault>").
  Status WithReason(std::string reason) && {
    reason_ = std::move(reason);
    return std::move(*this);
  }
  Status WithReason(std::string reason) const& {
    Status copy = *this;
    copy.reason_ = std::move(reason);
    return copy;
  }
  // Explicitly ignores the status (for a best-effort step whose failure changes nothing).
  void IgnoreError() const {}

  // "field: message" when a field is set, else the message.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
  std::string reason_;
};

// Result<T> holds either a value or a non-OK Status (an `expected`-style type; std::expected is
// C++23 and Debian 12's g++ 12 builds C++20).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "a Result holding a Status must hold an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The error; OK when the result holds a value.
  Status status() const& { return ok() ? Status::Ok() : std::get<Status>(v_); }
  Status status() && { return ok() ? Status::Ok() : std::get<Status>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

inline Status StatusOf(Status s) { return s; }
template <typename T>
Status StatusOf(Result<T>&& r) {
  return std::move(r).status();
}
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

}  // namespace anpei

// Early return of a non-OK Status from an expression yielding Status (or a Result, whose value
// is then dropped).
#define ANPEI_RETURN_IF_ERROR(...)                                    \
  do {                                                                \
    ::anpei::Status anpei_status_ = ::anpei::StatusOf((__VA_ARGS__)); \
    if (!anpei_status_.ok()) return anpei_status_;                    \
  } while (false)

// `ANPEI_ASSIGN_OR_RETURN(auto x, F());` evaluates F() (a Result<T>); on error returns its Status
// from the enclosing function, else declares/assigns `x` from the value (moved out).
#define ANPEI_ASSIGN_OR_RETURN(lhs, ...) \
  ANPEI_ASSIGN_OR_RETURN_IMPL_(ANPEI_CONCAT_(anpei_result_, __COUNTER__), lhs, __VA_ARGS__)

#define ANPEI_CONCAT_INNER_(a, b) a##b
#define ANPEI_CONCAT_(a, b) ANPEI_CONCAT_INNER_(a, b)
#define ANPEI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, ...) \
  auto tmp = (__VA_ARGS__);                         \
  if (!tmp.ok()) return std::move(tmp).status();    \
  lhs = std::move(tmp).value()
