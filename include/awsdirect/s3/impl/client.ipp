// Definitions of <awsdirect/s3/client.hpp>.
#include <algorithm>

#include "../../checksum.hpp"
#include "../../crypto.hpp"
#include "../../detail/files.hpp"
#include "../../detail/ip.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../uri.hpp"

namespace awsdirect {

const char* addressingStyleName(S3AddressingStyle style) {
  switch (style) {
    case S3AddressingStyle::Auto: return "auto";
    case S3AddressingStyle::Virtual: return "virtual";
    case S3AddressingStyle::Path: return "path";
  }
  return "unknown";
}

namespace s3 {
namespace detail {

// A checksum policy from the options, else the environment, else the profile, else WhenSupported.
AWSDIRECT_DECL ChecksumPolicy checksumPolicy(const std::optional<ChecksumPolicy>& chosen, const Environment& environment,
                                             const std::map<std::string, std::string>& profile,
                                             const std::string& variable, const std::string& setting,
                                             const std::string& profileName) {
  if (chosen) return *chosen;
  std::string value, source;
  if (auto fromEnvironment = environment.getNonEmpty(variable)) {
    value = *fromEnvironment;
    source = variable;
  } else if (auto fromProfile = profile.find(setting); fromProfile != profile.end()) {
    value = fromProfile->second;
    source = setting + " of profile '" + profileName + "'";
  } else {
    return ChecksumPolicy::WhenSupported;
  }
  const std::string lower = awsdirect::detail::toLower(value);
  if (lower == "when_supported") return ChecksumPolicy::WhenSupported;
  if (lower == "when_required") return ChecksumPolicy::WhenRequired;
  throwError(makeError(ErrorKind::Configuration, "InvalidSetting",
                       source + " '" + value + "' is not valid: use when_supported or when_required"));
}

}  // namespace detail
}  // namespace s3

S3::S3(const ClientConfig& config, S3Options options)
    : RestXmlService(serviceInfo(), config) {
  const auto& profile = core().config().profileSettings;
  const std::string& profileName = core().config().profileName;
  requestChecksums_ = s3::detail::checksumPolicy(options.requestChecksumCalculation, config.environment, profile,
                                                 "AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation",
                                                 profileName);
  responseChecksums_ = s3::detail::checksumPolicy(options.responseChecksumValidation, config.environment, profile,
                                                  "AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation",
                                                  profileName);
  if (options.addressingStyle) {
    addressingStyle_ = *options.addressingStyle;
  } else if (auto style = profile.find("s3.addressing_style"); style != profile.end()) {
    const std::string& value = style->second;
    if (value == "path") addressingStyle_ = S3AddressingStyle::Path;
    else if (value == "virtual") addressingStyle_ = S3AddressingStyle::Virtual;
    else if (value == "auto") addressingStyle_ = S3AddressingStyle::Auto;
    else
      throwError(makeError(ErrorKind::Configuration, "InvalidSetting",
                           "s3.addressing_style '" + value + "' of profile '" + core().config().profileName +
                               "' is not valid: use auto, virtual or path"));
  }
  if (options.unsignedPayload) {
    unsignedPayload_ = *options.unsignedPayload;
  } else if (auto signing = profile.find("s3.payload_signing_enabled"); signing != profile.end()) {
    unsignedPayload_ = detail::toLower(signing->second) == "false";
  }
}

namespace s3 {

Outcome<CreateBucketResult> CreateBucketRequest::sendThrough(S3& s3) const {
  RestXmlClient& plain = s3;  // one exchange, without coming back here
  CreateBucketRequest resolved = *this;
  const std::string region = regionName().value_or(s3.core().config().region);
  resolved.region(region);
  if (!bucketName() || !awsdirect::detail::isValidRegion(region)) return plain.send(resolved);
  // Signed for the new bucket's region; remembered only if the bucket is made.
  const std::string& bucket = *bucketName();
  const std::optional<std::string> before = s3.cachedBucketRegion(bucket);
  s3.rememberRegion(bucket, region);
  auto created = plain.send(resolved);
  if (!created) s3.restoreRegion(bucket, before);
  return created;
}

Outcome<GetObjectResult> GetObjectRequest::sendThrough(S3& s3) const {
  RestXmlClient& plain = s3;
  const GetObjectRequest& request = *this;
  Validator validator;
  request.validate(validator);
  if (!validator.ok()) return validator.error("s3", GetObjectRequest::operation);
  try {
    std::optional<awsdirect::detail::DownloadTarget> target;
    if (request.file()) target.emplace(*request.file());
    std::uint64_t furthest = 0, end = 0;  // end: of the last piece (a retry starts again at 0)
    // The expected algorithm's checksum, computed as the bytes arrive (a retry starts it again);
    // not for a part of the object, which S3 sends without the object's checksum (S3Transfer
    // checksums its parts itself).
    const bool checkAsItArrives = !request.partial();
    Checksum running(request.expectedChecksum());
    GetObjectRequest streaming = request;
    if (target || request.sink()) {
      streaming.toSink([&](std::uint64_t offset, const char* data, std::size_t size) {
        if (checkAsItArrives) {
          if (offset == 0) running = Checksum(request.expectedChecksum());
          running.update(data, size);
        }
        if (target) target->writeAt(offset, data, size);
        else request.sink()(offset, data, size);
        end = offset + size;
        if (request.progress() && end > furthest) request.progress()(furthest = end, 0);
      });
    }
    auto result = plain.send(streaming);
    if (!result) return result.error();
    s3::GetObjectResult& got = result.value();
    // The bytes against the object's checksum, when they are the whole object and S3 keeps a
    // checksum of the whole: from the running checksum, else from memory or a read of the file.
    const std::optional<ChecksumAlgorithm> algorithm = got.wholeObjectChecksum();
    if (algorithm && got.contentRange.empty()) {
      std::optional<std::string> received;
      if (!target && !request.sink()) received = checksumOf(*algorithm, got.body);
      else if (checkAsItArrives && *algorithm == running.algorithm()) received = running.value();
      else if (target) {
        Checksum again(*algorithm);
        target->readBack(end, [&](const char* data, std::size_t size) { again.update(data, size); });
        received = again.value();
      }
      if (received) {
        const std::string& expected = got.checksums[*algorithm];
        if (auto mismatch = detail::checksumMismatch(*algorithm, expected, *received, "s3://" +
                                                         request.bucketName().value_or("") + "/" + request.keyName().value_or("")))
          return awsdirect::detail::withContext(*mismatch, s3.core().service(), GetObjectRequest::operation);
        got.verifiedChecksum = std::string(checksumAlgorithmName(*algorithm)) + " " + expected;
      }
    }
    if (target) target->commit(end);
    const std::uint64_t size = target || request.sink() ? end : got.contentLength;
    if (request.progress()) request.progress()(size, size);
    return result;
  } catch (const Exception& e) {
    return awsdirect::detail::withContext(e.error(), s3.core().service(), GetObjectRequest::operation);
  }
}

}  // namespace s3

AWSDIRECT_LAZY_DEF
Outcome<Empty> S3::forEachPage(s3::ListObjectsV2Request request, const std::function<bool(const s3::ListObjectsV2Result&)>& onPage) {
  std::string previous;
  for (;;) {
    auto page = send(request);
    if (!page) return page.error();
    if (!onPage(page.value())) return Empty{};
    const std::string& token = page.value().nextContinuationToken;
    if (!page.value().isTruncated || token.empty() || token == previous) return Empty{};
    previous = token;
    request.continuationToken(token);
  }
}

AWSDIRECT_LAZY_DEF
Outcome<s3::ListObjectsV2Result> S3::listAllObjects(s3::ListObjectsV2Request request) {
  s3::ListObjectsV2Result all;
  auto done = forEachPage(std::move(request), [&](const s3::ListObjectsV2Result& page) {
    all.contents.insert(all.contents.end(), page.contents.begin(), page.contents.end());
    all.commonPrefixes.insert(all.commonPrefixes.end(), page.commonPrefixes.begin(), page.commonPrefixes.end());
    if (all.name.empty()) {  // the first page's; later pages need not repeat them
      all.name = page.name;
      all.prefix = page.prefix;
      all.delimiter = page.delimiter;
      all.startAfter = page.startAfter;
    }
    all.keyCount += page.keyCount;
    return true;
  });
  if (!done) return done.error();
  return all;
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<s3::Bucket>> S3::listAllBuckets(s3::ListBucketsRequest request) {
  std::vector<s3::Bucket> all;
  std::string previous;
  for (;;) {
    auto page = send(request);
    if (!page) return page.error();
    for (auto& bucket : page.value().buckets) all.push_back(std::move(bucket));
    const std::string& token = page.value().continuationToken;
    if (token.empty() || token == previous) return all;
    previous = token;
    request.continuationToken(token);
  }
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<s3::Part>> S3::listAllParts(s3::ListPartsRequest request) {
  std::vector<s3::Part> all;
  int previous = -1;
  for (;;) {
    auto page = send(request);
    if (!page) return page.error();
    for (auto& part : page.value().parts) all.push_back(std::move(part));
    const int marker = page.value().nextPartNumberMarker;
    if (!page.value().isTruncated || marker == previous) return all;
    previous = marker;
    request.partNumberMarker(marker);
  }
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<s3::MultipartUpload>> S3::listAllMultipartUploads(s3::ListMultipartUploadsRequest request) {
  std::vector<s3::MultipartUpload> all;
  std::string previous;
  for (;;) {
    auto page = send(request);
    if (!page) return page.error();
    for (auto& upload : page.value().uploads) all.push_back(std::move(upload));
    const auto& result = page.value();
    const std::string marker = result.nextKeyMarker + "\n" + result.nextUploadIdMarker;
    if (!result.isTruncated || marker == previous) return all;
    previous = marker;
    request.keyMarker(result.nextKeyMarker).uploadIdMarker(result.nextUploadIdMarker);
  }
}

AWSDIRECT_LAZY_DEF
Outcome<s3::ListObjectVersionsResult> S3::listAllObjectVersions(s3::ListObjectVersionsRequest request) {
  s3::ListObjectVersionsResult all;
  std::string previous;
  for (;;) {
    auto page = send(request);
    if (!page) return page.error();
    auto& result = page.value();
    for (auto& version : result.versions) all.versions.push_back(std::move(version));
    for (auto& marker : result.deleteMarkers) all.deleteMarkers.push_back(std::move(marker));
    for (auto& prefix : result.commonPrefixes) all.commonPrefixes.push_back(std::move(prefix));
    const std::string marker = result.nextKeyMarker + "\n" + result.nextVersionIdMarker;
    if (!result.isTruncated || marker == previous) return all;
    previous = marker;
    request.keyMarker(result.nextKeyMarker).versionIdMarker(result.nextVersionIdMarker);
  }
}

AWSDIRECT_LAZY_DEF
Outcome<s3::DeleteObjectsResult> S3::deleteObjectsInBatches(const std::string& bucket, const std::vector<std::string>& keys, bool quiet) {
  s3::DeleteObjectsResult all;
  for (std::size_t start = 0; start < keys.size(); start += s3::kMaxKeysPerDelete) {
    s3::DeleteObjectsRequest batch = deleteObjects().bucket(bucket).quiet(quiet);
    const std::size_t end = std::min(keys.size(), start + s3::kMaxKeysPerDelete);
    for (std::size_t i = start; i < end; ++i) batch.key(keys[i]);
    auto result = send(batch);
    if (!result) return result.error();
    for (auto& d : result.value().deleted) all.deleted.push_back(std::move(d));
    for (auto& e : result.value().errors) all.errors.push_back(std::move(e));
  }
  return all;
}





S3Route S3::route(const std::string& bucket, const std::string& region, const std::string& path) const {
  const ResolvedConfig& config = core_->config();
  std::string endpoint = config.endpoint;
  if (!config.endpointOverridden && region != config.region)
    endpoint = standardEndpoint(serviceInfo(), region, {}).url;
  detail::EndpointParts parts = detail::splitEndpoint(endpoint);
  S3Route r;
  r.region = region;
  r.scheme = parts.scheme;
  r.host = parts.authority;
  r.path = parts.basePath + (path.empty() ? "/" : path);
  if (bucket.empty() || !useVirtualHost(bucket, parts)) return r;
  const std::string bucketPrefix = "/" + uriEncode(bucket);
  std::string rest = path.compare(0, bucketPrefix.size(), bucketPrefix) == 0 ? path.substr(bucketPrefix.size()) : path;
  r.host = bucket + "." + parts.authority;
  r.path = parts.basePath + (rest.empty() ? "/" : rest);
  r.virtualHosted = true;
  return r;
}

std::string S3::regionFor(const std::string& bucket) const {
  if (!bucket.empty()) {
    std::lock_guard<std::mutex> lock(regionsMutex_);
    auto found = bucketRegions_.find(bucket);
    if (found != bucketRegions_.end()) return found->second;
  }
  const ResolvedConfig& config = core_->config();
  return config.endpointOverridden ? config.region : config.signingRegion;
}

std::optional<std::string> S3::cachedBucketRegion(const std::string& bucket) const {
  std::lock_guard<std::mutex> lock(regionsMutex_);
  auto found = bucketRegions_.find(bucket);
  if (found == bucketRegions_.end()) return std::nullopt;
  return found->second;
}

void S3::restoreRegion(const std::string& bucket, const std::optional<std::string>& before) {
  std::lock_guard<std::mutex> lock(regionsMutex_);
  if (before) bucketRegions_[bucket] = *before;
  else bucketRegions_.erase(bucket);
}

void S3::rememberRegion(const std::string& bucket, const std::string& region) {
  std::lock_guard<std::mutex> lock(regionsMutex_);
  bucketRegions_[bucket] = region;
}


bool S3::useVirtualHost(const std::string& bucket, const detail::EndpointParts& endpoint) const {
  if (addressingStyle_ == S3AddressingStyle::Path) return false;
  std::string host = endpoint.authority;
  if (host.empty() || host.front() != '[') host = host.substr(0, host.find(':'));
  if (s3::detail::isIpOrLocalhost(host)) return false;
  // Dots in a bucket name break the TLS certificate of a virtual host (*.s3.amazonaws.com
  // covers one label), so over HTTPS such buckets go in the path.
  return s3::detail::isVirtualHostableBucket(bucket, /*allowDots=*/endpoint.scheme == "http");
}

AWSDIRECT_LAZY_DEF
Outcome<std::string> S3::presignOperation(const detail::RestOperation& operation, std::chrono::seconds expiresIn) {
  try {
    Validator expiry;
    expiry.check(expiresIn.count() >= 1 && expiresIn.count() <= 604800, "ExpiresIn",
                 "must be between 1 second and 7 days (604800 seconds)");
    RestRequest rest;
    if (std::optional<Error> invalid = prepare(operation, rest, expiry)) return *invalid;
    rest.body({});
    const std::string bucket = rest.label("Bucket");
    const S3Route r = route(bucket, regionFor(bucket), rest.path());
    HttpRequest http = toHttpRequest(rest, r.scheme, r.host, r.path);
    // Checksums are of a body the URL does not carry.
    http.headers.remove("x-amz-sdk-checksum-algorithm");
    for (ChecksumAlgorithm algorithm : kChecksumAlgorithms) http.headers.remove(checksumHeaderName(algorithm));
    core().signer().presign(http, core().config().credentials->credentials(),
                            SigningParams::forS3Presign(r.region, std::chrono::system_clock::now()), expiresIn);
    return http.url();
  } catch (const Exception& e) {
    return detail::withContext(e.error(), core().service(), operation.name);
  }
}

Outcome<HttpResponse> S3::dispatch(const RestRequest& rest, const std::string& operation) {
  const std::string bucket = rest.label("Bucket");
  const std::string region = regionFor(bucket);
  Outcome<HttpResponse> outcome = dispatchTo(rest, operation, bucket, region);
  if (outcome.ok() || bucket.empty()) return outcome;
  std::optional<std::string> redirected = redirectRegion(outcome.error(), rest, bucket);
  if (!redirected || *redirected == region) return outcome;
  rememberRegion(bucket, *redirected);
  return dispatchTo(rest, operation, bucket, *redirected);
}

namespace s3 {
namespace detail {

// A document that arrives with a 2xx, checked before it is taken (botocore's _handle_200_error):
// S3 may answer 200 and then report an error in the body once a long CopyObject or
// CompleteMultipartUpload has begun, which is read as the error it is; a body that is not XML
// (cut off on the way, or a proxy's page) is a ParseError, retried.
class CheckDocumentIn2xx final : public Interceptor {
 public:
  std::optional<Error> afterResponse(const HttpResponse& response) const override {
    if (response.body.empty() || response.bodyStreamed) return std::nullopt;
    try {
      awsdirect::XmlDocument document(response.body);
      if (document.root().name() == "Error") return parseErrorResponse(response);
    } catch (const Exception& e) {
      Error error = e.error();
      error.httpStatus = response.status;
      error.responseHeaders = response.headers;
      return error;
    }
    return std::nullopt;
  }
};

// Hashes the body at each attempt, from the bytes as they are now, so a retry never signs stale
// data: the payload hash (unless the payload is unsigned) and the flexible checksum asked for, in
// one pass over the body.
class HashBodyAtEachAttempt final : public Interceptor {
 public:
  HashBodyAtEachAttempt(std::optional<StreamedBody> hashed, bool unsignedBody, std::optional<ChecksumAlgorithm> checksum)
      : hashed_(std::move(hashed)), unsignedBody_(unsignedBody), checksum_(checksum) {}

  void beforeSigning(HttpRequest& attempt, SigningParams& signing) const override {
    const bool payloadHashed = !unsignedBody_;
    // A SHA-256 checksum is the payload hash itself when the payload is signed.
    const bool separateChecksum = checksum_ && !(payloadHashed && *checksum_ == ChecksumAlgorithm::Sha256);
    Sha256 payload;
    std::optional<Checksum> checksum;
    if (separateChecksum) checksum.emplace(*checksum_);
    auto feed = [&](const char* data, std::size_t size) {
      if (payloadHashed) payload.update(data, size);
      if (checksum) checksum->update(data, size);
    };
    if (hashed_) forEachPiece(*hashed_, feed);
    else feed(attempt.body.data(), attempt.body.size());
    if (payloadHashed) {
      const Sha256Digest digest = payload.finish();
      signing.payloadHash = toHex(digest);
      if (checksum_ && !separateChecksum) attempt.headers.set(checksumHeaderName(*checksum_), base64Encode(digest));
    }
    if (checksum) attempt.headers.set(checksumHeaderName(*checksum_), checksum->value());
  }

 private:
  std::optional<StreamedBody> hashed_;
  bool unsignedBody_;
  std::optional<ChecksumAlgorithm> checksum_;
};

}  // namespace detail
}  // namespace s3

AWSDIRECT_LAZY_DEF
Outcome<HttpResponse> S3::dispatchTo(const RestRequest& rest, const std::string& operation, const std::string& bucket,
                                     const std::string& region) {
  const S3Route r = route(bucket, region, rest.path());
  HttpRequest http = toHttpRequest(rest, r.scheme, r.host, r.path);
  // The defaults of the checksum policies, for the operations whose request types ask for them:
  // a CRC32 of what is sent (PutObject; other operations send one when their request asks), and
  // the object's checksum with what is received (GetObject, HeadObject).
  if (rest.traits().checksumByDefault && requestChecksums_ == ChecksumPolicy::WhenSupported &&
      !s3::detail::requestedChecksum(http.headers)) {
    http.headers.set("x-amz-sdk-checksum-algorithm", "CRC32");
    http.headers.set(checksumHeaderName(ChecksumAlgorithm::Crc32), "");
  }
  if (rest.traits().asksForChecksum && responseChecksums_ == ChecksumPolicy::WhenSupported &&
      !http.headers.has("x-amz-checksum-mode"))
    http.headers.set("x-amz-checksum-mode", "ENABLED");
  CallOptions options;
  if (!rest.resultIsBody()) options.interceptors.push_back(std::make_shared<s3::detail::CheckDocumentIn2xx>());
  options.signing = SigningParams::forS3(region, std::chrono::system_clock::now());
  const bool unsignedBody = unsignedPayload_ && r.scheme == "https";
  if (unsignedBody) options.signing->payloadHash = std::string(kUnsignedPayload);
  const std::optional<ChecksumAlgorithm> checksum = s3::detail::requestedChecksum(http.headers);
  if ((http.streamedBody && !unsignedBody) || checksum)
    options.interceptors.push_back(
        std::make_shared<s3::detail::HashBodyAtEachAttempt>(rest.bodyForHashing(), unsignedBody, checksum));
  return deliverToSink(http, core().execute(http, operation, options));
}

std::optional<std::string> S3::redirectRegion(const Error& error, const RestRequest& rest, const std::string& bucket) {
  if (error.kind != ErrorKind::Service) return std::nullopt;
  // A HEAD's answer has no body: a 400 that names the bucket's region in a header is a redirect.
  const bool head = rest.method() == "HEAD";
  const std::string* headerRegion = error.responseHeaders.get("x-amz-bucket-region");
  const bool redirect = error.code == "PermanentRedirect" || error.httpStatus == 301 ||
                        error.code == "AuthorizationHeaderMalformed" ||
                        (error.code == "IllegalLocationConstraintException" && !rest.traits().locationErrorIsOwn) ||
                        (head && error.httpStatus == 400 && headerRegion);
  if (!redirect) return std::nullopt;
  if (headerRegion && awsdirect::detail::isValidRegion(*headerRegion)) return *headerRegion;
  const std::string bodyRegion = error.detail("Region");
  if (awsdirect::detail::isValidRegion(bodyRegion)) return bodyRegion;
  // Neither header nor body says: ask with a HEAD on the bucket, as botocore does (unless that
  // is what was just asked).
  RestRequest ask;
  writeRequest(s3::HeadBucketRequest().bucket(bucket), ask);
  if (head && rest.path() == ask.path()) return std::nullopt;
  auto answer = dispatchTo(ask, s3::HeadBucketRequest::operation, bucket, regionFor(bucket));
  const HttpHeaders& headers = answer.ok() ? answer.value().headers : answer.error().responseHeaders;
  if (const std::string* region = headers.get("x-amz-bucket-region"))
    if (awsdirect::detail::isValidRegion(*region)) return *region;
  return std::nullopt;
}

namespace s3 {
namespace detail {
// botocore's four S3 waiters: a HEAD succeeds (or, for BucketExists, 301 and 403 count as the
// bucket existing) when waiting for existence, 404 when waiting for absence; a 404 while waiting
// for existence retries, anything else fails.
template <class Result>
WaitStep judgeHead(const Outcome<Result>& polled, bool waitForExistence, bool bucketExists) {
  const int status = polled.ok() ? 200 : polled.error().httpStatus;
  const bool exists = status == 200 || (bucketExists && (status == 301 || status == 403));
  if (waitForExistence) {
    if (exists) return WaitStep{WaitVerdict::Success, "exists"};
    if (status == 404) return WaitStep{WaitVerdict::Retry, "404"};
    return WaitStep{WaitVerdict::Failure, std::to_string(status)};
  }
  if (status == 404) return WaitStep{WaitVerdict::Success, "404"};
  if (polled.ok()) return WaitStep{WaitVerdict::Retry, "exists"};
  return WaitStep{WaitVerdict::Failure, std::to_string(status)};
}
}  // namespace detail
}  // namespace s3

AWSDIRECT_LAZY_DEF
Outcome<s3::HeadBucketResult> S3::waitUntilBucketExists(const std::string& bucket, WaitOptions options) {
  auto outcome = waitUntil<s3::HeadBucketResult>(
      "BucketExists", options, kHeadWaiters, [&] { return send(headBucket().bucket(bucket)); },
      [](const Outcome<s3::HeadBucketResult>& polled) { return s3::detail::judgeHead(polled, true, true); });
  if (outcome.ok()) return outcome;
  // 301 and 403 mean the bucket exists, in another region or another account's.
  const Error& error = outcome.error();
  if (error.kind == ErrorKind::Service && (error.httpStatus == 301 || error.httpStatus == 403)) {
    s3::HeadBucketResult elsewhere;
    if (const std::string* region = error.responseHeaders.get("x-amz-bucket-region")) elsewhere.bucketRegion = *region;
    return elsewhere;
  }
  return outcome;
}

AWSDIRECT_LAZY_DEF
Outcome<Gone> S3::waitUntilBucketNotExists(const std::string& bucket, WaitOptions options) {
  return waitUntilGone<s3::HeadBucketResult>(
      "BucketNotExists", bucket, options, kHeadWaiters, [&] { return send(headBucket().bucket(bucket)); },
      [](const Outcome<s3::HeadBucketResult>& polled) { return s3::detail::judgeHead(polled, false, true); });
}

AWSDIRECT_LAZY_DEF
Outcome<s3::ObjectMetadata> S3::waitUntilObjectExists(const std::string& bucket, const std::string& key,
                                                      WaitOptions options) {
  return waitUntil<s3::ObjectMetadata>(
      "ObjectExists", options, kHeadWaiters, [&] { return send(headObject().bucket(bucket).key(key)); },
      [](const Outcome<s3::ObjectMetadata>& polled) { return s3::detail::judgeHead(polled, true, false); });
}

AWSDIRECT_LAZY_DEF
Outcome<Gone> S3::waitUntilObjectNotExists(const std::string& bucket, const std::string& key, WaitOptions options) {
  return waitUntilGone<s3::ObjectMetadata>(
      "ObjectNotExists", bucket + "/" + key, options, kHeadWaiters,
      [&] { return send(headObject().bucket(bucket).key(key)); },
      [](const Outcome<s3::ObjectMetadata>& polled) { return s3::detail::judgeHead(polled, false, false); });
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_S3_OPERATIONS)

}  // namespace awsdirect
