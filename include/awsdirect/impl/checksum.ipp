// Definitions of <awsdirect/checksum.hpp>.
#include <openssl/evp.h>
#include <zlib.h>

#include <array>

#include "../detail/text.hpp"
#include "../error.hpp"

namespace awsdirect {
namespace detail {

// A reflected CRC of 32 or 64 bits (all three of S3's are: initial value and final inversion all
// ones), eight bytes at a time with eight tables ("slicing-by-8"): about a byte per cycle. CRC32,
// the default, is zlib's instead, three times as fast (bench_checksum).
struct CrcEngine {
  std::uint64_t polynomial;  // reflected
  unsigned width;            // 32 or 64
  std::array<std::array<std::uint64_t, 256>, 8> tables{};

  CrcEngine(std::uint64_t reflectedPolynomial, unsigned bits) : polynomial(reflectedPolynomial), width(bits) {
    for (std::uint64_t byte = 0; byte < 256; ++byte) {
      std::uint64_t crc = byte;
      for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ polynomial : crc >> 1;
      tables[0][byte] = crc;
    }
    for (std::size_t t = 1; t < 8; ++t)
      for (std::size_t byte = 0; byte < 256; ++byte)
        tables[t][byte] = (tables[t - 1][byte] >> 8) ^ tables[0][tables[t - 1][byte] & 0xFF];
  }

  std::uint64_t mask() const { return width == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }

  // Feeds `size` bytes into a register (not inverted).
  std::uint64_t update(std::uint64_t crc, const unsigned char* p, std::size_t size) const {
    for (; size >= 8; p += 8, size -= 8) {
      std::uint64_t word = 0;  // little-endian, whatever the machine: the register is reflected
      for (int i = 7; i >= 0; --i) word = (word << 8) | p[i];
      const std::uint64_t v = crc ^ word;
      crc = tables[7][v & 0xFF] ^ tables[6][(v >> 8) & 0xFF] ^ tables[5][(v >> 16) & 0xFF] ^
            tables[4][(v >> 24) & 0xFF] ^ tables[3][(v >> 32) & 0xFF] ^ tables[2][(v >> 40) & 0xFF] ^
            tables[1][(v >> 48) & 0xFF] ^ tables[0][v >> 56];
    }
    for (; size; ++p, --size) crc = (crc >> 8) ^ tables[0][(crc ^ *p) & 0xFF];
    return crc;
  }

  // a * b modulo the polynomial, both reflected (x^0 is the top bit), as zlib's multmodp.
  std::uint64_t multiply(std::uint64_t a, std::uint64_t b) const {
    std::uint64_t product = 0;
    for (std::uint64_t m = std::uint64_t{1} << (width - 1); m; m >>= 1) {
      if (a & m) product ^= b;
      b = (b & 1) ? (b >> 1) ^ polynomial : b >> 1;
    }
    return product;
  }

