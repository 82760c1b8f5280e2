// Definitions of <awsdirect/sigv4.hpp>.
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <vector>

#include "../detail/text.hpp"
#include "../error.hpp"
#include "../time.hpp"
#include "../uri.hpp"

namespace awsdirect {

SigningParams SigningParams::forS3(std::string region, std::chrono::system_clock::time_point time) {
  SigningParams params;
  params.region = std::move(region);
  params.service = "s3";
  params.time = time;
  params.normalizePath = false;
  params.encodePathAgain = false;
  params.addContentSha256Header = true;
  return params;
}

SigningParams SigningParams::forS3Presign(std::string region, std::chrono::system_clock::time_point time) {
  SigningParams params = forS3(std::move(region), time);
  params.addContentSha256Header = false;
  params.payloadHash = std::string(kUnsignedPayload);
  return params;
}

namespace detail {

std::string removeDotSegments(std::string_view path) {
  if (path.empty()) return "/";
  std::string kept;  // the kept segments, each preceded by '/'
  kept.reserve(path.size());
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      kept.resize(kept.empty() ? 0 : kept.rfind('/'));
    } else if (!segment.empty() && segment != ".") {
      kept += '/';
      kept += segment;
    }
    start = end + 1;
  }
  std::string out = path.front() == '/' ? kept : kept.substr(kept.empty() ? 0 : 1);
  if (out.empty() && path.front() == '/') out = "/";
  else if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

AWSDIRECT_DECL bool isNormalPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  for (std::size_t start = 1; start <= path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if ((segment.empty() && end != path.size()) || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

AWSDIRECT_DECL void appendCanonicalPath(std::string& out, std::string_view wirePath, bool normalize, bool encodeAgain) {
  if (wirePath.empty()) wirePath = "/";
  std::string normalized;
  if (normalize && !isNormalPath(wirePath)) {
    normalized = removeDotSegments(wirePath);
    wirePath = normalized;
  }
  if (encodeAgain) uriEncodeAppend(out, wirePath, /*keepSlash=*/true);
  else out += wirePath;
}

std::string canonicalPath(std::string_view wirePath, bool normalize, bool encodeAgain) {
  std::string out;
  appendCanonicalPath(out, wirePath, normalize, encodeAgain);
  return out;
}

// One name=value pair of a query, as the canonical query sorts them.
struct QueryParam {
  std::string name;
  std::string value;
  friend bool operator<(const QueryParam& a, const QueryParam& b) {
    return a.name != b.name ? a.name < b.name : a.value < b.value;
  }
};

AWSDIRECT_DECL void appendCanonicalQuery(std::string& out, std::string_view wireQuery) {
  if (wireQuery.empty()) return;
  std::vector<QueryParam> params;
  for (std::size_t start = 0; start <= wireQuery.size();) {
    std::size_t end = wireQuery.find('&', start);
    if (end == std::string_view::npos) end = wireQuery.size();
    const std::string_view pair = wireQuery.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    QueryParam param;
    uriEncodeAppend(param.name, uriDecode(pair.substr(0, equals)));
    if (equals != std::string_view::npos) uriEncodeAppend(param.value, uriDecode(pair.substr(equals + 1)));
    params.push_back(std::move(param));
    start = end + 1;
  }
  std::sort(params.begin(), params.end());
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i) out += '&';
    out += params[i].name;
    out += '=';
    out += params[i].value;
  }
}

std::string canonicalQuery(std::string_view wireQuery) {
  std::string out;
  appendCanonicalQuery(out, wireQuery);
  return out;
}

std::string replaceInvalidUtf8(std::string_view s) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      out += s[i++];
      continue;
    }
    std::size_t continuations = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the first continuation byte
    if (lead >= 0xC2 && lead <= 0xDF) continuations = 1;
    else if (lead == 0xE0) continuations = 2, low = 0xA0;
    else if (lead == 0xED) continuations = 2, high = 0x9F;
    else if (lead >= 0xE1 && lead <= 0xEF) continuations = 2;
    else if (lead == 0xF0) continuations = 3, low = 0x90;
    else if (lead == 0xF4) continuations = 3, high = 0x8F;
    else if (lead >= 0xF1 && lead <= 0xF3) continuations = 3;
    std::size_t end = i + 1, seen = 0;
    while (seen < continuations && end < s.size()) {
      const auto c = static_cast<unsigned char>(s[end]);
      if (seen == 0 ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) break;
      ++end;
      ++seen;
    }
    if (continuations && seen == continuations) out.append(s.substr(i, end - i));
    else out += replacement;
    i = end;
  }
  return out;
}

