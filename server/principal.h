#pragma once
// Who is asking: the authentication seam between the HTTP framework and the
// staff accounts. The framework only knows this interface; the staff module
// (server/auth*, server/session*) implements it and installs it with
// AppContext::SetAuthenticator from RegisterStaffRoutes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sovang::server {

class Request;

// The staff roles. A user has exactly one.
inline constexpr std::string_view kRoleAdmin = "admin";          // manages users
inline constexpr std::string_view kRoleArchivist = "archivist";  // ingests, corrects records
inline constexpr std::string_view kRoleVerifier = "verifier";    // confirms achievements
inline constexpr std::string_view kRoleApprover = "approver";    // approves reissues

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string role;  // one of the kRole* names
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;

  // The staff member behind the request (session cookie, ...), or nullopt.
  // Called from many threads at once. May throw sovang::Error (for example
  // kRateLimited); the dispatcher turns it into the matching status.
  virtual std::optional<Principal> Authenticate(const Request& request) = 0;

  // Called before every state-changing request (POST, PUT, PATCH, DELETE),
  // public or not, after Authenticate for staff routes (`principal` is then
  // set). false answers 403. Called from many threads at once.
  virtual bool CheckCsrf(const Request& request, const std::optional<Principal>& principal) = 0;
};

// Nobody is authenticated (every staff route answers 401); state-changing
// requests must come from the same origin when the browser says where they
// come from (Origin header). The server uses it until the staff module
// installs the real one.
class NoAuthenticator final : public Authenticator {
 public:
  explicit NoAuthenticator(std::string public_url) : public_url_(std::move(public_url)) {}
  std::optional<Principal> Authenticate(const Request& request) override;
  bool CheckCsrf(const Request& request, const std::optional<Principal>& principal) override;

 private:
  std::string public_url_;
};

// Same-origin check usable by any Authenticator: true when the request has no
// Origin header (not a browser, or a same-origin GET) or when Origin equals
// the scheme://host[:port] of the request's Host header or of `public_url`.
bool SameOrigin(const Request& request, std::string_view public_url);

}  // namespace sovang::server
