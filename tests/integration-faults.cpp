// Faults as production meets them, injected by a loopback proxy (tests/support/fault_proxy.py) in
// front of a local AWS (moto_server): refused, reset and stalled connections, slow but steady
// transfers, bodies cut short or too long, a Range ignored, 5xx storms and throttling, captive
// portal pages and wrong documents, a clock 20 minutes off, a self-signed certificate, and an
// outage long enough to spend the retry quota. Each case checks how many requests reached the
// proxy, how long it took, the error's kind and code, that no file is left half-written, and
// that no secret appears in the message.
#include <doctest/doctest.h>

#include <awsdirect/curl_transport.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/secrets_manager.hpp>

#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/certificate.hpp"
#include "support/command.hpp"
#include "support/moto.hpp"
#include "support/scripted_transport.hpp"
#include "support/test_server.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;
using awsdirect_test::TestServer;
using Clock = std::chrono::steady_clock;

namespace {

// fault_proxy.py between the client and moto, injecting one fault.
class FaultProxy {
 public:
  FaultProxy(const MotoServer& moto, std::vector<std::string> arguments) {
    TestServer::Options options;
    options.script = AWSDIRECT_SOURCE_DIR "/tests/support/fault_proxy.py";
    options.arguments = {"--upstream", moto.endpoint()};
    options.arguments.insert(options.arguments.end(), arguments.begin(), arguments.end());
    server_ = std::make_unique<TestServer>(options);
  }

  std::string endpoint() const { return "http://" + server_->authority(); }

  // Requests the proxy has seen (retries included).
  int requests() const {
    HttpRequest request;
    request.scheme = "http";
    request.host = server_->authority();
    request.path = "/__fault_proxy/stats";
    const HttpResponse response = CurlTransport().send(request);
    return std::stoi(response.body.substr(response.body.find("requests ") + 9));
  }

 private:
  std::unique_ptr<TestServer> server_;
};

// moto's client configuration aimed at `endpoint`, with short timeouts and no total deadline.
ClientConfig through(const MotoServer& moto, const std::string& endpoint) {
  ClientConfig config = moto.clientConfig();
  config.endpointUrl = endpoint;
  config.transportOptions.connectTimeout = std::chrono::seconds(2);
  config.transportOptions.readTimeout = std::chrono::seconds(1);
  config.transportOptions.requestTimeout.reset();
  config.maxAttempts = 3;
  return config;
}

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// No secret in what a user would print or log.
void checkNoSecret(const MotoServer& moto, const Error& error) {
  const std::string text = error.describe() + " " + error.message;
  CHECK(text.find(moto.credentials().secretAccessKey.reveal()) == std::string::npos);
  CHECK(text.find("Signature=") == std::string::npos);
  CHECK(text.find("Credential=") == std::string::npos);
}

std::string pattern(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + 7) % 251);
  return out;
}

// A scratch folder; what is left in it is what a failed download left behind.
struct Scratch {
  Scratch() {
    char name[] = "/tmp/awsdirect-faults-XXXXXX";
    REQUIRE(mkdtemp(name));
    path = name;
  }
  ~Scratch() { std::system(("rm -rf '" + path + "'").c_str()); }
  bool empty() const { return std::system(("test -z \"$(ls -A '" + path + "')\"").c_str()) == 0; }
  std::string file(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

// moto with a bucket holding objects of 200 KB, 400 KB and 11 MiB.
std::unique_ptr<MotoServer> motoWithObjects() {
  auto moto = MotoServer::start();
  if (!moto) return nullptr;
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("faults")).ok());
  for (auto [key, size] : {std::pair<const char*, std::size_t>{"small", 200 * 1000}, {"medium", 400 * 1000},
                           {"big", 11 * s3::kMiB}})
    REQUIRE(s3.send(S3::putObject().bucket("faults").key(key).body(pattern(size))).ok());
  return moto;
}

// A download to a file through `fault`, applied to every GET: three attempts, a transport error,
// and no file, not even a temporary one.
void downloadFailsLeavingNothing(const MotoServer& moto, const char* fault) {
  CAPTURE(fault);
  Scratch scratch;
  FaultProxy proxy(moto, {"--fault", fault, "--method", "GET"});
  S3 s3(through(moto, proxy.endpoint()));
  auto failed = s3.send(S3::getObject().bucket("faults").key("small").toFile(scratch.file("small")));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind == ErrorKind::Transport);
  CHECK(proxy.requests() == 3);
  CHECK(scratch.empty());
  checkNoSecret(moto, failed.error());
}

}  // namespace

