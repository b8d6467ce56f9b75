// Status and Result<T>: errors are values. Expected outcomes (bad input, not found, forbidden,
// conflict) travel as a Status with a Code; exceptions are reserved for bugs. Each Code maps 1:1
// to an HTTP status and to the JSON error body {"error":{"code","message","field"}}.
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
  kUnavailable,         // 503: a backing service does not answer
  kInternal,            // 500: a bug or corrupted data, never bad input
};

// The stable snake_case name of a code, as used in JSON error bodies ("invalid_argument").
std::string_view CodeName(Code code);

class Status {
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

  // "field: message" when a field is set, else the message.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// Result<T> holds either a value or a non-OK Status (an `expected`-style type; std::expected is
// C++23 and Debian 12's g++ 12 builds C++20).
template <typename T>
class Result {
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
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace anpei

// Early return of a non-OK Status from an expression yielding Status.
#define ANPEI_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::anpei::Status anpei_status_ = (expr);        \
    if (!anpei_status_.ok()) return anpei_status_; \
  } while (false)
