// Signatures per second on one thread for a typical Query request (POST /, a ~100-byte form body,
// Host and Content-Type, the signer adding X-Amz-Date and Authorization).
//   warm: one Signer, its key cache warm, as a client's steady stream of calls
//   cold: a new Signer for every signature, so each one derives its key (four more HMACs)
// Measured in the thread's CPU time. Build with -DCMAKE_BUILD_TYPE=Release.
// Usage: bench_sigv4 [CPU seconds per figure, default 2]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <awsdirect/sigv4.hpp>
#include <awsdirect/time.hpp>

namespace {

awsdirect::HttpRequest describeClusters() {
  awsdirect::HttpRequest request;
  request.method = "POST";
  request.host = "redshift.us-east-1.amazonaws.com";
  request.path = "/";
  request.body = "Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=examplecluster&MaxRecords=100";
  request.headers.add("Host", request.host);
  request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  return request;
}

// CPU time of this thread: the figure is per core even when other processes share the machine.
double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Runs `signOnce` for about `seconds` of CPU time and returns calls per CPU second.
template <class F>
double perSecond(double seconds, F&& signOnce) {
  const double start = threadCpuSeconds();
  std::size_t calls = 0;
  double elapsed = 0;
  do {
    for (int i = 0; i < 1000; ++i) signOnce();
    calls += 1000;
    elapsed = threadCpuSeconds() - start;
  } while (elapsed < seconds);
  return static_cast<double>(calls) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const awsdirect::Credentials credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  awsdirect::SigningParams params;
  params.region = "us-east-1";
  params.service = "redshift";
  params.time = *awsdirect::parseAmzDate("20150830T123600Z");

  std::size_t checksum = 0;  // keeps the work observable
  const awsdirect::Signer signer;
  awsdirect::HttpRequest request = describeClusters();
  signer.sign(request, credentials, params);  // warm the key cache

  // Re-signing the same request, as a retry does: Authorization and X-Amz-Date are replaced.
  const double warm = perSecond(seconds, [&] {
    signer.sign(request, credentials, params);
    checksum += request.headers.size();
  });
  // A fresh copy of the unsigned request each time, as a client signs each call it builds.
  const awsdirect::HttpRequest unsignedRequest = describeClusters();
  const double warmWithCopy = perSecond(seconds, [&] {
    awsdirect::HttpRequest copy = unsignedRequest;
    signer.sign(copy, credentials, params);
    checksum += copy.headers.size();
  });
  const double cold = perSecond(seconds, [&] {
    const awsdirect::Signer fresh;
    fresh.sign(request, credentials, params);
    checksum += request.headers.size();
  });

  std::printf("SigV4, POST / Query request, %zu-byte body, one thread, per CPU second:\n", describeClusters().body.size());
  std::printf("  warm key cache, re-signing one request : %10.0f signatures/s (%.2f us each)\n", warm, 1e6 / warm);
  std::printf("  warm key cache, copy + sign            : %10.0f signatures/s (%.2f us each)\n", warmWithCopy,
              1e6 / warmWithCopy);
  std::printf("  cold (key derived every time)          : %10.0f signatures/s (%.2f us each)\n", cold, 1e6 / cold);
  return checksum == 0 ? 1 : 0;
}
