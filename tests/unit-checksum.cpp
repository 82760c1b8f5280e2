// S3's flexible checksums against the catalogue's check values ("123456789") and Python's
// binascii and hashlib; pieces and combined parts against the whole.
#include <doctest/doctest.h>

#include <string>

#include <awsdirect/checksum.hpp>
#include <awsdirect/error.hpp>

using namespace awsdirect;

namespace {
std::string patterned(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 7 + 3) % 256);
  return out;
}
}  // namespace

TEST_CASE("the CRCs match their catalogue check values and binascii") {
  CHECK(detail::crc32("123456789") == 0xCBF43926u);
  CHECK(detail::crc32c("123456789") == 0xE3069283u);
  CHECK(detail::crc64nvme("123456789") == 0xAE8B14860A799888ull);
  CHECK(detail::crc32("") == 0);
  CHECK(detail::crc32(patterned(100000)) == 0xF730CAA8u);  // binascii.crc32
  CHECK(checksumOf(ChecksumAlgorithm::Crc32, "hello world") == "DUoRhQ==");
  CHECK(checksumOf(ChecksumAlgorithm::Crc32, "") == "AAAAAA==");
  CHECK(checksumOf(ChecksumAlgorithm::Sha1, "hello world") == "Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
  CHECK(checksumOf(ChecksumAlgorithm::Sha256, "hello world") == "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
  CHECK(checksumOf(ChecksumAlgorithm::Sha512, "hello world") ==
        "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==");
  CHECK(Checksum(ChecksumAlgorithm::Crc64Nvme).digest().size() == 8);
}

TEST_CASE("a checksum given its data in pieces equals the whole's, and CRC parts combine into the whole's") {
  const std::string data = patterned(300007);
  for (ChecksumAlgorithm algorithm : kChecksumAlgorithms) {
    CAPTURE(checksumAlgorithmName(algorithm));
    const std::string whole = checksumOf(algorithm, data);
    Checksum pieces(algorithm);
    for (std::size_t at = 0; at < data.size(); at += 4093) pieces.update(std::string_view(data).substr(at, 4093));
    CHECK(pieces.value() == whole);
    CHECK(pieces.length() == data.size());
    if (!pieces.combinable()) continue;
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{8}, std::size_t{65536}, data.size()}) {
      Checksum first(algorithm), second(algorithm);
      first.update(std::string_view(data).substr(0, split));
      second.update(std::string_view(data).substr(split));
      CHECK(first.append(second).value() == whole);
    }
  }
  Checksum sha(ChecksumAlgorithm::Sha256);
  CHECK_THROWS_AS(sha.append(Checksum(ChecksumAlgorithm::Sha256)), Exception);
  Checksum crc(ChecksumAlgorithm::Crc32);
  CHECK_THROWS_AS(crc.append(Checksum(ChecksumAlgorithm::Crc32c)), Exception);
}

TEST_CASE("algorithm names as S3 writes them") {
  CHECK(checksumAlgorithmNamed("crc32c") == ChecksumAlgorithm::Crc32c);
  CHECK(checksumAlgorithmNamed("SHA256") == ChecksumAlgorithm::Sha256);
  CHECK_FALSE(checksumAlgorithmNamed("MD5"));
  CHECK(checksumHeaderName(ChecksumAlgorithm::Crc64Nvme) == "x-amz-checksum-crc64nvme");
}
