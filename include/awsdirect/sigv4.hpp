#pragma once
// AWS Signature Version 4: the one signer of every service, by header (Authorization) or by query
// (presigned URL). It follows botocore's rules byte for byte; each step is a function of its own in
// awsdirect::detail, tested against the published AWS suite.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crypto.hpp"
#include "detail/build_mode.hpp"
#include "http.hpp"
#include "secret.hpp"

namespace awsdirect {

// The payload hash that tells S3 the body is not signed (presigned URLs, streamed uploads).
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct SigningParams {
  std::string region;
  std::string service;
  std::chrono::system_clock::time_point time;  // passed in, so every step is testable
  // Remove dot segments and collapse repeated slashes of the path before signing (off for S3).
  bool normalizePath = true;
  // Sign the wire path URI-encoded once more, as every service but S3 expects.
  bool encodePathAgain = true;
  // The payload hash to sign, e.g. kUnsignedPayload. When unset: the request's x-amz-content-sha256
  // header if it has one, else the SHA-256 of the body.
  std::optional<std::string> payloadHash;
  // Add an x-amz-content-sha256 header carrying the payload hash (S3 requires it). Header signing
  // only: a presigned URL carries no headers of ours.
  bool addContentSha256Header = false;
  // Send the session token but leave it out of the signature (the suite's omit_session_token;
  // some services want it so).
  bool omitSessionToken = false;

  // S3 by header: the path signed exactly as sent, and the body hash sent in x-amz-content-sha256.
  AWSDIRECT_DECL static SigningParams forS3(std::string region, std::chrono::system_clock::time_point time);
  // An S3 presigned URL: the path as sent, and UNSIGNED-PAYLOAD, since the body is not known yet.
  AWSDIRECT_DECL static SigningParams forS3Presign(std::string region, std::chrono::system_clock::time_point time);
};

// What a signature was computed from: compare with the CanonicalRequest and StringToSign that AWS
// returns with SignatureDoesNotMatch.
struct SignatureDetails {
  std::string canonicalRequest;
  std::string stringToSign;
  std::string signature;
};

// The steps of a signature, each testable on its own against the published suite.
namespace detail {

// RFC 3986 dot-segment removal plus collapsing of repeated slashes, exactly as botocore's
// normalize_url_path: "/a/./b/../c//d/" -> "/a/c/d/"; "" -> "/".
AWSDIRECT_DECL std::string removeDotSegments(std::string_view path);
// The path line of the canonical request. The wire path is already encoded; an empty one is "/".
AWSDIRECT_DECL std::string canonicalPath(std::string_view wirePath, bool normalize, bool encodeAgain);
// The query line of the canonical request: split on '&' and on the first '=', each name and value
// decoded (%XX only) and encoded again with uriEncode, sorted by name then value. An already
// canonical query comes out as it went in; "a b" or raw UTF-8 come out as AWS computes them.
AWSDIRECT_DECL std::string canonicalQuery(std::string_view wireQuery);
// Text as Python's UTF-8 decoder with errors='replace' leaves it: every maximal invalid subpart
// becomes U+FFFD. botocore's presigner passes the query through that decoder.
AWSDIRECT_DECL std::string replaceInvalidUtf8(std::string_view s);
// The request's own query parameters as botocore's presigner rewrites them before adding its own
// (it reads them into a dict with parse_qs): parsed as a form (empty pairs dropped, '+' is a space,
// %XX decoded, invalid UTF-8 replaced), a name that repeats keeps its first value only, then each
// encoded again with uriEncode, in order of first appearance. X-Amz-* parameters of an earlier
// presign are dropped.
AWSDIRECT_DECL std::string presignOperationQuery(std::string_view wireQuery);

struct CanonicalHeaders {
  std::string lines;        // "name:value\n" per signed header name, sorted
  std::string signedNames;  // "host;x-amz-date"
};
// Signs every header but botocore's unsigned ones (and `excludedName`, for an unsigned token):
// names lowercased and sorted, values folded (trimmed, inner white space one space, as Python's
// str.split sees white space), the values of a repeated name joined with ',' in their order. The
// Host header is signed even when the request leaves it to the HTTP stack.
AWSDIRECT_DECL CanonicalHeaders canonicalHeaders(const HttpRequest& request, std::string_view excludedName = {});

AWSDIRECT_DECL std::string credentialScope(std::string_view date, std::string_view region, std::string_view service);
AWSDIRECT_DECL std::string stringToSign(std::string_view amzDate, std::string_view scope, std::string_view canonicalRequest);

}  // namespace detail

// The SigV4 signing key: HMAC chain of "AWS4"+secret over date (YYYYMMDD), region, service and
// "aws4_request".
AWSDIRECT_DECL Sha256Digest deriveSigningKey(const Secret& secret, std::string_view date, std::string_view region,
                                             std::string_view service);

// Signs requests in place. One Signer serves all threads of a client: its cache of derived keys
// is shared and locked, so a steady stream of calls derives a key once per day, region and
// service. Copies share the cache.
class Signer {
 public:
  AWSDIRECT_DECL Signer();

  // Header signing. Adds X-Amz-Date (or rewrites Date, when the request carries one, as botocore
  // does), X-Amz-Security-Token when the credentials have a token, x-amz-content-sha256 when asked,
  // and Authorization; a stale Authorization is replaced.
  AWSDIRECT_DECL void sign(HttpRequest& request, const Credentials& credentials, const SigningParams& params,
                           SignatureDetails* details = nullptr) const;

  // Query signing (a presigned URL): rewrites request.query to the request's own parameters
  // followed by X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires, -Security-Token and
  // -Signature. The headers are signed as they are: whoever uses the URL must send them too. (The
  // suite keeps a form Content-Type signed, where botocore drops the one it adds itself.)
  AWSDIRECT_DECL void presign(HttpRequest& request, const Credentials& credentials, const SigningParams& params,
                              std::chrono::seconds expiresIn, SignatureDetails* details = nullptr) const;

  // How many signing keys this signer (and its copies) derived: each costs four HMACs, and a
  // steady stream of calls should derive one per day, region, service and secret.
  AWSDIRECT_DECL std::size_t derivedKeyCount() const noexcept;

 private:
  struct CachedKey;
  struct KeyCache;
  struct Scratch;

  AWSDIRECT_DECL const CachedKey& signingKey(const Secret& secret, std::string_view date,
                                             const SigningParams& params) const;
  AWSDIRECT_DECL std::string computeSignature(const HttpRequest& request, std::string_view wireQuery,
                                              const Credentials& credentials, const SigningParams& params,
                                              const std::string& amzDate, std::string_view payloadHash,
                                              Scratch& scratch, SignatureDetails* details) const;

  std::shared_ptr<KeyCache> cache_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/sigv4.ipp"
#endif
