// Definitions of <awsdirect/crypto.hpp>.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

#include "../error.hpp"

namespace awsdirect {
namespace detail {

[[noreturn]] AWSDIRECT_DECL void throwCryptoFailure(const char* step) {
  throwError(makeError(ErrorKind::Configuration, "CryptoFailure", std::string("OpenSSL failed: ") + step));
}

// Fetched once: an implicit fetch (EVP_sha256()) would look the algorithm up on every init.
AWSDIRECT_DECL EVP_MD* sha256Algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!algorithm) throwCryptoFailure("SHA256 is not available from the OpenSSL providers");
  return algorithm;
}

void DigestContextDeleter::operator()(evp_md_ctx_st* context) const noexcept { EVP_MD_CTX_free(context); }

AWSDIRECT_DECL DigestContext newDigestContext() {
  DigestContext ctx(EVP_MD_CTX_new());
  if (!ctx) throwCryptoFailure("EVP_MD_CTX_new");
  return ctx;
}

void appendHex(std::string& out, const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.resize(start + 2 * size);
  char* p = &out[start];
  for (std::size_t i = 0; i < size; ++i) {
    *p++ = digits[data[i] >> 4];
    *p++ = digits[data[i] & 0x0F];
  }
}

// One hashing context per thread, reused, so one-shot hashing allocates nothing.
AWSDIRECT_DECL Sha256& threadScratchSha256() {
  thread_local Sha256 scratch;
  return scratch;
}

constexpr std::size_t kSha256BlockSize = 64;

// The key's two padded blocks of RFC 2104: (key or its hash, zero padded) XOR 0x36, and XOR 0x5c.
// Wiped on destruction, since they are as good as the key.
struct HmacKeyBlocks {
  std::array<unsigned char, kSha256BlockSize> inner{}, outer{};

  explicit HmacKeyBlocks(std::string_view key) {
    Sha256Digest hashedKey{};
    if (key.size() > kSha256BlockSize) {
      hashedKey = sha256(key);
      key = asBytes(hashedKey);
    }
    for (std::size_t i = 0; i < key.size(); ++i) inner[i] = outer[i] = static_cast<unsigned char>(key[i]);
    for (std::size_t i = 0; i < kSha256BlockSize; ++i) {
      inner[i] ^= 0x36;
      outer[i] ^= 0x5c;
    }
    OPENSSL_cleanse(hashedKey.data(), hashedKey.size());
  }
  ~HmacKeyBlocks() {
    OPENSSL_cleanse(inner.data(), inner.size());
    OPENSSL_cleanse(outer.data(), outer.size());
  }
  HmacKeyBlocks(const HmacKeyBlocks&) = delete;
  HmacKeyBlocks& operator=(const HmacKeyBlocks&) = delete;
};

}  // namespace detail

Sha256::Sha256() : ctx_(detail::newDigestContext()) { reset(); }

Sha256::Sha256(const Sha256& other) : ctx_(detail::newDigestContext()) { copyStateFrom(other); }

Sha256& Sha256::operator=(const Sha256& other) {
  if (this != &other) {
    if (!ctx_) ctx_ = detail::newDigestContext();
    copyStateFrom(other);
  }
  return *this;
}

void Sha256::reset() {
  if (EVP_DigestInit_ex2(ctx_.get(), detail::sha256Algorithm(), nullptr) != 1) detail::throwCryptoFailure("SHA-256 init");
  finished_ = false;
}

Sha256& Sha256::update(const void* data, std::size_t size) {
  if (finished_) reset();
  if (size && EVP_DigestUpdate(ctx_.get(), data, size) != 1) detail::throwCryptoFailure("SHA-256 update");
  return *this;
}

Sha256Digest Sha256::finish() {
  if (finished_) reset();
  Sha256Digest digest;
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size) != 1 || size != digest.size())
    detail::throwCryptoFailure("SHA-256 final");
  finished_ = true;
  return digest;
}

void Sha256::copyStateFrom(const Sha256& other) {
  if (EVP_MD_CTX_copy_ex(ctx_.get(), other.ctx_.get()) != 1) detail::throwCryptoFailure("SHA-256 copy");
  finished_ = other.finished_;
}

Sha256Digest sha256(std::string_view data) {
  Sha256& hasher = detail::threadScratchSha256();
  hasher.reset();
  return hasher.update(data).finish();
}

std::string sha1Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr) != 1)
    throw std::runtime_error("awsdirect: OpenSSL could not compute SHA-1");
  return toHex(digest, size);
}

