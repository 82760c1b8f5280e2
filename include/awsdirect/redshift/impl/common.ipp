// Definitions of <awsdirect/redshift/common.hpp>.

namespace awsdirect {
namespace redshift {

namespace rules {

void clusterIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, true);
}

void clusterIdentifier(Validator& v, const std::optional<std::string>& id) {
  if (v.required(id, "ClusterIdentifier")) clusterIdentifier(v, "ClusterIdentifier", *id);
}

void masterUserPassword(Validator& v, const std::string& field, const std::string& password) {
  using namespace awsdirect::rules;
  v.check(password.size() >= 8 && password.size() <= 64, field, "must be 8 to 64 characters long");
  bool upper = false, lower = false, digit = false, allowed = true;
  for (char c : password) {
    upper |= isUpper(c);
    lower |= isLower(c);
    digit |= isDigit(c);
    if (!isPrintableAscii(c) || c == '\'' || c == '"' || c == '\\' || c == '/' || c == '@') allowed = false;
  }
  v.check(upper, field, "must contain an upper case letter");
  v.check(lower, field, "must contain a lower case letter");
  v.check(digit, field, "must contain a digit");
  v.check(allowed, field, "may contain only printable ASCII characters other than ' \" \\ / @ and space");
}

void masterUserPassword(Validator& v, const std::string& password) { masterUserPassword(v, "MasterUserPassword", password); }

void masterUsername(Validator& v, const std::string& field, const std::string& name) {
  using namespace awsdirect::rules;
  if (!v.check(!name.empty() && name.size() <= 128, field, "must be 1 to 128 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_' || c == '+' || c == '.' || c == '@' || c == '-')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits, '_', '+', '.', '@' and '-'");
  v.check(isLetter(name.front()), field, "must start with a letter");
  v.check(name != "public", field, "must not be the reserved word 'public'");
}

void masterUsername(Validator& v, const std::string& name) { masterUsername(v, "MasterUsername", name); }

void dbName(Validator& v, const std::string& field, const std::string& name) {
  using namespace awsdirect::rules;
  if (!v.check(!name.empty() && name.size() <= 64, field, "must be 1 to 64 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits and underscores");
  v.check(isLower(name.front()) || name.front() == '_', field, "must start with a lowercase letter or underscore");
}

void dbName(Validator& v, const std::string& name) { dbName(v, "DBName", name); }

void nodeType(Validator& v, const std::string& field, const std::string& type) {
  using namespace awsdirect::rules;
  const std::size_t dot = type.find('.');
  bool shaped = dot != std::string::npos && dot > 0 && dot + 1 < type.size() && type.size() <= 64 &&
                type.find('.', dot + 1) == std::string::npos;
  for (char c : type) shaped &= isLower(c) || isDigit(c) || c == '.';
  v.check(shaped, field, "must be a family and a size of lowercase letters and digits, such as ra3.xlplus or dc2.large");
}

void nodeType(Validator& v, const std::string& type) { nodeType(v, "NodeType", type); }

void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, false, 255);
}

void securityGroupId(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::ec2ResourceId(v, field, id, "sg");
}

void subnetId(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::ec2ResourceId(v, field, id, "subnet");
}

}  // namespace rules

}  // namespace redshift
}  // namespace awsdirect
