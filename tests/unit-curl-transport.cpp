// CurlTransport against a real loopback server (tests/support/http_test_server.py), which echoes
// what arrived so the tests can see exactly what curl put on the wire.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <awsdirect/curl_transport.hpp>
#include <awsdirect/default_transport.hpp>
#include <awsdirect/detail/text.hpp>
#include <awsdirect/error.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/skip.hpp"
#include "support/certificate.hpp"
#include "support/test_server.hpp"

using namespace awsdirect;
using awsdirect_test::TestServer;
using Clock = std::chrono::steady_clock;

namespace {

// The tests talk to 127.0.0.1 only; a proxy from the environment must not get in between.
const bool proxyEnvironmentCleared = [] {
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
    unsetenv(name);
  return true;
}();

const char* const kSecretSignature = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/redshift/aws4_request, "
                                     "SignedHeaders=host;x-amz-date, Signature=5ec2e75ba1e0a1d4bd2c1c4bc0ffee";
const char* const kSecretBody = "Action=CreateCluster&MasterUserPassword=Sup3rSecretPassw0rd";

// What the server says it received (see the format at the top of http_test_server.py).
struct Echo {
  std::string method, target, path, query, version;
  int connectionId = 0;
  int connectionsAccepted = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::vector<std::string> values(const std::string& name) const {
    std::vector<std::string> found;
    for (const auto& header : headers)
      if (awsdirect::detail::equalsIgnoreCase(header.first, name)) found.push_back(header.second);
    return found;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> found;
    for (const auto& header : headers) found.push_back(header.first);
    return found;
  }
};

Echo parseEcho(const std::string& text) {
  Echo echo;
  std::size_t end = text.find("\n\n");
  if (end == std::string::npos) throw std::runtime_error("not an echo: " + text.substr(0, 200));
  echo.body = text.substr(end + 2);
  std::size_t pos = 0;
  while (pos < end) {
    std::size_t lineEnd = text.find('\n', pos);
    std::string line = text.substr(pos, lineEnd - pos);
    pos = lineEnd + 1;
    std::size_t space = line.find(' ');
    std::string key = line.substr(0, space);
    std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "method") echo.method = value;
    else if (key == "target") echo.target = value;
    else if (key == "path") echo.path = value;
    else if (key == "query") echo.query = value;
    else if (key == "version") echo.version = value;
    else if (key == "connection-id") echo.connectionId = std::stoi(value);
    else if (key == "connections-accepted") echo.connectionsAccepted = std::stoi(value);
    else if (key == "header") {
      std::size_t colon = value.find(':');
      std::string headerValue = value.substr(colon + 1);
      if (!headerValue.empty() && headerValue.front() == ' ') headerValue.erase(0, 1);
      echo.headers.emplace_back(value.substr(0, colon), headerValue);
    }
  }
  return echo;
}

HttpRequest requestTo(const TestServer& server, std::string method, std::string path, std::string query = "") {
  HttpRequest request;
  request.method = std::move(method);
  request.scheme = server.scheme();
  request.host = server.authority();
  request.path = std::move(path);
  request.query = std::move(query);
  return request;
}

TransportOptions quickOptions() {
  TransportOptions options;
  options.connectTimeout = std::chrono::seconds(5);
  options.requestTimeout = std::chrono::seconds(20);
  return options;
}

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A loopback TCP port to test failures against, held open for the test's length.
class LoopbackSocket {
 public:
  // listening=false: bound only, so a connection is refused (RST) while nothing else can take
  // the port. listening=true: the kernel completes connections that nobody ever reads or answers.
  explicit LoopbackSocket(bool listening) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    if (listening) REQUIRE(listen(fd_, 16) == 0);
  }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;
  ~LoopbackSocket() { close(fd_); }
  std::string authority() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Sends `request` expecting a TransportError; returns its Error.
Error transportFailureOf(Transport& transport, const HttpRequest& request) {
  try {
    transport.send(request);
  } catch (const TransportError& e) {
    return e.error();
  }
  FAIL("expected a TransportError");
  return {};
}

