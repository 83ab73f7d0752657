#pragma once
// The one place that maps error codes to HTTP statuses.

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sovang::server {

// kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403,
// kNotFound 404, kConflict 409, kTooLarge 413, kRateLimited 429, else 500.
int HttpStatusFor(Errc code);

// {"error": {"code": "not_found", "message": "..."}}
nlohmann::json ErrorJson(Errc code, const std::string& message);

}  // namespace sovang::server
