#pragma once
// A local HTTP/1.1 server on 127.0.0.1 for the benchmarks: a thread per keep-alive connection,
// answering every request at once with one DescribeClusters document, written in one send.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace bench {

inline const std::string kBody =
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
      std::perror("bench: listen");
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

}  // namespace bench
