#include <catch2/catch.hpp>

#include "staff_test_util.h"
#include "store/audit.h"
#include "store/staff_sessions.h"
#include "store/staff_users.h"

using namespace sovang;
using namespace sovang::store;
using namespace sovang::store::testing;

TEST_CASE("A staff user is added, found in any case and logs in with the right password only", "[store][staff]") {
  StaffArchive archive;
  StaffUsers users(archive.db, kFastUsers);
  const StaffUser added = users.Add("  Lan.Nguyen ", "archivist", "mật khẩu dài");
  CHECK(added.id > 0);
  CHECK(added.username == "lan.nguyen");
  CHECK(added.role == "archivist");

  REQUIRE(users.Find("LAN.NGUYEN"));
  CHECK(users.Find("LAN.NGUYEN")->id == added.id);
  CHECK(users.Authenticate("lan.nguyen", "mật khẩu dài"));
  CHECK(users.Authenticate("Lan.Nguyen", "mật khẩu dài")->id == added.id);
  CHECK_FALSE(users.Authenticate("lan.nguyen", "mật khẩu sai"));
  CHECK_FALSE(users.Authenticate("nobody", "mật khẩu dài"));
  CHECK_FALSE(users.Authenticate("", ""));
  CHECK(users.Count() == 1);
}

TEST_CASE("Adding a user refuses bad names, unknown roles, short passwords and taken names", "[store][staff]") {
  StaffArchive archive;
  StaffUsers users(archive.db, kFastUsers);
  users.Add("hoa", "verifier", "12345678");
  const struct {
    std::string name, role, password;
    Errc code;
  } cases[] = {
      {"", "admin", "12345678", Errc::kInvalidArgument},
      {"có dấu", "admin", "12345678", Errc::kInvalidArgument},
      {std::string(65, 'a'), "admin", "12345678", Errc::kInvalidArgument},
      {"minh", "superuser", "12345678", Errc::kInvalidArgument},
      {"minh", "admin", "1234567", Errc::kInvalidArgument},
      {"HOA", "admin", "12345678", Errc::kConflict},
  };
  for (const auto& c : cases) {
    INFO(c.name << " / " << c.role);
    CHECK(ThrownCode([&] { users.Add(c.name, c.role, c.password); }) == c.code);
  }
  CHECK(users.Count() == 1);
}

TEST_CASE("Passwords are stored as argon2id hashes and never reach the audit log", "[store][staff]") {
  StaffArchive archive;
  StaffUsers users(archive.db, kFastUsers);
  const StaffUser u = users.Add("an", "admin", "bí mật 12345", SystemActor("cli"));
  users.SetPassword(u.id, "bí mật mới 678", Actor{u.id, "an", "admin"});

  Statement& st = archive.db.Prepare("SELECT password_hash FROM staff_users");
  REQUIRE(st.Step());
  CHECK(st.Text(0).rfind("$argon2id$", 0) == 0);
  st.Reset();
  CHECK(users.Authenticate("an", "bí mật mới 678"));
  CHECK_FALSE(users.Authenticate("an", "bí mật 12345"));

  const auto rows = AuditLog(archive.db).OfEntity("user", std::to_string(u.id));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].entry.action == "user.add");
  CHECK(rows[0].actor == "system:cli");
  CHECK(rows[0].entry.new_value["role"] == "admin");
  CHECK(rows[1].entry.action == "user.password");
  for (const auto& row : rows) {
    CHECK(row.entry.new_value.dump().find("argon2") == std::string::npos);
    CHECK(row.entry.new_value.dump().find("bí mật") == std::string::npos);
  }
}

TEST_CASE("A disabled user cannot log in and loses its sessions; role changes are audited", "[store][staff]") {
  StaffArchive archive;
  StaffUsers users(archive.db, kFastUsers);
  const Actor admin{1, "root", "admin"};
  const StaffUser u = users.Add("binh", "verifier", "12345678");
  const NewSession session = StaffSessions(archive.db).Create(u.id, std::chrono::hours(1));
  REQUIRE(StaffSessions(archive.db).Lookup(session.token));

  users.SetRole(u.id, "approver", admin);
  CHECK(users.Get(u.id)->role == "approver");
  users.SetDisabled(u.id, true, admin);
  CHECK_FALSE(users.Authenticate("binh", "12345678"));
  CHECK_FALSE(StaffSessions(archive.db).Lookup(session.token));
  users.SetDisabled(u.id, false, admin);
  CHECK(users.Authenticate("binh", "12345678"));

  const auto rows = AuditLog(archive.db).OfEntity("user", std::to_string(u.id));
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].entry.action == "user.role");
  CHECK(rows[1].entry.old_value["role"] == "verifier");
  CHECK(rows[1].entry.new_value["role"] == "approver");
  CHECK(rows[1].actor == "root");
  CHECK(rows[2].entry.action == "user.disable");
  CHECK(rows[3].entry.action == "user.enable");
  CHECK(ThrownCode([&] { users.SetRole(999, "admin", admin); }) == Errc::kNotFound);
}

TEST_CASE("Sessions store only the token's hash and end at logout or expiry", "[store][staff]") {
  StaffArchive archive;
  StaffUsers users(archive.db, kFastUsers);
  const StaffUser u = users.Add("chi", "approver", "12345678");
  StaffSessions sessions(archive.db);
  const NewSession s = sessions.Create(u.id, std::chrono::hours(8), "127.0.0.1");
  CHECK(s.token.size() >= 43);

  Statement& st = archive.db.Prepare("SELECT token_hash FROM staff_sessions");
  REQUIRE(st.Step());
  const std::string stored = st.Text(0);
  st.Reset();
  CHECK(stored != s.token);
  CHECK(stored.size() == 64);

  const auto info = sessions.Lookup(s.token);
  REQUIRE(info);
  CHECK(info->user.username == "chi");
  CHECK(info->user.role == "approver");
  CHECK_FALSE(sessions.Lookup(stored));  // the stored hash is not a token
  CHECK_FALSE(sessions.Lookup(""));
  CHECK_FALSE(sessions.Lookup("garbage"));

  CHECK(sessions.End(s.token));
  CHECK_FALSE(sessions.End(s.token));
  CHECK_FALSE(sessions.Lookup(s.token));

  const NewSession expired = sessions.Create(u.id, std::chrono::seconds(0));
  CHECK_FALSE(sessions.Lookup(expired.token));
  const NewSession other = sessions.Create(u.id, std::chrono::hours(1));
  CHECK(sessions.Prune() == 0);  // the ended one was pruned when `other` was created
  CHECK(sessions.EndAllOf(u.id) == 1);
  CHECK_FALSE(sessions.Lookup(other.token));
}
