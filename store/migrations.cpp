#include "store/migrations.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.h"
#include "crypto/sha256.h"
#include "store/database_impl.h"

namespace sovang::store::detail {

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

std::string Number(int version) {
  std::string s = std::to_string(version);
  return s.size() < 4 ? std::string(4 - s.size(), '0') + s : s;
}

// "0012_add_things.sql" -> 12; nullopt when the name is not NNNN_name.sql.
std::optional<int> VersionOf(std::string_view file_name) {
  constexpr std::string_view kSuffix = ".sql";
  if (file_name.size() <= kSuffix.size() || !file_name.ends_with(kSuffix)) return std::nullopt;
  const std::size_t underscore = file_name.find('_');
  if (underscore == 0 || underscore == std::string_view::npos || underscore + 1 >= file_name.size() - kSuffix.size())
    return std::nullopt;
  int version = 0;
  const char* begin = file_name.data();
  const auto [end, ec] = std::from_chars(begin, begin + underscore, version);
  if (ec != std::errc() || end != begin + underscore || version <= 0) return std::nullopt;
  return version;
}

// Line endings do not change a migration: a checkout with CRLF keeps its checksum.
std::string Checksum(std::string_view sql) {
  std::string text;
  text.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\r' && i + 1 < sql.size() && sql[i + 1] == '\n') continue;
    text.push_back(sql[i]);
  }
  return "sha256:" + crypto::Sha256Hex(text);
}

Migration Make(std::string_view file_name, std::string sql) {
  const std::optional<int> version = VersionOf(file_name);
  if (!version)
    throw Error(Errc::kStore, "migration file " + std::string(file_name) + " is not named NNNN_name.sql");
  Migration m;
  m.version = *version;
  m.file_name = std::string(file_name);
  m.checksum = Checksum(sql);
  m.sql = std::move(sql);
  return m;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in && !in.eof()) throw Error(Errc::kStore, "cannot read migration " + path.string());
  return out.str();
}

struct Applied {
  std::string name;
  std::string checksum;
};

bool TableExists(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  const char* sql = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
  int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  if (rc != SQLITE_OK) ThrowSqlite(db, rc, "look for schema_migrations");
  std::unique_ptr<sqlite3_stmt, Statement::Impl::Finalizer> stmt(raw);
  rc = sqlite3_step(raw);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) ThrowSqlite(db, rc, "look for schema_migrations");
  return rc == SQLITE_ROW;
}

std::map<int, Applied> ReadApplied(sqlite3* db) {
  std::map<int, Applied> applied;
  if (!TableExists(db)) return applied;
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT version, name, checksum FROM schema_migrations ORDER BY version", -1,
                              &raw, nullptr);
  if (rc != SQLITE_OK) ThrowSqlite(db, rc, "read schema_migrations");
  std::unique_ptr<sqlite3_stmt, Statement::Impl::Finalizer> stmt(raw);
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    auto text = [raw](int col) {
      const unsigned char* t = sqlite3_column_text(raw, col);
      return t != nullptr ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    applied[sqlite3_column_int(raw, 0)] = Applied{text(1), text(2)};
  }
  if (rc != SQLITE_DONE) ThrowSqlite(db, rc, "read schema_migrations");
  return applied;
}

// The applied migrations must be ones this binary has, unchanged.
void CheckApplied(const std::map<int, Applied>& applied, const std::vector<Migration>& migrations) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  int expected = 1;
  for (const auto& [version, row] : applied) {
    if (version != expected && version <= newest)
      throw Error(Errc::kStore, "schema_migrations has " + Number(version) + " (" + row.name + ") but not " +
                                    Number(expected) + ": the archive was migrated by hand");
    ++expected;
    if (version > newest || version < 1) {
      throw Error(Errc::kStore, "the archive has migration " + Number(version) + " (" + row.name +
                                    "), which this binary does not know (it knows up to " + Number(newest) +
                                    "): use a newer sovang");
    }
    const Migration& m = migrations[static_cast<std::size_t>(version - 1)];
    if (row.checksum != m.checksum) {
      throw Error(Errc::kStore, "migration " + m.file_name + " was changed after it was applied to this archive (" +
                                    row.checksum + " applied, " + m.checksum +
                                    " now): write a new migration instead of editing an applied one");
    }
  }
}

}  // namespace

