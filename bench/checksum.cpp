// S3's flexible checksums over 256 MiB in memory, in the same run: each of awsdirect's (CRC32 on
// zlib, CRC32C and CRC64NVME on its own slicing-by-8 engine, SHA-1 and SHA-256 on OpenSSL)
// against zlib's crc32 called directly, as ratios. What an S3 upload costs is one read of the
// body feeding both the payload hash (SHA-256) and the checksum.
//
//   bench_checksum [MiB]   (default 256)
#include <awsdirect/checksum.hpp>

#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

// The best of three runs of `work` over `data`, in GB/s.
template <class Work>
double throughput(const std::string& data, Work work) {
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    const auto start = Clock::now();
    work();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    best = std::max(best, static_cast<double>(data.size()) / seconds / 1e9);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t mebibytes = argc > 1 ? static_cast<std::size_t>(std::atol(argv[1])) : 256;
  std::string data(mebibytes << 20, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 2654435761u) >> 13);

  volatile unsigned long long sink = 0;
  auto zlibCrc = [&] {
    uLong crc = crc32(0, nullptr, 0);
    for (std::size_t at = 0; at < data.size(); at += 1 << 20)
      crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + at), 1 << 20);
    return crc;
  };
  if (zlibCrc() != awsdirect::detail::crc32(data)) {  // the same value, or the comparison means nothing
    std::fprintf(stderr, "zlib's CRC32 and ours differ\n");
    return 1;
  }
  const double zlib = throughput(data, [&] { sink = sink + zlibCrc(); });
  std::printf("%zu MiB in memory, best of 3, GB/s; zlib's crc32 %.2f\n", mebibytes, zlib);
  for (awsdirect::ChecksumAlgorithm algorithm : awsdirect::kChecksumAlgorithms) {
    const double rate = throughput(data, [&] { sink = sink + awsdirect::Checksum(algorithm).update(data).digest().size(); });
    std::printf("  %-10s %6.2f   ratio to zlib's crc32 %.2f\n", awsdirect::checksumAlgorithmName(algorithm), rate, rate / zlib);
  }
  return 0;
}
