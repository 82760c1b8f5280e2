// The signer's steps one by one, and whole signatures compared with what botocore 1.43 computes
// for the same request (its real SigV4Auth, S3SigV4Auth, SigV4QueryAuth and S3SigV4QueryAuth
// classes, at 2015-08-30T12:36:00Z, with the AWS documentation's example key).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <awsdirect/sigv4.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>

using namespace awsdirect;

namespace {

std::chrono::system_clock::time_point at(const char* amzDate) {
  const auto time = parseAmzDate(amzDate);
  REQUIRE(time.has_value());
  return *time;
}

const char* const kAccessKey = "AKIDEXAMPLE";
const char* const kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const char* const kToken = "IQoJb3JpZ2luX2VjEA8aCXVzLWVhc3QtMSJHMEUCIQD/token+with=chars";

SigningParams paramsFor(const char* region, const char* service) {
  SigningParams params;
  params.region = region;
  params.service = service;
  params.time = at("20150830T123600Z");
  return params;
}

HttpRequest describeClusters() {
  HttpRequest request;
  request.method = "POST";
  request.host = "redshift.us-east-1.amazonaws.com";
  request.path = "/";
  request.body = "Action=DescribeClusters&Version=2012-12-01";
  request.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  request.headers.add("Host", "redshift.us-east-1.amazonaws.com");
  return request;
}

std::string lastLine(const std::string& text) { return text.substr(text.rfind('\n') + 1); }

}  // namespace

// ---- Time -------------------------------------------------------------------------------------

TEST_CASE("the SigV4 timestamp is written and read as YYYYMMDDTHHMMSSZ") {
  CHECK(formatAmzDate(at("20150830T123600Z")) == "20150830T123600Z");
  CHECK(formatAmzDate(std::chrono::system_clock::time_point{}) == "19700101T000000Z");
  CHECK(formatAmzDate(std::chrono::system_clock::time_point{} - std::chrono::seconds(1)) == "19691231T235959Z");
  CHECK(formatAmzDate(at("20240229T235959Z")) == "20240229T235959Z");
  // Sub-second parts are dropped, not rounded.
  CHECK(formatAmzDate(at("20150830T123600Z") + std::chrono::milliseconds(999)) == "20150830T123600Z");
  for (const char* bad : {"", "20150830T123600", "20150830 123600Z", "2015-08-30T12:36:00Z", "20230229T000000Z",
                          "20151301T000000Z", "20150800T000000Z", "20150830T240000Z", "20150830T126000Z",
                          "2015083aT123600Z"})
    CHECK_MESSAGE(!parseAmzDate(bad).has_value(), bad);
}

TEST_CASE("a Date header gets botocore's RFC 2822 form of the signing time") {
  CHECK(formatHttpDate(at("20150830T123600Z"), "-0000") == "Sun, 30 Aug 2015 12:36:00 -0000");
  CHECK(formatHttpDate(at("20000101T000000Z"), "-0000") == "Sat, 01 Jan 2000 00:00:00 -0000");
  CHECK(formatHttpDate(at("20261125T212847Z")) == "Wed, 25 Nov 2026 21:28:47 GMT");
}

// ---- Path, query and headers ------------------------------------------------------------------

TEST_CASE("dot segments and repeated slashes are removed as botocore's normalize_url_path does") {
  CHECK(detail::removeDotSegments("/a/./b/../c//d/") == "/a/c/d/");
  CHECK(detail::removeDotSegments("/..") == "/");
  CHECK(detail::removeDotSegments("/a/..") == "/");
  CHECK(detail::removeDotSegments("/a/b/../../..") == "/");
  CHECK(detail::removeDotSegments("//") == "/");
  CHECK(detail::removeDotSegments("/./") == "/");
  CHECK(detail::removeDotSegments("/a/.../b") == "/a/.../b");
  CHECK(detail::removeDotSegments("/a/..b/.c") == "/a/..b/.c");
  CHECK(detail::removeDotSegments("/%2E%2E/x") == "/%2E%2E/x");  // encoded dots are not dots
  CHECK(detail::removeDotSegments("/a/b/c/./../../g") == "/a/g");
  CHECK(detail::removeDotSegments("") == "/");
}

