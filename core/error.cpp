#include "core/error.h"

namespace sovang {

std::string_view ErrcName(Errc code) {
  switch (code) {
    case Errc::kInvalidArgument: return "invalid_argument";
    case Errc::kNotFound: return "not_found";
    case Errc::kConflict: return "conflict";
    case Errc::kUnauthenticated: return "unauthenticated";
    case Errc::kPermissionDenied: return "permission_denied";
    case Errc::kTooLarge: return "too_large";
    case Errc::kRateLimited: return "rate_limited";
    case Errc::kCorruptInput: return "corrupt_input";
    case Errc::kIo: return "io_error";
    case Errc::kStore: return "store_error";
    case Errc::kIndex: return "index_error";
    case Errc::kOcr: return "ocr_error";
    case Errc::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace sovang
