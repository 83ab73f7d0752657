#pragma once
// Staff accounts: a user name, one role, an argon2id password hash. Accounts
// are disabled, never deleted. Every change is audited (action "user.*",
// entity "user"); password hashes never appear in the audit log.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/password.h"
#include "store/audit.h"
#include "store/database.h"

namespace sovang::store {

// The staff roles (server/principal.h names them too).
inline constexpr std::array<std::string_view, 4> kStaffRoles = {"admin", "archivist", "verifier", "approver"};
bool IsStaffRole(std::string_view role);

struct StaffUser {
  std::int64_t id = 0;
  std::string username;
  std::string role;
  bool disabled = false;
  std::string created_at;
  std::string updated_at;
};

struct StaffUsersOptions {
  // kMinimum only in tests: hashing is then fast and weak.
  crypto::PasswordOptions password;
};

class StaffUsers {
 public:
  explicit StaffUsers(Database& db, StaffUsersOptions options = {}) : db_(db), options_(options) {}

  // Creates an account. The name is lower-cased; it must be 1..64 of a-z,
  // 0-9, '.', '_', '-', '@'. Throws Error(kInvalidArgument) for a bad name, an
  // unknown role or a password shorter than 8 bytes; Error(kConflict) when
  // the name is taken. Joins the caller's transaction or opens one.
  StaffUser Add(std::string_view username, std::string_view role, std::string_view password,
                const Actor& actor = SystemActor("cli"));

  std::optional<StaffUser> Get(std::int64_t id);
  std::optional<StaffUser> Find(std::string_view username);  // any case
  std::vector<StaffUser> List();                             // by name
  std::int64_t Count();

  // The enabled account whose password matches, else nullopt. Costs one
  // argon2id verification whether or not the name exists, so timing does not
  // tell which names do. Rehashes the password when its limits are outdated
  // (a write: call on a writer connection, or accept that it is skipped).
  std::optional<StaffUser> Authenticate(std::string_view username, std::string_view password);

  // Changes; each audited, each Error(kNotFound) for an unknown id.
  void SetPassword(std::int64_t id, std::string_view password, const Actor& actor);
  void SetRole(std::int64_t id, std::string_view role, const Actor& actor);
  void SetDisabled(std::int64_t id, bool disabled, const Actor& actor);

  // The name as stored (lower case, trimmed), or Error(kInvalidArgument).
  static std::string NormalizeUsername(std::string_view username);

 private:
  StaffUser Require(std::int64_t id);

  Database& db_;
  StaffUsersOptions options_;
};

nlohmann::json StaffUserToJson(const StaffUser& user);

}  // namespace sovang::store
