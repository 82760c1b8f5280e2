// Definitions of <awsdirect/s3/object_attributes.hpp>.

namespace awsdirect {
namespace s3 {

void PutObjectTaggingRequest::writeBody(RestRequest& r) const {
  detail::xmlBodyWithChecksum(r, xmlDocument("Tagging", kXmlNamespace, tagging_.value_or(Tagging())));
}

GetObjectTaggingRequest::Result GetObjectTaggingRequest::parse(const RestResponse& response) {
  Result result = readResult<Result>(response.xml("Tagging"));
  result.versionId = response.header("x-amz-version-id");
  return result;
}

GetObjectAttributesRequest::Result GetObjectAttributesRequest::parse(const RestResponse& response) {
  Result result = readResult<Result>(response.xml("GetObjectAttributesResponse", "GetObjectAttributesOutput"));
  result.deleteMarker = response.booleanHeader("x-amz-delete-marker");
  result.lastModified = response.timeHeader("Last-Modified");
  result.versionId = response.header("x-amz-version-id");
  return result;
}

}  // namespace s3
}  // namespace awsdirect
