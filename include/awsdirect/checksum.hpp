#pragma once
// S3's flexible checksums: CRC32 (zlib), CRC32C, CRC64NVME, SHA-1, SHA-256 and SHA-512 (OpenSSL) of a body, computed in
// pieces as it streams, and (the CRCs) combined from parts computed apart, so that a download in
// parallel parts is verified against the whole object's checksum without reading it twice.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto.hpp"
#include "detail/build_mode.hpp"

namespace awsdirect {

enum class ChecksumAlgorithm { Crc32, Crc32c, Crc64Nvme, Sha1, Sha256, Sha512 };

// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512": as S3 names them in x-amz-sdk-checksum-algorithm,
// x-amz-checksum-algorithm and ChecksumAlgorithm.
AWSDIRECT_DECL const char* checksumAlgorithmName(ChecksumAlgorithm algorithm);
// The algorithm a name (any case) stands for, or nullopt.
AWSDIRECT_DECL std::optional<ChecksumAlgorithm> checksumAlgorithmNamed(std::string_view name);
// "x-amz-checksum-crc32": the header that carries a checksum of this algorithm.
AWSDIRECT_DECL std::string checksumHeaderName(ChecksumAlgorithm algorithm);
// Every algorithm, in the order a response's checksum headers are looked for (botocore's).
inline constexpr ChecksumAlgorithm kChecksumAlgorithms[] = {ChecksumAlgorithm::Crc64Nvme, ChecksumAlgorithm::Crc32c,
                                                            ChecksumAlgorithm::Crc32,     ChecksumAlgorithm::Sha1,
                                                            ChecksumAlgorithm::Sha256,    ChecksumAlgorithm::Sha512};

// A running checksum. update() it with the data in order; value() is the digest in base64 as S3
// writes it (a CRC big-endian). Move-only.
class Checksum {
 public:
  AWSDIRECT_DECL explicit Checksum(ChecksumAlgorithm algorithm);

  ChecksumAlgorithm algorithm() const { return algorithm_; }
  AWSDIRECT_DECL Checksum& update(const void* data, std::size_t size);
  Checksum& update(std::string_view data) { return update(data.data(), data.size()); }
  // The raw digest of everything updated so far (the checksum can still be updated after).
  AWSDIRECT_DECL std::string digest() const;
  std::string value() const { return base64Encode(digest()); }
  std::uint64_t length() const { return length_; }

  // CRCs only: whether append() works.
  bool combinable() const { return !hash_; }
  // Makes this the checksum of its data followed by `next`'s (a CRC of the same algorithm):
  // parts checksummed in parallel combine into the whole's.
  AWSDIRECT_DECL Checksum& append(const Checksum& next);

 private:
  ChecksumAlgorithm algorithm_;
  std::uint64_t crc_ = 0;  // a CRC's register, before its final inversion (CRC32: zlib's running value)
  std::uint64_t length_ = 0;
  detail::DigestContext hash_;  // SHA-1, SHA-256 and SHA-512
};

// The checksum of `data` in base64.
AWSDIRECT_DECL std::string checksumOf(ChecksumAlgorithm algorithm, std::string_view data);

namespace detail {
// The raw CRCs (initial value, final inversion and bit order of each standard), for tests and benchmarks.
AWSDIRECT_DECL std::uint32_t crc32(std::string_view data);
AWSDIRECT_DECL std::uint32_t crc32c(std::string_view data);
AWSDIRECT_DECL std::uint64_t crc64nvme(std::string_view data);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/checksum.ipp"
#endif
