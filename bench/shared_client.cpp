// Calls per second of 8 threads sharing one client against 8 threads with a client each, on a
// local keep-alive HTTP server that answers every request at once: what sharing a client costs.
//   bench_shared_client [threads] [seconds]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <awsdirect/redshift.hpp>

#include "support/loopback_server.hpp"

namespace {

awsdirect::ClientConfig configFor(int port) {
  awsdirect::ClientConfig config;
  config.environment = awsdirect::Environment::fromMap({});
  config.region = "us-east-1";
  config.endpointUrl = "http://127.0.0.1:" + std::to_string(port);
  config.credentialsProvider = std::make_shared<awsdirect::StaticCredentialsProvider>("AKIDEXAMPLE", "secret");
  return config;
}

// Calls per second of `threads` threads, each calling the client `clientFor(thread)` gives it.
template <class ClientFor>
double callsPerSecond(int threads, std::chrono::milliseconds duration, ClientFor clientFor) {
  std::atomic<bool> stop{false};
  std::atomic<long> calls{0}, failures{0};
  std::vector<std::thread> pool;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      awsdirect::Redshift& redshift = clientFor(t);
      while (!stop.load(std::memory_order_relaxed)) {
        if (redshift.send(awsdirect::Redshift::describeClusters().identifier("redshift-cluster")).ok()) ++calls;
        else ++failures;
      }
    });
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& thread : pool) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failures) std::fprintf(stderr, "bench_shared_client: %ld calls failed\n", failures.load());
  return static_cast<double>(calls) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 8;
  const auto duration = std::chrono::milliseconds(static_cast<long>((argc > 2 ? std::atof(argv[2]) : 3.0) * 1000));
  bench::Server server;

  awsdirect::Redshift shared(configFor(server.port()));
  std::vector<std::unique_ptr<awsdirect::Redshift>> own;
  for (int t = 0; t < threads; ++t) own.push_back(std::make_unique<awsdirect::Redshift>(configFor(server.port())));

  // Warm both up (connections, signing keys), then measure them alternately, twice each.
  callsPerSecond(threads, std::chrono::milliseconds(300), [&](int) -> awsdirect::Redshift& { return shared; });
  callsPerSecond(threads, std::chrono::milliseconds(300), [&](int t) -> awsdirect::Redshift& { return *own[t]; });
  double sharedRate = 0, ownRate = 0;
  for (int round = 0; round < 2; ++round) {
    sharedRate += callsPerSecond(threads, duration, [&](int) -> awsdirect::Redshift& { return shared; });
    ownRate += callsPerSecond(threads, duration, [&](int t) -> awsdirect::Redshift& { return *own[t]; });
  }
  sharedRate /= 2;
  ownRate /= 2;
  std::printf("%d threads, DescribeClusters against a local server, %.1f s per round, 2 rounds each\n", threads,
              std::chrono::duration<double>(duration).count());
  std::printf("  one client shared by all threads: %10.0f calls/s\n", sharedRate);
  std::printf("  a client per thread:              %10.0f calls/s\n", ownRate);
  std::printf("  shared / own:                     %10.2f\n", sharedRate / ownRate);
  return 0;
}
