#include "crypto/password.h"

#include <sodium.h>

#include "core/error.h"
#include "crypto/sodium_init.h"

namespace sovang::crypto {

namespace {

struct Limits {
  unsigned long long ops;
  size_t mem;
};

Limits LimitsOf(const PasswordOptions& options) {
  switch (options.strength) {
    case PasswordStrength::kMinimum:
      return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    case PasswordStrength::kInteractive:
      break;
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

std::string HashPassword(std::string_view password, const PasswordOptions& options) {
  detail::EnsureSodium();
  const Limits limits = LimitsOf(options);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error(Errc::kInternal, "argon2id: cannot hash the password (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  detail::EnsureSodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES.
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash, const PasswordOptions& options) {
  detail::EnsureSodium();
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string hash(stored_hash);
  const Limits limits = LimitsOf(options);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops, limits.mem) != 0;
}

}  // namespace sovang::crypto
