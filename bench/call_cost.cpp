// CPU per call: what one DescribeClusters costs the calling thread, measured in one run.
//   in memory   the whole pipeline (validate, serialize, sign, send through a transport that
//               answers at once, classify, parse) with no network: awsdirect's own cost;
//   loopback    the same call over curl to a local keep-alive server, next to a raw libcurl loop
//               sending the same request (method, headers, body) on one easy handle: what the
//               pipeline adds to the transport it needs anyway;
//   botocore    with --botocore, botocore's in-memory cost for the same call (bench/botocore_call_cost.py,
//               its before-send event answering), as a ratio.
//   bench_call_cost [calls] [--botocore]
#include <curl/curl.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <awsdirect/redshift.hpp>

#include "support/loopback_server.hpp"

namespace {

double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Answers every request at once, from memory.
class AnswerAtOnce final : public awsdirect::Transport {
 public:
  awsdirect::HttpResponse send(const awsdirect::HttpRequest&) override {
    awsdirect::HttpResponse response;
    response.status = 200;
    response.headers.set("Content-Type", "text/xml");
    response.body = bench::kBody;
    return response;
  }
};

awsdirect::ClientConfig configFor(const std::string& endpoint) {
  awsdirect::ClientConfig config;
  config.environment = awsdirect::Environment::fromMap({});
  config.region = "us-east-1";
  config.endpointUrl = endpoint;
  config.credentialsProvider = std::make_shared<awsdirect::StaticCredentialsProvider>("AKIDEXAMPLE", "secret");
  return config;
}

// Microseconds of this thread's CPU per call of `call`, after a warm-up.
template <class Call>
double microsecondsPerCall(long calls, Call call) {
  for (long i = 0; i < calls / 10 + 1; ++i) call();
  const double start = threadCpuSeconds();
  for (long i = 0; i < calls; ++i) call();
  return (threadCpuSeconds() - start) / static_cast<double>(calls) * 1e6;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

}  // namespace

int main(int argc, char** argv) {
  const long calls = argc > 1 && argv[1][0] != '-' ? std::atol(argv[1]) : 20000;
  bool botocore = false;
  for (int i = 1; i < argc; ++i) botocore |= std::strcmp(argv[i], "--botocore") == 0;
  auto failed = [](const char* what) {
    std::fprintf(stderr, "bench_call_cost: a %s call failed\n", what);
    std::exit(1);
  };

  // In memory.
  awsdirect::ClientConfig memoryConfig = configFor("https://redshift.us-east-1.amazonaws.com");
  memoryConfig.transport = std::make_shared<AnswerAtOnce>();
  awsdirect::Redshift inMemory(memoryConfig);
  const double memory = microsecondsPerCall(calls, [&] {
    if (!inMemory.send(awsdirect::Redshift::describeClusters().clusterIdentifier("redshift-cluster")).ok()) failed("in-memory");
  });

  // Loopback: awsdirect over curl, then raw libcurl with the request awsdirect sent.
  bench::Server server;
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(server.port());
  awsdirect::Redshift overCurl(configFor(endpoint));
  const double client = microsecondsPerCall(calls, [&] {
    if (!overCurl.send(awsdirect::Redshift::describeClusters().clusterIdentifier("redshift-cluster")).ok()) failed("loopback");
  });

  const std::string body = "Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=redshift-cluster";
  CURL* easy = curl_easy_init();
  curl_slist* headers = nullptr;
  for (const char* h : {"Content-Type: application/x-www-form-urlencoded; charset=utf-8", "User-Agent: awsdirect/0.1.0",
                        "X-Amz-Date: 20261206T120000Z", "amz-sdk-invocation-id: 6f1c3b1e-3a5f-4b8e-9e2d-1c2b3a4d5e6f",
                        "amz-sdk-request: attempt=1; max=3",
                        "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261206/us-east-1/redshift/aws4_request, "
                        "SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                        "Expect:"})
    headers = curl_slist_append(headers, h);
  curl_easy_setopt(easy, CURLOPT_URL, (endpoint + "/").c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &discard);
  const double raw = microsecondsPerCall(calls, [&] {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    if (curl_easy_perform(easy) != CURLE_OK) failed("raw libcurl");
  });
  curl_slist_free_all(headers);
  curl_easy_cleanup(easy);

  std::printf("DescribeClusters, %ld calls each, CPU of the calling thread per call\n", calls);
  std::printf("  in memory (awsdirect's pipeline alone): %8.2f us\n", memory);
  std::printf("  loopback, awsdirect over curl:          %8.2f us\n", client);
  std::printf("  loopback, raw libcurl, same request:    %8.2f us\n", raw);
  std::printf("  awsdirect / raw libcurl:                %8.2f\n", client / raw);
  if (botocore) {
    const std::string command = "python3 " + std::string(AWSDIRECT_BENCH_DIR) + "/botocore_call_cost.py " +
                                std::to_string(calls / 10 > 2000 ? calls / 10 : 2000);
    FILE* pipe = popen(command.c_str(), "r");
    double botocoreUs = 0;
    if (!pipe || std::fscanf(pipe, "%lf", &botocoreUs) != 1) failed("botocore");
    pclose(pipe);
    std::printf("  in memory, botocore:                    %8.2f us\n", botocoreUs);
    std::printf("  botocore / awsdirect, in memory:        %8.1f\n", botocoreUs / memory);
  }
  return 0;
}