TEST_CASE("faults: refused, reset and stalled connections, and a slow but steady transfer") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();

  {  // Refused: nothing listens. Three attempts, backoff only.
    S3 s3(through(*moto, "http://127.0.0.1:" + std::to_string(awsdirect_test::freeLoopbackPort())));
    const auto start = Clock::now();
    auto refused = s3.send(S3::listBuckets());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::Transport);
    CHECK(refused.error().transport == TransportFailure::Connect);
    CHECK(secondsSince(start) < 6);
    checkNoSecret(*moto, refused.error());
  }
  {  // Reset before any answer, twice: the third attempt succeeds.
    FaultProxy proxy(*moto, {"--fault", "reset-before", "--times", "2"});
    S3 s3(through(*moto, proxy.endpoint()));
    auto got = s3.send(S3::getObject().bucket("faults").key("small"));
    REQUIRE_MESSAGE(got.ok(), got.error().describe());
    CHECK(got.value().body == pattern(200 * 1000));
    CHECK(proxy.requests() == 3);
  }
  {  // Reset forever: three attempts, a typed transport error.
    FaultProxy proxy(*moto, {"--fault", "reset-before"});
    S3 s3(through(*moto, proxy.endpoint()));
    const auto start = Clock::now();
    auto failed = s3.send(S3::getObject().bucket("faults").key("small"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Transport);
    CHECK(proxy.requests() == 3);
    CHECK(secondsSince(start) < 6);
    checkNoSecret(*moto, failed.error());
  }
  downloadFailsLeavingNothing(*moto, "reset-mid");  // reset halfway through the body, forever
  {  // A stall: each attempt ends at the 1 s read timeout.
    FaultProxy proxy(*moto, {"--fault", "stall", "--method", "GET"});
    S3 s3(through(*moto, proxy.endpoint()));
    const auto start = Clock::now();
    auto stalled = s3.send(S3::getObject().bucket("faults").key("small"));
    const double elapsed = secondsSince(start);
    REQUIRE_FALSE(stalled.ok());
    CHECK(stalled.error().transport == TransportFailure::Timeout);
    CHECK(proxy.requests() == 3);
    CHECK(elapsed >= 3);
    CHECK(elapsed < 10);
    checkNoSecret(*moto, stalled.error());
  }
  {  // Slow but steady (400 KB at 100 KB/s, 4 s): the 1 s read timeout never fires.
    FaultProxy proxy(*moto, {"--fault", "slow", "--method", "GET", "--rate", "100000"});
    S3 s3(through(*moto, proxy.endpoint()));
    const auto start = Clock::now();
    auto slow = s3.send(S3::getObject().bucket("faults").key("medium"));
    REQUIRE_MESSAGE(slow.ok(), slow.error().describe());
    CHECK(secondsSince(start) >= 3);
    CHECK(slow.value().body == pattern(400 * 1000));
    CHECK(proxy.requests() == 1);
  }
}

TEST_CASE("faults: bodies cut short or too long, and a Range ignored, never make a corrupt file") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Scratch scratch;

  {  // Cut short once: the retry brings it whole.
    FaultProxy proxy(*moto, {"--fault", "truncate", "--method", "GET", "--times", "1"});
    S3 s3(through(*moto, proxy.endpoint()));
    auto got = s3.send(S3::getObject().bucket("faults").key("small").toFile(scratch.file("small")));
    REQUIRE_MESSAGE(got.ok(), got.error().describe());
    CHECK(proxy.requests() == 2);
    CHECK((awsdirect_test::readFile(scratch.file("small")) == pattern(200 * 1000)));
    std::system(("rm -f '" + scratch.file("small") + "'").c_str());
  }
  downloadFailsLeavingNothing(*moto, "truncate");  // cut short, forever
  const s3::TransferConfig parts = s3::TransferConfig().withMultipartThreshold(5 * s3::kMiB).withMultipartChunkSize(5 * s3::kMiB);
  for (const char* fault : {"ignore-range", "oversize"}) {
    CAPTURE(fault);
    // A proxy that ignores Range (the whole object for each part), or parts longer than asked.
    FaultProxy proxy(*moto, {"--fault", fault, "--method", "GET"});
    S3 s3(through(*moto, proxy.endpoint()));
    S3Transfer transfer(s3, parts);
    auto failed = transfer.downloadFile(s3::DownloadFileRequest().bucket("faults").key("big").file(scratch.file("big")));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Integrity);
    CHECK((failed.error().code == "UnexpectedLength" || failed.error().code == "UnexpectedRange"));
    CHECK(scratch.empty());
    checkNoSecret(*moto, failed.error());
  }
}

