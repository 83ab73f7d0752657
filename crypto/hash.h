#pragma once
// Digests and random tokens: SHA-256 for stored fingerprints (session token
// hashes, the audit chain, verification-log code hashes), keyed BLAKE2b for
// values derived from a secret (CSRF tokens), and a CSPRNG for secrets.

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/sha256.h"  // Sha256Hex, Sha256File

namespace sovang::crypto {

// Keyed BLAKE2b-256 of `data` under `key` (any length; hashed to 32 bytes
// first when longer than libsodium allows) as 64 lowercase hex digits.
std::string KeyedHashHex(std::string_view key, std::string_view data);

// `n` bytes from the operating system's CSPRNG (randombytes_buf).
std::string RandomBytes(std::size_t n);

// A secret of `n` random bytes, encoded URL-safe base64 without padding
// (cookie and header safe). 32 bytes -> 43 characters.
std::string RandomToken(std::size_t n = 32);

// Compares in time independent of where the strings first differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Lowercase hex of arbitrary bytes.
std::string ToHex(std::string_view bytes);

}  // namespace sovang::crypto
