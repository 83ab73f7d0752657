#pragma once
// Password hashing for staff accounts: argon2id through libsodium's
// crypto_pwhash_str. The stored string carries its own salt and parameters
// ("$argon2id$v=19$m=...,t=...,p=1$..."), so limits can be raised later and
// old hashes still verify.

#include <string>
#include <string_view>

namespace sovang::crypto {

enum class PasswordStrength {
  kInteractive,  // OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB): production
  kMinimum,      // OPSLIMIT_MIN / MEMLIMIT_MIN: tests only, fast and weak
};

struct PasswordOptions {
  PasswordStrength strength = PasswordStrength::kInteractive;
};

// Hashes `password` with a fresh random salt. Throws Error(kInternal) when
// the hash cannot be computed (out of memory).
std::string HashPassword(std::string_view password, const PasswordOptions& options = {});

// True when `password` matches `stored_hash` (constant time in the password).
// A malformed hash is a mismatch, not an error.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True when `stored_hash` was made with other limits than `options` ask for
// (re-hash after the next successful login).
bool PasswordNeedsRehash(std::string_view stored_hash, const PasswordOptions& options = {});

}  // namespace sovang::crypto
