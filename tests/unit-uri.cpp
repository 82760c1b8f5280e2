#include <doctest/doctest.h>

#include <string>

#include <awsdirect/uri.hpp>

using awsdirect::uriDecode;
using awsdirect::uriEncode;
using awsdirect::uriEncodeAppend;

TEST_CASE("uriEncode leaves the RFC 3986 unreserved characters as they are") {
  const std::string unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  CHECK(uriEncode(unreserved) == unreserved);
  CHECK(uriEncode("") == "");
}

TEST_CASE("uriEncode encodes every reserved byte as %XX in uppercase hex") {
  CHECK(uriEncode("+") == "%2B");
  CHECK(uriEncode("@") == "%40");
  CHECK(uriEncode("=") == "%3D");
  CHECK(uriEncode("&") == "%26");
  CHECK(uriEncode(":") == "%3A");
  CHECK(uriEncode(",") == "%2C");
  CHECK(uriEncode("$") == "%24");
  CHECK(uriEncode(" ") == "%20");  // never '+'
  CHECK(uriEncode("%") == "%25");  // an already encoded input is encoded again
  CHECK(uriEncode("%2F") == "%252F");
  CHECK(uriEncode("*") == "%2A");
  CHECK(uriEncode("a b+c@d=e&f:g,h$i") == "a%20b%2Bc%40d%3De%26f%3Ag%2Ch%24i");
  CHECK(uriEncode(std::string("\0\x7f", 2)) == "%00%7F");
}

TEST_CASE("uriEncode encodes '/' unless asked to keep it") {
  CHECK(uriEncode("/a/b c/") == "%2Fa%2Fb%20c%2F");
  CHECK(uriEncode("/a/b c/", true) == "/a/b%20c/");
  CHECK(uriEncode("a+b/c", true) == "a%2Bb/c");
}

TEST_CASE("uriEncode encodes non-ASCII text byte by byte, as UTF-8") {
  CHECK(uriEncode("\xE1\x88\xB4") == "%E1%88%B4");  // U+1234
  CHECK(uriEncode("caf\xC3\xA9") == "caf%C3%A9");
  CHECK(uriEncode("\xFF") == "%FF");  // not UTF-8 at all: still one %XX per byte
}

TEST_CASE("uriEncodeAppend appends to what is there") {
  std::string out = "Action=";
  uriEncodeAppend(out, "a b");
  CHECK(out == "Action=a%20b");
  uriEncodeAppend(out, "/x", true);
  CHECK(out == "Action=a%20b/x");
}

TEST_CASE("uriDecode decodes %XX in either case and nothing else") {
  CHECK(uriDecode("a%20b") == "a b");
  CHECK(uriDecode("%2b%2B") == "++");
  CHECK(uriDecode("a+b") == "a+b");  // not form decoding
  CHECK(uriDecode("%E1%88%B4") == "\xE1\x88\xB4");
  CHECK(uriDecode("%00") == std::string(1, '\0'));
  CHECK(uriDecode("") == "");
}

TEST_CASE("uriDecode keeps a malformed % sequence as it is") {
  CHECK(uriDecode("%") == "%");
  CHECK(uriDecode("a%") == "a%");
  CHECK(uriDecode("%4") == "%4");
  CHECK(uriDecode("%zz") == "%zz");
  CHECK(uriDecode("%G1%41") == "%G1A");
  CHECK(uriDecode("100%") == "100%");
  CHECK(uriDecode("%%41") == "%A");
}

TEST_CASE("uriDecode undoes uriEncode for every byte") {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  CHECK(uriDecode(uriEncode(all)) == all);
  CHECK(uriDecode(uriEncode(all, true)) == all);
}

TEST_CASE("formEncodeAppend is uriEncodeAppend but for a space, which becomes '+'") {
  std::string out;
  awsdirect::formEncodeAppend(out, "a b+c/d~");
  CHECK(out == "a+b%2Bc%2Fd~");
  std::string all;
  for (int c = 0; c < 256; ++c)
    if (c != ' ') all += static_cast<char>(c);
  std::string form;
  awsdirect::formEncodeAppend(form, all);
  CHECK(form == uriEncode(all));
}