TEST_CASE("the canonical path is the wire path, normalized and encoded again unless told otherwise") {
  CHECK(detail::canonicalPath("/a b/%2F/./c", true, true) == "/a%20b/%252F/c");
  CHECK(detail::canonicalPath("/a b/%2F/./c", false, true) == "/a%20b/%252F/./c");
  CHECK(detail::canonicalPath("/photos/a%20b/../c.jpg", false, false) == "/photos/a%20b/../c.jpg");  // S3
  CHECK(detail::canonicalPath("", true, true) == "/");
  CHECK(detail::canonicalPath("/~user/x", true, true) == "/~user/x");
}

TEST_CASE("the canonical query re-encodes each name and value and sorts by name, then value") {
  CHECK(detail::canonicalQuery("") == "");
  CHECK(detail::canonicalQuery("b=2&a=3&a=1&c&=x&d=a+b%2b%2F:@") == "=x&a=1&a=3&b=2&c=&d=a%2Bb%2B%2F%3A%40");
  CHECK(detail::canonicalQuery("Param-3=Value3&Param=Value2&%E1%88%B4=Value1") ==
        "%E1%88%B4=Value1&Param=Value2&Param-3=Value3");
  CHECK(detail::canonicalQuery("\xE1\x88\xB4=a b") == "%E1%88%B4=a%20b");  // raw on the wire, encoded to sign
  CHECK(detail::canonicalQuery("a=%zz") == "a=%25zz");
}

TEST_CASE("a presign rewrites the request's own query as botocore's parse_qs reads it") {
  // '+' is a space, empty pairs go, a repeated name (here two invalid UTF-8 bytes that both read as
  // U+FFFD) keeps its first value, and a stale X-Amz-Signature goes.
  CHECK(detail::presignOperationQuery("b=1+2&a=%zz&&a=dup&X-Amz-Signature=old&%E1=x&%FF=y") ==
        "b=1%202&a=%25zz&%EF%BF%BD=x");
  CHECK(detail::presignOperationQuery("flag") == "flag=");
  CHECK(detail::presignOperationQuery("") == "");
}

