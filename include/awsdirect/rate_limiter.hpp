#pragma once
// botocore's adaptive retry mode: a client-side rate limiter that slows a client's sending after
// AWS throttles it, and speeds it up again along a cubic curve (TCP CUBIC's) as answers succeed.
// Until the first throttle it lets everything through; after it, every attempt takes a token from
// a bucket that fills at the current send rate. The same three parts as botocore's
// retries/adaptive.py, bucket.py and throttling.py, with the same constants.
#include <chrono>
#include <functional>
#include <mutex>

#include "detail/build_mode.hpp"

namespace awsdirect {

class ClientRateLimiter {
 public:
  // A clock in seconds and a way to wait; tests replace both.
  using Now = std::function<double()>;
  using Sleep = std::function<void(std::chrono::microseconds)>;

  AWSDIRECT_DECL explicit ClientRateLimiter(Now now = {}, Sleep sleep = {});
  ClientRateLimiter(const ClientRateLimiter&) = delete;
  ClientRateLimiter& operator=(const ClientRateLimiter&) = delete;

  // Before each attempt: once throttling has been seen, waits for a token. Thread-safe.
  AWSDIRECT_DECL void beforeSend();
  // After each attempt's answer (an error or not): whether AWS throttled it. Thread-safe.
  AWSDIRECT_DECL void afterResponse(bool throttled);

  // Whether the limiter is on (after the first throttle), and the rate it lets requests out at,
  // in requests per second.
  AWSDIRECT_DECL bool enabled() const;
  AWSDIRECT_DECL double sendRate() const;
  // The rate of answers measured lately (botocore's RateClocker: smoothed over half seconds).
  AWSDIRECT_DECL double measuredRate() const;

 private:
  AWSDIRECT_DECL void refill(double now);                 // the token bucket, under mutex_
  AWSDIRECT_DECL void setMaxRate(double rate, double now);
  AWSDIRECT_DECL double measure(double now);               // the rate clocker
  AWSDIRECT_DECL double cubicSuccess(double now) const;    // the cubic calculator
  AWSDIRECT_DECL double cubicError(double rate, double now);

  static constexpr double kMinFillRate = 0.5;   // TokenBucket._MIN_RATE
  static constexpr double kSmoothing = 0.8;     // RateClocker._DEFAULT_SMOOTHING
  static constexpr double kBucketSeconds = 0.5;  // RateClocker._TIME_BUCKET_RANGE
  static constexpr double kScale = 0.4;         // CubicCalculator._SCALE_CONSTANT
  static constexpr double kBeta = 0.7;          // CubicCalculator._BETA
  static constexpr double kMaxRateAdjust = 2.0;  // ClientRateLimiter._MAX_RATE_ADJUST_SCALE

  Now now_;
  Sleep sleep_;
  mutable std::mutex mutex_;
  bool enabled_ = false;
  // Token bucket.
  double fillRate_ = 1, maxCapacity_ = 1, capacity_ = 0, lastRefill_ = -1;
  // Rate clocker.
  double measuredRate_ = 0, lastBucket_ = 0, count_ = 0;
  // Cubic calculator.
  double wMax_ = 0, k_ = 0, lastFail_ = 0;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/rate_limiter.ipp"
#endif
