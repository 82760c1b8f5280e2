// Definitions of <awsdirect/query.hpp>.
#include "../uri.hpp"

namespace awsdirect {

QueryWriter::QueryWriter(const std::string& action, const std::string& version, QueryDialect dialect)
    : params_(std::make_shared<Params>()), dialect_(dialect) {
  add("Action", action);
  add("Version", version);
}

void QueryWriter::list(const std::string& prefix, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) add(prefix + "." + std::to_string(i + 1), values[i]);
}

void QueryWriter::tags(const std::string& prefix, const std::vector<Tag>& tags) {
  list(prefix, tags, [](QueryWriter& item, const Tag& tag) {
    item.add("Key", tag.key);
    item.add("Value", tag.value);
  });
}

QueryWriter QueryWriter::nested(const std::string& prefix) const {
  QueryWriter w(*this);
  w.prefix_ = prefix_ + prefix + ".";
  return w;
}

std::string QueryWriter::body() const {
  std::string out;
  out.reserve(64 * params_->size());
  for (const auto& [name, value] : *params_) {
    if (!out.empty()) out += '&';
    formEncodeAppend(out, name);
    out += '=';
    formEncodeAppend(out, value);
  }
  return out;
}

std::string queryListPrefix(const QueryWriter& w, const MemberSpec& spec) {
  if (w.dialect() == QueryDialect::Ec2) return spec.wireName();
  return std::string(spec.wireName()) + "." + (spec.item ? spec.item : "member");
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<std::string>& value) {
  if (value) w.add(spec.wireName(), *value);
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<Secret>& value) {
  if (value) w.add(spec.wireName(), value->reveal());
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<std::int64_t>& value) {
  if (value) w.add(spec.wireName(), *value);
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<int>& value) {
  if (value) w.add(spec.wireName(), *value);
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::optional<bool>& value) {
  if (value) w.add(spec.wireName(), *value);
}

void writeMember(QueryWriter& w, const MemberSpec& spec, const std::vector<std::string>& value) {
  w.list(queryListPrefix(w, spec), value);
}

void writeMember(QueryWriter& w, const Tag& tag) {
  w.add("Key", tag.key);
  w.add("Value", tag.value);
}

void writeMember(QueryWriter& w, const Filter& filter) {
  w.add("Name", filter.name);
  w.list(w.dialect() == QueryDialect::Ec2 ? "Value" : "Values.Value", filter.values);
}

void writeMember(QueryWriter& w, const GroupParameter& parameter) {
  w.add("ParameterName", parameter.parameterName);
  w.add("ParameterValue", parameter.parameterValue);
  auto addIfSet = [&w](const char* name, const std::string& value) {
    if (!value.empty()) w.add(name, value);
  };
  addIfSet("Description", parameter.description);
  addIfSet("Source", parameter.source);
  addIfSet("ApplyType", parameter.applyType);
  addIfSet("DataType", parameter.dataType);
  addIfSet("AllowedValues", parameter.allowedValues);
  if (parameter.isModifiable) w.add("IsModifiable", true);
  addIfSet("MinimumEngineVersion", parameter.minimumEngineVersion);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<Filter>& filters) {
  validateListCount(v, spec, filters.size());
  for (std::size_t i = 0; i < filters.size(); ++i)
    v.check(!filters[i].name.empty(), std::string(spec.name) + "[" + std::to_string(i) + "].Name", "must not be empty");
}

}  // namespace awsdirect
