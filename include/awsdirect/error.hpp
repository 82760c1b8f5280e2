#pragma once
// One error type for every failure, offered two ways: as an exception (typed by kind) and as an
// Outcome<T> that holds a value or an Error without throwing.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

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
};

inline const char* kindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Validation: return "validation";
    case ErrorKind::Transport: return "transport";
    case ErrorKind::Service: return "service";
    case ErrorKind::Parse: return "parse";
    case ErrorKind::Credentials: return "credentials";
    case ErrorKind::Configuration: return "configuration";
    case ErrorKind::Fixture: return "fixture";
    case ErrorKind::Waiter: return "waiter";
  }
  return "unknown";
}

// What went wrong below HTTP, so callers can tell a typo in a host name from a slow network.
enum class TransportFailure { None, Dns, Connect, Tls, Timeout, Send, Receive, TooManyRedirects, Other };

inline const char* failureName(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::None: return "none";
    case TransportFailure::Dns: return "dns";
    case TransportFailure::Connect: return "connect";
    case TransportFailure::Tls: return "tls";
    case TransportFailure::Timeout: return "timeout";
    case TransportFailure::Send: return "send";
    case TransportFailure::Receive: return "receive";
    case TransportFailure::TooManyRedirects: return "redirects";
    case TransportFailure::Other: return "other";
  }
  return "unknown";
}

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

  // One line, for logs and for the examples' error output.
  std::string describe() const {
    std::string out;
    if (!service.empty() || !operation.empty()) out += service + (operation.empty() ? "" : "." + operation) + ": ";
    if (kind == ErrorKind::Validation && !problems.empty()) {
      out += "invalid request: ";
      for (std::size_t i = 0; i < problems.size(); ++i) {
        if (i) out += "; ";
        out += problems[i].field + " " + problems[i].rule;
      }
      return out;
    }
    if (!code.empty()) out += code + ": ";
    out += message;
    if (kind == ErrorKind::Transport && transport != TransportFailure::None)
      out += std::string(" [") + failureName(transport) + "]";
    if (httpStatus) out += " (HTTP " + std::to_string(httpStatus);
    if (httpStatus && !requestId.empty()) out += ", request id " + requestId;
    if (httpStatus) out += ")";
    return out;
  }
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

[[noreturn]] inline void throwError(Error error) {
  switch (error.kind) {
    case ErrorKind::Validation: throw ValidationError(std::move(error));
    case ErrorKind::Transport: throw TransportError(std::move(error));
    case ErrorKind::Service: throw AwsError(std::move(error));
    case ErrorKind::Parse: throw ParseError(std::move(error));
    case ErrorKind::Credentials: throw CredentialsError(std::move(error));
    case ErrorKind::Configuration: throw ConfigError(std::move(error));
    case ErrorKind::Fixture: throw FixtureMismatchError(std::move(error));
    case ErrorKind::Waiter: throw WaiterError(std::move(error));
  }
  throw Exception(std::move(error));
}

inline Error makeError(ErrorKind kind, std::string code, std::string message) {
  Error e;
  e.kind = kind;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

// A value or an Error. `value()` throws the error's typed exception; `error()` reads it.
template <class T>
class Outcome {
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