void checkMessageKeepsSecrets(const Error& error) {
  CHECK(error.message.find("Signature=") == std::string::npos);
  CHECK(error.message.find("5ec2e75ba1e0a1d4bd2c1c4bc0ffee") == std::string::npos);
  CHECK(error.message.find("Sup3rSecretPassw0rd") == std::string::npos);
  CHECK(error.describe().find("5ec2e75ba1e0a1d4bd2c1c4bc0ffee") == std::string::npos);
}

HttpRequest withSecrets(HttpRequest request) {
  request.headers.set("Authorization", kSecretSignature);
  request.body = kSecretBody;
  return request;
}

// Names read better than enum values in doctest's failure output.
std::string nameOf(TransportFailure failure) { return failureName(failure); }
std::string nameOf(ErrorKind kind) { return kindName(kind); }

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("GET sends exactly the request's headers, path and query") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpRequest request = requestTo(*server, "GET", "/a/./b/../c%2Fd~e", "Action=DescribeClusters&x=%20y%2Bz");
  request.headers.add("X-Amz-Date", "20260101T000000Z");
  request.headers.add("Authorization", kSecretSignature);
  request.headers.add("x-custom", "Mixed Case Value");
  request.headers.add("x-custom", "second");
  request.headers.add("X-Empty", "");
  HttpResponse response = transport.send(request);

  CHECK(response.status == 200);
  Echo echo = parseEcho(response.body);
  CHECK(echo.method == "GET");
  CHECK(echo.version == "HTTP/1.1");
  // Dot segments and percent-encodings reach the server untouched.
  CHECK(echo.target == "/a/./b/../c%2Fd~e?Action=DescribeClusters&x=%20y%2Bz");
  // Our headers in our order, Host first, and nothing curl would add by itself (Accept,
  // User-Agent, Expect, Content-Type, Content-Length on a bodiless GET).
  CHECK(echo.headers == HeaderList{{"Host", server->authority()},
                                   {"X-Amz-Date", "20260101T000000Z"},
                                   {"Authorization", kSecretSignature},
                                   {"x-custom", "Mixed Case Value"},
                                   {"x-custom", "second"},
                                   {"X-Empty", ""}});
  CHECK(echo.body.empty());
}

TEST_CASE("POST, PUT and DELETE send their bodies with an exact Content-Length and nothing else") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  SUBCASE("POST form body: no Content-Type is added") {
    HttpRequest request = requestTo(*server, "POST", "/");
    request.headers.add("X-Amz-Date", "20260101T000000Z");
    request.body = "Action=DescribeClusters&Version=2012-12-01";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.method == "POST");
    CHECK(echo.body == request.body);
    CHECK(echo.headers == HeaderList{{"Host", server->authority()},
                                     {"X-Amz-Date", "20260101T000000Z"},
                                     {"Content-Length", std::to_string(request.body.size())}});
  }
  SUBCASE("POST with the request's own Content-Type sends it once") {
    HttpRequest request = requestTo(*server, "POST", "/");
    request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    request.body = "Action=DescribeClusters";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Content-Type") == std::vector<std::string>{"application/x-www-form-urlencoded; charset=utf-8"});
  }
  SUBCASE("a 2 MB POST body goes out at once: no Expect: 100-continue") {
    HttpRequest request = requestTo(*server, "POST", "/big");
    request.body.assign(2 * 1024 * 1024, 'x');
    request.body[12345] = '\0';  // binary-safe
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Expect").empty());
    CHECK(echo.values("Transfer-Encoding").empty());
    CHECK(echo.values("Content-Length") == std::vector<std::string>{std::to_string(request.body.size())});
    CHECK(echo.body == request.body);
  }
  SUBCASE("PUT with a body") {
    HttpRequest request = requestTo(*server, "PUT", "/bucket/key");
    request.body = "object contents";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.method == "PUT");
    CHECK(echo.body == "object contents");
    CHECK(echo.headers == HeaderList{{"Host", server->authority()}, {"Content-Length", "15"}});
  }
  SUBCASE("PUT and POST with an empty body say Content-Length: 0") {
    for (const char* method : {"PUT", "POST"}) {
      CAPTURE(method);
      Echo echo = parseEcho(transport.send(requestTo(*server, method, "/empty")).body);
      CHECK(echo.method == method);
      CHECK(echo.headers == HeaderList{{"Host", server->authority()}, {"Content-Length", "0"}});
      CHECK(echo.body.empty());
    }
  }
  SUBCASE("DELETE without a body has no Content-Length") {
    Echo echo = parseEcho(transport.send(requestTo(*server, "DELETE", "/bucket/key")).body);
    CHECK(echo.method == "DELETE");
    CHECK(echo.headers == HeaderList{{"Host", server->authority()}});
  }
  SUBCASE("DELETE with a body") {
    HttpRequest request = requestTo(*server, "DELETE", "/bucket", "delete");
    request.body = "<Delete/>";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.method == "DELETE");
    CHECK(echo.body == "<Delete/>");
    CHECK(echo.values("Content-Length") == std::vector<std::string>{"9"});
  }
  SUBCASE("GET with a body") {
    HttpRequest request = requestTo(*server, "GET", "/");
    request.body = "{}";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.method == "GET");
    CHECK(echo.body == "{}");
  }
}