AWSDIRECT_DECL bool isQueryAuthParam(std::string_view name) {
  static constexpr std::string_view authParams[] = {"X-Amz-Algorithm",     "X-Amz-Credential",     "X-Amz-Date",
                                                    "X-Amz-Expires",       "X-Amz-SignedHeaders",  "X-Amz-Security-Token",
                                                    "X-Amz-Signature"};
  for (std::string_view known : authParams)
    if (equalsIgnoreCase(name, known)) return true;
  return false;
}

std::string presignOperationQuery(std::string_view wireQuery) {
  auto formDecode = [](std::string_view text) {
    std::string spaced(text);
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    return replaceInvalidUtf8(uriDecode(spaced));
  };
  std::vector<QueryParam> params;
  for (std::size_t start = 0; start < wireQuery.size();) {
    std::size_t end = wireQuery.find('&', start);
    if (end == std::string_view::npos) end = wireQuery.size();
    const std::string_view pair = wireQuery.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    QueryParam param{formDecode(pair.substr(0, equals)), ""};
    if (isQueryAuthParam(param.name)) continue;
    if (std::any_of(params.begin(), params.end(), [&](const QueryParam& p) { return p.name == param.name; }))
      continue;
    if (equals != std::string_view::npos) param.value = formDecode(pair.substr(equals + 1));
    params.push_back(std::move(param));
  }
  std::string out;
  for (const QueryParam& param : params) {
    if (!out.empty()) out += '&';
    uriEncodeAppend(out, param.name);
    out += '=';
    uriEncodeAppend(out, param.value);
  }
  return out;
}

AWSDIRECT_DECL bool isUnsignedHeader(std::string_view name) {
  static constexpr std::string_view unsignedNames[] = {
      "connection", "expect",  "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
      "trailer",    "upgrade", "user-agent", "transfer-encoding",  "x-amzn-trace-id"};
  for (std::string_view unsignedName : unsignedNames)
    if (equalsIgnoreCase(name, unsignedName)) return true;
  return false;
}

AWSDIRECT_DECL std::size_t whitespaceLengthAt(std::string_view s, std::size_t at) {
  static constexpr auto asciiWhitespace = [] {
    std::array<bool, 128> table{};
    table[' '] = true;
    for (int c = 0x09; c <= 0x0D; ++c) table[c] = true;  // \t \n \v \f \r
    for (int c = 0x1C; c <= 0x1F; ++c) table[c] = true;  // the information separators
    return table;
  }();
  const auto c = static_cast<unsigned char>(s[at]);
  if (c < 0x80) return asciiWhitespace[c] ? 1 : 0;
  auto next = [&](std::size_t k) -> unsigned { return at + k < s.size() ? static_cast<unsigned char>(s[at + k]) : 0u; };
  switch (c) {
    case 0xC2: return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0;
    case 0xE1: return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0;
    case 0xE2:
      if (next(1) == 0x80) {
        const unsigned third = next(2);
        return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0;
      }
      return next(1) == 0x81 && next(2) == 0x9F ? 3 : 0;
    case 0xE3: return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0;
    default: return 0;
  }
}

AWSDIRECT_DECL void appendFoldedHeaderValue(std::string& out, std::string_view value) {
  bool wroteAny = false;
  std::size_t at = 0;
  while (true) {
    while (at < value.size())
      if (const std::size_t width = whitespaceLengthAt(value, at)) at += width;
      else break;
    if (at == value.size()) return;
    std::size_t wordEnd = at + 1;
    while (wordEnd < value.size() && !whitespaceLengthAt(value, wordEnd)) ++wordEnd;
    if (wroteAny) out += ' ';
    out.append(value.substr(at, wordEnd - at));
    wroteAny = true;
    at = wordEnd;
  }
}

