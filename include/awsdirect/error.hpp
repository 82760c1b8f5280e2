#pragma once
// One error type for every failure, offered two ways: as an exception (typed by kind) and as an
// Outcome<T> that holds a value or an Error without throwing.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "detail/build_mode.hpp"
#include "http.hpp"

namespace awsdirect {

enum class ErrorKind {
  Validation,     // the request broke a rule known before any network call
  Transport,      // the request did not get an HTTP response (DNS, connect, TLS, timeout)
  Service,        // AWS answered with an error (code, message, status, request id)
  Parse,          // AWS answered, but not in a shape we could read
  Credentials,    // no usable credentials
  Configuration,  // bad or missing configuration (region, endpoint, profile)
  Fixture,        // a replayed request matched no recorded exchange
  Waiter,         // a waiter saw a failure state, or ran out of time
  Integrity,      // bytes that are not what was asked for: a short or overlong body, a range not asked for
};

AWSDIRECT_DECL const char* kindName(ErrorKind kind);

// What went wrong below HTTP, so callers can tell a typo in a host name from a slow network.
enum class TransportFailure { None, Dns, Connect, Tls, Timeout, Send, Receive, TooManyRedirects, Other };

AWSDIRECT_DECL const char* failureName(TransportFailure failure);

// One broken rule of one field: {"ClusterIdentifier", "must start with a letter"}.
struct FieldProblem {
  std::string field;
  std::string rule;
};

struct Error {
  ErrorKind kind = ErrorKind::Service;
  std::string code;        // AWS error code ("ClusterNotFound"), or a short code of ours
  std::string message;     // never contains a secret
  int httpStatus = 0;      // 0 when no HTTP response arrived
  std::string requestId;
  std::string service;     // "redshift"
  std::string operation;   // "CreateCluster"
  TransportFailure transport = TransportFailure::None;
  std::vector<FieldProblem> problems;  // validation: every broken rule, not only the first
  // The failed response's headers (S3's x-amz-bucket-region), and the other children of its
  // <Error> element (S3's <Region>, <Endpoint>), for callers that need more than code and message.
  // Elements that echo a signature or what was signed are left out.
  HttpHeaders responseHeaders;
  std::vector<std::pair<std::string, std::string>> details;

  // One line, for logs and for the examples' error output.
  AWSDIRECT_DECL std::string describe() const;
  // The value of detail `name` ("Region"), or "".
  AWSDIRECT_DECL std::string detail(const std::string& name) const;
};

// The exceptions, one class per kind so that `catch (const awsdirect::AwsError&)` catches only
// what AWS said and never a typo caught before sending.
class Exception : public std::runtime_error {
 public:
  explicit Exception(Error error) : std::runtime_error(error.describe()), error_(std::move(error)) {}
  const Error& error() const noexcept { return error_; }
  ErrorKind kind() const noexcept { return error_.kind; }

 private:
  Error error_;
};

class ValidationError : public Exception { using Exception::Exception; };
class TransportError : public Exception { using Exception::Exception; };
class AwsError : public Exception {
 public:
  using Exception::Exception;
  const std::string& code() const noexcept { return error().code; }
  int httpStatus() const noexcept { return error().httpStatus; }
  const std::string& requestId() const noexcept { return error().requestId; }
};
class ParseError : public Exception { using Exception::Exception; };
class CredentialsError : public Exception { using Exception::Exception; };
class ConfigError : public Exception { using Exception::Exception; };
class FixtureMismatchError : public Exception { using Exception::Exception; };
class WaiterError : public Exception { using Exception::Exception; };
class IntegrityError : public Exception { using Exception::Exception; };

// Throws the exception of the error's kind.
[[noreturn]] AWSDIRECT_DECL void throwError(Error error);

AWSDIRECT_DECL Error makeError(ErrorKind kind, std::string code, std::string message);

namespace detail {
inline Error configError(std::string code, std::string message) {
  return makeError(ErrorKind::Configuration, std::move(code), std::move(message));
}
inline Error credentialsError(std::string code, std::string message) {
  return makeError(ErrorKind::Credentials, std::move(code), std::move(message));
}
}  // namespace detail

// A value or an Error. `value()` throws the error's typed exception; `error()` reads it.
// [[nodiscard]]: a dropped Outcome is a dropped failure, and the compiler says so.
template <class T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Outcome(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { throwIfError(); return std::get<0>(state_); }
  const T& value() const& { throwIfError(); return std::get<0>(state_); }
  // By value, so `for (auto& x : client.listAll(...).value())` does not iterate a dead temporary.
  T value() && { throwIfError(); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The value, or `fallback` when this holds an error.
  template <class U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return ok() ? std::get<0>(std::move(state_)) : static_cast<T>(std::forward<U>(fallback));
  }

  const Error& error() const {
    if (ok()) throw std::logic_error("awsdirect::Outcome::error() called on a success");
    return std::get<1>(state_);
  }

 private:
  void throwIfError() const {
    if (!ok()) throwError(std::get<1>(state_));
  }
  std::variant<T, Error> state_;
};

// The result of an operation that returns nothing of interest (DeleteBucket).
struct Empty {};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/error.ipp"
#endif
