#include "server/errors.h"

namespace sovang::server {

int HttpStatusFor(Errc code) {
  switch (code) {
    case Errc::kInvalidArgument: return 400;
    case Errc::kUnauthenticated: return 401;
    case Errc::kPermissionDenied: return 403;
    case Errc::kNotFound: return 404;
    case Errc::kConflict: return 409;
    case Errc::kTooLarge: return 413;
    case Errc::kRateLimited: return 429;
    case Errc::kCorruptInput:
    case Errc::kIo:
    case Errc::kStore:
    case Errc::kIndex:
    case Errc::kOcr:
    case Errc::kInternal: return 500;
  }
  return 500;
}

nlohmann::json ErrorJson(Errc code, const std::string& message) {
  return {{"error", {{"code", std::string(ErrcName(code))}, {"message", message}}}};
}

}  // namespace sovang::server
