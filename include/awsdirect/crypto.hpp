#pragma once
// SHA-256 (of text, or of a streamed body) and HMAC-SHA256 on OpenSSL 3's EVP interface (the
// non-deprecated one), and lowercase hex.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "error.hpp"
#include "http.hpp"

namespace awsdirect {

using Sha256Digest = std::array<unsigned char, 32>;

namespace detail {

[[noreturn]] inline void throwCryptoFailure(const char* step) {
  throwError(makeError(ErrorKind::Configuration, "CryptoFailure", std::string("OpenSSL SHA-256 failed: ") + step));
}

// Fetched once: an implicit fetch (EVP_sha256()) would look the algorithm up on every init.
inline EVP_MD* sha256Algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!algorithm) throwCryptoFailure("SHA256 is not available from the OpenSSL providers");
  return algorithm;
}

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextDeleter>;

inline DigestContext newDigestContext() {
  DigestContext ctx(EVP_MD_CTX_new());
  if (!ctx) throwCryptoFailure("EVP_MD_CTX_new");
  return ctx;
}

inline void appendHex(std::string& out, const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.resize(start + 2 * size);
  char* p = &out[start];
  for (std::size_t i = 0; i < size; ++i) {
    *p++ = digits[data[i] >> 4];
    *p++ = digits[data[i] & 0x0F];
  }
}

inline std::string_view asBytes(const Sha256Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace detail

// Incremental SHA-256, for input that arrives in pieces (a file streamed to S3). Copying copies
// the running state, which is how HMAC keeps its key already absorbed.
class Sha256 {
 public:
  Sha256() : ctx_(detail::newDigestContext()) { reset(); }
  Sha256(const Sha256& other) : ctx_(detail::newDigestContext()) { copyStateFrom(other); }
  Sha256& operator=(const Sha256& other) {
    if (this != &other) copyStateFrom(other);
    return *this;
  }
  // A moved-from Sha256 may only be destroyed or assigned to.
  Sha256(Sha256&&) noexcept = default;
  Sha256& operator=(Sha256&&) noexcept = default;

  // Forgets everything hashed so far.
  void reset() {
    if (EVP_DigestInit_ex2(ctx_.get(), detail::sha256Algorithm(), nullptr) != 1) detail::throwCryptoFailure("init");
    finished_ = false;
  }
  Sha256& update(const void* data, std::size_t size) {
    if (finished_) reset();
    if (size && EVP_DigestUpdate(ctx_.get(), data, size) != 1) detail::throwCryptoFailure("update");
    return *this;
  }
  Sha256& update(std::string_view data) { return update(data.data(), data.size()); }
  // The digest of everything since the last reset or finish; the next update starts afresh.
  Sha256Digest finish() {
    if (finished_) reset();
    Sha256Digest digest;
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size) != 1 || size != digest.size())
      detail::throwCryptoFailure("final");
    finished_ = true;
    return digest;
  }

 private:
  void copyStateFrom(const Sha256& other) {
    if (EVP_MD_CTX_copy_ex(ctx_.get(), other.ctx_.get()) != 1) detail::throwCryptoFailure("copy");
    finished_ = other.finished_;
  }

  detail::DigestContext ctx_;
  bool finished_ = false;  // finish() leaves the context unusable until the next init
};

namespace detail {
// One hashing context per thread, reused, so one-shot hashing allocates nothing.
inline Sha256& threadScratchSha256() {
  thread_local Sha256 scratch;
  return scratch;
}
}  // namespace detail

inline Sha256Digest sha256(std::string_view data) {
  Sha256& hasher = detail::threadScratchSha256();
  hasher.reset();
  return hasher.update(data).finish();
}