TEST_CASE("HEAD returns status and headers without waiting for a body") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpResponse response = transport.send(requestTo(*server, "HEAD", "/bucket/key", "respond-header=ETag:%22abc%22"));
  CHECK(response.status == 200);
  REQUIRE(response.headers.get("ETag"));
  CHECK(*response.headers.get("ETag") == "\"abc\"");
  REQUIRE(response.headers.get("Content-Length"));
  CHECK(*response.headers.get("Content-Length") != "0");  // what a GET would have returned
  CHECK(response.body.empty());

  // The handle is reset after a HEAD: the next GET gets its body again.
  HttpResponse next = transport.send(requestTo(*server, "GET", "/after-head"));
  CHECK(parseEcho(next.body).path == "/after-head");
}

TEST_CASE("status codes and every response header, in order, are returned") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpResponse response = transport.send(requestTo(
      *server, "GET", "/", "status=404&respond-header=x-amzn-RequestId:req-1&respond-header=X-Multi:one&respond-header=X-Multi:two"));
  CHECK(response.status == 404);
  std::vector<std::string> names;
  for (const auto& header : response.headers) names.push_back(header.first);
  CHECK(names == std::vector<std::string>{"Server", "Date", "x-amzn-RequestId", "X-Multi", "X-Multi", "Content-Type",
                                          "Content-Length"});
  CHECK(*response.headers.get("x-amzn-requestid") == "req-1");
  std::vector<std::string> multi;
  for (const auto& header : response.headers)
    if (header.first == "X-Multi") multi.push_back(header.second);
  CHECK(multi == std::vector<std::string>{"one", "two"});
  CHECK(parseEcho(response.body).method == "GET");  // an error status still has its body

  CHECK(transport.send(requestTo(*server, "POST", "/", "status=503")).status == 503);
  CHECK(transport.send(requestTo(*server, "GET", "/", "status=204")).status == 204);
}

TEST_CASE("redirects are returned, not followed") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpResponse response = transport.send(requestTo(*server, "GET", "/", "status=307&respond-header=Location:/elsewhere"));
  CHECK(response.status == 307);
  REQUIRE(response.headers.get("Location"));
  CHECK(*response.headers.get("Location") == "/elsewhere");
  CHECK(parseEcho(response.body).path == "/");
}

TEST_CASE("a 100 Continue's headers stay out of the final response") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpRequest request = requestTo(*server, "POST", "/", "interim=1&respond-header=X-Final:yes");
  request.body = "payload";
  HttpResponse response = transport.send(request);
  CHECK(response.status == 200);
  CHECK_FALSE(response.headers.has("X-Interim"));
  CHECK(response.headers.has("X-Final"));
  CHECK(parseEcho(response.body).body == "payload");
}