void forEachPiece(const StreamedBody& streamed, const std::function<void(const char*, std::size_t)>& piece) {
  constexpr std::uint64_t pieceSize = 1 << 20;
  std::string buffer(static_cast<std::size_t>(std::min(streamed.size, pieceSize)), '\0');
  for (std::uint64_t offset = 0; offset < streamed.size;) {
    const std::size_t wanted = static_cast<std::size_t>(std::min(streamed.size - offset, pieceSize));
    const std::size_t got = streamed.readAt(offset, &buffer[0], wanted);
    if (got == 0 || got > wanted)
      throwError(makeError(ErrorKind::Validation, "StreamedBodyTooShort",
                           "a streamed request body could not be read to its declared size"));
    piece(buffer.data(), got);
    offset += got;
  }
}

Sha256Digest sha256(const StreamedBody& body) {
  Sha256 hasher;
  forEachPiece(body, [&](const char* data, std::size_t size) { hasher.update(data, size); });
  return hasher.finish();
}

std::string sha256Hex(std::string_view data) { return toHex(sha256(data)); }

std::string toHex(const void* data, std::size_t size) {
  std::string out;
  detail::appendHex(out, static_cast<const unsigned char*>(data), size);
  return out;
}

std::string base64Encode(const void* data, std::size_t size) {
  // EVP_EncodeBlock takes an int length: long inputs go in pieces of whole 3-byte groups.
  constexpr std::size_t piece = 3 << 20;
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::string out;
  out.resize(4 * ((size + 2) / 3) + 1);  // and the NUL EVP_EncodeBlock writes
  std::size_t written = 0;
  for (std::size_t at = 0; at < size; at += piece) {
    const int length = static_cast<int>(std::min(piece, size - at));
    written += static_cast<std::size_t>(
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[written]), bytes + at, length));
  }
  out.resize(written);
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text)
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') compact += c;
  std::size_t padding = 0;
  while (padding < compact.size() && padding < 2 && compact[compact.size() - 1 - padding] == '=') ++padding;
  if (compact.find('=') < compact.size() - padding) return std::nullopt;  // '=' only at the end
  if (compact.size() % 4 == 1) return std::nullopt;
  while (compact.size() % 4 != 0) {  // unpadded input
    compact += '=';
    ++padding;
  }
  if (compact.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  std::string out(compact.size() / 4 * 3 + 1, '\0');
  const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(&out[0]),
                                      reinterpret_cast<const unsigned char*>(compact.data()),
                                      static_cast<int>(compact.size()));
  if (decoded < 0 || static_cast<std::size_t>(decoded) < padding) return std::nullopt;
  out.resize(static_cast<std::size_t>(decoded) - padding);
  return out;
}

namespace detail {
AWSDIRECT_DECL std::string uuidOf(unsigned char (&b)[16]) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0x0F];
  }
  return out;
}

AWSDIRECT_DECL void fromThreadEngine(unsigned char (&b)[16]) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  for (int i = 0; i < 16; i += 8) {
    const std::uint64_t bits = engine();
    for (int j = 0; j < 8; ++j) b[i + j] = static_cast<unsigned char>(bits >> (8 * j));
  }
}
}  // namespace detail

std::string newUuid() {
  unsigned char b[16];
  // Should OpenSSL's generator fail (it should not), the thread's engine instead.
  if (RAND_bytes(b, sizeof b) != 1) detail::fromThreadEngine(b);
  return detail::uuidOf(b);
}

std::string newInvocationId() {
  unsigned char b[16];
  detail::fromThreadEngine(b);
  return detail::uuidOf(b);
}

std::string contentMd5(std::string_view body) {
  static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!md5 || EVP_Digest(body.data(), body.size(), digest, &size, md5, nullptr) != 1)
    throwError(makeError(ErrorKind::Configuration, "CryptoFailure", "OpenSSL MD5 is not available for Content-MD5"));
  return base64Encode(digest, size);
}

Sha256Digest hmacSha256(std::string_view key, std::string_view data) {
  const detail::HmacKeyBlocks blocks(key);
  Sha256& hasher = detail::threadScratchSha256();
  hasher.reset();
  const Sha256Digest inner = hasher.update(blocks.inner.data(), blocks.inner.size()).update(data).finish();
  return hasher.update(blocks.outer.data(), blocks.outer.size()).update(detail::asBytes(inner)).finish();
}

HmacSha256::HmacSha256(std::string_view key) {
  const detail::HmacKeyBlocks blocks(key);
  inner_.update(blocks.inner.data(), blocks.inner.size());
  outer_.update(blocks.outer.data(), blocks.outer.size());
}

Sha256Digest HmacSha256::mac(std::string_view data) const {
  // Work on a per-thread copy of the absorbed state; the stored states are only read.
  Sha256& hasher = detail::threadScratchSha256();
  hasher = inner_;
  const Sha256Digest inner = hasher.update(data).finish();
  hasher = outer_;
  return hasher.update(detail::asBytes(inner)).finish();
}

}  // namespace awsdirect
