#pragma once
// SHA-256 (of text, or of a streamed body), HMAC-SHA256, MD5 for Content-MD5, base64 and
// lowercase hex, on OpenSSL 3's EVP interface (the non-deprecated one).
#include <array>
#include <functional>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "detail/build_mode.hpp"
#include "http.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace awsdirect {

using Sha256Digest = std::array<unsigned char, 32>;

namespace detail {
struct DigestContextDeleter {
  AWSDIRECT_DECL void operator()(evp_md_ctx_st* context) const noexcept;
};
using DigestContext = std::unique_ptr<evp_md_ctx_st, DigestContextDeleter>;

AWSDIRECT_DECL void appendHex(std::string& out, const unsigned char* data, std::size_t size);
inline std::string_view asBytes(const Sha256Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}
}  // namespace detail

// Incremental SHA-256, for input that arrives in pieces (a file streamed to S3). Copying copies
// the running state, which is how HMAC keeps its key already absorbed.
class Sha256 {
 public:
  AWSDIRECT_DECL Sha256();
  AWSDIRECT_DECL Sha256(const Sha256& other);
  AWSDIRECT_DECL Sha256& operator=(const Sha256& other);
  // A moved-from Sha256 may only be destroyed or assigned to.
  Sha256(Sha256&&) noexcept = default;
  Sha256& operator=(Sha256&&) noexcept = default;

  // Forgets everything hashed so far.
  AWSDIRECT_DECL void reset();
  AWSDIRECT_DECL Sha256& update(const void* data, std::size_t size);
  Sha256& update(std::string_view data) { return update(data.data(), data.size()); }
  // The digest of everything since the last reset or finish; the next update starts afresh.
  AWSDIRECT_DECL Sha256Digest finish();

 private:
  AWSDIRECT_DECL void copyStateFrom(const Sha256& other);

  detail::DigestContext ctx_;
  bool finished_ = false;  // finish() leaves the context unusable until the next init
};

AWSDIRECT_DECL Sha256Digest sha256(std::string_view data);
// Reads a streamed body through in pieces of up to 1 MiB, handing each to `piece`. Throws a
// ValidationError (StreamedBodyTooShort) when the body ends before its size.
AWSDIRECT_DECL void forEachPiece(const StreamedBody& streamed, const std::function<void(const char*, std::size_t)>& piece);
// The SHA-256 of a streamed body (a file on its way to S3), read through in pieces of 1 MiB.
AWSDIRECT_DECL Sha256Digest sha256(const StreamedBody& body);
AWSDIRECT_DECL std::string sha256Hex(std::string_view data);
// SHA-1, in hex: only where AWS names a file by it (the SSO token cache), never for security.
AWSDIRECT_DECL std::string sha1Hex(std::string_view data);

AWSDIRECT_DECL std::string toHex(const void* data, std::size_t size);
inline std::string toHex(std::string_view bytes) { return toHex(bytes.data(), bytes.size()); }
inline std::string toHex(const Sha256Digest& digest) { return toHex(digest.data(), digest.size()); }

// Base64 (RFC 4648, with padding, on one line): Content-MD5, checksums, binary fixture bodies.
AWSDIRECT_DECL std::string base64Encode(const void* data, std::size_t size);
inline std::string base64Encode(std::string_view bytes) { return base64Encode(bytes.data(), bytes.size()); }
inline std::string base64Encode(const Sha256Digest& digest) { return base64Encode(digest.data(), digest.size()); }
// Decodes base64, skipping white space (padding may be left out); nullopt on anything else
// outside the alphabet.
AWSDIRECT_DECL std::optional<std::string> base64Decode(std::string_view text);

// A random UUID, version 4 ("f81d4fae-7dec-4d0a-a765-00a0c91e6bf6"), as botocore makes them for
// idempotency tokens, from OpenSSL's generator: never the same in a forked child as in its parent,
// as two requests meant as different must not share a token.
AWSDIRECT_DECL std::string newUuid();
// The same form for amz-sdk-invocation-id, which only ties one call's attempts together in AWS's
// logs, made on every call: from an engine of the thread's, seeded once (OpenSSL's generator
// costs a system call a time, to notice a fork).
AWSDIRECT_DECL std::string newInvocationId();

// Base64 of the MD5 of `body`: the Content-MD5 header S3 requires on some operations. (MD5 as an
// integrity check, not for security.)
AWSDIRECT_DECL std::string contentMd5(std::string_view body);

AWSDIRECT_DECL Sha256Digest hmacSha256(std::string_view key, std::string_view data);
inline Sha256Digest hmacSha256(const Sha256Digest& key, std::string_view data) {
  return hmacSha256(detail::asBytes(key), data);
}

// HMAC-SHA256 with a fixed key whose padded blocks are absorbed once, up front: each mac() then
// costs the hashing of the message and one more block, instead of two extra key blocks.
// mac() is const and may be called from several threads at once.
class HmacSha256 {
 public:
  AWSDIRECT_DECL explicit HmacSha256(std::string_view key);
  explicit HmacSha256(const Sha256Digest& key) : HmacSha256(detail::asBytes(key)) {}

  AWSDIRECT_DECL Sha256Digest mac(std::string_view data) const;

 private:
  Sha256 inner_, outer_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/crypto.ipp"
#endif