TEST_CASE("the Host header is request.host, default port included or not, through a proxy") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  // The test server answers proxy requests too, so a request can name any host and port without
  // DNS: curl connects to the proxy and sends the absolute URL.
  TransportOptions options = quickOptions();
  options.proxy = "http://" + server->authority();
  CurlTransport transport(options);

  HttpRequest request;
  request.scheme = "http";
  request.path = "/path";

  SUBCASE("default port written: the signed host keeps it, where curl alone would drop it") {
    request.host = "redshift.us-east-1.amazonaws.com:80";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Host") == std::vector<std::string>{"redshift.us-east-1.amazonaws.com:80"});
    CHECK(echo.target == "http://redshift.us-east-1.amazonaws.com/path");
  }
  SUBCASE("default port omitted") {
    request.host = "redshift.us-east-1.amazonaws.com";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Host") == std::vector<std::string>{"redshift.us-east-1.amazonaws.com"});
  }
  SUBCASE("other port") {
    request.host = "localstack.test:4566";
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Host") == std::vector<std::string>{"localstack.test:4566"});
    CHECK(echo.target == "http://localstack.test:4566/path");
  }
  SUBCASE("a Host header in the request is sent as given, once") {
    request.host = "bucket.s3.amazonaws.com";
    request.headers.add("host", "bucket.s3.amazonaws.com");
    Echo echo = parseEcho(transport.send(request).body);
    CHECK(echo.values("Host") == std::vector<std::string>{"bucket.s3.amazonaws.com"});
  }
}

TEST_CASE("a header that would inject lines is refused before anything is sent") {
  CurlTransport transport(quickOptions());
  awsdirect_test::ran();
  HttpRequest request;
  request.scheme = "http";
  request.host = "127.0.0.1:9";
  request.headers.add("X-Evil", "a\r\nX-Injected: 1");
  try {
    transport.send(request);
    FAIL("expected a ValidationError");
  } catch (const ValidationError& e) {
    CHECK(e.error().code == "InvalidHeader");
    CHECK(std::string(e.what()).find("X-Injected") == std::string::npos);
  }
  HttpRequest badName;
  badName.scheme = "http";
  badName.host = "127.0.0.1:9";
  badName.headers.add("X-Bad: name", "v");
  CHECK_THROWS_AS(transport.send(badName), ValidationError);
}

TEST_CASE("one transport keeps one connection alive across calls") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  std::vector<HttpRequest> requests{requestTo(*server, "GET", "/1"), requestTo(*server, "POST", "/2"),
                                    requestTo(*server, "HEAD", "/3"), requestTo(*server, "PUT", "/4"),
                                    requestTo(*server, "DELETE", "/5"), requestTo(*server, "GET", "/6", "status=500")};
  requests[1].body = "body";
  for (const auto& request : requests) CHECK(transport.send(request).status >= 200);
  Echo last = parseEcho(transport.send(requestTo(*server, "GET", "/last")).body);
  CHECK(last.connectionId == 1);
  CHECK(last.connectionsAccepted == 1);

  // A second transport has its own handle, so its own connection.
  CurlTransport other(quickOptions());
  Echo fromOther = parseEcho(other.send(requestTo(*server, "GET", "/other")).body);
  CHECK(fromOther.connectionsAccepted == 2);
}

