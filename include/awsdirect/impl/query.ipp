// Definitions of <awsdirect/query.hpp>.
#include "../uri.hpp"

namespace awsdirect {

QueryWriter::QueryWriter(const std::string& action, const std::string& version)
    : params_(std::make_shared<Params>()) {
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

}  // namespace awsdirect
