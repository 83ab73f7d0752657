#pragma once
// Internal to sovang::store: the schema migrations runner. Migrations are
// schemas/migrations/NNNN_name.sql, compiled into the binary (or read from a
// directory for tests); each is applied once, in its own transaction, and
// recorded in schema_migrations with a checksum of its text.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace sovang::store::detail {

struct EmbeddedMigration {
  std::string_view file_name;  // "0001_initial.sql"
  std::string_view sql;
};

// Generated at build time (store/embedded_migrations.cpp.in).
std::vector<EmbeddedMigration> EmbeddedMigrations();

struct Migration {
  int version = 0;        // from the NNNN_ prefix
  std::string file_name;  // "0001_initial.sql"
  std::string sql;
  std::string checksum;   // "sha256:" + hex of the text with CRLF as LF
};

// The migrations compiled into the binary, or those in `dir` when it is not
// empty; sorted by version. Throws Error(kStore) on a badly named file, a
// duplicate version or a gap (versions must be 1, 2, 3, ...).
std::vector<Migration> LoadMigrations(const std::filesystem::path& dir);

// Applies every migration not yet recorded in schema_migrations, in order.
// Throws Error(kStore) when an applied migration's checksum differs from the
// file's, or when the database has migrations this binary does not know.
void ApplyMigrations(sqlite3* db, const std::vector<Migration>& migrations);

// Checks, without writing, that the database has exactly `migrations` applied
// (for read-only connections). Throws Error(kStore) otherwise.
void VerifyMigrations(sqlite3* db, const std::vector<Migration>& migrations);

// Versions recorded in schema_migrations, in order (empty if the table is missing).
std::vector<int> AppliedVersions(sqlite3* db);

}  // namespace sovang::store::detail