// The SHA-256 of a streamed body (a file on its way to S3), read through in pieces of 1 MiB.
inline Sha256Digest sha256(const StreamedBody& body) {
  constexpr std::uint64_t pieceSize = 1 << 20;
  std::string buffer(static_cast<std::size_t>(std::min(body.size, pieceSize)), '\0');
  Sha256 hasher;
  for (std::uint64_t offset = 0; offset < body.size;) {
    const std::size_t wanted = static_cast<std::size_t>(std::min(body.size - offset, pieceSize));
    const std::size_t got = body.readAt(offset, &buffer[0], wanted);
    if (got == 0 || got > wanted)
      throwError(makeError(ErrorKind::Validation, "StreamedBodyTooShort",
                           "a streamed request body could not be read to its declared size"));
    hasher.update(buffer.data(), got);
    offset += got;
  }
  return hasher.finish();
}

inline std::string toHex(const void* data, std::size_t size) {
  std::string out;
  detail::appendHex(out, static_cast<const unsigned char*>(data), size);
  return out;
}
inline std::string toHex(std::string_view bytes) { return toHex(bytes.data(), bytes.size()); }
inline std::string toHex(const Sha256Digest& digest) { return toHex(digest.data(), digest.size()); }

inline constexpr char kBase64Digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Base64 (RFC 4648, with padding, on one line): Content-MD5, checksums, binary fixture bodies.
inline std::string base64Encode(const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::string out;
  out.reserve(4 * ((size + 2) / 3));
  for (std::size_t i = 0; i < size; i += 3) {
    unsigned n = static_cast<unsigned>(bytes[i]) << 16;
    if (i + 1 < size) n |= static_cast<unsigned>(bytes[i + 1]) << 8;
    if (i + 2 < size) n |= bytes[i + 2];
    out += kBase64Digits[(n >> 18) & 63];
    out += kBase64Digits[(n >> 12) & 63];
    out += i + 1 < size ? kBase64Digits[(n >> 6) & 63] : '=';
    out += i + 2 < size ? kBase64Digits[n & 63] : '=';
  }
  return out;
}
inline std::string base64Encode(std::string_view bytes) { return base64Encode(bytes.data(), bytes.size()); }
inline std::string base64Encode(const Sha256Digest& digest) { return base64Encode(digest.data(), digest.size()); }

// Decodes base64, skipping white space; nullopt on any other character outside the alphabet.
inline std::optional<std::string> base64Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    if (c == '=') break;
    const char* digit = std::char_traits<char>::find(kBase64Digits, 64, c);
    if (!digit) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(digit - kBase64Digits);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

inline std::string sha256Hex(std::string_view data) { return toHex(sha256(data)); }

namespace detail {
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

inline Sha256Digest hmacSha256(std::string_view key, std::string_view data) {
  const detail::HmacKeyBlocks blocks(key);
  Sha256& hasher = detail::threadScratchSha256();
  hasher.reset();
  const Sha256Digest inner = hasher.update(blocks.inner.data(), blocks.inner.size()).update(data).finish();
  return hasher.update(blocks.outer.data(), blocks.outer.size()).update(detail::asBytes(inner)).finish();
}
inline Sha256Digest hmacSha256(const Sha256Digest& key, std::string_view data) {
  return hmacSha256(detail::asBytes(key), data);
}

// HMAC-SHA256 with a fixed key whose padded blocks are absorbed once, up front: each mac() then
// costs the hashing of the message and one more block, instead of two extra key blocks.
// mac() is const and may be called from several threads at once.
class HmacSha256 {
 public:
  explicit HmacSha256(std::string_view key) {
    const detail::HmacKeyBlocks blocks(key);
    inner_.update(blocks.inner.data(), blocks.inner.size());
    outer_.update(blocks.outer.data(), blocks.outer.size());
  }
  explicit HmacSha256(const Sha256Digest& key) : HmacSha256(detail::asBytes(key)) {}

  Sha256Digest mac(std::string_view data) const {
    // Work on a per-thread copy of the absorbed state; the stored states are only read.
    Sha256& hasher = detail::threadScratchSha256();
    hasher = inner_;
    const Sha256Digest inner = hasher.update(data).finish();
    hasher = outer_;
    return hasher.update(detail::asBytes(inner)).finish();
  }

 private:
  Sha256 inner_, outer_;
};

}  // namespace awsdirect