  // The CRC of A followed by B from the CRCs of each (final values) and B's length: A's CRC moved
  // past B's length of zeros (x^(8 * length)), plus B's.
  std::uint64_t combine(std::uint64_t first, std::uint64_t second, std::uint64_t secondLength) const {
    std::uint64_t power = std::uint64_t{1} << (width - 9);  // x^8, reflected: x^k is bit width-1-k
    std::uint64_t shift = std::uint64_t{1} << (width - 1);  // x^0
    for (; secondLength; secondLength >>= 1) {
      if (secondLength & 1) shift = multiply(shift, power);
      power = multiply(power, power);
    }
    return multiply(shift, first) ^ second;
  }
};

AWSDIRECT_DECL const CrcEngine& crcEngine(ChecksumAlgorithm algorithm) {
  static const CrcEngine crc32Engine(0xEDB88320u, 32);
  static const CrcEngine crc32cEngine(0x82F63B78u, 32);
  static const CrcEngine crc64nvmeEngine(0x9A6C9329AC4BC9B5ull, 64);
  switch (algorithm) {
    case ChecksumAlgorithm::Crc32: return crc32Engine;
    case ChecksumAlgorithm::Crc32c: return crc32cEngine;
    default: return crc64nvmeEngine;
  }
}

AWSDIRECT_DECL std::uint64_t wholeCrc(ChecksumAlgorithm algorithm, std::string_view data) {
  const CrcEngine& engine = crcEngine(algorithm);
  return engine.update(engine.mask(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) ^ engine.mask();
}

// zlib's crc32 takes at most 4 GiB at once (uInt).
AWSDIRECT_DECL std::uint64_t zlibCrc32(std::uint64_t crc, const unsigned char* data, std::size_t size) {
  uLong value = static_cast<uLong>(crc);
  for (std::size_t piece; size; data += piece, size -= piece) {
    piece = std::min<std::size_t>(size, 1u << 30);
    value = ::crc32(value, data, static_cast<uInt>(piece));
  }
  return value;
}

std::uint32_t crc32(std::string_view data) {
  return static_cast<std::uint32_t>(zlibCrc32(0, reinterpret_cast<const unsigned char*>(data.data()), data.size()));
}
std::uint32_t crc32c(std::string_view data) { return static_cast<std::uint32_t>(wholeCrc(ChecksumAlgorithm::Crc32c, data)); }
std::uint64_t crc64nvme(std::string_view data) { return wholeCrc(ChecksumAlgorithm::Crc64Nvme, data); }

[[noreturn]] AWSDIRECT_DECL void throwChecksumFailure(const char* what) {
  throwError(makeError(ErrorKind::Configuration, "CryptoFailure", std::string("OpenSSL could not compute ") + what));
}

}  // namespace detail

const char* checksumAlgorithmName(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::Crc32: return "CRC32";
    case ChecksumAlgorithm::Crc32c: return "CRC32C";
    case ChecksumAlgorithm::Crc64Nvme: return "CRC64NVME";
    case ChecksumAlgorithm::Sha1: return "SHA1";
    case ChecksumAlgorithm::Sha256: return "SHA256";
    case ChecksumAlgorithm::Sha512: return "SHA512";
  }
  return "";
}

std::optional<ChecksumAlgorithm> checksumAlgorithmNamed(std::string_view name) {
  for (ChecksumAlgorithm algorithm : kChecksumAlgorithms)
    if (detail::equalsIgnoreCase(name, checksumAlgorithmName(algorithm))) return algorithm;
  return std::nullopt;
}

std::string checksumHeaderName(ChecksumAlgorithm algorithm) {
  return "x-amz-checksum-" + detail::toLower(checksumAlgorithmName(algorithm));
}

Checksum::Checksum(ChecksumAlgorithm algorithm) : algorithm_(algorithm) {
  const EVP_MD* digest = algorithm == ChecksumAlgorithm::Sha1     ? EVP_sha1()
                         : algorithm == ChecksumAlgorithm::Sha256 ? EVP_sha256()
                         : algorithm == ChecksumAlgorithm::Sha512 ? EVP_sha512()
                                                                  : nullptr;
  if (digest) {
    hash_.reset(EVP_MD_CTX_new());
    if (!hash_ || EVP_DigestInit_ex2(hash_.get(), digest, nullptr) != 1)
      detail::throwChecksumFailure(checksumAlgorithmName(algorithm));
  } else if (algorithm != ChecksumAlgorithm::Crc32) {
    crc_ = detail::crcEngine(algorithm).mask();
  }
}

Checksum& Checksum::update(const void* data, std::size_t size) {
  length_ += size;
  if (hash_) {
    if (size && EVP_DigestUpdate(hash_.get(), data, size) != 1) detail::throwChecksumFailure(checksumAlgorithmName(algorithm_));
  } else if (algorithm_ == ChecksumAlgorithm::Crc32) {
    crc_ = detail::zlibCrc32(crc_, static_cast<const unsigned char*>(data), size);
  } else {
    crc_ = detail::crcEngine(algorithm_).update(crc_, static_cast<const unsigned char*>(data), size);
  }
  return *this;
}

std::string Checksum::digest() const {
  if (hash_) {
    detail::DigestContext copy(EVP_MD_CTX_new());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), hash_.get()) != 1 || EVP_DigestFinal_ex(copy.get(), out, &size) != 1)
      detail::throwChecksumFailure(checksumAlgorithmName(algorithm_));
    return std::string(reinterpret_cast<const char*>(out), size);
  }
  const bool zlib = algorithm_ == ChecksumAlgorithm::Crc32;
  const std::uint64_t value = zlib ? crc_ : crc_ ^ detail::crcEngine(algorithm_).mask();
  const int width = zlib ? 32 : static_cast<int>(detail::crcEngine(algorithm_).width);
  std::string out;
  for (int shift = width - 8; shift >= 0; shift -= 8)
    out += static_cast<char>((value >> shift) & 0xFF);
  return out;
}

Checksum& Checksum::append(const Checksum& next) {
  if (hash_ || next.algorithm_ != algorithm_)
    throwError(makeError(ErrorKind::Validation, "ValidationError",
                         std::string("only CRCs of one algorithm combine, not ") + checksumAlgorithmName(algorithm_) +
                             " and " + checksumAlgorithmName(next.algorithm_)));
  if (algorithm_ == ChecksumAlgorithm::Crc32) {
    crc_ = ::crc32_combine64(static_cast<uLong>(crc_), static_cast<uLong>(next.crc_), static_cast<z_off64_t>(next.length_));
  } else {
    const detail::CrcEngine& engine = detail::crcEngine(algorithm_);
    crc_ = engine.combine(crc_ ^ engine.mask(), next.crc_ ^ engine.mask(), next.length_) ^ engine.mask();
  }
  length_ += next.length_;
  return *this;
}

std::string checksumOf(ChecksumAlgorithm algorithm, std::string_view data) {
  return Checksum(algorithm).update(data).value();
}

}  // namespace awsdirect
