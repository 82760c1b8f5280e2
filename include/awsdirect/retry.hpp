#pragma once
// When to try a request again, and how long to wait first: botocore's retry modes.
//   standard (the default): 3 attempts; transient and throttling errors; backoff
//     random(0, 1) * 2^(attempt-1) seconds, capped at 20 s.
//   legacy: 5 attempts; the same errors; backoff random(0, 1) * 2^(attempt-1) seconds.
//   adaptive: standard's decisions (its client-side rate limiter is not implemented).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "error.hpp"

namespace awsdirect {

enum class RetryMode { Legacy, Standard, Adaptive };

struct RetryPolicy {
  RetryMode mode = RetryMode::Standard;
  int maxAttempts = 3;  // every try, the first included
  std::chrono::milliseconds maxBackoff{std::chrono::seconds(20)};
  // Where the waiting happens; tests replace it so they never sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
  // Jitter source in [0, 1); tests replace it for deterministic delays.
  std::function<double()> random;

  static int defaultMaxAttempts(RetryMode mode) { return mode == RetryMode::Legacy ? 5 : 3; }
};

namespace detail {

inline bool isThrottlingCode(const std::string& code) {
  static const char* const codes[] = {
      "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
      "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
      "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
      "PriorRequestNotComplete", "EC2ThrottledException"};
  for (const char* c : codes)
    if (code == c) return true;
  return false;
}

inline bool isTransientCode(const std::string& code) {
  static const char* const codes[] = {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
                                      "InternalError", "InternalFailure", "ServiceUnavailable",
                                      "IDPCommunicationError"};
  for (const char* c : codes)
    if (code == c) return true;
  return false;
}

}  // namespace detail

// Whether an attempt that failed with `error` is worth trying again.
inline bool isRetryable(const Error& error) {
  switch (error.kind) {
    case ErrorKind::Transport:
      // The request may not have reached AWS, or its answer was lost; botocore retries both.
      return error.transport != TransportFailure::Tls && error.transport != TransportFailure::TooManyRedirects;
    case ErrorKind::Service:
      if (detail::isThrottlingCode(error.code) || detail::isTransientCode(error.code)) return true;
      return error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503 ||
             error.httpStatus == 504 || error.httpStatus == 429;
    default:
      return false;
  }
}

// The delay before attempt number `nextAttempt` (2 for the first retry).
inline std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int nextAttempt) {
  double jitter = 0.5;
  if (policy.random) {
    jitter = policy.random();
  } else {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    jitter = std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  }
  double seconds = jitter * std::pow(2.0, nextAttempt - 2);
  auto delay = std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
  return policy.mode == RetryMode::Legacy ? delay : std::min(delay, policy.maxBackoff);
}

}  // namespace awsdirect
