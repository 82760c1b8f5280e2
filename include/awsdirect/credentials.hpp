#pragma once
// Credentials and where they come from.
#include <chrono>
#include <optional>
#include <string>

#include "secret.hpp"

namespace awsdirect {

struct Credentials {
  std::string accessKeyId;
  Secret secretAccessKey;
  Secret sessionToken;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;

  Credentials() = default;
  Credentials(std::string accessKey, std::string secretKey, std::string token = {})
      : accessKeyId(std::move(accessKey)), secretAccessKey(std::move(secretKey)), sessionToken(std::move(token)) {}
};

}  // namespace awsdirect
