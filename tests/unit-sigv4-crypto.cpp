// SHA-256, HMAC-SHA256 and hex, against published vectors (FIPS 180-2 and RFC 4231).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <awsdirect/crypto.hpp>
#include <awsdirect/error.hpp>

using namespace awsdirect;

TEST_CASE("sha256 matches the FIPS 180-2 vectors") {
  CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(toHex(sha256("abc")) == sha256Hex("abc"));
}

TEST_CASE("Sha256 hashes input given in pieces like the same input given at once") {
  const std::string text(100000, 'x');
  Sha256 hasher;
  for (std::size_t at = 0; at < text.size(); at += 777) hasher.update(std::string_view(text).substr(at, 777));
  CHECK(toHex(hasher.finish()) == sha256Hex(text));

  SUBCASE("after finish, the next update starts a new hash") {
    hasher.finish();
    CHECK(toHex(hasher.update("abc").finish()) == sha256Hex("abc"));
  }
  SUBCASE("reset forgets what was hashed") {
    hasher.update("something");
    hasher.reset();
    CHECK(toHex(hasher.update("abc").finish()) == sha256Hex("abc"));
  }
  SUBCASE("a copy carries on from the same state, independently") {
    hasher.update("ab");
    Sha256 copy = hasher;
    hasher.update("c");
    copy.update("x");
    CHECK(toHex(hasher.finish()) == sha256Hex("abc"));
    CHECK(toHex(copy.finish()) == sha256Hex("abx"));
  }
}

TEST_CASE("hmacSha256 matches the RFC 4231 vectors") {
  CHECK(toHex(hmacSha256(std::string(20, '\x0b'), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(toHex(hmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // A key longer than a block is hashed first.
  CHECK(toHex(hmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // A key of exactly one block is used as it is (Python's hmac gives this value).
  CHECK(toHex(hmacSha256(std::string(64, 'k'), "exactly one block of key")) ==
        "baa93ea4ccc7062ed6870c5e7937dbd35ad7791df4e29df9addeb429ff491acf");
}

TEST_CASE("HmacSha256 with its pads absorbed once gives the same MACs, again and again") {
  const HmacSha256 jefe("Jefe");
  for (int i = 0; i < 3; ++i)
    CHECK(toHex(jefe.mac("what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const Sha256Digest digestKey = sha256("a derived key");
  CHECK(HmacSha256(digestKey).mac("data") == hmacSha256(digestKey, "data"));
  CHECK(HmacSha256(std::string(131, '\xaa')).mac("m") == hmacSha256(std::string(131, '\xaa'), "m"));
}

TEST_CASE("one HmacSha256 serves several threads at once") {
  const HmacSha256 key("shared key");
  const Sha256Digest expected = hmacSha256("shared key", "message");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        if (key.mac("message") != expected) ++mismatches[t];
    });
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("toHex writes lowercase hex") {
  CHECK(toHex(std::string("\x00\x01\xab\xff", 4)) == "0001abff");
  CHECK(toHex("") == "");
  const unsigned char bytes[] = {0xde, 0xad, 0xbe, 0xef};
  CHECK(toHex(bytes, sizeof bytes) == "deadbeef");
}

TEST_CASE("sha256 of a streamed body reads it through, short reads included") {
  const std::string content(2 * 1024 * 1024 + 5, 'q');
  StreamedBody body;
  body.size = content.size();
  body.readAt = [&](std::uint64_t offset, char* buffer, std::size_t capacity) {
    const std::size_t n = std::min<std::size_t>(capacity, 300000);
    return content.copy(buffer, n, static_cast<std::size_t>(offset));
  };
  CHECK(toHex(sha256(body)) == sha256Hex(content));
  body.size = 0;
  CHECK(toHex(sha256(body)) == sha256Hex(""));
  body.size = content.size() + 1;  // declares more than it has
  CHECK_THROWS_AS(sha256(body), ValidationError);
}

TEST_CASE("base64 follows RFC 4648's test vectors, and decoding skips white space") {
  const char* vectors[][2] = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
                              {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& v : vectors) {
    CHECK(awsdirect::base64Encode(std::string_view(v[0])) == v[1]);
    CHECK(awsdirect::base64Decode(v[1]) == std::optional<std::string>(v[0]));
  }
  CHECK(awsdirect::base64Decode("Zm9v\nYmFy") == std::optional<std::string>("foobar"));
  CHECK_FALSE(awsdirect::base64Decode("Zm9v!").has_value());
  const std::string binary("\x00\xff\x10", 3);
  CHECK(awsdirect::base64Decode(awsdirect::base64Encode(binary)) == std::optional<std::string>(binary));
}

TEST_CASE("UUIDs are version 4 in lower-case hex, new each time; an idempotency token's differs in a forked child") {
  const std::regex form("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) {
    const std::string token = awsdirect::newUuid();
    const std::string invocation = awsdirect::newInvocationId();
    CHECK(std::regex_match(token, form));
    CHECK(std::regex_match(invocation, form));
    seen.insert(token);
    seen.insert(invocation);
  }
  CHECK(seen.size() == 1000);

  // Two processes that fork from one must not send the same token for two different requests.
  (void)awsdirect::newUuid();
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string token = awsdirect::newUuid();
    const bool written = write(fds[1], token.data(), token.size()) == static_cast<ssize_t>(token.size());
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  const std::string parentToken = awsdirect::newUuid();
  char childToken[36] = {};
  const ssize_t got = read(fds[0], childToken, sizeof childToken);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(got == 36);
  CHECK(parentToken != std::string(childToken, 36));
}
