#pragma once
// Values that must never reach a log, an exception message or a fixture: a Secret (a secret
// access key, a session token, a password), and the Credentials that hold two of them.
#include <chrono>
#include <optional>
#include <string>
#include <utility>

namespace awsdirect {

// A string with no operator<< and no implicit conversion; read it only through reveal(), at the
// one place that needs the value (signing, serializing the request).
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

// What requests are signed with.
struct Credentials {
  std::string accessKeyId;
  Secret secretAccessKey;
  Secret sessionToken;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  // Send requests unsigned (botocore's UNSIGNED): only AnonymousCredentialsProvider sets it, for
  // the calls AWS takes without a signature (STS AssumeRoleWithWebIdentity).
  bool anonymous = false;

  Credentials() = default;
  Credentials(std::string accessKey, std::string secretKey, std::string token = {})
      : accessKeyId(std::move(accessKey)), secretAccessKey(std::move(secretKey)), sessionToken(std::move(token)) {}
};

}  // namespace awsdirect
