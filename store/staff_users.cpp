#include "store/staff_users.h"

#include <algorithm>

#include "core/error.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

using detail::kNow;
constexpr std::size_t kMinPasswordBytes = 8;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr const char* kColumns = "id, username, role, disabled, created_at, updated_at";

StaffUser ReadUser(const Statement& st) {
  StaffUser u;
  u.id = st.Int(0);
  u.username = st.Text(1);
  u.role = st.Text(2);
  u.disabled = st.Int(3) != 0;
  u.created_at = st.Text(4);
  u.updated_at = st.Text(5);
  return u;
}

void CheckRole(std::string_view role) {
  if (!IsStaffRole(role))
    throw Error(Errc::kInvalidArgument,
                "unknown role '" + std::string(role) + "' (admin, archivist, verifier or approver)");
}

void CheckPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes)
    throw Error(Errc::kInvalidArgument, "a password needs at least " + std::to_string(kMinPasswordBytes) + " bytes");
  if (password.size() > kMaxPasswordBytes) throw Error(Errc::kInvalidArgument, "the password is too long");
}

// A hash made once, verified against when the name does not exist, so that
// an unknown name costs as much time as a wrong password.
const std::string& DummyHash(const crypto::PasswordOptions& options) {
  static const std::string interactive = crypto::HashPassword("sovang-dummy-password", {});
  static const std::string minimum =
      crypto::HashPassword("sovang-dummy-password", {crypto::PasswordStrength::kMinimum});
  return options.strength == crypto::PasswordStrength::kMinimum ? minimum : interactive;
}

}  // namespace

bool IsStaffRole(std::string_view role) {
  return std::find(kStaffRoles.begin(), kStaffRoles.end(), role) != kStaffRoles.end();
}

std::string StaffUsers::NormalizeUsername(std::string_view username) {
  const auto first = username.find_first_not_of(" \t\r\n");
  const auto last = username.find_last_not_of(" \t\r\n");
  std::string name = first == std::string_view::npos ? "" : std::string(username.substr(first, last - first + 1));
  if (name.empty() || name.size() > 64) throw Error(Errc::kInvalidArgument, "a user name has 1 to 64 characters");
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) throw Error(Errc::kInvalidArgument, "user name '" + name + "': only a-z, 0-9 and . _ - @ are allowed");
  }
  return name;
}

StaffUser StaffUsers::Add(std::string_view username, std::string_view role, std::string_view password,
                          const Actor& actor) {
  const std::string name = NormalizeUsername(username);
  CheckRole(role);
  CheckPassword(password);
  const std::string hash = crypto::HashPassword(password, options_.password);  // outside the write lock
  StaffUser user;
  db_.Transaction([&] {
    if (Find(name)) throw Error(Errc::kConflict, "the user name '" + name + "' is taken");
    Statement& st = db_.Prepare(
        "INSERT INTO staff_users(username, role, password_hash, disabled, created_at, updated_at) "
        "VALUES (?, ?, ?, 0, " +
        std::string(kNow) + ", " + kNow + ") RETURNING " + kColumns);
    {
      detail::ResetOnExit reset(st);
      st.Bind(1, name).Bind(2, role).Bind(3, hash);
      st.Step();
      user = ReadUser(st);
    }
    AuditLog(db_).Append(actor, {"user.add", "user", std::to_string(user.id), "", nullptr, StaffUserToJson(user)});
  });
  return user;
}

