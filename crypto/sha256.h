#pragma once
// SHA-256 fingerprints (libsodium): of files (the fixity of every master) and
// of byte strings.

#include <filesystem>
#include <string>
#include <string_view>

namespace sovang::crypto {

// Lower-case hex SHA-256 of a byte string.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file, read in chunks. Throws Error(kIo/kNotFound).
std::string Sha256File(const std::filesystem::path& file);

}  // namespace sovang::crypto
