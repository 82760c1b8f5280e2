// Calls per second of 8 threads sharing one client against 8 threads with a client each, on a
// local keep-alive HTTP server that answers every request at once: what sharing a client costs.
//   bench_shared_client [threads] [seconds]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <awsdirect/redshift.hpp>

namespace {

const std::string kBody =
    "<DescribeClustersResponse><DescribeClustersResult><Clusters><Cluster><ClusterIdentifier>redshift-cluster"
    "</ClusterIdentifier><ClusterStatus>available</ClusterStatus><NodeType>dc2.large</NodeType></Cluster>"
    "</Clusters></DescribeClustersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
    "</DescribeClustersResponse>";

// An HTTP/1.1 server on 127.0.0.1 with a thread per connection, answering every request with kBody.
class Server {
 public:
  Server() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 64) != 0) {
      std::perror("bench_shared_client: listen");
      std::exit(1);
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    std::thread([this] { acceptLoop(); }).detach();
  }
  int port() const { return port_; }

 private:
  void acceptLoop() {
    for (;;) {
      const int connection = ::accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      std::thread([connection] { serve(connection); }).detach();
    }
  }
  static void serve(int connection) {
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " +
                                 std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
    std::string pending;
    char buffer[16384];
    for (;;) {
      const std::size_t headerEnd = pending.find("\r\n\r\n");
      if (headerEnd != std::string::npos) {
        std::size_t bodyLength = 0;
        const std::size_t field = pending.find("Content-Length:");
        if (field != std::string::npos && field < headerEnd) bodyLength = std::strtoul(pending.c_str() + field + 15, nullptr, 10);
        if (pending.size() >= headerEnd + 4 + bodyLength) {
          pending.erase(0, headerEnd + 4 + bodyLength);
          if (::send(connection, response.data(), response.size(), MSG_NOSIGNAL) < 0) break;
          continue;
        }
      }
      const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      pending.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(connection);
  }

  int listener_ = -1;
  int port_ = 0;
};

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
  Server server;

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
