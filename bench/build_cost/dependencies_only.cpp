// The yardstick of bench/build_cost.sh: only what awsdirect builds on (the standard headers it
// used when the build-cost work began, and pugixml, OpenSSL and libcurl), with no awsdirect code.
#include <curl/curl.h>
#include <openssl/evp.h>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

int main() {
  std::cout << curl_version() << " " << OpenSSL_version_num() << " " << PUGIXML_VERSION << "\n";
  return 0;
}
