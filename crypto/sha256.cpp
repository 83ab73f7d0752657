#include "crypto/sha256.h"

#include <sodium.h>

#include <array>
#include <fstream>

#include "core/error.h"

namespace sovang::crypto {

namespace {

void EnsureSodium() {
  static const int ok = sodium_init();
  if (ok < 0) throw Error(Errc::kInternal, "libsodium failed to initialise");
}

std::string Hex(const unsigned char* digest, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, n);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest, sizeof digest);
}

std::string Sha256File(const std::filesystem::path& file) {
  EnsureSodium();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(std::filesystem::exists(file) ? Errc::kIo : Errc::kNotFound, "cannot read " + file.string());
  }
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 1 << 16> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto n = in.gcount();
    if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()), n);
  }
  if (in.bad()) throw Error(Errc::kIo, "error reading " + file.string());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof digest);
}

}  // namespace sovang::crypto
