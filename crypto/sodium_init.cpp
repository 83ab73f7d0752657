#include "crypto/sodium_init.h"

#include <sodium.h>

#include "core/error.h"

namespace sovang::crypto::detail {

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; a function-local static
  // makes later calls free.
  static const int status = sodium_init();
  if (status < 0) throw Error(Errc::kInternal, "libsodium: sodium_init failed");
}

}  // namespace sovang::crypto::detail