TEST_CASE("faults: 5xx storms and throttling are retried within bounds, and end typed") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();

  struct Storm {
    int status;
    const char* code;
  };
  const Storm storms[] = {{500, "InternalError"}, {502, "BadGateway"}, {503, "SlowDown"}, {504, "GatewayTimeout"}};
  for (Storm storm : storms) {  // twice, then through (without the backoff's waits)
    CAPTURE(storm.status);
    FaultProxy proxy(*moto, {"--fault", "status", "--status", std::to_string(storm.status), "--code", storm.code, "--times", "2"});
    S3 s3(through(*moto, proxy.endpoint()));
    awsdirect_test::instantRetries(s3);
    auto put = s3.send(S3::putObject().bucket("faults").key("after-storm").body("fine"));
    REQUIRE_MESSAGE(put.ok(), put.error().describe());
    CHECK(proxy.requests() == 3);
  }
  for (Storm storm : storms) {  // forever
    CAPTURE(storm.status);
    FaultProxy proxy(*moto, {"--fault", "status", "--status", std::to_string(storm.status), "--code", storm.code});
    S3 s3(through(*moto, proxy.endpoint()));
    const auto start = Clock::now();
    auto failed = s3.send(S3::listObjectsV2().bucket("faults"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Service);
    CHECK(failed.error().httpStatus == storm.status);
    CHECK(failed.error().code == storm.code);
    CHECK(failed.error().requestId == "fault-proxy-1");
    CHECK(proxy.requests() == 3);
    CHECK(secondsSince(start) < 6);  // backoff: at most 1 s, then 2 s
    checkNoSecret(*moto, failed.error());
  }
  {  // Query's Throttling, twice, then through.
    FaultProxy proxy(*moto, {"--fault", "status", "--status", "400", "--code", "Throttling", "--times", "2"});
    Redshift redshift(through(*moto, proxy.endpoint()));
    auto clusters = redshift.send(Redshift::describeClusters());
    REQUIRE_MESSAGE(clusters.ok(), clusters.error().describe());
    CHECK(proxy.requests() == 3);
  }
}

TEST_CASE("faults: a JSON service's 5xx storms, throttling, a portal's page and a skewed clock, typed and bounded") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  REQUIRE(SecretsManager(moto->clientConfig()).send(SecretsManager::createSecret().name("faulty").secretString("v")).ok());
  for (const char* code : {"InternalServiceError", "ThrottlingException"}) {  // twice, then through
    CAPTURE(code);
    const std::string status = std::string(code) == "ThrottlingException" ? "400" : "500";
    FaultProxy proxy(*moto, {"--fault", "status", "--status", status, "--code", code, "--times", "2"});
    SecretsManager secrets(through(*moto, proxy.endpoint()));
    awsdirect_test::instantRetries(secrets);
    auto value = secrets.send(SecretsManager::getSecretValue().secretId("faulty"));
    REQUIRE_MESSAGE(value.ok(), value.error().describe());
    CHECK(value.value().secretString->reveal() == "v");
    CHECK(proxy.requests() == 3);
  }
  {  // forever: the last error, typed, after the bounded attempts
    FaultProxy proxy(*moto, {"--fault", "status", "--status", "503", "--code", "ServiceUnavailable"});
    SecretsManager secrets(through(*moto, proxy.endpoint()));
    awsdirect_test::instantRetries(secrets);
    auto failed = secrets.send(SecretsManager::describeSecret().secretId("faulty"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == "ServiceUnavailable");
    CHECK(failed.error().httpStatus == 503);
    CHECK(failed.error().requestId == "fault-proxy-1");
    CHECK(proxy.requests() == 3);
    checkNoSecret(*moto, failed.error());
  }
  {  // a portal's page is not an empty result
    FaultProxy proxy(*moto, {"--fault", "html"});
    SecretsManager secrets(through(*moto, proxy.endpoint()));
    auto listed = secrets.send(SecretsManager::listSecrets());
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().kind == ErrorKind::Parse);
  }
  {  // a clock 20 minutes off: corrected once, then the call goes through
    FaultProxy proxy(*moto, {"--fault", "skew", "--skew", "1200"});
    SecretsManager secrets(through(*moto, proxy.endpoint()));
    auto value = secrets.send(SecretsManager::getSecretValue().secretId("faulty"));
    REQUIRE_MESSAGE(value.ok(), value.error().describe());
    CHECK(secrets.core().clockOffset() > std::chrono::minutes(19));
    CHECK(proxy.requests() == 2);
  }
}