TEST_CASE("a transport shared by threads runs their calls at once, each on a pooled connection") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  // Curl is what a client gets when its config names no transport.
  ClientConfig defaults = withDefaultTransport(ClientConfig().withEnvironment(Environment::fromMap({})));
  REQUIRE(defaults.transportFactory);
  auto transport = std::dynamic_pointer_cast<CurlTransport>(defaults.transportFactory(quickOptions()));
  REQUIRE(transport);

  constexpr int kThreads = 4, kCallsEach = 10;
  std::vector<int> succeeded(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsEach; ++i) {
        std::string path = "/thread" + std::to_string(t) + "/call" + std::to_string(i);
        HttpRequest request = requestTo(*server, "POST", path);
        request.body = path;
        try {
          HttpResponse response = transport->send(request);
          Echo echo = parseEcho(response.body);
          if (response.status == 200 && echo.path == path && echo.body == path) ++succeeded[t];
        } catch (...) {
        }
      }
    });
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) CHECK(succeeded[t] == kCallsEach);
  // At most one handle, and one connection, per call in flight; all of them kept for later calls.
  CHECK(transport->handleCount() >= 1);
  CHECK(transport->handleCount() <= static_cast<std::size_t>(kThreads));
  const int opened = parseEcho(transport->send(requestTo(*server, "GET", "/")).body).connectionsAccepted;
  CHECK(opened >= 1);
  CHECK(opened <= kThreads);
  // Calls in sequence take the most recently used handle and its live connection.
  for (int i = 0; i < 5; ++i)
    CHECK(parseEcho(transport->send(requestTo(*server, "GET", "/again")).body).connectionsAccepted == opened);
}

TEST_CASE("a refused connection is a Connect failure naming host and port, not the secrets") {
  awsdirect_test::ran();
  LoopbackSocket closedPort(/*listening=*/false);
  CurlTransport transport(quickOptions());
  HttpRequest request = withSecrets(HttpRequest{});
  request.method = "POST";
  request.scheme = "http";
  request.host = closedPort.authority();

  auto start = Clock::now();
  Error error = transportFailureOf(transport, request);
  CHECK(secondsSince(start) < 5);
  CHECK(nameOf(error.kind) == nameOf(ErrorKind::Transport));
  CHECK(nameOf(error.transport) == nameOf(TransportFailure::Connect));
  CHECK(error.message.find(closedPort.authority()) != std::string::npos);
  checkMessageKeepsSecrets(error);
  MESSAGE(error.describe());
}

TEST_CASE("a server that never answers is a Timeout within the configured time") {
  awsdirect_test::ran();
  LoopbackSocket silent(/*listening=*/true);
  TransportOptions options = quickOptions();
  options.requestTimeout = std::chrono::milliseconds(400);
  CurlTransport transport(options);
  HttpRequest request = withSecrets(HttpRequest{});
  request.method = "POST";
  request.scheme = "http";
  request.host = silent.authority();

  auto start = Clock::now();
  Error error = transportFailureOf(transport, request);
  double elapsed = secondsSince(start);
  CHECK(elapsed >= 0.35);
  CHECK(elapsed < 3);
  CHECK(nameOf(error.transport) == nameOf(TransportFailure::Timeout));
  CHECK(error.message.find(silent.authority()) != std::string::npos);
  CHECK(error.message.find("400 ms") != std::string::npos);
  checkMessageKeepsSecrets(error);
  MESSAGE(error.describe());
}

TEST_CASE("a zero timeout still bounds the request instead of meaning none") {
  awsdirect_test::ran();
  LoopbackSocket silent(/*listening=*/true);
  TransportOptions options;
  options.connectTimeout = std::chrono::milliseconds(0);
  options.requestTimeout = std::chrono::milliseconds(0);
  CurlTransport transport(options);
  HttpRequest request;
  request.scheme = "http";
  request.host = silent.authority();
  auto start = Clock::now();
  CHECK(nameOf(transportFailureOf(transport, request).transport) == nameOf(TransportFailure::Timeout));
  CHECK(secondsSince(start) < 3);
}

