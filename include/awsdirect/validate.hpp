#pragma once
// Client-side rules, checked before any network call. A Validator collects every broken rule of
// a request, so one error names every field that needs fixing, not only the first.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "error.hpp"

namespace awsdirect {

class Validator {
 public:
  // Records that `field` breaks `rule` ("must start with a letter").
  void fail(std::string field, std::string rule) { problems_.push_back({std::move(field), std::move(rule)}); }
  // Records the problem unless `holds`; returns `holds`. The names are views, copied only when the
  // rule is broken: a check that holds, nearly every one, makes no string.
  bool check(bool holds, std::string_view field, std::string_view rule) {
    if (!holds) fail(std::string(field), std::string(rule));
    return holds;
  }
  template <class T>
  bool required(const std::optional<T>& value, std::string_view field) {
    return check(value.has_value(), field, "is required");
  }
  bool requiredText(const std::optional<std::string>& value, std::string_view field) {
    if (!required(value, field)) return false;
    return check(!value->empty(), field, "must not be empty");
  }
  template <class T>
  bool inRange(const std::optional<T>& value, T low, T high, std::string_view field) {
    if (!value || (*value >= low && *value <= high)) return true;
    fail(std::string(field), "must be between " + std::to_string(low) + " and " + std::to_string(high));
    return false;
  }

  bool ok() const { return problems_.empty(); }
  const std::vector<FieldProblem>& problems() const { return problems_; }

  // The ValidationError to report; never includes the offending values (one could be a password).
  AWSDIRECT_DECL Error error(const std::string& service, const std::string& operation) const;

 private:
  std::vector<FieldProblem> problems_;
};

namespace rules {

inline bool isLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isLetter(char c) { return isLower(c) || isUpper(c); }
inline bool isPrintableAscii(char c) { return c >= 33 && c <= 126; }
inline bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The identifier rule shared by Redshift clusters and RDS instances: 1-63 letters, digits and
// hyphens, starting with a letter, no "--", no trailing hyphen; `lowercaseOnly` for Redshift.
AWSDIRECT_DECL void resourceIdentifier(Validator& v, const std::string& field, const std::string& id,
                                       bool lowercaseOnly, std::size_t maxLength = 63);

// AWS's common tag limits: keys of 1-128 characters, values of at most 256, no "aws:" prefix.
template <class TagList>
void tags(Validator& v, const std::string& field, const TagList& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string name = field + "[" + std::to_string(i) + "]";
    v.check(!tags[i].key.empty() && tags[i].key.size() <= 128, name + ".Key", "must be 1 to 128 characters long");
    v.check(tags[i].key.rfind("aws:", 0) != 0, name + ".Key", "must not start with 'aws:' (reserved for AWS)");
    v.check(tags[i].value.size() <= 256, name + ".Value", "must be at most 256 characters long");
  }
}

inline void port(Validator& v, const std::string& field, const std::optional<int>& port, int low, int high) {
  v.inRange(port, low, high, field);
}

// An EC2 resource id: its prefix, a hyphen and hex digits ("sg-0123456789abcdef0", "vpc-0a1b2c3d").
// Shared by EC2 and by the services that refer to EC2 resources (RDS, Redshift security groups).
AWSDIRECT_DECL void ec2ResourceId(Validator& v, const std::string& field, const std::string& id,
                                  const std::string& prefix);

}  // namespace rules
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/validate.ipp"
#endif
