// The XML reader, the three error shapes, and results read by their declared fields.
#include <doctest/doctest.h>

#include <awsdirect/xml.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/result.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace awsdirect;

TEST_CASE("children, wrapped lists and scalar reads ignore what they do not know") {
  XmlDocument doc(R"(<R xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><Cluster>
      <ClusterIdentifier>redshift-cluster</ClusterIdentifier><NumberOfNodes>2</NumberOfNodes>
      <PubliclyAccessible>true</PubliclyAccessible><SomethingNew><Nested/></SomethingNew>
      <IamRoles><ClusterIamRole><IamRoleArn>arn:a</IamRoleArn></ClusterIamRole>
                <ClusterIamRole><IamRoleArn>arn:b</IamRoleArn></ClusterIamRole></IamRoles>
    </Cluster></R>)");
  XmlNode cluster = doc.root().child("Cluster");
  CHECK(cluster.text("ClusterIdentifier") == "redshift-cluster");
  CHECK(cluster.integer("NumberOfNodes") == 2);
  CHECK(cluster.boolean("PubliclyAccessible"));
  CHECK(cluster.list("IamRoles", "ClusterIamRole").size() == 2);
  CHECK(cluster.child("Endpoint").text("Address").empty());  // absent chains are empty, not null
  CHECK_FALSE(cluster.optionalText("Missing").has_value());
  CHECK(cluster.integer("Missing", -1) == -1);
}

TEST_CASE("ISO 8601 timestamps with fractions and offsets") {
  using namespace std::chrono;
  auto t = parseIso8601("2026-11-25T21:28:47.465184Z");
  REQUIRE(t);
  CHECK(duration_cast<microseconds>(t->time_since_epoch()).count() == 1795642127465184LL);
  auto offset = parseIso8601("2026-11-25T22:28:47+01:00");
  REQUIRE(offset);
  CHECK(duration_cast<seconds>(offset->time_since_epoch()).count() == 1795642127LL);
  CHECK(formatIso8601(*offset) == "2026-11-25T21:28:47Z");
  CHECK_FALSE(parseIso8601("yesterday"));
  CHECK_FALSE(parseIso8601("2026-13-01T00:00:00Z"));
}

TEST_CASE("malformed XML is a ParseError") {
  CHECK_THROWS_AS(XmlDocument("<open><unclosed></open>"), ParseError);
}

TEST_CASE("Query service error shape") {
  HttpResponse r;
  r.status = 404;
  r.body = R"(<ErrorResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><Error><Type>Sender</Type>
    <Code>ClusterNotFound</Code><Message>Cluster redshift-cluster not found.</Message></Error>
    <RequestId>5b1d5d7c-1234</RequestId></ErrorResponse>)";
  Error e = parseErrorResponse(r);
  CHECK(e.kind == ErrorKind::Service);
  CHECK(e.code == "ClusterNotFound");
  CHECK(e.message == "Cluster redshift-cluster not found.");
  CHECK(e.requestId == "5b1d5d7c-1234");
  CHECK(e.httpStatus == 404);
}

TEST_CASE("Query error shape with an Errors wrapper") {
  HttpResponse r;
  r.status = 403;
  r.body = R"(<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><Type>Sender</Type></Error></Errors></ErrorResponse>)";
  Error e = parseErrorResponse(r);
  CHECK(e.code == "SignatureDoesNotMatch");
  CHECK(e.message == "The request signature we calculated does not match");
}

TEST_CASE("EC2 error shape") {
  HttpResponse r;
  r.status = 400;
  r.body = R"(<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidGroup.Duplicate</Code>
    <Message>The security group 'redshift_security_group' already exists</Message></Error></Errors>
    <RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE</RequestID></Response>)";
  Error e = parseErrorResponse(r);
  CHECK(e.code == "InvalidGroup.Duplicate");
  CHECK(e.message == "The security group 'redshift_security_group' already exists");
  CHECK(e.requestId == "59dbff89-35bd-4eac-99ed-be587EXAMPLE");
}

TEST_CASE("S3 error shape") {
  HttpResponse r;
  r.status = 404;
  r.body = R"(<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code>
    <Message>The specified bucket does not exist</Message><BucketName>b</BucketName>
    <RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>)";
  Error e = parseErrorResponse(r);
  CHECK(e.code == "NoSuchBucket");
  CHECK(e.requestId == "4442587FB7D0A2F9");
}

TEST_CASE("a bodiless error (S3 HEAD) takes its code from the status, its request id from headers") {
  HttpResponse r;
  r.status = 404;
  r.headers.add("x-amz-request-id", "ABC123");
  Error e = parseErrorResponse(r);
  CHECK(e.code == "404");
  CHECK(e.message == "Not Found");
  CHECK(e.requestId == "ABC123");
  r.status = 503;
  r.body = "<html>gateway</html>";
  CHECK(parseErrorResponse(r).code == "503");
}

