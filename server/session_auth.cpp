#include "server/session_auth.h"

#include "crypto/hash.h"
#include "server/http.h"
#include "store/staff_sessions.h"

namespace sovang::server {

std::string CsrfTokenFor(std::string_view session_token) {
  return crypto::KeyedHashHex(session_token, "sovang csrf v1");
}

std::optional<Principal> SessionAuthenticator::Authenticate(const Request& request) {
  const std::optional<std::string> token = request.Cookie(kSessionCookie);
  if (!token || token->empty()) return std::nullopt;
  std::optional<store::SessionInfo> session;
  {
    auto db = app_.Reader();
    session = store::StaffSessions(*db).Lookup(*token);
  }
  if (!session) return std::nullopt;
  return Principal{session->user.id, session->user.username, session->user.role};
}

bool SessionAuthenticator::CheckCsrf(const Request& request, const std::optional<Principal>& principal) {
  const std::optional<std::string> token = request.Cookie(kSessionCookie);
  if (principal && token && !token->empty()) {
    // A staff request made with the session cookie: the token must match.
    const std::optional<std::string> sent = request.Header(kCsrfHeader);
    return sent && crypto::ConstantTimeEqual(*sent, CsrfTokenFor(*token));
  }
  // Public routes (login, logout) and the open-access development mode.
  return SameOrigin(request, app_.options().public_url);
}

}  // namespace sovang::server
