// Definitions of <awsdirect/retry.hpp>.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace awsdirect {

namespace detail {

AWSDIRECT_DECL bool isThrottlingCode(const std::string& code) {
  static const char* const codes[] = {
      "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
      "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
      "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
      "PriorRequestNotComplete", "EC2ThrottledException"};
  for (const char* c : codes)
    if (code == c) return true;
  return false;
}

AWSDIRECT_DECL bool isTransientCode(const std::string& code) {
  static const char* const codes[] = {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
                                      "InternalError", "InternalFailure", "ServiceUnavailable",
                                      "IDPCommunicationError"};
  for (const char* c : codes)
    if (code == c) return true;
  return false;
}

}  // namespace detail

bool isThrottling(const Error& error) {
  return error.kind == ErrorKind::Service && detail::isThrottlingCode(error.code);
}

bool isRetryable(const Error& error) {
  switch (error.kind) {
    case ErrorKind::Transport:
      // The request may not have reached AWS, or its answer was lost; botocore retries both.
      return error.transport != TransportFailure::Tls && error.transport != TransportFailure::TooManyRedirects;
    case ErrorKind::Parse:
      // A 2xx whose body is not XML (S3; cut off on the way): botocore takes it for a 500.
      return error.code == "MalformedXml" && error.httpStatus >= 200 && error.httpStatus < 300;
    case ErrorKind::Service:
      if (detail::isThrottlingCode(error.code) || detail::isTransientCode(error.code)) return true;
      return error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503 ||
             error.httpStatus == 504 || error.httpStatus == 429;
    default:
      return false;
  }
}

bool RetryQuota::acquire(int amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (amount > available_) return false;
  available_ -= amount;
  return true;
}

void RetryQuota::release(int amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  available_ = std::min(kCapacity, available_ + amount);
}

int RetryQuota::available() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return available_;
}

std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int nextAttempt) {
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