TEST_CASE("errors describe themselves on one line, typed by kind") {
  HttpResponse r;
  r.status = 400;
  r.body = "<ErrorResponse><Error><Code>ClusterAlreadyExists</Code><Message>exists</Message></Error>"
           "<RequestId>rid</RequestId></ErrorResponse>";
  Error e = parseErrorResponse(r);
  e.service = "redshift";
  e.operation = "CreateCluster";
  CHECK(e.describe() == "redshift.CreateCluster: ClusterAlreadyExists: exists (HTTP 400, request id rid)");
  CHECK_THROWS_AS(throwError(e), AwsError);
  try {
    throwError(e);
  } catch (const AwsError& aws) {
    CHECK(aws.code() == "ClusterAlreadyExists");
    CHECK(aws.httpStatus() == 400);
    CHECK(aws.requestId() == "rid");
  }
}

TEST_CASE("untrusted numbers out of range, or not numbers, are ParseErrors, never wrapped values") {
  XmlDocument doc("<R><Nodes>4294967298</Nodes><Port>99999999999999999999</Port><Size>-1</Size><Fine>42</Fine>"
                  "<Plus>+7</Plus><Word>twelve</Word><Big>9223372036854775807</Big></R>");
  XmlNode root = doc.root();
  CHECK(root.int32("Fine") == 42);
  CHECK(root.integer("Plus") == 7);
  CHECK(root.integer("Big") == INT64_MAX);
  CHECK(root.size("Fine") == 42u);
  CHECK(root.int32("Absent", 5) == 5);
  CHECK_THROWS_AS(root.int32("Nodes"), ParseError);        // fits 64 bits, not an int: not 2
  CHECK_THROWS_AS(root.integer("Port"), ParseError);       // beyond 64 bits: not -1, not a saturated value
  CHECK_THROWS_AS(root.size("Size"), ParseError);          // negative: not 18446744073709551615
  CHECK_THROWS_AS(root.integer("Word"), ParseError);       // not a number: not the fallback
  try {
    root.int32("Nodes");
  } catch (const ParseError& e) {
    CHECK(e.error().message == "<Nodes> is out of range: 4294967298");
  }
}

TEST_CASE("HTTP dates outside the clock's years, with negative fields or trailing text, are no dates") {
  CHECK(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"));
  CHECK(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK(parseHttpDate("Sun Nov  6 08:49:37 1994"));
  for (const char* bad : {"Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 1500 00:00:00 GMT",
                          "Sun, 06 Nov 1994 -8:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT and more",
                          "Sun, 06 Nov 1994 08:49:37 PST", "Sun Nov  6 08:49:37 1994 extra"}) {
    CAPTURE(bad);
    CHECK_FALSE(parseHttpDate(bad));
  }
}

// A result type's fields, declared with AWSDIRECT_FIELDS (a derived one extending its base's), or
// as a std::tuple, as a type written before AWSDIRECT_FIELDS declares them: read alike.
struct DeclaredBase {
  std::string name;
  int port = 0;
  AWSDIRECT_FIELDS(DeclaredBase, field("Name", &Self::name), field("Port", &Self::port));
};
struct DeclaredDerived : DeclaredBase {
  std::vector<std::string> zones;
  std::optional<std::chrono::system_clock::time_point> created;
  template <class Self = DeclaredDerived>
  static constexpr auto fields() {
    return extendFields(DeclaredBase::fields<Self>(), field("Zones", &Self::zones), field("Created", &Self::created));
  }
};
struct DeclaredAsTuple {
  std::string name;
  int port = 0;
  std::vector<std::string> zones;
  std::optional<std::chrono::system_clock::time_point> created;
  static auto fields() {
    return std::make_tuple(field("Name", &DeclaredAsTuple::name), field("Port", &DeclaredAsTuple::port),
                           field("Zones", &DeclaredAsTuple::zones), field("Created", &DeclaredAsTuple::created));
  }
};

TEST_CASE("a result's declared fields, as AWSDIRECT_FIELDS or a std::tuple declares them, read and walked alike") {
  XmlDocument doc("<R><Name>db</Name><Port>5439</Port><Zones><member>a</member><member>b</member></Zones>"
                  "<Created>2026-12-07T00:00:01Z</Created></R>");
  const auto derived = readResult<DeclaredDerived>(doc.root());
  const auto tuple = readResult<DeclaredAsTuple>(doc.root());
  CHECK(derived.name == "db");
  CHECK(derived.port == 5439);
  CHECK(derived.zones == std::vector<std::string>{"a", "b"});
  REQUIRE(derived.created.has_value());
  CHECK(derived.created == tuple.created);
  CHECK(tuple.name == derived.name);
  CHECK(tuple.port == derived.port);
  CHECK(tuple.zones == derived.zones);
  std::vector<std::string> names;
  forEachField(derived, [&](const char* name, const auto&) { names.push_back(name); });
  CHECK(names == std::vector<std::string>{"Name", "Port", "Zones", "Created"});
  names.clear();
  forEachField(tuple, [&](const char* name, const auto&) { names.push_back(name); });
  CHECK(names == std::vector<std::string>{"Name", "Port", "Zones", "Created"});
}