TEST_CASE("responses that break off are Receive failures; a stalled body times out") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();

  SUBCASE("connection closed without a response") {
    CurlTransport transport(quickOptions());
    Error error = transportFailureOf(transport, withSecrets(requestTo(*server, "POST", "/", "behaviour=close-without-response")));
    CHECK(nameOf(error.transport) == nameOf(TransportFailure::Receive));
    checkMessageKeepsSecrets(error);
  }
  SUBCASE("body shorter than its Content-Length") {
    CurlTransport transport(quickOptions());
    Error error = transportFailureOf(transport, withSecrets(requestTo(*server, "POST", "/", "behaviour=truncate-body")));
    CHECK(nameOf(error.transport) == nameOf(TransportFailure::Receive));
    checkMessageKeepsSecrets(error);
  }
  SUBCASE("body that stops arriving") {
    TransportOptions options = quickOptions();
    options.requestTimeout = std::chrono::milliseconds(500);
    CurlTransport transport(options);
    auto start = Clock::now();
    Error error = transportFailureOf(transport, withSecrets(requestTo(*server, "POST", "/", "behaviour=stall-body")));
    CHECK(secondsSince(start) < 3);
    CHECK(nameOf(error.transport) == nameOf(TransportFailure::Timeout));
    checkMessageKeepsSecrets(error);
  }
  SUBCASE("a transport keeps working after a failure") {
    CurlTransport transport(quickOptions());
    transportFailureOf(transport, requestTo(*server, "GET", "/", "behaviour=close-without-response"));
    CHECK(transport.send(requestTo(*server, "GET", "/fine")).status == 200);
  }
}

TEST_CASE("TLS: a self-signed certificate fails by default, passes with caBundle or verifyTls=false") {
  awsdirect_test::SelfSignedCertificate certificate;
  if (!certificate.available) {
    awsdirect_test::skip("no openssl program to create a test certificate");
    return;
  }
  TestServer::Options serverOptions;
  serverOptions.certFile = certificate.certFile;
  serverOptions.keyFile = certificate.keyFile;
  auto server = TestServer::startOrSkip(serverOptions);
  if (!server) return;
  awsdirect_test::ran();
  REQUIRE(server->scheme() == "https");

  SUBCASE("verification on, system CAs: Tls failure") {
    CurlTransport transport(quickOptions());
    Error error = transportFailureOf(transport, withSecrets(requestTo(*server, "POST", "/")));
    CHECK(nameOf(error.transport) == nameOf(TransportFailure::Tls));
    CHECK(error.message.find(server->authority()) != std::string::npos);
    checkMessageKeepsSecrets(error);
    MESSAGE(error.describe());
  }
  SUBCASE("caBundle naming the certificate: success") {
    TransportOptions options = quickOptions();
    options.caBundle = certificate.certFile;
    CurlTransport transport(options);
    HttpResponse response = transport.send(requestTo(*server, "GET", "/secure", "a=1"));
    CHECK(response.status == 200);
    Echo echo = parseEcho(response.body);
    CHECK(echo.target == "/secure?a=1");
    CHECK(echo.headers == HeaderList{{"Host", server->authority()}});
    // Keep-alive holds over TLS too.
    CHECK(parseEcho(transport.send(requestTo(*server, "GET", "/again")).body).connectionsAccepted == 1);
  }
  SUBCASE("verifyTls=false: success without any CA") {
    TransportOptions options = quickOptions();
    options.verifyTls = false;
    CurlTransport transport(options);
    CHECK(transport.send(requestTo(*server, "GET", "/insecure")).status == 200);
  }
  SUBCASE("a caBundle file that does not exist is a Tls failure") {
    TransportOptions options = quickOptions();
    options.caBundle = certificate.certFile + ".missing";
    CurlTransport transport(options);
    CHECK(nameOf(transportFailureOf(transport, requestTo(*server, "GET", "/")).transport) == nameOf(TransportFailure::Tls));
  }
}

TEST_CASE("a host name that cannot resolve is a Dns failure, without any network traffic") {
  awsdirect_test::ran();
  // A 64-character label is longer than DNS allows (63), so the resolver cannot even encode a
  // query and fails locally: no packet leaves the machine, whatever resolver it has (checked
  // with strace on glibc; a short "x.invalid" does send a query). ".invalid" (RFC 6761)
  // guarantees it would not resolve anyway.
  CurlTransport transport(quickOptions());
  HttpRequest request = withSecrets(HttpRequest{});
  request.scheme = "https";
  request.host = std::string(64, 'a') + ".invalid";

  auto start = Clock::now();
  Error error = transportFailureOf(transport, request);
  CHECK(secondsSince(start) < 5);
  CHECK(nameOf(error.transport) == nameOf(TransportFailure::Dns));
  CHECK(error.message.find(request.host + ":443") != std::string::npos);
  checkMessageKeepsSecrets(error);
  MESSAGE(error.describe());
}

