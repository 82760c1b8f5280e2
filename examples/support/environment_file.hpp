#pragma once
// The environment as a file: hands_on_aws's TOML description of an environment, read into the
// library's iac::Blueprint. The file is the tool's, not the library's: toml++ is linked here only.
//
//   name = "dev1"
//   ttl = "8h"
//   [security_group]
//   cidrs = ["203.0.113.7/32"]
//   [redshift]
//   number_of_nodes = 2
//
// Every key is optional but name; a missing key keeps the seed's value (`hands_on_aws init`
// prints them all). Unknown keys, wrong types and bad values are errors naming the file, the
// line and the key, found before any call.
#include <awsdirect/iac/blueprint.hpp>

#include "arguments.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace hands_on {

struct EnvironmentFile {
  awsdirect::iac::Blueprint blueprint;  // region empty: the profile's
  bool openToInternet = false;          // open_to_internet: 0.0.0.0/0 in cidrs is meant
};

// Every problem of a file, one per line: "env.toml:12: redshift.node_type must be ...". A value
// that may be a password is never repeated.
class EnvironmentFileError : public tool::InputError {
 public:
  explicit EnvironmentFileError(const std::string& problems) : tool::InputError(problems) {}
};

// Reads and checks `path` (uploads relative to the file's folder). Throws EnvironmentFileError.
EnvironmentFile readEnvironmentFile(const std::string& path);

// The seed environment NAME as a file: every setting at its default, each with a comment.
std::string initialEnvironmentFile(const std::string& name, const std::vector<std::string>& cidrs);

}  // namespace hands_on
