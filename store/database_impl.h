#pragma once
// Internal to sovang::store: what is behind Database and Statement, and the
// one place SQLite result codes become sovang::Error. Files of the store
// module may include it (for sqlite3_backup, say); nothing outside store/ may.

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.h"

namespace sovang::store {

namespace detail {

// The time now as the store writes every timestamp: ISO 8601 UTC with
// milliseconds ("2026-12-04T07:59:32.123Z"), computed by SQLite.
inline constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// Throws Error(kConflict) for constraint violations (unique, foreign key,
// check, not null) and Error(kStore, "<what>: <errmsg>") for anything else.
// `errmsg` empty: sqlite3_errmsg(db).
[[noreturn]] void ThrowSqlite(sqlite3* db, int rc, std::string_view what, std::string errmsg = {});

// Runs SQL without results (one or more statements). Throws as ThrowSqlite.
void ExecRaw(sqlite3* db, const std::string& sql, std::string_view what);

// The first line of a SQL text, whitespace collapsed, cut to `max` bytes: for
// error messages.
std::string Abbreviate(std::string_view sql, std::size_t max = 80);

// Resets a statement when the scope ends, whether its rows were all read or
// not, so that a cached statement never keeps a read snapshot open.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() { statement_.Reset(); }

 private:
  Statement& statement_;
};

}  // namespace detail

struct Database::Impl {
  struct Closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
  };

  // Declared first so that it is closed after every statement is finalized.
  std::unique_ptr<sqlite3, Closer> db;
  // Never evicted: a Statement& handed out stays valid as long as the Database.
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
  std::filesystem::path file;
  bool read_only = false;
  int depth = 0;          // transaction nesting; 0: autocommit
  bool writing = false;   // the outermost transaction is a write transaction

  sqlite3* handle() const { return db.get(); }
};

struct Statement::Impl {
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
  };

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt;
  bool stepped = false;  // Step() ran since the last reset

  sqlite3_stmt* handle() const { return stmt.get(); }
};

}  // namespace sovang::store
