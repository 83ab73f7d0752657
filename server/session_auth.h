#pragma once
// The real Authenticator: staff sessions from the store (store/staff_sessions.h)
// behind an HttpOnly, SameSite=Strict cookie, and CSRF tokens bound to the
// session. Installed by RegisterStaffRoutes.
//
// The CSRF token is a keyed hash of the session token, so it is bound to the
// session, needs no storage, and reveals nothing about the cookie. Staff
// requests that change state must send it in X-CSRF-Token; public ones (login,
// logout) must come from our own origin when the browser says where from.

#include <string>
#include <string_view>

#include "server/app_context.h"
#include "server/principal.h"

namespace sovang::server {

inline constexpr std::string_view kSessionCookie = "sovang_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The CSRF token of a session.
std::string CsrfTokenFor(std::string_view session_token);

class SessionAuthenticator final : public Authenticator {
 public:
  // REQUIRES: `app` outlives the authenticator.
  explicit SessionAuthenticator(AppContext& app) : app_(app) {}

  std::optional<Principal> Authenticate(const Request& request) override;
  bool CheckCsrf(const Request& request, const std::optional<Principal>& principal) override;

 private:
  AppContext& app_;
};

}  // namespace sovang::server
