#include <catch2/catch.hpp>

#include <set>

#include "crypto/hash.h"

using namespace sovang::crypto;

TEST_CASE("SHA-256 matches the published test vectors", "[crypto]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("A keyed hash depends on the key and the data", "[crypto]") {
  const std::string a = KeyedHashHex("key one", "data");
  CHECK(a.size() == 64);
  CHECK(a == KeyedHashHex("key one", "data"));
  CHECK(a != KeyedHashHex("key two", "data"));
  CHECK(a != KeyedHashHex("key one", "datb"));
  CHECK(KeyedHashHex("", "data").size() == 64);                     // too short for BLAKE2b: hashed
  CHECK(KeyedHashHex(std::string(100, 'k'), "data").size() == 64);  // too long: hashed
}

TEST_CASE("Random tokens are URL safe, of the asked size and distinct", "[crypto]") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = RandomToken(32);
    CHECK(t.size() == 43);
    CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 100);
  CHECK(RandomBytes(16).size() == 16);
}

TEST_CASE("Constant-time comparison agrees with equality", "[crypto]") {
  CHECK(ConstantTimeEqual("abc", "abc"));
  CHECK_FALSE(ConstantTimeEqual("abc", "abd"));
  CHECK_FALSE(ConstantTimeEqual("abc", "abcd"));
  CHECK(ConstantTimeEqual("", ""));
}
