#pragma once
// The one exception type of sovang: failures that stop an operation.
// Expected outcomes (a bad page in a batch, a record not found) are values.

#include <stdexcept>
#include <string>
#include <string_view>

namespace sovang {

enum class Errc {
  kInvalidArgument,   // the caller's input is malformed (400, exit 2)
  kNotFound,          // 404
  kConflict,          // 409: state does not allow this (duplicate, wrong transition)
  kUnauthenticated,   // 401
  kPermissionDenied,  // 403
  kTooLarge,          // 413
  kRateLimited,       // 429
  kCorruptInput,      // a file that cannot be decoded
  kIo,                // the file system failed
  kStore,             // SQLite failed
  kIndex,             // Xapian failed
  kOcr,               // the recogniser failed
  kInternal,          // a bug
};

// Stable snake_case name of a code, used in JSON errors ("invalid_argument").
std::string_view ErrcName(Errc code);

class Error : public std::runtime_error {
 public:
  Error(Errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

}  // namespace sovang
