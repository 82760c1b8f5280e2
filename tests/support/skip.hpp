#pragma once
// Lets a test case say it could not run (its peer or data is absent) so the program reports a skip.
#include <atomic>
#include <iostream>
#include <string>

namespace awsdirect_test {

inline std::atomic<int>& skippedCount() { static std::atomic<int> n{0}; return n; }
inline std::atomic<int>& ranCount() { static std::atomic<int> n{0}; return n; }

// Call at the start of a test case that could not run, then return from it.
inline void skip(const std::string& why) {
  ++skippedCount();
  std::cerr << "SKIPPED: " << why << "\n";
}
// Call in a test case that did run (only needed in programs that can skip).
inline void ran() { ++ranCount(); }

inline bool everythingSkipped() { return skippedCount() > 0 && ranCount() == 0; }

}  // namespace awsdirect_test
