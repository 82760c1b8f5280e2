#pragma once
// A string that must never reach a log, an exception message or a fixture: a secret access key,
// a session token, a password. It has no operator<< and no implicit conversion; read it only
// through reveal(), at the one place that needs the value (signing, serializing the request).
#include <string>
#include <utility>

namespace awsdirect {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  const std::string& reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  // What may be printed in its place.
  static const char* redacted() noexcept { return "****"; }

  friend bool operator==(const Secret& a, const Secret& b) { return a.value_ == b.value_; }
  friend bool operator!=(const Secret& a, const Secret& b) { return !(a == b); }

 private:
  std::string value_;
};

}  // namespace awsdirect
