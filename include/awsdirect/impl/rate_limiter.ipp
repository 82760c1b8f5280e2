// Definitions of <awsdirect/rate_limiter.hpp>.
#include <algorithm>
#include <cmath>
#include <thread>

namespace awsdirect {

ClientRateLimiter::ClientRateLimiter(Now now, Sleep sleep) : now_(std::move(now)), sleep_(std::move(sleep)) {
  if (!now_)
    now_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };
  if (!sleep_) sleep_ = [](std::chrono::microseconds d) { std::this_thread::sleep_for(d); };
  const double start = now_();
  lastBucket_ = std::floor(start);
  lastFail_ = start;
  k_ = std::cbrt(wMax_ * (1 - kBeta) / kScale);
}

void ClientRateLimiter::refill(double now) {
  if (lastRefill_ < 0) {
    lastRefill_ = now;
    return;
  }
  capacity_ = std::min(maxCapacity_, capacity_ + (now - lastRefill_) * fillRate_);
  lastRefill_ = now;
}

void ClientRateLimiter::setMaxRate(double rate, double now) {
  refill(now);
  fillRate_ = std::max(rate, kMinFillRate);
  maxCapacity_ = rate >= 1 ? rate : 1;
  capacity_ = std::min(capacity_, maxCapacity_);
}

double ClientRateLimiter::measure(double now) {
  const double bucket = std::floor(now / kBucketSeconds) * kBucketSeconds;
  count_ += 1;
  if (bucket > lastBucket_) {
    const double current = count_ / (bucket - lastBucket_);
    measuredRate_ = current * kSmoothing + measuredRate_ * (1 - kSmoothing);
    count_ = 0;
    lastBucket_ = bucket;
  }
  return measuredRate_;
}

double ClientRateLimiter::cubicSuccess(double now) const {
  return kScale * std::pow(now - lastFail_ - k_, 3) + wMax_;
}

double ClientRateLimiter::cubicError(double rate, double now) {
  wMax_ = rate;
  k_ = std::cbrt(wMax_ * (1 - kBeta) / kScale);
  lastFail_ = now;
  return rate * kBeta;
}

void ClientRateLimiter::beforeSend() {
  for (;;) {
    double wait;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!enabled_) return;
      refill(now_());
      if (capacity_ >= 1) {
        capacity_ -= 1;
        return;
      }
      wait = (1 - capacity_) / fillRate_;
    }
    sleep_(std::chrono::microseconds(static_cast<long long>(std::ceil(wait * 1e6))));
  }
}

void ClientRateLimiter::afterResponse(bool throttled) {
  std::lock_guard<std::mutex> lock(mutex_);
  const double now = now_();
  const double measured = measure(now);
  double rate;
  if (!throttled) {
    rate = cubicSuccess(now);
  } else {
    rate = cubicError(enabled_ ? std::min(measured, fillRate_) : measured, now);
    enabled_ = true;
  }
  setMaxRate(std::min(rate, kMaxRateAdjust * measured), now);
}

bool ClientRateLimiter::enabled() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return enabled_;
}

double ClientRateLimiter::sendRate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fillRate_;
}

double ClientRateLimiter::measuredRate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return measuredRate_;
}

}  // namespace awsdirect