std::vector<Migration> LoadMigrations(const std::filesystem::path& dir) {
  std::vector<Migration> migrations;
  if (dir.empty()) {
    for (const EmbeddedMigration& e : EmbeddedMigrations()) migrations.push_back(Make(e.file_name, std::string(e.sql)));
  } else {
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) throw Error(Errc::kStore, "cannot list migrations in " + dir.string() + ": " + ec.message());
    for (const auto& entry : it) {
      if (entry.path().extension() != ".sql") continue;
      migrations.push_back(Make(entry.path().filename().string(), ReadFile(entry.path())));
    }
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const int expected = static_cast<int>(i) + 1;
    if (migrations[i].version == expected) continue;
    if (i > 0 && migrations[i].version == migrations[i - 1].version)
      throw Error(Errc::kStore, "two migrations have version " + Number(expected - 1) + ": " +
                                    migrations[i - 1].file_name + " and " + migrations[i].file_name);
    throw Error(Errc::kStore, "migration " + Number(expected) + " is missing (next is " + migrations[i].file_name +
                                  "): versions must follow each other from 0001");
  }
  return migrations;
}

void ApplyMigrations(sqlite3* db, const std::vector<Migration>& migrations) {
  ExecRaw(db, kCreateTable, "create schema_migrations");
  const std::map<int, Applied> applied_before = ReadApplied(db);
  CheckApplied(applied_before, migrations);
  if (applied_before.size() == migrations.size()) return;  // the usual case: nothing to write

  // Foreign keys off while migrating (a no-op inside a transaction, hence
  // here), so that a migration can rebuild a table as SQLite's ALTER TABLE
  // page describes; PRAGMA foreign_key_check guards each commit instead.
  ExecRaw(db, "PRAGMA foreign_keys=OFF", "PRAGMA foreign_keys");
  for (const Migration& m : migrations) {
    if (applied_before.count(m.version) != 0) continue;
    const std::string what = "migration " + m.file_name;
    ExecRaw(db, "BEGIN IMMEDIATE", what);
    try {
      // Read again under the write lock: another process may have applied it
      // since (only one migrates; the other finds it done).
      const std::map<int, Applied> applied = ReadApplied(db);
      if (applied.count(m.version) != 0) {
        CheckApplied(applied, migrations);
        ExecRaw(db, "COMMIT", what);
        continue;
      }
      ExecRaw(db, m.sql, what);
      sqlite3_stmt* raw = nullptr;
      int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &raw, nullptr);
      if (rc != SQLITE_OK) ThrowSqlite(db, rc, what);
      std::unique_ptr<sqlite3_stmt, Statement::Impl::Finalizer> check(raw);
      rc = sqlite3_step(raw);
      if (rc == SQLITE_ROW) {
        const unsigned char* table = sqlite3_column_text(raw, 0);
        throw Error(Errc::kStore, what + " leaves rows of " +
                                      (table != nullptr ? reinterpret_cast<const char*>(table) : "?") +
                                      " that violate a foreign key");
      }
      if (rc != SQLITE_DONE) ThrowSqlite(db, rc, what);
      check.reset();

      rc = sqlite3_prepare_v2(db,
                              "INSERT INTO schema_migrations(version, name, checksum, applied_at)"
                              " VALUES(?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                              -1, &raw, nullptr);
      if (rc != SQLITE_OK) ThrowSqlite(db, rc, what);
      std::unique_ptr<sqlite3_stmt, Statement::Impl::Finalizer> insert(raw);
      sqlite3_bind_int(raw, 1, m.version);
      sqlite3_bind_text(raw, 2, m.file_name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(raw, 3, m.checksum.c_str(), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step(raw);
      if (rc != SQLITE_DONE) ThrowSqlite(db, rc, what);
      insert.reset();
      ExecRaw(db, "COMMIT", what);
    } catch (...) {
      if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
      throw;
    }
  }
  ExecRaw(db, "PRAGMA foreign_keys=ON", "PRAGMA foreign_keys");
}

void VerifyMigrations(sqlite3* db, const std::vector<Migration>& migrations) {
  const std::map<int, Applied> applied = ReadApplied(db);
  CheckApplied(applied, migrations);
  if (applied.size() < migrations.size()) {
    const int have = applied.empty() ? 0 : applied.rbegin()->first;
    throw Error(Errc::kStore, "the archive's schema is at migration " + Number(have) + ", this binary needs " +
                                  Number(migrations.back().version) +
                                  ": open it for writing once (any sovang command that writes) to migrate it");
  }
}

std::vector<int> AppliedVersions(sqlite3* db) {
  std::vector<int> versions;
  for (const auto& [version, row] : ReadApplied(db)) versions.push_back(version);
  return versions;
}

}  // namespace sovang::store::detail