TEST_CASE("only http and https URLs are fetched") {
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());
  HttpRequest request;
  request.scheme = "file";
  request.host = "";
  request.path = "/etc/hostname";
  CHECK(nameOf(transportFailureOf(transport, request).transport) == nameOf(TransportFailure::Other));
}

// ---- Streaming: bodies read while sent, responses written while received ----------------------

namespace {

// A body of `size` bytes whose every byte depends on its offset, so a misplaced piece shows.
std::string patternBytes(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + i / 4096) & 0xFF);
  return out;
}

// A StreamedBody over `source` that records how it was read.
StreamedBody streamedFrom(const std::string& source, std::size_t* reads = nullptr) {
  StreamedBody body;
  body.size = source.size();
  body.readAt = [&source, reads](std::uint64_t offset, char* buffer, std::size_t capacity) {
    if (reads) ++*reads;
    std::size_t n = std::min<std::size_t>(capacity, source.size() - static_cast<std::size_t>(offset));
    std::memcpy(buffer, source.data() + offset, n);
    return n;
  };
  return body;
}

}  // namespace

TEST_CASE("a streamed body is sent in pieces with an exact Content-Length, for PUT and POST alike") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());
  const std::string source = patternBytes(3 * 1024 * 1024 + 17);

  for (const char* method : {"PUT", "POST"}) {
    CAPTURE(method);
    std::size_t reads = 0;
    HttpRequest request = requestTo(*server, method, "/streamed");
    request.streamedBody = streamedFrom(source, &reads);
    HttpResponse response = transport.send(request);
    REQUIRE(response.status == 200);
    Echo echo = parseEcho(response.body);
    CHECK(echo.method == method);
    CHECK(echo.values("Content-Length") == std::vector<std::string>{std::to_string(source.size())});
    CHECK(echo.values("Transfer-Encoding").empty());
    CHECK(echo.values("Expect").empty());
    CHECK(echo.body.size() == source.size());
    CHECK((echo.body == source));
    CHECK(reads > 1);  // read piece by piece, never as a whole
  }
}

TEST_CASE("an empty streamed body sends Content-Length: 0") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());
  const std::string empty;
  HttpRequest request = requestTo(*server, "PUT", "/empty");
  request.streamedBody = streamedFrom(empty);
  Echo echo = parseEcho(transport.send(request).body);
  CHECK(echo.values("Content-Length") == std::vector<std::string>{"0"});
  CHECK(echo.body.empty());
}

TEST_CASE("a 2xx body goes to the response sink in order; an error body stays in memory") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());
  const std::string source = patternBytes(2 * 1024 * 1024 + 5);

  std::string received;
  std::uint64_t expectedOffset = 0;
  bool contiguous = true;
  HttpRequest request = requestTo(*server, "PUT", "/sink");
  request.body = source;  // echoed back, so the response is as big as the body
  request.responseSink = [&](std::uint64_t offset, const char* data, std::size_t size) {
    contiguous = contiguous && offset == expectedOffset;
    expectedOffset += size;
    received.append(data, size);
  };
  HttpResponse response = transport.send(request);
  CHECK(response.status == 200);
  CHECK(response.bodyStreamed);
  CHECK(response.body.empty());
  CHECK(contiguous);
  CHECK((parseEcho(received).body == source));

  received.clear();
  HttpRequest failing = requestTo(*server, "GET", "/missing", "status=404");
  failing.responseSink = request.responseSink;
  HttpResponse notFound = transport.send(failing);
  CHECK(notFound.status == 404);
  CHECK_FALSE(notFound.bodyStreamed);
  CHECK(received.empty());
  CHECK(parseEcho(notFound.body).path == "/missing");
}

