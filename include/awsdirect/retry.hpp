#pragma once
// When to try a request again, and how long to wait first: botocore's retry modes (RetryMode is
// in config.hpp, which resolves it).
//   standard (the default): 3 attempts; transient and throttling errors; backoff
//     random(0, 1) * 2^(attempt-1) seconds, capped at 20 s.
//   legacy: 5 attempts; the same errors; backoff random(0, 1) * 2^(attempt-1) seconds.
//   adaptive: standard's decisions (its client-side rate limiter is not implemented).
#include <chrono>
#include <functional>

#include "config.hpp"
#include "detail/build_mode.hpp"
#include "error.hpp"

namespace awsdirect {

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

// Whether an attempt that failed with `error` is worth trying again.
AWSDIRECT_DECL bool isRetryable(const Error& error);

// The delay before attempt number `nextAttempt` (2 for the first retry).
AWSDIRECT_DECL std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int nextAttempt);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/retry.ipp"
#endif
