// The Query serializer: member lists, EC2-style nested lists, tags, and the form encoding.
#include <doctest/doctest.h>

#include <awsdirect/query.hpp>

using awsdirect::QueryWriter;

TEST_CASE("Action and Version come first, then the parameters in the order written") {
  QueryWriter w("DescribeClusters", "2012-12-01");
  w.add("ClusterIdentifier", "redshift-cluster");
  w.add("MaxRecords", 20);
  CHECK(w.body() == "Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=redshift-cluster&MaxRecords=20");
}

TEST_CASE("optional parameters are written only when set, booleans as true/false") {
  QueryWriter w("CreateCluster", "2012-12-01");
  std::optional<std::string> unset;
  std::optional<bool> publiclyAccessible = false;
  w.optional("DBName", unset);
  w.optional("PubliclyAccessible", publiclyAccessible);
  CHECK(w.body() == "Action=CreateCluster&Version=2012-12-01&PubliclyAccessible=false");
}

TEST_CASE("Query member lists are indexed from 1 under their member name") {
  QueryWriter w("CreateCluster", "2012-12-01");
  w.list("VpcSecurityGroupIds.VpcSecurityGroupId", {"sg-1", "sg-2"});
  w.list("IamRoles.IamRoleArn", {"arn:aws:iam::123456789012:role/myRedshiftRole"});
  w.list("Empty.Member", {});
  const auto& p = w.params();
  REQUIRE(p.size() == 5);
  CHECK(p[2] == std::make_pair(std::string("VpcSecurityGroupIds.VpcSecurityGroupId.1"), std::string("sg-1")));
  CHECK(p[3] == std::make_pair(std::string("VpcSecurityGroupIds.VpcSecurityGroupId.2"), std::string("sg-2")));
  CHECK(p[4].first == "IamRoles.IamRoleArn.1");
  CHECK(w.body().find("IamRoles.IamRoleArn.1=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FmyRedshiftRole") !=
        std::string::npos);
}

TEST_CASE("EC2's nested structure lists fit the same serializer") {
  struct Range { std::string cidr, description; };
  struct Permission { std::string protocol; int from, to; std::vector<Range> ranges; };
  std::vector<Permission> permissions{{"tcp", 5439, 5439, {{"10.0.0.0/16", "office"}, {"192.0.2.0/24", ""}}}};
  QueryWriter w("AuthorizeSecurityGroupIngress", "2016-11-15");
  w.add("GroupId", "sg-123");
  w.list("IpPermissions", permissions, [](QueryWriter& item, const Permission& p) {
    item.add("IpProtocol", p.protocol);
    item.add("FromPort", p.from);
    item.add("ToPort", p.to);
    item.list("IpRanges", p.ranges, [](QueryWriter& range, const Range& r) {
      range.add("CidrIp", r.cidr);
      if (!r.description.empty()) range.add("Description", r.description);
    });
  });
  std::vector<std::string> names;
  for (const auto& [name, value] : w.params()) names.push_back(name + "=" + value);
  CHECK(names == std::vector<std::string>{"Action=AuthorizeSecurityGroupIngress", "Version=2016-11-15",
                                          "GroupId=sg-123", "IpPermissions.1.IpProtocol=tcp",
                                          "IpPermissions.1.FromPort=5439", "IpPermissions.1.ToPort=5439",
                                          "IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/16",
                                          "IpPermissions.1.IpRanges.1.Description=office",
                                          "IpPermissions.1.IpRanges.2.CidrIp=192.0.2.0/24"});
}

TEST_CASE("tags are a structure list of Key and Value") {
  QueryWriter w("CreateCluster", "2012-12-01");
  w.tags("Tags.Tag", {{"env", "test"}, {"team", "data eng"}});
  CHECK(w.body() ==
        "Action=CreateCluster&Version=2012-12-01&Tags.Tag.1.Key=env&Tags.Tag.1.Value=test&Tags.Tag.2.Key=team&"
        "Tags.Tag.2.Value=data+eng");
}

TEST_CASE("values are form-encoded as botocore (Python's urlencode) writes them: reserved characters, spaces, UTF-8") {
  QueryWriter w("PutUserPolicy", "2010-05-08");
  w.add("PolicyDocument", R"({"Action":"s3:Get*"})");
  w.add("Odd", "a+b@c=d&e:f,g$h i/j~k");
  w.add("Name", "Jos\xC3\xA9");
  CHECK(w.body() ==
        "Action=PutUserPolicy&Version=2010-05-08&PolicyDocument=%7B%22Action%22%3A%22s3%3AGet%2A%22%7D&"
        "Odd=a%2Bb%40c%3Dd%26e%3Af%2Cg%24h+i%2Fj~k&Name=Jos%C3%A9");
}
