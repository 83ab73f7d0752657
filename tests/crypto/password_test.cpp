#include <catch2/catch.hpp>

#include "crypto/password.h"

using namespace sovang::crypto;

namespace {
const PasswordOptions kFast{PasswordStrength::kMinimum};
}

TEST_CASE("A password hashes to an argon2id string that verifies only with that password", "[crypto]") {
  const std::string hash = HashPassword("mật khẩu đúng", kFast);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(VerifyPassword(hash, "mật khẩu đúng"));
  CHECK_FALSE(VerifyPassword(hash, "mật khẩu sai"));
  CHECK_FALSE(VerifyPassword(hash, ""));
}

TEST_CASE("The same password hashes differently each time (fresh salt)", "[crypto]") {
  CHECK(HashPassword("secret", kFast) != HashPassword("secret", kFast));
}

TEST_CASE("A malformed stored hash is a mismatch, not an error", "[crypto]") {
  CHECK_FALSE(VerifyPassword("", "x"));
  CHECK_FALSE(VerifyPassword("not a hash", "x"));
  CHECK_FALSE(VerifyPassword(std::string(500, 'a'), "x"));
}

TEST_CASE("A hash made with weaker limits asks to be rehashed", "[crypto]") {
  const std::string weak = HashPassword("secret", kFast);
  CHECK(PasswordNeedsRehash(weak, PasswordOptions{PasswordStrength::kInteractive}));
  CHECK_FALSE(PasswordNeedsRehash(weak, kFast));
}
