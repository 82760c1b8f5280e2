// The REST-XML layer on its own, as a later REST service (Route 53, CloudFront) would use it:
// URI labels, query, headers and an XML body out; status, headers and XML in; the generic
// signing rules (not S3's); HTTP dates; errors typed as everywhere else.
#include <doctest/doctest.h>

#include <awsdirect/rest_xml.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>
#include <awsdirect/sigv4.hpp>
#include <awsdirect/client.hpp>

#include <string>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect_test::ScriptedTransport;

namespace {

// A Route 53-like operation: POST /2013-04-01/hostedzone/{Id}/rrset with an XML body.
struct ChangeRecordsResult {
  std::string changeId, status;
  std::string requestId;
  std::optional<std::chrono::system_clock::time_point> submittedAt;
};

class ChangeRecordsRequest {
 public:
  using Result = ChangeRecordsResult;
  static constexpr const char* operation = "ChangeResourceRecordSets";

  ChangeRecordsRequest& zoneId(std::string v) { zoneId_ = std::move(v); return *this; }
  ChangeRecordsRequest& comment(std::string v) { comment_ = std::move(v); return *this; }
  ChangeRecordsRequest& maxItems(int v) { maxItems_ = v; return *this; }

  void validate(Validator& v) const { v.requiredText(zoneId_, "HostedZoneId"); }
  void serialize(RestRequest& r) const {
    r.method("POST").pathLiteral("/2013-04-01/hostedzone/").pathLabel("Id", zoneId_.value_or("")).pathLiteral("/rrset");
    r.optionalQuery("maxitems", maxItems_);
    r.header("x-amz-client-tag", "a b");
    XmlBodyWriter body("ChangeResourceRecordSetsRequest", "https://route53.amazonaws.com/doc/2013-04-01/");
    XmlElementWriter batch = body.root().element("ChangeBatch");
    batch.optionalText("Comment", comment_);
    batch.element("Changes").element("Change").text("Action", "UPSERT").integer("TTL", 300).boolean("Alias", false);
    r.body(body.str());
  }
  static Result parse(const RestResponse& response) {
    XmlNode info = response.xml().child("ChangeInfo");
    return {info.text("Id"), info.text("Status"), response.header("x-amzn-RequestId"), info.timestamp("SubmittedAt")};
  }

 private:
  std::optional<std::string> zoneId_, comment_;
  std::optional<int> maxItems_;
};

ClientConfig configFor(std::shared_ptr<Transport> transport) {
  ClientConfig config;
  config.environment = Environment::fromMap({});
  config.region = "us-east-1";
  config.endpointUrl = "https://route53.example.com";
  config.withCredentials(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  config.transport = std::move(transport);
  return config;
}

}  // namespace

TEST_CASE("a REST-XML operation: labels encoded, query and headers sent, XML written and read") {
  auto transport = std::make_shared<ScriptedTransport>();
  RestXmlClient client({"Route 53", "route53", "route53", "2013-04-01", false}, configFor(transport));
  transport->respond(200,
                     "<?xml version=\"1.0\"?>\n<ChangeResourceRecordSetsResponse><ChangeInfo><Id>/change/C1</Id>"
                     "<Status>PENDING</Status><SubmittedAt>2026-11-25T21:28:47.123Z</SubmittedAt></ChangeInfo>"
                     "</ChangeResourceRecordSetsResponse>",
                     [] {
                       HttpHeaders h;
                       h.add("x-amzn-RequestId", "REQ-1");
                       return h;
                     }());

  auto result = client.send(ChangeRecordsRequest().zoneId("Z1/../x y").comment("<tag> & \"quotes\"").maxItems(5));
  REQUIRE(result.ok());
  CHECK(result.value().changeId == "/change/C1");
  CHECK(result.value().status == "PENDING");
  CHECK(result.value().requestId == "REQ-1");
  REQUIRE(result.value().submittedAt);
  CHECK(formatIso8601(*result.value().submittedAt) == "2026-11-25T21:28:47Z");

  const HttpRequest& sent = transport->requests.at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.host == "route53.example.com");
  CHECK(sent.path == "/2013-04-01/hostedzone/Z1%2F..%2Fx%20y/rrset");  // a label's '/' is encoded
  CHECK(sent.query == "maxitems=5");
  CHECK(*sent.headers.get("x-amz-client-tag") == "a b");
  CHECK(sent.body ==
        "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch>"
        "<Comment>&lt;tag&gt; &amp; \"quotes\"</Comment><Changes><Change><Action>UPSERT</Action><TTL>300</TTL>"
        "<Alias>false</Alias></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>");

