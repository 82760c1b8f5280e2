// Which failures are retried, and how long the client waits before trying again.
#include <doctest/doctest.h>

#include <awsdirect/retry.hpp>
#include <awsdirect/transport.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/time.hpp>

#include "support/scripted_transport.hpp"

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

// ---- Through a client: the retry quota, the clock, amz-sdk-request -----------------------------

namespace {

const char* kUnavailable =
    "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>";
const char* kNoClusters =
    "<DescribeClustersResponse><DescribeClustersResult><Clusters/></DescribeClustersResult></DescribeClustersResponse>";

HttpHeaders dated(std::chrono::system_clock::time_point when) {
  HttpHeaders headers;
  headers.set("Date", formatHttpDate(when));
  return headers;
}

}  // namespace

TEST_CASE("the retry quota: an outage spends it, then failures come back at once; successes refill it") {
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  for (int i = 0; i < 160; ++i) transport->respond(503, kUnavailable);
  Redshift redshift(awsdirect_test::scriptedConfig(transport));
  awsdirect_test::instantRetries(redshift);
  auto quota = redshift.core().retryPolicy().quota;
  REQUIRE(quota);
  CHECK(quota->available() == 500);
  for (int call = 0; call < 50; ++call) CHECK_FALSE(redshift.send(Redshift::describeClusters()).ok());
  CHECK(transport->requests.size() == 150);  // 3 attempts each: 2 retries of 5 each, 50 times
  CHECK(quota->available() == 0);
  auto spent = redshift.send(Redshift::describeClusters());
  CHECK(transport->requests.size() == 151);  // one attempt, no retry
  CHECK(spent.error().code == "ServiceUnavailable");
  CHECK(spent.error().message.find("retry quota is spent") != std::string::npos);

  auto healthy = std::make_shared<awsdirect_test::ScriptedTransport>();
  healthy->respond(200, kNoClusters).respond(503, kUnavailable).respond(200, kNoClusters);
  Redshift recovering(awsdirect_test::scriptedConfig(healthy));
  awsdirect_test::instantRetries(recovering);
  auto fresh = recovering.core().retryPolicy().quota;
  REQUIRE(fresh->acquire(500));
  CHECK(recovering.send(Redshift::describeClusters()).ok());
  CHECK(fresh->available() == 1);  // a success without a retry gives back 1
  fresh->release(9);
  CHECK(recovering.send(Redshift::describeClusters()).ok());  // 503, retried for 5, then 200: refunded
  CHECK(fresh->available() == 10);
}

TEST_CASE("a skewed clock is learned from the refusal's Date and corrected, once per call") {
  const auto awsTime = std::chrono::system_clock::now() + std::chrono::minutes(20);
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  transport
      ->respond(403,
                "<ErrorResponse><Error><Code>RequestExpired</Code><Message>Request has expired.</Message></Error>"
                "</ErrorResponse>",
                dated(awsTime))
      .respond(200, kNoClusters)
      .respond(200, kNoClusters);
  Redshift redshift(awsdirect_test::scriptedConfig(transport));
  awsdirect_test::instantRetries(redshift);
  CHECK(redshift.send(Redshift::describeClusters()).ok());
  REQUIRE(transport->requests.size() == 2);
  auto dateOf = [](const HttpRequest& request) { return *parseAmzDate(*request.headers.get("X-Amz-Date")); };
  CHECK(std::chrono::abs(dateOf(transport->requests[0]) - std::chrono::system_clock::now()) < std::chrono::minutes(1));
  CHECK(std::chrono::abs(dateOf(transport->requests[1]) - awsTime) < std::chrono::minutes(1));
  CHECK(std::chrono::abs(redshift.core().clockOffset() - std::chrono::minutes(20)) < std::chrono::minutes(1));
  // Later calls are dated by AWS's clock from the start.
  CHECK(redshift.send(Redshift::describeClusters()).ok());
  CHECK(std::chrono::abs(dateOf(transport->requests[2]) - awsTime) < std::chrono::minutes(1));

  // A refusal whose Date agrees with our clock is no skew: returned as it is, not retried.
  auto honest = std::make_shared<awsdirect_test::ScriptedTransport>();
  honest->respond(403,
                  "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error>"
                  "</ErrorResponse>",
                  dated(std::chrono::system_clock::now()));
  Redshift other(awsdirect_test::scriptedConfig(honest));
  CHECK(other.send(Redshift::describeClusters()).error().code == "SignatureDoesNotMatch");
  CHECK(honest->requests.size() == 1);
  CHECK(other.core().clockOffset().count() == 0);
}

TEST_CASE("amz-sdk-request carries the attempt, and on retries the ttl by AWS's clock") {
  const auto awsTime = *parseIso8601("2030-01-02T03:04:05Z");
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  transport->respond(503, kUnavailable, dated(awsTime)).respond(200, kNoClusters);
  Redshift redshift(awsdirect_test::scriptedConfig(transport));
  awsdirect_test::instantRetries(redshift);
  CHECK(redshift.send(Redshift::describeClusters()).ok());
  CHECK(*transport->requests[0].headers.get("amz-sdk-request") == "attempt=1; max=3");
  CHECK(*transport->requests[1].headers.get("amz-sdk-request") == "ttl=20300102T030505Z; attempt=2; max=3");
}
