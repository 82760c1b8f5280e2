#pragma once
// The Query protocol's request side (Redshift, IAM, STS, RDS, and EC2's dialect of it): every
// parameter is a flat `Name=value` pair in a form-encoded POST body.
//
// Lists are flattened by index. Query services name their members (`IamRoles.IamRoleArn.1`,
// `Tags.Tag.1.Key`); EC2 does not (`IpPermissions.1.IpRanges.1.CidrIp`). Both are the same
// operation here, a prefix plus an index, so the caller passes the full prefix.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "request.hpp"
#include "secret.hpp"

namespace awsdirect {

// Which Query dialect a service speaks. EC2 flattens lists (GroupId.1, where Query services write
// VpcSecurityGroupIds.VpcSecurityGroupId.1 or Tags.member.1), and its results are the children of
// the response element itself, where Query services wrap them in <OperationResult>.
enum class QueryDialect { Query, Ec2 };

class QueryWriter {
 public:
  // A writer for the top level of a request.
  AWSDIRECT_DECL QueryWriter(const std::string& action, const std::string& version,
                             QueryDialect dialect = QueryDialect::Query);

  QueryDialect dialect() const { return dialect_; }

  void add(const std::string& name, const std::string& value) { params_->emplace_back(prefix_ + name, value); }
  void add(const std::string& name, const char* value) { add(name, std::string(value)); }
  void add(const std::string& name, bool value) { add(name, std::string(value ? "true" : "false")); }
  void add(const std::string& name, int value) { add(name, std::to_string(value)); }
  void add(const std::string& name, std::int64_t value) { add(name, std::to_string(value)); }

  // Writes the parameter only when the optional holds a value.
  template <class T>
  void optional(const std::string& name, const std::optional<T>& value) {
    if (value) add(name, *value);
  }

  // A list of scalars: prefix.1=a, prefix.2=b. Nothing is written for an empty list.
  AWSDIRECT_DECL void list(const std::string& prefix, const std::vector<std::string>& values);

  // A list of structures: `writeItem(QueryWriter& item, const T&)` writes one member's fields,
  // which land under prefix.N.
  template <class T, class WriteItem>
  void list(const std::string& prefix, const std::vector<T>& items, WriteItem writeItem) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      QueryWriter item = nested(prefix + "." + std::to_string(i + 1));
      writeItem(item, items[i]);
    }
  }

  // Tags under `prefix` ("Tags.Tag" for Redshift and RDS, "Tags.member" for IAM).
  AWSDIRECT_DECL void tags(const std::string& prefix, const std::vector<Tag>& tags);

  // A writer whose names land under `prefix.` (a structure member).
  AWSDIRECT_DECL QueryWriter nested(const std::string& prefix) const;

  const std::vector<std::pair<std::string, std::string>>& params() const { return *params_; }

  // The form-encoded body, byte for byte as botocore writes it (a space is '+').
  AWSDIRECT_DECL std::string body() const;

 private:
  using Params = std::vector<std::pair<std::string, std::string>>;
  std::shared_ptr<Params> params_;  // shared with nested writers
  std::string prefix_;
  QueryDialect dialect_ = QueryDialect::Query;
};

// A filter of a Describe call, as EC2 and RDS spell it: {"vpc-id", {"vpc-0a1b2c3d"}}. On the wire
// Filters.Filter.1.Name and Filters.Filter.1.Values.Value.1 (Filter.1.Name and Filter.1.Value.1 in EC2).
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

// ---- Result shapes the Query services share (Redshift and RDS), declared once -------------------

// A VPC security group of a cluster or an instance, and how its association stands.
struct VpcSecurityGroupMembership {
  std::string vpcSecurityGroupId;
  std::string status;  // "active", "adding", "removing"
  AWSDIRECT_FIELDS(VpcSecurityGroupMembership, field("VpcSecurityGroupId", &Self::vpcSecurityGroupId),
                   field("Status", &Self::status));
};

// A subnet of a subnet group (Redshift's cluster subnet groups, RDS's DB subnet groups).
struct SubnetOfGroup {
  std::string subnetIdentifier;
  std::string availabilityZone;  // SubnetAvailabilityZone/Name
  std::string subnetStatus;      // "Active"
  AWSDIRECT_FIELDS(SubnetOfGroup, field("SubnetIdentifier", &Self::subnetIdentifier),
                   field("SubnetAvailabilityZone/Name", &Self::availabilityZone),
                   field("SubnetStatus", &Self::subnetStatus));
};

// A parameter of a parameter group (Redshift's cluster parameter groups, RDS's DB parameter
// groups): what Modify...ParameterGroup sets, its name and value (the other members are written
// only when set), and what Describe...Parameters reads whole.
struct GroupParameter {
  std::string parameterName;   // "require_ssl", "rds.force_ssl"
  std::string parameterValue;  // "true", "1"
  std::string description;
  std::string source;     // "user", "engine-default", "system"
  std::string applyType;  // "static" (after a reboot) or "dynamic"
  std::string dataType;
  std::string allowedValues;
  bool isModifiable = false;  // written only when true
  std::string minimumEngineVersion;
  AWSDIRECT_FIELDS(GroupParameter, field("ParameterName", &Self::parameterName),
                   field("ParameterValue", &Self::parameterValue), field("Description", &Self::description),
                   field("Source", &Self::source), field("ApplyType", &Self::applyType),
                   field("DataType", &Self::dataType), field("AllowedValues", &Self::allowedValues),
                   field("IsModifiable", &Self::isModifiable),
                   field("MinimumEngineVersion", &Self::minimumEngineVersion));
};

// ---- Declared members on the wire (request.hpp) ------------------------------------------------
// Name=value; a list as Name.member.N (Name.ITEM.N with items(), Name.N in EC2's dialect); a
// list of structures item by item, each by the service's writeMember(QueryWriter&, const T&).

// The prefix of a list's items: "Tags.Tag", "Tags.member", or EC2's "Tag".
AWSDIRECT_DECL std::string queryListPrefix(const QueryWriter& w, const MemberSpec& spec);

AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<std::string>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<Secret>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<std::int64_t>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<int>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<bool>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const MemberSpec& spec, const std::vector<std::string>& value);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const Tag& tag);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const Filter& filter);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const GroupParameter& parameter);
// Each filter has a name.
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<Filter>& filters);

template <class T>
void writeMember(QueryWriter& w, const MemberSpec& spec, const std::vector<T>& items) {
  const std::string prefix = queryListPrefix(w, spec);
  for (std::size_t i = 0; i < items.size(); ++i) {
    QueryWriter item = w.nested(prefix + "." + std::to_string(i + 1));
    writeMember(item, items[i]);
  }
}

// Every declared member of `request`, as the Query protocol (or EC2's dialect) writes it.
template <class Request>
void writeRequest(const Request& request, QueryWriter& w) {
  request.forEachMember([&w](const MemberSpec& spec, const auto& value) { writeMember(w, spec, value); });
}

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/query.ipp"
#endif
