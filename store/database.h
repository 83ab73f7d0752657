#pragma once
// The SQLite connection of an archive: opened in WAL mode with
// synchronous=FULL and foreign keys on, migrated to the newest schema
// (schemas/migrations/NNNN_name.sql, each applied once and recorded in
// schema_migrations). One writer connection per process.
//
// Threads: a Database, and every Statement it prepared, is used from one
// thread at a time. Readers on other threads open their own (read-only)
// connection.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sovang::store {

struct OpenOptions {
  bool read_only = false;
  // Where the migration files are; empty: the copy compiled into the binary.
  std::filesystem::path migrations_dir;
  // How long a statement waits for another connection's lock before it fails
  // with Error(kStore, "... database is locked").
  int busy_timeout_ms = 10000;
  // Page cache of this connection in MiB; 0: SQLite's default (2 MiB).
  int cache_mib = 0;
  // false: a file of another schema (store/verification_log.h), which its
  // owner creates; no migration is applied or checked.
  bool migrate = true;
};

// Page cache for a long-lived reader that answers lookups (the server's pool):
// the interior B-tree pages of a million-record archive's lookup indexes fit,
// so a verification reads ~1.7 pages from the OS instead of ~3.9
// (sovang-scale verify, 1M records), ~12% less CPU a lookup.
inline constexpr int kReaderCacheMib = 16;

class Statement;

class Database {
 public:
  // Opens (creating if missing) and migrates: every migration not yet applied
  // runs once, in its own transaction. Throws Error(kStore) when the file
  // cannot be opened, a migration fails, an applied migration's text changed
  // (checksum), the migration files have a gap, or the archive has migrations
  // this binary does not know.
  // read_only: opens SQLITE_OPEN_READONLY and does not migrate; throws
  // Error(kStore) unless the archive has exactly the binary's migrations.
  static Database Open(const std::filesystem::path& file, const OpenOptions& options = {});
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Versions of the migrations applied, in order.
  std::vector<int> AppliedMigrations() const;

  // Runs `fn` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws.
  // Nested calls join the outer transaction as a savepoint: nothing commits
  // before the outermost call returns, and if a nested `fn` throws, its own
  // writes are undone and the exception goes on to the caller (who may catch
  // it and carry on). SQLite refuses a savepoint while a write statement is
  // unfinished, so reset an INSERT ... RETURNING (detail::ResetOnExit) before
  // a nested Transaction; the error names the statements in progress.
  // Throws Error(kStore) on a read-only connection.
  void Transaction(const std::function<void()>& fn);

  // Runs `fn` inside a deferred read transaction, so that several queries see
  // one snapshot. Nested calls join the outer (read or write) transaction; a
  // write Transaction inside a read one throws Error(kInternal).
  void ReadTransaction(const std::function<void()>& fn);

  // Runs SQL without results (DDL, PRAGMA). Throws Error(kStore).
  void Exec(const std::string& sql);

  // A prepared statement for one SQL statement, cached per SQL text and never
  // evicted: the reference stays valid as long as this Database. Each call
  // resets the statement and clears its bindings, so read all the rows you
  // need before anything prepares the same SQL again (do not call back into
  // code that may run the same query while stepping).
  // Throws Error(kStore) when the SQL does not compile.
  Statement& Prepare(const std::string& sql);

  std::int64_t LastInsertRowId() const;
  int Changes() const;

  // A number that changes whenever another connection commits to this file,
  // in this process or another (PRAGMA data_version); this connection's own
  // commits leave it alone. Costs a read transaction's start (no page read):
  // what lets a long-lived reader tell whether answers it derived from the
  // store still hold. Throws Error(kStore).
  std::int64_t DataVersion();

  struct Impl;
  Impl* impl() const { return impl_.get(); }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A thin, safe view of a prepared statement: bind by 1-based index, step,
// read columns. Reset on every Bind after a Step.
class Statement {
 public:
  Statement& Reset();  // clears bindings and rewinds; never throws
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindNull(int index);
  // Binds a string, or NULL when it is empty.
  Statement& BindOptional(int index, const std::string& value);

  // true while a row is available. Throws Error(kConflict) on a constraint
  // violation, Error(kStore) otherwise (the statement is then reset).
  bool Step();
  void Run();   // Step until done

  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;  // "" for NULL

  struct Impl;
  explicit Statement(std::unique_ptr<Impl> impl);
  ~Statement();

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::store
