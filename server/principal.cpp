#include "server/principal.h"

#include <cctype>

#include "server/http.h"

namespace sovang::server {

namespace {

// "http://Host:8080/path" -> "http://host:8080" (lower case, no path).
std::string OriginOf(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::size_t host_end = url.find('/', scheme_end + 3);
  std::string origin(url.substr(0, host_end));
  for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return origin;
}

}  // namespace

bool SameOrigin(const Request& request, std::string_view public_url) {
  const std::optional<std::string> origin = request.Header("Origin");
  if (!origin) return true;
  const std::string o = OriginOf(*origin);
  if (o.empty()) return false;  // "null" (sandboxed, file:) and garbage
  if (o == OriginOf(public_url)) return true;
  if (const std::optional<std::string> host = request.Header("Host")) {
    return o == OriginOf("http://" + *host) || o == OriginOf("https://" + *host);
  }
  return false;
}

std::optional<Principal> NoAuthenticator::Authenticate(const Request&) { return std::nullopt; }

bool NoAuthenticator::CheckCsrf(const Request& request, const std::optional<Principal>&) {
  return SameOrigin(request, public_url_);
}

}  // namespace sovang::server
