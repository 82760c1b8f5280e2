#include "awsdirect/detail/json.hpp"

#include <doctest/doctest.h>

#include <string>

using awsdirect::detail::JsonValue;

namespace {

// The message of the ParseError that parsing `text` throws, or "" when it parses.
std::string parseFailure(const std::string& text) {
  try {
    JsonValue::parse(text);
  } catch (const awsdirect::ParseError& e) {
    CHECK(e.error().code == "InvalidJson");
    return e.error().message;
  }
  return "";
}

}  // namespace

TEST_CASE("a credential_process document reads into typed members") {
  auto doc = JsonValue::parse(R"({
    "Version": 1,
    "AccessKeyId": "AKIDEXAMPLE",
    "SecretAccessKey": "wJalr\/XUtnFEMI\/K7MDENG",
    "SessionToken": null,
    "Expiration": "2030-01-01T00:00:00Z"
  })");
  REQUIRE(doc.isObject());
  CHECK(doc.size() == 5);
  CHECK(doc.at("Version").asInt64() == 1);
  CHECK(doc.at("AccessKeyId").asString() == "AKIDEXAMPLE");
  CHECK(doc.at("SecretAccessKey").asString() == "wJalr/XUtnFEMI/K7MDENG");
  CHECK(doc.at("SessionToken").isNull());
  CHECK(doc.find("AccountId") == nullptr);
  // Members keep document order.
  CHECK(doc.asObject().front().first == "Version");
  CHECK(doc.asObject().back().first == "Expiration");
}

TEST_CASE("scalars, arrays and nesting") {
  CHECK(JsonValue::parse("true").asBool());
  CHECK_FALSE(JsonValue::parse(" false ").asBool());
  CHECK(JsonValue::parse("null").isNull());
  CHECK(JsonValue::parse("\"\"").asString().empty());
  auto array = JsonValue::parse("[1, [2, {\"a\": []}], \"x\"]");
  REQUIRE(array.isArray());
  REQUIRE(array.size() == 3);
  CHECK(array.asArray()[1].asArray()[1].at("a").size() == 0);
  CHECK(JsonValue::parse("{}").size() == 0);
  CHECK(JsonValue::parse("[]").size() == 0);
}

TEST_CASE("numbers keep their text and convert on demand") {
  CHECK(JsonValue::parse("0").asInt64() == 0);
  CHECK(JsonValue::parse("-12").asInt64() == -12);
  CHECK(JsonValue::parse("1.0").asInt64() == 1);
  CHECK(JsonValue::parse("2e3").asInt64() == 2000);
  CHECK(JsonValue::parse("-0.5e1").asDouble() == doctest::Approx(-5.0));
  CHECK(JsonValue::parse("9223372036854775807").asInt64() == INT64_MAX);
  CHECK(JsonValue::parse("123456789012345678901234567890").numberText() == "123456789012345678901234567890");
  CHECK_THROWS_AS(JsonValue::parse("123456789012345678901234567890").asInt64(), awsdirect::ParseError);
  CHECK_THROWS_AS(JsonValue::parse("1.5").asInt64(), awsdirect::ParseError);
  CHECK_THROWS_AS(JsonValue::parse("1e999").asDouble(), awsdirect::ParseError);
  CHECK(JsonValue::parse("1.0") == JsonValue(1));
}

TEST_CASE("escapes, including \\u and surrogate pairs, decode to UTF-8") {
  CHECK(JsonValue::parse(R"("a\"b\\c\/d\b\f\n\r\t")").asString() == "a\"b\\c/d\b\f\n\r\t");
  CHECK(JsonValue::parse(R"("\u0041\u00e9\u20AC")").asString() == "A\xC3\xA9\xE2\x82\xAC");
  CHECK(JsonValue::parse(R"("\ud83d\ude00")").asString() == "\xF0\x9F\x98\x80");
  CHECK(JsonValue::parse(R"("\u0000")").asString() == std::string(1, '\0'));
  CHECK(JsonValue::parse("\"caf\xC3\xA9\"").asString() == "caf\xC3\xA9");
}