  // Signed by the generic rules, not S3's: the path encoded once more in the canonical request.
  SignatureDetails details;
  HttpRequest resigned = sent;
  SigningParams params;
  params.region = "us-east-1";
  params.service = "route53";
  params.time = *parseAmzDate(*sent.headers.get("X-Amz-Date"));
  client.core().signer().sign(resigned, Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), params,
                              &details);
  CHECK(details.canonicalRequest.find("\n/2013-04-01/hostedzone/Z1%252F..%252Fx%2520y/rrset\n") != std::string::npos);
  CHECK(*resigned.headers.get("Authorization") == *sent.headers.get("Authorization"));
  CHECK_FALSE(sent.headers.has("x-amz-content-sha256"));
}

TEST_CASE("REST-XML errors are typed; validation stops a request before it is sent") {
  auto transport = std::make_shared<ScriptedTransport>();
  RestXmlClient client({"Route 53", "route53", "route53", "2013-04-01", false}, configFor(transport));
  transport->respond(404,
                     "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone "
                     "found with ID: Z9</Message></Error><RequestId>REQ-404</RequestId></ErrorResponse>");

  auto missing = client.send(ChangeRecordsRequest().zoneId("Z9"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::Service);
  CHECK(missing.error().code == "NoSuchHostedZone");
  CHECK(missing.error().httpStatus == 404);
  CHECK(missing.error().requestId == "REQ-404");
  CHECK(missing.error().operation == "ChangeResourceRecordSets");
  CHECK(missing.error().service == "route53");

  auto invalid = client.send(ChangeRecordsRequest());
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().kind == ErrorKind::Validation);
  CHECK(invalid.error().problems.at(0).field == "HostedZoneId");
  CHECK(transport->requests.size() == 1);

  transport->respond(200, "not xml <<<");
  auto garbled = client.send(ChangeRecordsRequest().zoneId("Z1"));
  REQUIRE_FALSE(garbled.ok());
  CHECK(garbled.error().kind == ErrorKind::Parse);
}

TEST_CASE("HTTP dates in all three forms; headers read by prefix; bare query flags") {
  for (const char* text : {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"}) {
    CAPTURE(text);
    auto parsed = parseHttpDate(text);
    REQUIRE(parsed);
    CHECK(formatIso8601(*parsed) == "1994-11-06T08:49:37Z");
  }
  CHECK_FALSE(parseHttpDate("yesterday"));
  CHECK_FALSE(parseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"));

  HttpResponse response;
  response.headers.add("X-Amz-Meta-Color", "blue");
  response.headers.add("x-amz-meta-size", "L");
  response.headers.add("x-amz-metadata-directive", "COPY");
  RestResponse rest(response);
  auto meta = rest.prefixedHeaders("x-amz-meta-");
  CHECK(meta.size() == 2);  // "x-amz-metadata-directive" does not start with "x-amz-meta-"
  CHECK(meta.at("color") == "blue");
  CHECK(meta.at("size") == "L");
  CHECK(rest.integerHeader("missing", -1) == -1);

  RestRequest request;
  request.queryFlag("uploads").query("prefix", "a/b c").queryFlag("versioning");
  CHECK(request.encodedQuery() == "uploads&prefix=a%2Fb%20c&versioning");
}
