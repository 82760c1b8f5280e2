#pragma once
// When to try a request again, and how long to wait first: botocore's retry modes (RetryMode is
// in config.hpp, which resolves it).
//   standard (the default): 3 attempts; transient and throttling errors; backoff
//     random(0, 1) * 2^(attempt-1) seconds, capped at 20 s.
//   legacy: 5 attempts; the same errors; backoff random(0, 1) * 2^(attempt-1) seconds.
//   adaptive: standard's decisions, and a client-side rate limiter (rate_limiter.hpp) that slows
//     the client's sending after throttling.
// Standard and adaptive retries draw from the client's retry quota, as botocore's.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

#include "config.hpp"
#include "detail/build_mode.hpp"
#include "error.hpp"
#include "rate_limiter.hpp"

namespace awsdirect {

// botocore's retry quota: a client's retries draw from a bucket of 500 (5 a retry, 10 a retry
// after a timeout); a success gives back what its retry took, or 1 when it needed none. When it
// is empty, failures are returned at once instead of retried, so an outage does not multiply a
// fleet's load on the service. Thread-safe.
class RetryQuota {
 public:
  static constexpr int kCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kSuccessIncrement = 1;

  // Takes `amount` when there is that much; false (and nothing taken) otherwise.
  AWSDIRECT_DECL bool acquire(int amount);
  AWSDIRECT_DECL void release(int amount);
  AWSDIRECT_DECL int available() const;

 private:
  mutable std::mutex mutex_;
  int available_ = kCapacity;
};

struct RetryPolicy {
  RetryMode mode = RetryMode::Standard;
  int maxAttempts = 3;  // every try, the first included
  std::chrono::milliseconds maxBackoff{std::chrono::seconds(20)};
  // Where the waiting happens; tests replace it so they never sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
  // Jitter source in [0, 1); tests replace it for deterministic delays.
  std::function<double()> random;
  // Shared by the client's calls; null (legacy mode) retries without a quota.
  std::shared_ptr<RetryQuota> quota;
  // Adaptive mode's, shared by the client's calls; null in the other modes.
  std::shared_ptr<ClientRateLimiter> rateLimiter;

  static int defaultMaxAttempts(RetryMode mode) { return mode == RetryMode::Legacy ? 5 : 3; }
};

// Whether an attempt that failed with `error` is worth trying again.
AWSDIRECT_DECL bool isRetryable(const Error& error);
// Whether AWS throttled it (botocore's throttling error codes).
AWSDIRECT_DECL bool isThrottling(const Error& error);

// The delay before attempt number `nextAttempt` (2 for the first retry).
AWSDIRECT_DECL std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int nextAttempt);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/retry.ipp"
#endif
