// Definitions of <awsdirect/s3/versions.hpp>.
#include "../../uri.hpp"
#include "../../xml.hpp"

namespace awsdirect {
namespace s3 {

void PutBucketVersioningRequest::writeBody(RestRequest& r) const {
  XmlBodyWriter body("VersioningConfiguration", kXmlNamespace);
  body.root().text("Status", *status_);
  detail::xmlBodyWithChecksum(r, body.str());
}

ListObjectVersionsResult ListObjectVersionsRequest::parse(const RestResponse& response) {
  const XmlNode root = response.xml("ListVersionsResult");
  Result result = readResult<Result>(root);
  for (const XmlNode& prefix : root.children("CommonPrefixes")) result.commonPrefixes.push_back(prefix.text("Prefix"));
  if (result.encodingType == "url") {
    for (ObjectVersion& v : result.versions) v.key = formDecode(v.key);
    for (DeleteMarkerEntry& m : result.deleteMarkers) m.key = formDecode(m.key);
    for (std::string& prefix : result.commonPrefixes) prefix = formDecode(prefix);
    result.nextKeyMarker = formDecode(result.nextKeyMarker);
  }
  return result;
}

GetBucketVersioningRequest::Result GetBucketVersioningRequest::parse(const RestResponse& response) { return readResult<BucketVersioning>(response.xml()); }

}  // namespace s3
}  // namespace awsdirect
