#include "server/auth.h"

#include "core/error.h"

namespace sovang::server {

store::Actor ActorOf(const Request& request) {
  const std::optional<Principal>& p = request.principal();
  if (!p) throw Error(Errc::kUnauthenticated, "login required");
  return store::Actor{p->user_id, p->username, p->role};
}

nlohmann::json OptionalJson(const Request& request) {
  if (request.Body(kDefaultJsonLimit).empty()) return nlohmann::json::object();
  nlohmann::json body = request.Json();
  if (!body.is_object()) throw Error(Errc::kInvalidArgument, "the body must be a JSON object");
  return body;
}

std::string StringMember(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw Error(Errc::kInvalidArgument, std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

}  // namespace sovang::server
