#include "crypto/hash.h"

#include <algorithm>

#include <sodium.h>

#include "core/error.h"
#include "crypto/sodium_init.h"

namespace sovang::crypto {

namespace {

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string ToHex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), Bytes(bytes), bytes.size());
  out.pop_back();  // the terminating NUL
  return out;
}

std::string KeyedHashHex(std::string_view key, std::string_view data) {
  detail::EnsureSodium();
  unsigned char k[crypto_generichash_KEYBYTES_MAX];
  size_t key_len = key.size();
  if (key_len < crypto_generichash_KEYBYTES_MIN || key_len > crypto_generichash_KEYBYTES_MAX) {
    // Out of BLAKE2b's key range: use the unkeyed hash of the key as the key.
    crypto_generichash(k, crypto_generichash_KEYBYTES, Bytes(key), key.size(), nullptr, 0);
    key_len = crypto_generichash_KEYBYTES;
  } else {
    std::copy(key.begin(), key.end(), reinterpret_cast<char*>(k));
  }
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, Bytes(data), data.size(), k, key_len);
  sodium_memzero(k, sizeof k);
  return ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string RandomBytes(std::size_t n) {
  detail::EnsureSodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string RandomToken(std::size_t n) {
  const std::string raw = RandomBytes(n);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(n, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(raw), raw.size(), variant);
  out.resize(out.find('\0'));
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sovang::crypto
