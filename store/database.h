#pragma once
// The SQLite connection of an archive: opened in WAL mode with
// synchronous=FULL and foreign keys on, migrated to the newest schema
// (schemas/migrations/NNNN_name.sql, each applied once and recorded in
// schema_migrations). One writer connection per process.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sovang::store {

struct OpenOptions {
  bool read_only = false;
  // Where the migration files are; empty: the copy compiled into the binary.
  std::filesystem::path migrations_dir;
};

class Statement;

class Database {
 public:
  // Opens (creating if missing) and migrates. Throws Error(kStore).
  static Database Open(const std::filesystem::path& file, const OpenOptions& options = {});
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Versions of the migrations applied, in order.
  std::vector<int> AppliedMigrations() const;

  // Runs `fn` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws.
  // Nested calls join the outer transaction.
  void Transaction(const std::function<void()>& fn);

  // Runs SQL without results (DDL, PRAGMA). Throws Error(kStore).
  void Exec(const std::string& sql);

  // A prepared statement, cached per SQL text. Valid until the next call with
  // the same SQL on this connection.
  Statement& Prepare(const std::string& sql);

  std::int64_t LastInsertRowId() const;
  int Changes() const;

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
  Statement& Reset();  // clears bindings and rewinds
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, const std::string& value);
  Statement& Bind(int index, std::string_view value) { return Bind(index, std::string(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string(value)); }
  Statement& BindNull(int index);
  // Binds a string, or NULL when it is empty.
  Statement& BindOptional(int index, const std::string& value);

  bool Step();  // true while a row is available; throws Error(kStore, kConflict on constraint)
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
