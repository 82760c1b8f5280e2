// Adaptive mode's client-side rate limiter against botocore's own (retries/adaptive.py, run by
// tests/support/adaptive_reference.py on the same answers at the same times), and what it does to
// a client that AWS throttles.
#include <doctest/doctest.h>

#include <unistd.h>

#include <awsdirect/rate_limiter.hpp>
#include <awsdirect/redshift.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/command.hpp"
#include "support/scripted_transport.hpp"
#include "support/skip.hpp"

using namespace awsdirect;

TEST_CASE("the rate limiter follows botocore's send rate answer by answer") {
  std::mt19937 random(12345);
  std::uniform_real_distribution<double> gap(0.02, 0.8);
  std::bernoulli_distribution throttled(0.2);
  double now = 1000;
  ClientRateLimiter limiter([&] { return now; }, [](std::chrono::microseconds) {});
  std::ostringstream events;
  events << std::setprecision(17);
  std::vector<std::pair<double, double>> ours;  // send rate, measured rate
  for (int i = 0; i < 300; ++i) {
    now += gap(random);
    const bool isThrottled = throttled(random);
    events << now << (isThrottled ? " 1\n" : " 0\n");
    limiter.afterResponse(isThrottled);
    ours.emplace_back(limiter.sendRate(), limiter.measuredRate());
  }
  CHECK(limiter.enabled());

  const std::string input = "/tmp/awsdirect-adaptive-events-" + std::to_string(::getpid());
  std::ofstream(input) << events.str();
  auto result = awsdirect_test::runCommand("python3 " AWSDIRECT_SOURCE_DIR "/tests/support/adaptive_reference.py 1000 < " + input);
  std::remove(input.c_str());
  if (result.status != 0) return awsdirect_test::skip("botocore is not importable: " + result.out);
  awsdirect_test::ran();
  std::istringstream lines(result.out);
  for (std::size_t i = 0; i < ours.size(); ++i) {
    CAPTURE(i);
    double sendRate = 0, measured = 0;
    lines >> sendRate >> measured;
    REQUIRE(static_cast<bool>(lines));
    CHECK(ours[i].first == doctest::Approx(sendRate).epsilon(1e-9));
    CHECK(ours[i].second == doctest::Approx(measured).epsilon(1e-9));
  }
}

TEST_CASE("the rate limiter lets everything through until the first throttle, then spaces sends out") {
  double now = 50;
  std::vector<double> waits;
  ClientRateLimiter limiter([&] { return now; }, [&](std::chrono::microseconds d) {
    waits.push_back(static_cast<double>(d.count()) / 1e6);
    now += static_cast<double>(d.count()) / 1e6;
  });
  for (int i = 0; i < 100; ++i) limiter.beforeSend();
  CHECK(waits.empty());
  CHECK_FALSE(limiter.enabled());
  for (int i = 0; i < 20; ++i) {  // 20 answers a second, then a throttle
    now += 0.05;
    limiter.afterResponse(false);
  }
  limiter.afterResponse(true);
  REQUIRE(limiter.enabled());
  const double rate = limiter.sendRate();
  CHECK(rate < limiter.measuredRate());  // slower than it was going
  const double start = now;
  for (int i = 0; i < 10; ++i) limiter.beforeSend();
  CHECK_FALSE(waits.empty());
  // Ten sends at the reduced rate take about ten tokens' time (the bucket starts empty).
  const double took = now - start;
  CHECK(took == doctest::Approx(10 / rate).epsilon(0.05));
}

TEST_CASE("adaptive mode slows a throttled client: its retries wait for tokens as well as for backoff") {
  awsdirect_test::ran();
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  ClientConfig config = awsdirect_test::scriptedConfig(transport);
  config.retryMode = RetryMode::Adaptive;
  Redshift redshift(config);
  std::vector<std::chrono::milliseconds> backoffs;
  awsdirect_test::instantRetries(redshift, &backoffs);
  double now = 0;
  std::vector<double> tokenWaits;
  redshift.core().retryPolicy().rateLimiter = std::make_shared<ClientRateLimiter>(
      [&] { return now; }, [&](std::chrono::microseconds d) {
        tokenWaits.push_back(static_cast<double>(d.count()) / 1e6);
        now += static_cast<double>(d.count()) / 1e6;
      });
  const std::string throttling =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
      "<RequestId>r</RequestId></ErrorResponse>";
  const std::string clusters =
      "<DescribeClustersResponse><DescribeClustersResult><Clusters/></DescribeClustersResult></DescribeClustersResponse>";
  transport->respond(200, clusters);
  transport->respond(400, throttling);
  transport->respond(400, throttling);
  transport->respond(200, clusters);
  REQUIRE(redshift.send(Redshift::describeClusters()).ok());
  CHECK(tokenWaits.empty());  // nothing throttled yet: nothing held back
  auto second = redshift.send(Redshift::describeClusters());
  REQUIRE_MESSAGE(second.ok(), second.error().describe());
  CHECK(transport->requests.size() == 4);
  CHECK(backoffs.size() == 2);
  CHECK(redshift.core().retryPolicy().rateLimiter->enabled());
  CHECK_FALSE(tokenWaits.empty());  // after the first throttle, sends wait for tokens
}
