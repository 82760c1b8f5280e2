// Definitions of <awsdirect/result.hpp>: the scalars a result's fields hold.

namespace awsdirect {
namespace detail {

void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, std::string& out) {
  const char* n = nullptr;
  const XmlNode at = walk(parent, path, n);
  out = encoding == FieldEncoding::Url ? uriDecode(at.text(n)) : at.text(n);
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, Secret& out) {
  const char* n = nullptr;
  out = Secret(walk(parent, path, n).text(n));
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, bool& out) {
  const char* n = nullptr;
  out = walk(parent, path, n).boolean(n, out);  // absent: as it starts
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, int& out) {
  const char* n = nullptr;
  out = walk(parent, path, n).int32(n, out);
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, std::int64_t& out) {
  const char* n = nullptr;
  out = walk(parent, path, n).integer(n, out);
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, std::uint64_t& out) {
  const char* n = nullptr;
  const XmlNode at = walk(parent, path, n);
  if (at.child(n)) out = at.size(n);  // a size: a ParseError unless a whole number >= 0
}

void readScalar(const XmlNode& parent, const char* path, FieldEncoding, std::optional<TimePoint>& out) {
  const char* n = nullptr;
  out = walk(parent, path, n).timestamp(n);
}

}  // namespace detail
}  // namespace awsdirect