TEST_CASE("anything outside RFC 8259 is rejected with a position") {
  CHECK(parseFailure("") != "");
  CHECK(parseFailure("{\"a\":1,}").find("line 1, column 8") != std::string::npos);
  CHECK(parseFailure("[1,]") != "");
  CHECK(parseFailure("{'a':1}") != "");
  CHECK(parseFailure("{\"a\" 1}").find("expected ':'") != std::string::npos);
  CHECK(parseFailure("{\"a\":1,\"a\":2}").find("duplicate member name") != std::string::npos);
  CHECK(parseFailure("01") != "");
  CHECK(parseFailure("1.") != "");
  CHECK(parseFailure(".5") != "");
  CHECK(parseFailure("+1") != "");
  CHECK(parseFailure("1e") != "");
  CHECK(parseFailure("NaN") != "");
  CHECK(parseFailure("tru") != "");
  CHECK(parseFailure("nulls") != "");
  CHECK(parseFailure("{} {}").find("after the JSON value") != std::string::npos);
  CHECK(parseFailure("// c\n{}") != "");
  CHECK(parseFailure("\"tab\there\"").find("control character") != std::string::npos);
  CHECK(parseFailure(R"("\x")").find("invalid escape") != std::string::npos);
  CHECK(parseFailure(R"("\u12")") != "");
  CHECK(parseFailure(R"("\ud83d")").find("surrogate") != std::string::npos);
  CHECK(parseFailure(R"("\ude00")").find("surrogate") != std::string::npos);
  CHECK(parseFailure(R"("\ud83d\u0041")").find("surrogate") != std::string::npos);
  CHECK(parseFailure("\"unterminated") != "");
  CHECK(parseFailure("\"\xC3\"").find("UTF-8") != std::string::npos);          // truncated sequence
  CHECK(parseFailure("\"\xC0\xAF\"").find("UTF-8") != std::string::npos);      // overlong '/'
  CHECK(parseFailure("\"\xED\xA0\x80\"").find("UTF-8") != std::string::npos);  // encoded surrogate
  CHECK(parseFailure("\xEF\xBB\xBF{}") != "");                                 // a byte order mark
  CHECK(parseFailure("{\n  \"a\": tru\n}").find("line 2, column 8") != std::string::npos);
}

TEST_CASE("error messages never quote the document") {
  std::string message = parseFailure(R"({"SecretAccessKey": "s3cr3t-value" "x"})");
  CHECK(message != "");
  CHECK(message.find("s3cr3t") == std::string::npos);
}

TEST_CASE("nesting is bounded") {
  std::string deep(JsonValue::maxDepth, '[');
  deep += std::string(JsonValue::maxDepth, ']');
  CHECK(JsonValue::parse(deep).isArray());
  std::string tooDeep(JsonValue::maxDepth + 1, '[');
  tooDeep += std::string(JsonValue::maxDepth + 1, ']');
  CHECK(parseFailure(tooDeep).find("nesting") != std::string::npos);
}

TEST_CASE("type mismatches and missing members say what was expected") {
  auto doc = JsonValue::parse(R"({"n": 1})");
  try {
    doc.at("n").asString();
    FAIL("expected a type mismatch");
  } catch (const awsdirect::ParseError& e) {
    CHECK(e.error().code == "JsonTypeMismatch");
    CHECK(e.error().message == "expected a JSON string, found a number");
  }
  try {
    doc.at("missing");
    FAIL("expected a missing member");
  } catch (const awsdirect::ParseError& e) {
    CHECK(e.error().code == "JsonMissingMember");
    CHECK(e.error().message.find("\"missing\"") != std::string::npos);
  }
  CHECK_THROWS_AS(JsonValue::parse("[]").find("a"), awsdirect::ParseError);
}

TEST_CASE("documents are built and written back compactly") {
  auto policy = JsonValue::object({
      {"Version", "2012-10-17"},
      {"Statement", JsonValue::array({JsonValue::object({
                        {"Effect", "Allow"},
                        {"Action", JsonValue::array({"sts:AssumeRole"})},
                        {"Principal", JsonValue::object({{"Service", "redshift.amazonaws.com"}})},
                    })})},
  });
  std::string text = policy.dump();
  CHECK(text == R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],)"
                R"("Principal":{"Service":"redshift.amazonaws.com"}}]})");
  CHECK(JsonValue::parse(text) == policy);

  JsonValue edited = JsonValue::object();
  edited.set("a", 1).set("b", true).set("a", nullptr);
  CHECK(edited.dump() == R"({"a":null,"b":true})");
  JsonValue list = JsonValue::array();
  list.push(1.5).push(-3).push(std::string("x"));
  CHECK(list.dump() == R"([1.5,-3,"x"])");
  CHECK_THROWS_AS(JsonValue::object({{"a", 1}, {"a", 2}}), std::invalid_argument);
  CHECK_THROWS_AS(JsonValue(0.0 / 0.0), std::invalid_argument);
  CHECK(JsonValue::number("-1.25e-3").asDouble() == doctest::Approx(-0.00125));
  CHECK_THROWS_AS(JsonValue::number("1."), std::invalid_argument);
}

TEST_CASE("strings are escaped on the way out and survive a round trip") {
  std::string tricky = std::string("quote\" backslash\\ newline\n tab\t nul") + '\0' + " \x1F caf\xC3\xA9";
  std::string text = JsonValue(tricky).dump();
  CHECK(text == "\"quote\\\" backslash\\\\ newline\\n tab\\t nul\\u0000 \\u001f caf\xC3\xA9\"");
  CHECK(JsonValue::parse(text).asString() == tricky);
}