TEST_CASE("a body that cannot be read, or a sink that cannot write, fails with its own error") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  CurlTransport transport(quickOptions());

  HttpRequest request = requestTo(*server, "PUT", "/unreadable");
  request.streamedBody = StreamedBody{1 << 20, [](std::uint64_t offset, char*, std::size_t capacity) -> std::size_t {
                                        if (offset > 0) throw TransportError(transportError(TransportFailure::Other, "disk went away"));
                                        return std::min<std::size_t>(capacity, 1000);
                                      }};
  Error unreadable = transportFailureOf(transport, request);
  CHECK(unreadable.message == "disk went away");

  HttpRequest download = requestTo(*server, "GET", "/unwritable");
  download.responseSink = [](std::uint64_t, const char*, std::size_t) {
    throw TransportError(transportError(TransportFailure::Other, "disk full"));
  };
  CHECK(transportFailureOf(transport, download).message == "disk full");

  // The handle is fine afterwards.
  CHECK(transport.send(requestTo(*server, "GET", "/after")).status == 200);
}

TEST_CASE("a loopback-only transport refuses any other address, after name resolution") {
  // doctest_main.cpp sets AWSDIRECT_LOOPBACK_ONLY=1 for every test, so this transport is one.
  auto server = TestServer::startOrSkip();
  if (!server) return;
  CurlTransport transport;
  CHECK(transport.options().loopbackOnly);
  HttpRequest request;
  request.scheme = "http";
  request.host = server->authority();
  request.path = "/echo";
  CHECK(transport.send(request).status == 200);
  request.host = "localhost:" + std::to_string(server->port());  // a name that resolves to loopback
  CHECK(transport.send(request).status == 200);
  // 0.0.0.0 reaches this machine's own server on Linux, yet is not a loopback address: refused,
  // and no packet leaves the machine either way.
  request.host = "0.0.0.0:" + std::to_string(server->port());
  try {
    transport.send(request);
    FAIL("expected a refusal");
  } catch (const TransportError& e) {
    CHECK(e.error().transport == TransportFailure::Connect);
    CHECK(e.error().message.find("loopback addresses only: AWSDIRECT_LOOPBACK_ONLY") != std::string::npos);
  }
}

TEST_CASE("timeouts as botocore: a read timeout between bytes, a deadline on the whole exchange only when set") {
  auto server = TestServer::startOrSkip();
  if (!server) return;
  awsdirect_test::ran();
  TransportOptions options;
  options.connectTimeout = std::chrono::seconds(5);
  options.readTimeout = std::chrono::seconds(1);
  CHECK_FALSE(TransportOptions().requestTimeout);  // none by default
  CHECK(TransportOptions().readTimeout == std::chrono::seconds(60));

  // Slow but steady (2.5 s, never 1 s without a byte): it arrives whole.
  auto start = Clock::now();
  HttpResponse slow = CurlTransport(options).send(requestTo(*server, "GET", "/", "behaviour=trickle"));
  CHECK(slow.status == 200);
  CHECK(slow.body.size() == 100);
  CHECK(secondsSince(start) >= 2);

  // A stall: the read timeout ends it.
  start = Clock::now();
  CurlTransport reading(options);
  Error stalled = transportFailureOf(reading, requestTo(*server, "GET", "/", "behaviour=stall-body"));
  CHECK(nameOf(stalled.transport) == nameOf(TransportFailure::Timeout));
  CHECK(secondsSince(start) < 4);
  CHECK(stalled.message.find("read timeout 1000 ms") != std::string::npos);

  // With a deadline on the whole exchange, the same slow transfer fails.
  options.requestTimeout = std::chrono::milliseconds(1000);
  CurlTransport bounded(options);
  Error late = transportFailureOf(bounded, requestTo(*server, "GET", "/", "behaviour=trickle"));
  CHECK(nameOf(late.transport) == nameOf(TransportFailure::Timeout));
}
