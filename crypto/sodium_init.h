#pragma once
// Internal: libsodium must be initialised once before any call. Every crypto
// function calls EnsureSodium() first; it is cheap after the first time.

namespace sovang::crypto::detail {

// Throws Error(kInternal) when libsodium cannot initialise (no entropy source).
void EnsureSodium();

}  // namespace sovang::crypto::detail
