#pragma once
// Staff login sessions. The cookie holds a random token (crypto::RandomToken);
// the store keeps only its SHA-256 and an absolute expiry, so neither a copy
// of the database nor an old cookie lets anyone in.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/staff_users.h"

namespace sovang::store {

struct NewSession {
  std::string token;       // the secret for the cookie; stored nowhere
  std::string expires_at;  // ISO 8601 UTC
};

struct SessionInfo {
  StaffUser user;
  std::string created_at;
  std::string expires_at;
};

class StaffSessions {
 public:
  explicit StaffSessions(Database& db) : db_(db) {}

  // Opens a session for `user_id` that ends after `lifetime` (0 or less:
  // already ended). Also removes sessions that have ended. Writes.
  NewSession Create(std::int64_t user_id, std::chrono::seconds lifetime, const std::string& client = "");

  // The session of a token: unexpired, its user enabled. nullopt otherwise
  // (also for an empty or malformed token). Reads only.
  std::optional<SessionInfo> Lookup(const std::string& token);

  // Ends one session (logout); false when there was none.
  bool End(const std::string& token);
  // Ends every session of a user; returns how many.
  int EndAllOf(std::int64_t user_id);
  // Removes ended sessions; returns how many.
  int Prune();

 private:
  Database& db_;
};

}  // namespace sovang::store
