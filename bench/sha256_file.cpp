// SHA-256 of a large file as S3 uploads hash it (the first pass over a streamed body), against
// OpenSSL's own speed on the same machine (`openssl speed -evp sha256`, 16 KiB blocks).
// `openssl speed` counts CPU time, so on a busy machine its figure is per CPU second; this bench
// reports both CPU-time and wall-clock rates, and `openssl speed -elapsed` for the latter.
//
//   bench_sha256_file [FILE]   (default: a 512 MiB file it writes in /tmp and removes after)
#include <awsdirect/detail/files.hpp>
#include <awsdirect/s3.hpp>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU seconds this process has used (user and system: reading the file counts too).
double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// OpenSSL's figure for 16 KiB blocks, in bytes per second, or 0 when the tool is absent.
double opensslSpeed(bool elapsed) {
  std::string command = std::string("openssl speed ") + (elapsed ? "-elapsed " : "") +
                        "-evp sha256 -seconds 3 -bytes 16384 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return 0;
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  // The last line: "sha256   1998655.25k" (thousands of bytes per second).
  std::size_t line = output.rfind("sha256");
  if (line == std::string::npos) return 0;
  double kilobytes = std::strtod(output.c_str() + output.find_first_of("0123456789", line + 6), nullptr);
  return kilobytes * 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "/tmp/awsdirect-bench-sha256.bin";
  const bool ownFile = argc <= 1;
  if (ownFile) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::vector<char> block(1 << 20);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<char>(i * 2654435761u >> 11);
    for (int i = 0; i < 512; ++i) {
      block[0] = static_cast<char>(i);
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
  }
  auto file = std::make_shared<const awsdirect::detail::FileSource>(path);
  const double size = static_cast<double>(file->size());
  awsdirect::StreamedBody body = awsdirect::detail::FileSource::region(file, 0, file->size());

  awsdirect::sha256(body);  // warm the page cache
  double bestCpu = 0, bestWall = 0;
  std::string digest;
  for (int round = 0; round < 5; ++round) {
    auto start = Clock::now();
    double cpuStart = cpuSeconds();
    digest = awsdirect::toHex(awsdirect::sha256(body));
    bestCpu = std::max(bestCpu, size / (cpuSeconds() - cpuStart));
    bestWall = std::max(bestWall, size / seconds(start));
  }
  const double openssl = opensslSpeed(false), opensslElapsed = opensslSpeed(true);

  std::printf("file:                            %s (%.0f MiB, in the page cache)\n", path.c_str(), size / (1 << 20));
  std::printf("sha256 of the file, CPU time:    %.1f MB/s (best of 5; %s)\n", bestCpu / 1e6, digest.c_str());
  std::printf("sha256 of the file, wall clock:  %.1f MB/s\n", bestWall / 1e6);
  if (openssl > 0) {
    std::printf("openssl speed -evp sha256:       %.1f MB/s (16 KiB blocks, CPU time)\n", openssl / 1e6);
    std::printf("openssl speed -elapsed ...:      %.1f MB/s (wall clock)\n", opensslElapsed / 1e6);
    std::printf("file hashing vs openssl:         %.0f%% (CPU time), %.0f%% (wall clock)\n", 100.0 * bestCpu / openssl,
                100.0 * bestWall / opensslElapsed);
  }
  if (ownFile) std::remove(path.c_str());
  return 0;
}