AWSDIRECT_DECL std::string hostForSigning(const HttpRequest& request) {
  std::string host = request.host;
  for (char& c : host) c = asciiLower(c);
  const std::string_view defaultPort = request.scheme == "https" ? ":443" : request.scheme == "http" ? ":80" : "";
  if (!defaultPort.empty() && host.size() > defaultPort.size() &&
      host.compare(host.size() - defaultPort.size(), defaultPort.size(), defaultPort) == 0)
    host.resize(host.size() - defaultPort.size());
  return host;
}

AWSDIRECT_DECL void canonicalizeHeaders(const HttpRequest& request, std::string_view excludedName, CanonicalHeaders& out) {
  struct Signed {
    std::string_view name, value;
    std::size_t order;
  };
  thread_local std::vector<Signed> headers;  // reused: no allocation per signature
  headers.clear();
  bool hasHost = false;
  std::size_t order = 0;
  for (const auto& [name, value] : request.headers) {
    ++order;
    if (isUnsignedHeader(name) || (!excludedName.empty() && equalsIgnoreCase(name, excludedName))) continue;
    hasHost = hasHost || equalsIgnoreCase(name, "host");
    headers.push_back({name, value, order});
  }
  std::string synthesizedHost;
  if (!hasHost) {
    synthesizedHost = hostForSigning(request);
    headers.push_back({"host", synthesizedHost, 0});
  }
  std::sort(headers.begin(), headers.end(), [](const Signed& a, const Signed& b) {
    const int byName = compareIgnoreCase(a.name, b.name);
    return byName != 0 ? byName < 0 : a.order < b.order;
  });
  out.lines.clear();
  out.signedNames.clear();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const bool sameNameAsPrevious = i > 0 && equalsIgnoreCase(headers[i].name, headers[i - 1].name);
    if (sameNameAsPrevious) {
      out.lines += ',';
    } else {
      if (i > 0) {
        out.lines += '\n';
        out.signedNames += ';';
      }
      const std::size_t nameStart = out.signedNames.size();
      out.signedNames += headers[i].name;
      for (std::size_t c = nameStart; c < out.signedNames.size(); ++c) out.signedNames[c] = asciiLower(out.signedNames[c]);
      out.lines.append(out.signedNames, nameStart, std::string::npos);
      out.lines += ':';
    }
    appendFoldedHeaderValue(out.lines, headers[i].value);
  }
  out.lines += '\n';
}

CanonicalHeaders canonicalHeaders(const HttpRequest& request, std::string_view excludedName) {
  CanonicalHeaders out;
  canonicalizeHeaders(request, excludedName, out);
  return out;
}

AWSDIRECT_DECL void appendCredentialScope(std::string& out, std::string_view date, std::string_view region, std::string_view service) {
  out += date;
  out += '/';
  out += region;
  out += '/';
  out += service;
  out += "/aws4_request";
}

std::string credentialScope(std::string_view date, std::string_view region, std::string_view service) {
  std::string out;
  appendCredentialScope(out, date, region, service);
  return out;
}

AWSDIRECT_DECL void buildCanonicalRequest(std::string& out, const HttpRequest& request, std::string_view wireQuery, bool normalizePath, bool encodePathAgain, const CanonicalHeaders& headers, std::string_view payloadHash) {
  out.clear();
  for (char c : request.method) out += asciiUpper(c);
  out += '\n';
  appendCanonicalPath(out, request.path, normalizePath, encodePathAgain);
  out += '\n';
  appendCanonicalQuery(out, wireQuery);
  out += '\n';
  out += headers.lines;
  out += '\n';
  out += headers.signedNames;
  out += '\n';
  out += payloadHash;
}

AWSDIRECT_DECL void buildStringToSign(std::string& out, std::string_view amzDate, std::string_view scope, std::string_view canonicalRequest) {
  out.clear();
  out += "AWS4-HMAC-SHA256\n";
  out += amzDate;
  out += '\n';
  out += scope;
  out += '\n';
  const Sha256Digest hash = sha256(canonicalRequest);
  appendHex(out, hash.data(), hash.size());
}

std::string stringToSign(std::string_view amzDate, std::string_view scope, std::string_view canonicalRequest) {
  std::string out;
  buildStringToSign(out, amzDate, scope, canonicalRequest);
  return out;
}

}  // namespace detail

