// Which failures are retried, and how long the client waits before trying again.
#include <doctest/doctest.h>

#include <awsdirect/retry.hpp>
#include <awsdirect/transport.hpp>
#include <awsdirect/error.hpp>

using namespace awsdirect;

namespace {
Error serviceError(int status, const std::string& code) {
  Error e = makeError(ErrorKind::Service, code, "m");
  e.httpStatus = status;
  return e;
}
}  // namespace

TEST_CASE("throttling and transient codes, 5xx statuses and lost connections are retryable") {
  CHECK(isRetryable(serviceError(400, "Throttling")));
  CHECK(isRetryable(serviceError(400, "ThrottlingException")));
  CHECK(isRetryable(serviceError(503, "SlowDown")));
  CHECK(isRetryable(serviceError(400, "RequestLimitExceeded")));  // EC2
  CHECK(isRetryable(serviceError(400, "RequestTimeout")));
  CHECK(isRetryable(serviceError(500, "InternalError")));
  CHECK(isRetryable(serviceError(502, "502")));
  CHECK(isRetryable(serviceError(504, "504")));
  CHECK(isRetryable(transportError(TransportFailure::Connect, "refused")));
  CHECK(isRetryable(transportError(TransportFailure::Timeout, "slow")));
  CHECK(isRetryable(transportError(TransportFailure::Receive, "reset")));
}

TEST_CASE("client mistakes, refusals and TLS failures are not retried") {
  CHECK_FALSE(isRetryable(serviceError(400, "InvalidParameterValue")));
  CHECK_FALSE(isRetryable(serviceError(400, "ClusterAlreadyExists")));
  CHECK_FALSE(isRetryable(serviceError(403, "SignatureDoesNotMatch")));
  CHECK_FALSE(isRetryable(serviceError(404, "ClusterNotFound")));
  CHECK_FALSE(isRetryable(transportError(TransportFailure::Tls, "bad certificate")));
  CHECK_FALSE(isRetryable(makeError(ErrorKind::Validation, "ValidationError", "bad")));
  CHECK_FALSE(isRetryable(makeError(ErrorKind::Credentials, "NoCredentials", "none")));
}

TEST_CASE("backoff doubles with full jitter; standard mode caps it at 20 seconds, legacy does not") {
  RetryPolicy standard;
  standard.random = [] { return 1.0; };
  using std::chrono::milliseconds;
  CHECK(retryDelay(standard, 2) == milliseconds(1000));
  CHECK(retryDelay(standard, 3) == milliseconds(2000));
  CHECK(retryDelay(standard, 5) == milliseconds(8000));
  CHECK(retryDelay(standard, 7) == milliseconds(20000));
  standard.random = [] { return 0.25; };
  CHECK(retryDelay(standard, 3) == milliseconds(500));

  RetryPolicy legacy;
  legacy.mode = RetryMode::Legacy;
  legacy.random = [] { return 1.0; };
  CHECK(retryDelay(legacy, 7) == milliseconds(32000));
  CHECK(RetryPolicy::defaultMaxAttempts(RetryMode::Legacy) == 5);
  CHECK(RetryPolicy::defaultMaxAttempts(RetryMode::Standard) == 3);
}

TEST_CASE("without an injected source, jitter stays within [0, 2^n) seconds") {
  RetryPolicy policy;
  for (int i = 0; i < 100; ++i) {
    auto d = retryDelay(policy, 3);
    CHECK(d >= std::chrono::milliseconds(0));
    CHECK(d <= std::chrono::milliseconds(2000));
  }
}
