// Uploads and downloads a big file with S3Transfer's defaults (8 MiB parts, 4 in flight) and
// reports throughput and this process's peak resident memory: the parts stream from and to the
// file, so the peak stays a few MiB above the baseline whatever the file's size.
//
//   bench_s3_transfer [--size-mib 256] [--endpoint-url URL]
// Without --endpoint-url it starts moto_server on a free loopback port (and stops it after).
// Check the peak independently with: /usr/bin/time -v bench_s3_transfer
#include <awsdirect/detail/files.hpp>
#include <awsdirect/s3.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../tests/support/moto.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Peak resident set size of this process so far, in MiB.
double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Current resident set size, in MiB (from /proc/self/statm).
double currentRssMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// Writes `mib` MiB of varied bytes, 1 MiB at a time, so the writing itself stays small.
void writeTestFile(const std::string& path, int mib) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::vector<char> block(1 << 20);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < mib; ++i) {
    for (auto& byte : block) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      byte = static_cast<char>(state);
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }
}

std::string fileSha256(const std::string& path) {
  auto file = std::make_shared<const awsdirect::detail::FileSource>(path);
  return awsdirect::toHex(awsdirect::sha256(awsdirect::detail::FileSource::region(file, 0, file->size())));
}

}  // namespace

int main(int argc, char** argv) {
  int sizeMiB = 256;
  std::string endpoint;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--size-mib") sizeMiB = std::atoi(argv[i + 1]);
    else if (flag == "--endpoint-url") endpoint = argv[i + 1];
  }

  std::unique_ptr<awsdirect_test::MotoServer> moto;
  awsdirect::ClientConfig config;
  if (endpoint.empty()) {
    moto = awsdirect_test::MotoServer::start();
    if (!moto) {
      std::fprintf(stderr, "bench_s3_transfer: moto_server is not installed; pass --endpoint-url\n");
      return 1;
    }
    config = moto->clientConfig();
    config.transportOptions.requestTimeout = std::chrono::minutes(5);
  } else {
    config.endpointUrl = endpoint;
  }

  const std::string source = "/tmp/awsdirect-bench-s3-upload.bin", target = "/tmp/awsdirect-bench-s3-download.bin";
  writeTestFile(source, sizeMiB);
  const double size = static_cast<double>(sizeMiB) * 1024 * 1024;

  awsdirect::S3 s3(config);
  awsdirect::S3Transfer transfer(s3);
  const std::string bucket = "awsdirect-bench";
  s3.send(awsdirect::S3::createBucket().bucket(bucket)).value();
  const double baseline = currentRssMiB();

  auto start = Clock::now();
  auto uploaded = transfer.uploadFile(awsdirect::s3::UploadFileRequest().bucket(bucket).key("big.bin").file(source)).value();
  const double uploadSeconds = seconds(start);
  const double peakAfterUpload = peakRssMiB();

  start = Clock::now();
  auto downloaded = transfer.downloadFile(awsdirect::s3::DownloadFileRequest().bucket(bucket).key("big.bin").file(target)).value();
  const double downloadSeconds = seconds(start);
  const double peakAfterDownload = peakRssMiB();

  const bool identical = fileSha256(source) == fileSha256(target);
  s3.send(awsdirect::S3::deleteObject().bucket(bucket).key("big.bin")).value();
  s3.send(awsdirect::S3::deleteBucket().bucket(bucket)).value();
  std::remove(source.c_str());
  std::remove(target.c_str());

  std::printf("file:                   %d MiB, %d parts of %llu MiB, 4 in flight\n", sizeMiB, uploaded.parts,
              static_cast<unsigned long long>(uploaded.partSize >> 20));
  std::printf("upload:                 %.2f s, %.1f MiB/s\n", uploadSeconds, size / uploadSeconds / (1 << 20));
  std::printf("download:               %.2f s, %.1f MiB/s (%d ranged parts)\n", downloadSeconds,
              size / downloadSeconds / (1 << 20), downloaded.parts);
  std::printf("byte-identical:         %s\n", identical ? "yes" : "NO");
  std::printf("RSS before transfers:   %.1f MiB\n", baseline);
  std::printf("peak RSS after upload:  %.1f MiB\n", peakAfterUpload);
  std::printf("peak RSS after download:%.1f MiB (limit 32 MiB)\n", peakAfterDownload);
  return identical && peakAfterDownload <= 32.0 ? 0 : 1;
}