Sha256Digest deriveSigningKey(const Secret& secret, std::string_view date, std::string_view region, std::string_view service) {
  std::string seed = "AWS4" + secret.reveal();
  Sha256Digest key = hmacSha256(seed, date);
  OPENSSL_cleanse(&seed[0], seed.size());
  key = hmacSha256(key, region);
  key = hmacSha256(key, service);
  return hmacSha256(key, "aws4_request");
}

struct Signer::CachedKey {
  std::uint64_t owner;  // the id of the cache (so of the signer) that derived it
  Secret secret;
  std::string date, region, service;
  HmacSha256 key;  // the signing key with its HMAC pads absorbed
};

struct Signer::KeyCache {
  static constexpr std::size_t kCapacity = 16;
  // Unique for the life of the process (an address could be reused by a later cache).
  const std::uint64_t id = [] {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
  }();
  std::mutex mutex;
  std::vector<std::shared_ptr<const CachedKey>> entries;  // most recent first
  std::atomic<std::size_t> derivedKeys{0};
};

// Per-thread buffers, reused from one signature to the next.
struct Signer::Scratch {
  detail::CanonicalHeaders headers;
  std::string scope, canonicalRequest, stringToSign;

  static Scratch& forThisThread() {
    thread_local Scratch scratch;
    return scratch;
  }
};

namespace detail {

AWSDIRECT_DECL void checkSigningInputs(const Credentials& credentials, const SigningParams& params) {
  if (credentials.accessKeyId.empty() || credentials.secretAccessKey.empty())
    throwError(makeError(ErrorKind::Credentials, "MissingCredentials",
                         "cannot sign: the access key id or the secret access key is empty"));
  if (params.region.empty() || params.service.empty())
    throwError(makeError(ErrorKind::Configuration, "MissingSigningScope",
                         "cannot sign: the signing region or service is empty"));
}

// The payload hash to sign: the params', else (when allowed) the x-amz-content-sha256 header's,
// else the body's SHA-256.
AWSDIRECT_DECL std::string payloadHashOf(const HttpRequest& request, const SigningParams& params, bool headerMayCarryIt) {
  if (params.payloadHash) return *params.payloadHash;
  if (headerMayCarryIt)
    if (const std::string* declared = request.headers.get("x-amz-content-sha256")) return *declared;
  if (request.streamedBody) return toHex(sha256(*request.streamedBody));
  return sha256Hex(request.body);
}

}  // namespace detail

Signer::Signer() : cache_(std::make_shared<KeyCache>()) {}

std::size_t Signer::derivedKeyCount() const noexcept { return cache_->derivedKeys.load(std::memory_order_relaxed); }

void Signer::sign(HttpRequest& request, const Credentials& credentials, const SigningParams& params, SignatureDetails* details) const {
  detail::checkSigningInputs(credentials, params);
  const std::string amzDate = formatAmzDate(params.time);
  request.headers.remove("Authorization");
  if (!credentials.sessionToken.empty())
    request.headers.set("X-Amz-Security-Token", credentials.sessionToken.reveal());
  if (request.headers.has("Date")) {
    request.headers.set("Date", formatHttpDate(params.time, "-0000"));
    request.headers.remove("X-Amz-Date");
  } else {
    request.headers.set("X-Amz-Date", amzDate);
  }
  std::string payloadHash = detail::payloadHashOf(request, params, /*headerMayCarryIt=*/!params.addContentSha256Header);
  if (params.addContentSha256Header) request.headers.set("x-amz-content-sha256", payloadHash);

  Scratch& scratch = Scratch::forThisThread();
  detail::canonicalizeHeaders(request, params.omitSessionToken ? "X-Amz-Security-Token" : "", scratch.headers);
  const std::string signature = computeSignature(request, request.query, credentials, params, amzDate,
                                                 payloadHash, scratch, details);
  std::string authorization;
  authorization.reserve(96 + credentials.accessKeyId.size() + scratch.scope.size() +
                        scratch.headers.signedNames.size());
  authorization += "AWS4-HMAC-SHA256 Credential=";
  authorization += credentials.accessKeyId;
  authorization += '/';
  authorization += scratch.scope;
  authorization += ", SignedHeaders=";
  authorization += scratch.headers.signedNames;
  authorization += ", Signature=";
  authorization += signature;
  request.headers.add("Authorization", std::move(authorization));
}

