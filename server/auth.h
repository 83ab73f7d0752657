#pragma once
// What the staff route groups (routes_staff, routes_verify, routes_reissue)
// share: who is acting, in the store's terms, and small request helpers.

#include <string>

#include <nlohmann/json.hpp>

#include "server/http.h"
#include "store/audit.h"

namespace sovang::server {

// The staff member behind a request, as the store's audit Actor. Throws
// Error(kUnauthenticated) when the route did not authenticate.
store::Actor ActorOf(const Request& request);

// The optional JSON body of a transition ({"note": "..."}): an empty object
// when the request has no body.
nlohmann::json OptionalJson(const Request& request);

// A string member of a JSON object; "" when absent or null; Error(kInvalidArgument)
// when it is another type.
std::string StringMember(const nlohmann::json& object, const char* key);

}  // namespace sovang::server
