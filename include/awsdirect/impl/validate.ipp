// Definitions of <awsdirect/validate.hpp>.

namespace awsdirect {

Error Validator::error(const std::string& service, const std::string& operation) const {
  Error e = makeError(ErrorKind::Validation, "ValidationError", "");
  e.service = service;
  e.operation = operation;
  e.problems = problems_;
  e.message = e.describe();
  return e;
}

namespace rules {

void resourceIdentifier(Validator& v, const std::string& field, const std::string& id, bool lowercaseOnly,
                        std::size_t maxLength) {
  if (!v.check(!id.empty() && id.size() <= maxLength, field,
               "must be 1 to " + std::to_string(maxLength) + " characters long"))
    return;
  bool charsOk = true;
  for (char c : id)
    if (!(isDigit(c) || c == '-' || isLower(c) || (!lowercaseOnly && isUpper(c)))) charsOk = false;
  v.check(charsOk, field,
          lowercaseOnly ? "may contain only lowercase letters, digits and hyphens"
                        : "may contain only letters, digits and hyphens");
  v.check(isLetter(id.front()), field, "must start with a letter");
  v.check(id.find("--") == std::string::npos, field, "must not contain two consecutive hyphens");
  v.check(id.back() != '-', field, "must not end with a hyphen");
}

void ec2ResourceId(Validator& v, const std::string& field, const std::string& id, const std::string& prefix) {
  bool ok = id.size() > prefix.size() + 1 && id.compare(0, prefix.size() + 1, prefix + "-") == 0;
  for (std::size_t i = prefix.size() + 1; ok && i < id.size(); ++i) ok = isHexDigit(id[i]);
  v.check(ok, field, "must be an id of the form " + prefix + "-0123abcd");
}

}  // namespace rules
}  // namespace awsdirect