TEST_CASE("faults: a captive portal's page, another operation's answer or an empty body is never a result") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  for (const char* fault : {"html", "wrong-document", "empty"}) {
    CAPTURE(fault);
    FaultProxy proxy(*moto, {"--fault", fault});
    Redshift redshift(through(*moto, proxy.endpoint()));
    auto clusters = redshift.send(Redshift::describeClusters());
    REQUIRE_FALSE(clusters.ok());  // not "no clusters"
    CHECK(clusters.error().kind == ErrorKind::Parse);
    CHECK(proxy.requests() == 1);  // a Query answer that is not the answer is not retried (botocore)
    if (std::string(fault) == "wrong-document")
      CHECK(clusters.error().message.find("<DescribeDBInstancesResponse>") != std::string::npos);
    if (std::string(fault) == "html") CHECK(clusters.error().message.find("<!DOCTYPE html>") != std::string::npos);
    // A waiter for deletion is not fooled into success.
    WaitOptions once;
    once.timeout = std::chrono::seconds(1);
    once.delay = std::chrono::milliseconds(10);
    auto deleted = redshift.waitUntilDeleted("live-cluster", once);
    CHECK_FALSE(deleted.ok());
  }
  {  // S3 retries a 200 that is not XML, as botocore, and then says what arrived.
    FaultProxy proxy(*moto, {"--fault", "html"});
    S3 s3(through(*moto, proxy.endpoint()));
    auto listed = s3.send(S3::listObjectsV2().bucket("faults"));
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().kind == ErrorKind::Parse);
    CHECK(listed.error().code == "MalformedXml");
    CHECK(proxy.requests() == 3);
  }
}

TEST_CASE("faults: a clock 20 minutes off is corrected once per client, for S3 and Query") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  FaultProxy proxy(*moto, {"--fault", "skew", "--skew", "1200"});
  S3 s3(through(*moto, proxy.endpoint()));
  auto first = s3.send(S3::listObjectsV2().bucket("faults"));
  REQUIRE_MESSAGE(first.ok(), first.error().describe());
  CHECK(proxy.requests() == 2);
  CHECK(s3.core().clockOffset() > std::chrono::minutes(19));
  CHECK(s3.core().clockOffset() < std::chrono::minutes(21));
  REQUIRE(s3.send(S3::listObjectsV2().bucket("faults")).ok());
  CHECK(proxy.requests() == 3);  // later calls sign by AWS's clock at once

  Redshift redshift(through(*moto, proxy.endpoint()));
  auto clusters = redshift.send(Redshift::describeClusters());
  REQUIRE_MESSAGE(clusters.ok(), clusters.error().describe());
  CHECK(proxy.requests() == 5);
}

TEST_CASE("faults: TLS with a self-signed certificate is refused by default and accepted with AWS_CA_BUNDLE") {
  awsdirect_test::SelfSignedCertificate certificate;
  if (!certificate.available) return awsdirect_test::skip("no openssl program");
  auto moto = MotoServer::start({}, {certificate.certFile, certificate.keyFile});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();

  S3 strict(through(*moto, moto->endpoint()));
  auto refused = strict.send(S3::listBuckets());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::Transport);
  CHECK(refused.error().transport == TransportFailure::Tls);
  checkNoSecret(*moto, refused.error());

  ClientConfig trusting = through(*moto, moto->endpoint());
  trusting.environment = Environment::fromMap({{"AWS_CA_BUNDLE", certificate.certFile}});
  auto accepted = S3(trusting).send(S3::listBuckets());
  REQUIRE_MESSAGE(accepted.ok(), accepted.error().describe());
}

TEST_CASE("faults: an outage spends the client's retry quota, then calls fail at once instead of multiplying the load") {
  auto moto = motoWithObjects();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  FaultProxy proxy(*moto, {"--fault", "status", "--status", "503", "--code", "ServiceUnavailable"});
  S3 s3(through(*moto, proxy.endpoint()));
  awsdirect_test::instantRetries(s3);
  // 500 tokens, 5 per retry: 50 calls make their 3 attempts, the next 10 one each.
  std::string lastMessage;
  for (int call = 0; call < 60; ++call) {
    auto failed = s3.send(S3::listObjectsV2().bucket("faults"));
    REQUIRE_FALSE(failed.ok());
    lastMessage = failed.error().message;
  }
  CHECK(proxy.requests() == 50 * 3 + 10);
  CHECK(lastMessage.find("retry quota") != std::string::npos);
}