TEST_CASE("invalid UTF-8 is replaced as Python's decoder with errors='replace' does") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(detail::replaceInvalidUtf8("\xE1\x88\xB4 ok") == "\xE1\x88\xB4 ok");
  CHECK(detail::replaceInvalidUtf8("\xE1\x88") == fffd);
  CHECK(detail::replaceInvalidUtf8("\xE1" "A") == fffd + "A");
  CHECK(detail::replaceInvalidUtf8("\xF0\x90" "A") == fffd + "A");
  CHECK(detail::replaceInvalidUtf8("\xED\xA0\x80") == fffd + fffd + fffd);  // a surrogate
  CHECK(detail::replaceInvalidUtf8("\xE0\x80") == fffd + fffd);             // overlong
  CHECK(detail::replaceInvalidUtf8("\xC0\xAF") == fffd + fffd);
  CHECK(detail::replaceInvalidUtf8("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // beyond U+10FFFF
  CHECK(detail::replaceInvalidUtf8("\xFF") == fffd);
}

TEST_CASE("canonical headers: lowercased, sorted, folded, repeated names joined, unsigned ones left out") {
  HttpRequest request;
  request.host = "example.amazonaws.com";
  request.headers.add("Host", "example.amazonaws.com");
  request.headers.add("X-Amz-Meta-B", "  two   words  ");
  request.headers.add("My-Header", "value2");
  request.headers.add("User-Agent", "awsdirect/0.1");
  request.headers.add("my-header", "value1");
  request.headers.add("Expect", "100-continue");
  request.headers.add("Connection", "keep-alive");
  request.headers.add("Transfer-Encoding", "chunked");
  request.headers.add("X-Amzn-Trace-Id", "Root=1-5759e988");
  request.headers.add("Folded", "value1\n  value2\n     value3");
  const detail::CanonicalHeaders headers = detail::canonicalHeaders(request);
  CHECK(headers.lines ==
        "folded:value1 value2 value3\nhost:example.amazonaws.com\nmy-header:value2,value1\nx-amz-meta-b:two words\n");
  CHECK(headers.signedNames == "folded;host;my-header;x-amz-meta-b");
}

TEST_CASE("header values are folded on whitespace as Python's str.split sees it in UTF-8") {
  HttpRequest request;
  request.headers.add("Host", "h");
  request.headers.add("X", "\xC2\xA0 a\xE2\x80\x83\xE2\x80\x83" "b\x1c" "c\xE3\x80\x80 ");  // NBSP, em spaces, U+3000
  request.headers.add("Y", "caf\xC3\xA9 \xE2\x80\x8B!");  // é and a zero-width space are not whitespace
  CHECK(detail::canonicalHeaders(request).lines == "host:h\nx:a b c\ny:caf\xC3\xA9 \xE2\x80\x8B!\n");
}

TEST_CASE("without a Host header, the host the HTTP stack will send is signed") {
  // botocore signs the URL's host, lowercased and without the scheme's default port.
  const Credentials credentials(kAccessKey, kSecret);
  const Signer signer;
  HttpRequest request;
  request.host = "IAM.AmazonAWS.com:443";
  signer.sign(request, credentials, paramsFor("us-east-1", "iam"));
  CHECK(!request.headers.has("Host"));
  CHECK(*request.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, "
        "Signature=91fb24346d00546d6da247c85eb79148080a6e3ae1ac9aa8eae9ccdabfd70b33");

  HttpRequest local;
  local.scheme = "http";
  local.host = "127.0.0.1:5000";
  signer.sign(local, credentials, paramsFor("us-east-1", "iam"));
  CHECK(*local.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, "
        "Signature=5edd6cc0d7e2a688bd225d060cb3f75c9a4696a4239cae3bd37b413e98dfbd85");
}

// ---- Key, string to sign, signature ---------------------------------------------------------

TEST_CASE("the signing key is the documented HMAC chain") {
  // The AWS documentation's example: secret, 20150830, us-east-1, iam.
  CHECK(toHex(deriveSigningKey(Secret(kSecret), "20150830", "us-east-1", "iam")) ==
        "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  CHECK(detail::credentialScope("20150830", "us-east-1", "iam") == "20150830/us-east-1/iam/aws4_request");
  CHECK(detail::stringToSign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", "") ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a derived key is cached per secret, date, region and service") {
  const Signer signer;
  const Credentials credentials(kAccessKey, kSecret);
  auto signOnce = [&](const Credentials& c, SigningParams params) {
    HttpRequest request = describeClusters();
    signer.sign(request, c, params);
    return *request.headers.get("Authorization");
  };
  const SigningParams base = paramsFor("us-east-1", "redshift");
  const std::string first = signOnce(credentials, base);
  CHECK(signer.derivedKeyCount() == 1);
  CHECK(signOnce(credentials, base) == first);
  SigningParams laterThatDay = base;
  laterThatDay.time += std::chrono::hours(5);
  signOnce(credentials, laterThatDay);
  CHECK(signer.derivedKeyCount() == 1);  // same key, reused

  SigningParams nextDay = base;
  nextDay.time += std::chrono::hours(24);
  signOnce(credentials, nextDay);
  CHECK(signer.derivedKeyCount() == 2);
  SigningParams otherRegion = base;
  otherRegion.region = "eu-west-1";
  signOnce(credentials, otherRegion);
  CHECK(signer.derivedKeyCount() == 3);
  SigningParams otherService = base;
  otherService.service = "iam";
  signOnce(credentials, otherService);
  CHECK(signer.derivedKeyCount() == 4);
  const std::string rotated = signOnce(Credentials(kAccessKey, "another secret"), base);
  CHECK(signer.derivedKeyCount() == 5);
  CHECK(rotated != first);

  CHECK(signOnce(credentials, base) == first);  // all still cached
  CHECK(signer.derivedKeyCount() == 5);
  const Signer copy = signer;  // copies share the cache
  HttpRequest request = describeClusters();
  copy.sign(request, credentials, base);
  CHECK(signer.derivedKeyCount() == 5);
}

// ---- Whole signatures, compared with botocore -----------------------------------------------

TEST_CASE("a Query request with a session token signs the token header") {
  HttpRequest request = describeClusters();
  SignatureDetails details;
  Signer().sign(request, Credentials(kAccessKey, kSecret, kToken), paramsFor("us-east-1", "redshift"), &details);
  CHECK(*request.headers.get("X-Amz-Security-Token") == kToken);
  CHECK(*request.headers.get("X-Amz-Date") == "20150830T123600Z");
  CHECK(*request.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/redshift/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
        "Signature=6f93af79191e7c5fef98a4873969333df0ebdedda49d116c98899e9858b94c48");
  CHECK(details.signature == "6f93af79191e7c5fef98a4873969333df0ebdedda49d116c98899e9858b94c48");
  CHECK(lastLine(details.canonicalRequest) == sha256Hex(request.body));
  CHECK(details.stringToSign.find("20150830/us-east-1/redshift/aws4_request") != std::string::npos);
}

TEST_CASE("an omitted session token is sent but not signed") {
  HttpRequest request = describeClusters();
  SigningParams params = paramsFor("us-east-1", "redshift");
  params.omitSessionToken = true;
  Signer().sign(request, Credentials(kAccessKey, kSecret, kToken), params);
  CHECK(*request.headers.get("X-Amz-Security-Token") == kToken);
  HttpRequest withoutToken = describeClusters();
  Signer().sign(withoutToken, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "redshift"));
  CHECK(*request.headers.get("Authorization") == *withoutToken.headers.get("Authorization"));
}

TEST_CASE("signing again (a retry) replaces the previous signature rather than adding one") {
  HttpRequest request = describeClusters();
  const Signer signer;
  const Credentials credentials(kAccessKey, kSecret, kToken);
  signer.sign(request, credentials, paramsFor("us-east-1", "redshift"));
  const std::string first = *request.headers.get("Authorization");
  const std::size_t headerCount = request.headers.size();
  signer.sign(request, credentials, paramsFor("us-east-1", "redshift"));
  CHECK(request.headers.size() == headerCount);
  CHECK(*request.headers.get("Authorization") == first);
}

TEST_CASE("a Date header carries the time instead of X-Amz-Date, as botocore does") {
  HttpRequest request;
  request.host = "iam.amazonaws.com";
  request.query = "Action=ListUsers&Version=2010-05-08";
  request.headers.add("Host", "iam.amazonaws.com");
  request.headers.add("Date", "Thu, 01 Jan 1970 00:00:00 GMT");
  Signer().sign(request, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "iam"));
  CHECK(*request.headers.get("Date") == "Sun, 30 Aug 2015 12:36:00 -0000");
  CHECK(!request.headers.has("X-Amz-Date"));
  CHECK(*request.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=date;host, "
        "Signature=fd7dac24a6ba28094f234851313b240fcd85c272f8f3546993b346992e32b782");
}

TEST_CASE("S3: the path is signed exactly as sent and the body hash goes in x-amz-content-sha256") {
  HttpRequest request;
  request.method = "PUT";
  request.host = "my-bucket.s3.eu-west-1.amazonaws.com";
  request.path = "/photos/a%20b/../c.jpg";  // neither normalized nor encoded again
  request.body = "hello";
  request.headers.add("Host", "my-bucket.s3.eu-west-1.amazonaws.com");
  SignatureDetails details;
  Signer().sign(request, Credentials(kAccessKey, kSecret), SigningParams::forS3("eu-west-1", at("20150830T123600Z")),
                &details);
  CHECK(*request.headers.get("X-Amz-Content-Sha256") ==
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(details.canonicalRequest.substr(0, details.canonicalRequest.find('\n', 4)) == "PUT\n/photos/a%20b/../c.jpg");
  CHECK(*request.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=6574c16d63851ef64d5f51928604e30057545ba67c958715a834488e3015ee04");
}

TEST_CASE("S3 with UNSIGNED-PAYLOAD signs that instead of the body's hash") {
  HttpRequest request;
  request.method = "PUT";
  request.host = "my-bucket.s3.eu-west-1.amazonaws.com";
  request.path = "/big.bin";
  request.body = "hello";
  request.headers.add("Host", "my-bucket.s3.eu-west-1.amazonaws.com");
  SigningParams params = SigningParams::forS3("eu-west-1", at("20150830T123600Z"));
  params.payloadHash = std::string(kUnsignedPayload);
  SignatureDetails details;
  Signer().sign(request, Credentials(kAccessKey, kSecret), params, &details);
  CHECK(*request.headers.get("X-Amz-Content-Sha256") == "UNSIGNED-PAYLOAD");
  CHECK(lastLine(details.canonicalRequest) == "UNSIGNED-PAYLOAD");
  CHECK(*request.headers.get("Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=8742c84e9e9d0ded6e539e674cecf92eb4a81645a3320b5a1690961bcdc84b1c");
}

TEST_CASE("a request that declares x-amz-content-sha256 is signed with that value") {
  HttpRequest request = describeClusters();
  request.headers.add("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
  SignatureDetails details;
  Signer().sign(request, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "redshift"), &details);
  CHECK(lastLine(details.canonicalRequest) == "UNSIGNED-PAYLOAD");
  CHECK(details.canonicalRequest.find("x-amz-content-sha256:UNSIGNED-PAYLOAD\n") != std::string::npos);
}

TEST_CASE("a streamed body is hashed piece by piece") {
  const std::string content(3 * 1024 * 1024 + 17, 'z');
  HttpRequest request;
  request.method = "PUT";
  request.host = "my-bucket.s3.eu-west-1.amazonaws.com";
  request.path = "/big.bin";
  StreamedBody streamed;
  streamed.size = content.size();
  streamed.readAt = [&](std::uint64_t offset, char* buffer, std::size_t capacity) {
    const std::size_t n = std::min<std::size_t>(capacity, 100000);  // short reads are allowed
    content.copy(buffer, n, static_cast<std::size_t>(offset));
    return n;
  };
  request.streamedBody = streamed;
  Signer().sign(request, Credentials(kAccessKey, kSecret), SigningParams::forS3("eu-west-1", at("20150830T123600Z")));
  CHECK(*request.headers.get("X-Amz-Content-Sha256") == sha256Hex(content));

  request.streamedBody->readAt = [](std::uint64_t, char*, std::size_t) { return std::size_t{0}; };
  CHECK_THROWS_AS(Signer().sign(request, Credentials(kAccessKey, kSecret),
                                SigningParams::forS3("eu-west-1", at("20150830T123600Z"))),
                  ValidationError);
}

TEST_CASE("presign: the X-Amz-* parameters follow the request's own, and only Host is signed") {
  HttpRequest request;
  request.host = "iam.amazonaws.com";
  request.query = "Action=ListUsers&Version=2010-05-08";
  request.headers.add("Host", "iam.amazonaws.com");
  SignatureDetails details;
  Signer().presign(request, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "iam"), std::chrono::hours(1),
                   &details);
  CHECK(request.query ==
        "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20150830T123600Z"
        "&X-Amz-SignedHeaders=host&X-Amz-Expires=3600"
        "&X-Amz-Signature=19b5e69052086a0eff1fc6a91ce96e911b281f611960339edf73a448fcef862d");
  CHECK(!request.headers.has("Authorization"));
  CHECK(!request.headers.has("X-Amz-Date"));
  CHECK(details.canonicalRequest.find("\nhost:iam.amazonaws.com\n\nhost\n") != std::string::npos);
}

TEST_CASE("presign for S3: path as sent, UNSIGNED-PAYLOAD, token signed in the query") {
  HttpRequest request;
  request.host = "my-bucket.s3.eu-west-1.amazonaws.com";
  request.path = "/reports/2015%2F08.csv";
  request.query = "versionId=3%2Fx&response-content-type=text%2Fcsv";
  request.headers.add("Host", "my-bucket.s3.eu-west-1.amazonaws.com");
  SignatureDetails details;
  Signer().presign(request, Credentials(kAccessKey, kSecret, kToken),
                   SigningParams::forS3Presign("eu-west-1", at("20150830T123600Z")), std::chrono::seconds(900),
                   &details);
  CHECK(lastLine(details.canonicalRequest) == "UNSIGNED-PAYLOAD");
  CHECK(request.path == "/reports/2015%2F08.csv");
  CHECK(request.query ==
        "versionId=3%2Fx&response-content-type=text%2Fcsv&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z"
        "&X-Amz-SignedHeaders=host&X-Amz-Expires=900"
        "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEA8aCXVzLWVhc3QtMSJHMEUCIQD%2Ftoken%2Bwith%3Dchars"
        "&X-Amz-Signature=19f941e0c18085d174b0493d42d02f9fed8bda94bdcde49abe3b4c5762716f63");
}

TEST_CASE("presign with an omitted token: the token follows, outside the signature") {
  SigningParams params = paramsFor("us-east-1", "iam");
  params.omitSessionToken = true;
  HttpRequest withToken;
  withToken.host = "iam.amazonaws.com";
  SignatureDetails details;
  Signer().presign(withToken, Credentials(kAccessKey, kSecret, "tok/en"), params, std::chrono::seconds(60), &details);
  CHECK(details.canonicalRequest.find("Security-Token") == std::string::npos);
  HttpRequest withoutToken;
  withoutToken.host = "iam.amazonaws.com";
  Signer().presign(withoutToken, Credentials(kAccessKey, kSecret), params, std::chrono::seconds(60));
  const std::string signature = withoutToken.query.substr(withoutToken.query.find("&X-Amz-Signature="));
  CHECK(withToken.query.find("&X-Amz-Security-Token=tok%2Fen" + signature) != std::string::npos);
}

TEST_CASE("presigning again replaces the earlier X-Amz-* parameters") {
  HttpRequest request;
  request.host = "iam.amazonaws.com";
  request.query = "Action=ListUsers";
  const Signer signer;
  signer.presign(request, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "iam"), std::chrono::seconds(60));
  const std::string first = request.query;
  signer.presign(request, Credentials(kAccessKey, kSecret), paramsFor("us-east-1", "iam"), std::chrono::seconds(60));
  CHECK(request.query == first);
}

// ---- Errors and threads -------------------------------------------------------------------------

TEST_CASE("signing errors name what is missing and never the secret") {
  const Signer signer;
  HttpRequest request = describeClusters();
  const Credentials credentials(kAccessKey, kSecret, kToken);
  auto messageOf = [&](auto&& call) -> std::string {
    try {
      call();
    } catch (const Exception& e) {
      return e.what();
    }
    return "(no exception)";
  };
  SigningParams noRegion = paramsFor("", "iam");
  const std::string regionMessage = messageOf([&] { signer.sign(request, credentials, noRegion); });
  CHECK(regionMessage.find("region") != std::string::npos);
  CHECK_THROWS_AS(signer.sign(request, credentials, noRegion), ConfigError);

  const Credentials noAccessKey("", kSecret, kToken);
  const std::string keyMessage = messageOf([&] { signer.sign(request, noAccessKey, paramsFor("us-east-1", "iam")); });
  CHECK_THROWS_AS(signer.sign(request, noAccessKey, paramsFor("us-east-1", "iam")), CredentialsError);
  CHECK_THROWS_AS(signer.presign(request, credentials, paramsFor("us-east-1", "iam"), std::chrono::seconds(-1)),
                  ValidationError);
  for (const std::string& message : {regionMessage, keyMessage}) {
    CHECK(message.find(kSecret) == std::string::npos);
    CHECK(message.find(kToken) == std::string::npos);
  }
}

TEST_CASE("one Signer signs from several threads at once") {
  const Signer signer;
  const Credentials credentials(kAccessKey, kSecret, kToken);
  HttpRequest reference = describeClusters();
  signer.sign(reference, credentials, paramsFor("us-east-1", "redshift"));
  const std::string expected = *reference.headers.get("Authorization");
  const SigningParams params = paramsFor("us-east-1", "redshift");
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        HttpRequest request = describeClusters();
        signer.sign(request, credentials, params);
        if (*request.headers.get("Authorization") != expected) ++mismatches[t];
      }
    });
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) CHECK(m == 0);
  CHECK(signer.derivedKeyCount() == 1);
}