void Signer::presign(HttpRequest& request, const Credentials& credentials, const SigningParams& params, std::chrono::seconds expiresIn, SignatureDetails* details) const {
  detail::checkSigningInputs(credentials, params);
  if (expiresIn.count() < 0)
    throwError(makeError(ErrorKind::Validation, "InvalidExpiry", "a presigned URL cannot expire in the past"));
  const std::string amzDate = formatAmzDate(params.time);

  Scratch& scratch = Scratch::forThisThread();
  detail::canonicalizeHeaders(request, {}, scratch.headers);
  const std::string& token = credentials.sessionToken.reveal();

  std::string query = detail::presignOperationQuery(request.query);
  if (!query.empty()) query += '&';
  query += "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=";
  uriEncodeAppend(query, credentials.accessKeyId + "/" +
                             detail::credentialScope(amzDate.substr(0, 8), params.region, params.service));
  query += "&X-Amz-Date=";
  query += amzDate;
  query += "&X-Amz-SignedHeaders=";
  uriEncodeAppend(query, scratch.headers.signedNames);
  query += "&X-Amz-Expires=";
  query += std::to_string(expiresIn.count());
  auto appendToken = [&] {
    query += "&X-Amz-Security-Token=";
    uriEncodeAppend(query, token);
  };
  if (!token.empty() && !params.omitSessionToken) appendToken();

  const std::string payloadHash = detail::payloadHashOf(request, params, /*headerMayCarryIt=*/true);
  const std::string signature =
      computeSignature(request, query, credentials, params, amzDate, payloadHash, scratch, details);
  if (!token.empty() && params.omitSessionToken) appendToken();
  query += "&X-Amz-Signature=";
  query += signature;
  request.query = std::move(query);
}

const Signer::CachedKey& Signer::signingKey(const Secret& secret, std::string_view date,
                                            const SigningParams& params) const {
  auto matches = [&](const CachedKey& k) {
    return k.owner == cache_->id && k.date == date && k.region == params.region && k.service == params.service &&
           k.secret == secret;
  };
  // The keys this thread used last, in front of the shared cache: threads that share a client
  // find their key without taking its lock or touching a reference count the others touch.
  thread_local std::array<std::shared_ptr<const CachedKey>, 4> recent;  // most recent first
  for (const auto& entry : recent)
    if (entry && matches(*entry)) return *entry;
  auto remember = [&](std::shared_ptr<const CachedKey> entry) -> const CachedKey& {
    std::rotate(recent.begin(), recent.end() - 1, recent.end());
    recent.front() = std::move(entry);
    return *recent.front();
  };
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    for (const auto& entry : cache_->entries)
      if (matches(*entry)) return remember(entry);
  }
  // Derived outside the lock so other threads keep signing meanwhile.
  Sha256Digest key = deriveSigningKey(secret, date, params.region, params.service);
  auto entry = std::make_shared<const CachedKey>(
      CachedKey{cache_->id, secret, std::string(date), params.region, params.service, HmacSha256(key)});
  OPENSSL_cleanse(key.data(), key.size());
  cache_->derivedKeys.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    auto& entries = cache_->entries;
    if (entries.size() >= KeyCache::kCapacity) entries.pop_back();
    entries.insert(entries.begin(), entry);
  }
  return remember(std::move(entry));
}

std::string Signer::computeSignature(const HttpRequest& request, std::string_view wireQuery, const Credentials& credentials, const SigningParams& params, const std::string& amzDate, std::string_view payloadHash, Scratch& scratch, SignatureDetails* details) const {
  const std::string_view date = std::string_view(amzDate).substr(0, 8);
  scratch.scope.clear();
  detail::appendCredentialScope(scratch.scope, date, params.region, params.service);
  detail::buildCanonicalRequest(scratch.canonicalRequest, request, wireQuery, params.normalizePath,
                                params.encodePathAgain, scratch.headers, payloadHash);
  detail::buildStringToSign(scratch.stringToSign, amzDate, scratch.scope, scratch.canonicalRequest);
  const Sha256Digest mac = signingKey(credentials.secretAccessKey, date, params).key.mac(scratch.stringToSign);
  std::string signature = toHex(mac);
  if (details) {
    details->canonicalRequest = scratch.canonicalRequest;
    details->stringToSign = scratch.stringToSign;
    details->signature = signature;
  }
  return signature;
}

}  // namespace awsdirect