std::optional<StaffUser> StaffUsers::Get(std::int64_t id) {
  Statement& st = db_.Prepare("SELECT " + std::string(kColumns) + " FROM staff_users WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  return ReadUser(st);
}

std::optional<StaffUser> StaffUsers::Find(std::string_view username) {
  std::string name;
  try {
    name = NormalizeUsername(username);
  } catch (const Error&) {
    return std::nullopt;  // a name that cannot exist
  }
  Statement& st = db_.Prepare("SELECT " + std::string(kColumns) + " FROM staff_users WHERE username = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, name);
  if (!st.Step()) return std::nullopt;
  return ReadUser(st);
}

std::vector<StaffUser> StaffUsers::List() {
  std::vector<StaffUser> users;
  Statement& st = db_.Prepare("SELECT " + std::string(kColumns) + " FROM staff_users ORDER BY username");
  detail::ResetOnExit reset(st);
  while (st.Step()) users.push_back(ReadUser(st));
  return users;
}

std::int64_t StaffUsers::Count() {
  Statement& st = db_.Prepare("SELECT count(*) FROM staff_users");
  detail::ResetOnExit reset(st);
  st.Step();
  return st.Int(0);
}

std::optional<StaffUser> StaffUsers::Authenticate(std::string_view username, std::string_view password) {
  std::optional<StaffUser> user;
  std::string hash;
  {
    std::string name;
    try {
      name = NormalizeUsername(username);
    } catch (const Error&) {
      name.clear();
    }
    if (!name.empty()) {
      Statement& st =
          db_.Prepare("SELECT " + std::string(kColumns) + ", password_hash FROM staff_users WHERE username = ?");
      detail::ResetOnExit reset(st);
      st.Bind(1, name);
      if (st.Step()) {
        user = ReadUser(st);
        hash = st.Text(6);
      }
    }
  }
  if (!user || password.size() > kMaxPasswordBytes) {
    crypto::VerifyPassword(DummyHash(options_.password), password.substr(0, kMaxPasswordBytes));
    return std::nullopt;
  }
  if (!crypto::VerifyPassword(hash, password) || user->disabled) return std::nullopt;
  if (crypto::PasswordNeedsRehash(hash, options_.password) && !db_.impl()->read_only) {
    const std::string fresh = crypto::HashPassword(password, options_.password);
    db_.Prepare("UPDATE staff_users SET password_hash = ? WHERE id = ?").Bind(1, fresh).Bind(2, user->id).Run();
  }
  return user;
}

StaffUser StaffUsers::Require(std::int64_t id) {
  std::optional<StaffUser> user = Get(id);
  if (!user) throw Error(Errc::kNotFound, "no user with id " + std::to_string(id));
  return *user;
}

void StaffUsers::SetPassword(std::int64_t id, std::string_view password, const Actor& actor) {
  CheckPassword(password);
  const std::string hash = crypto::HashPassword(password, options_.password);
  db_.Transaction([&] {
    const StaffUser user = Require(id);
    db_.Prepare("UPDATE staff_users SET password_hash = ?, updated_at = " + std::string(kNow) + " WHERE id = ?")
        .Bind(1, hash)
        .Bind(2, id)
        .Run();
    // Every session of the user ends with the old password.
    db_.Prepare("DELETE FROM staff_sessions WHERE user_id = ?").Bind(1, id).Run();
    AuditLog(db_).Append(actor, {"user.password",
                                 "user",
                                 std::to_string(id),
                                 "",
                                 {{"username", user.username}},
                                 {{"username", user.username}, {"password", "changed"}}});
  });
}

void StaffUsers::SetRole(std::int64_t id, std::string_view role, const Actor& actor) {
  CheckRole(role);
  db_.Transaction([&] {
    const StaffUser before = Require(id);
    db_.Prepare("UPDATE staff_users SET role = ?, updated_at = " + std::string(kNow) + " WHERE id = ?")
        .Bind(1, role)
        .Bind(2, id)
        .Run();
    AuditLog(db_).Append(
        actor, {"user.role", "user", std::to_string(id), "", StaffUserToJson(before), StaffUserToJson(Require(id))});
  });
}

void StaffUsers::SetDisabled(std::int64_t id, bool disabled, const Actor& actor) {
  db_.Transaction([&] {
    const StaffUser before = Require(id);
    db_.Prepare("UPDATE staff_users SET disabled = ?, updated_at = " + std::string(kNow) + " WHERE id = ?")
        .Bind(1, disabled ? 1 : 0)
        .Bind(2, id)
        .Run();
    if (disabled) db_.Prepare("DELETE FROM staff_sessions WHERE user_id = ?").Bind(1, id).Run();
    AuditLog(db_).Append(actor, {disabled ? "user.disable" : "user.enable", "user", std::to_string(id), "",
                                 StaffUserToJson(before), StaffUserToJson(Require(id))});
  });
}

nlohmann::json StaffUserToJson(const StaffUser& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"role", user.role},
          {"disabled", user.disabled},
          {"created_at", user.created_at}};
}

}  // namespace sovang::store
