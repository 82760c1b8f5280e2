#pragma once
// awsdirect's version, sent in the User-Agent of every request.
namespace awsdirect {

inline constexpr const char* kVersion = "0.1.0";

}  // namespace awsdirect
