#include "store/database.h"

#include <cctype>
#include <utility>

#include "core/error.h"
#include "store/database_impl.h"
#include "store/migrations.h"

namespace sovang::store {

namespace detail {

void ThrowSqlite(sqlite3* db, int rc, std::string_view what, std::string errmsg) {
  if (errmsg.empty()) errmsg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const Errc code = (rc & 0xff) == SQLITE_CONSTRAINT ? Errc::kConflict : Errc::kStore;
  throw Error(code, std::string(what) + ": " + errmsg);
}

void ExecRaw(sqlite3* db, const std::string& sql, std::string_view what) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return;
  std::string text = message != nullptr ? message : "";
  sqlite3_free(message);
  ThrowSqlite(db, rc, what, std::move(text));
}

std::string Abbreviate(std::string_view sql, std::size_t max) {
  std::string out;
  bool space = false;
  for (const char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= max) {
      out += "...";
      break;
    }
  }
  return out;
}

}  // namespace detail

namespace {

using detail::ExecRaw;
using detail::ThrowSqlite;

bool IsMemory(const std::filesystem::path& file) { return file.empty() || file == ":memory:"; }

// Runs a PRAGMA that answers one value and returns it as text.
std::string PragmaValue(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  if (rc != SQLITE_OK) ThrowSqlite(db, rc, sql);
  std::unique_ptr<sqlite3_stmt, Statement::Impl::Finalizer> stmt(raw);
  rc = sqlite3_step(raw);
  if (rc == SQLITE_DONE) return "";
  if (rc != SQLITE_ROW) ThrowSqlite(db, rc, sql);
  const unsigned char* text = sqlite3_column_text(raw, 0);
  return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}

// The statements stepped but not reset, for errors like "cannot commit
// transaction - SQL statements in progress": who forgot to finish reading.
std::string InProgress(sqlite3* db) {
  std::string list;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr; s = sqlite3_next_stmt(db, s)) {
    if (sqlite3_stmt_busy(s) == 0) continue;
    list += (list.empty() ? " (in progress: `" : "`, `") + detail::Abbreviate(sqlite3_sql(s), 60);
  }
  return list.empty() ? list : list + "`)";
}

// Runs BEGIN/COMMIT/SAVEPOINT/RELEASE, naming unfinished statements if it fails.
void ExecControl(sqlite3* db, const std::string& sql, std::string_view what) {
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) ThrowSqlite(db, rc, what, sqlite3_errmsg(db) + InProgress(db));
}

// Undoes the current transaction, if SQLite has not done so already (it
// rolls back by itself after some errors, e.g. SQLITE_FULL). Never throws:
// it runs while another error is on its way out.
void RollbackQuietly(sqlite3* db) {
  if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

// SQLite counts its memory under one process-wide mutex taken around every
// allocation; under verification load the server's threads queued on it
// (half of all futex calls, 16 a request). Nothing reads those counts.
// sqlite3_config must run before SQLite initialises; once is enough, and a
// refusal (some other code initialised SQLite first) only keeps the counts.
void ConfigureSqliteOnce() {
  static const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)rc;
}

}  // namespace

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::Open(const std::filesystem::path& file, const OpenOptions& options) {
  const std::string name = IsMemory(file) ? ":memory:" : file.string();
  try {
    // Read (and check) the migrations first: a bad set must not touch the file.
    const std::vector<detail::Migration> migrations =
        options.migrate ? detail::LoadMigrations(options.migrations_dir) : std::vector<detail::Migration>{};

    ConfigureSqliteOnce();
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    impl->read_only = options.read_only;
    const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    impl->db.reset(raw);  // owned even when opening failed
    if (rc != SQLITE_OK) ThrowSqlite(raw, rc, "sqlite3_open_v2");
    sqlite3* db = impl->handle();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);

    if (!options.read_only) {
      const std::string mode = PragmaValue(db, "PRAGMA journal_mode=WAL");
      if (mode != "wal" && !(IsMemory(file) && mode == "memory"))
        throw Error(Errc::kStore, "cannot switch to WAL journal mode (still '" + mode + "')");
    }
    ExecRaw(db, "PRAGMA synchronous=FULL", "PRAGMA synchronous");
    if (options.cache_mib > 0) {
      const std::string pragma = "PRAGMA cache_size=-" + std::to_string(options.cache_mib * 1024);
      ExecRaw(db, pragma, "PRAGMA cache_size");
    }

    if (!options.migrate) {
      // another schema: its owner's
    } else if (options.read_only) {
      detail::VerifyMigrations(db, migrations);
    } else {
      detail::ApplyMigrations(db, migrations);
    }
    // After the migrations: they run with foreign keys off (see ApplyMigrations).
    ExecRaw(db, "PRAGMA foreign_keys=ON", "PRAGMA foreign_keys");
    if (PragmaValue(db, "PRAGMA foreign_keys") != "1")
      throw Error(Errc::kStore, "this SQLite cannot enforce foreign keys");
    return Database(std::move(impl));
  } catch (const Error& e) {
    throw Error(e.code(), "open archive database " + name + ": " + e.what());
  }
}

std::vector<int> Database::AppliedMigrations() const { return detail::AppliedVersions(impl_->handle()); }

void Database::Transaction(const std::function<void()>& fn) {
  Impl& im = *impl_;
  sqlite3* db = im.handle();
  if (im.read_only)
    throw Error(Errc::kStore, "write transaction on a read-only connection to " + im.file.string());
  if (im.depth == 0) {
    ExecControl(db, "BEGIN IMMEDIATE", "begin transaction");
    im.depth = 1;
    im.writing = true;
    try {
      fn();
      ExecControl(db, "COMMIT", "commit");
    } catch (...) {
      im.depth = 0;
      im.writing = false;
      RollbackQuietly(db);
      throw;
    }
    im.depth = 0;
    im.writing = false;
    return;
  }
  if (!im.writing)
    throw Error(Errc::kInternal, "write transaction inside a read transaction on " + im.file.string());
  // Nested: a savepoint, so that a nested failure the caller catches does not
  // leave half of the nested writes in the outer transaction.
  const std::string savepoint = "sovang_" + std::to_string(im.depth);
  ExecControl(db, "SAVEPOINT " + savepoint, "savepoint");
  ++im.depth;
  try {
    fn();
  } catch (...) {
    --im.depth;
    if (sqlite3_get_autocommit(db) == 0) {
      sqlite3_exec(db, ("ROLLBACK TO " + savepoint).c_str(), nullptr, nullptr, nullptr);
      sqlite3_exec(db, ("RELEASE " + savepoint).c_str(), nullptr, nullptr, nullptr);
    }
    throw;
  }
  --im.depth;
  ExecControl(db, "RELEASE " + savepoint, "release savepoint");
}

void Database::ReadTransaction(const std::function<void()>& fn) {
  Impl& im = *impl_;
  if (im.depth > 0) {  // inside a read or write transaction already: join it
    ++im.depth;
    try {
      fn();
    } catch (...) {
      --im.depth;
      throw;
    }
    --im.depth;
    return;
  }
  sqlite3* db = im.handle();
  // Prepared once (a lookup's read transaction is on the verification path;
  // sqlite3_exec would parse both statements every time).
  Prepare("BEGIN DEFERRED").Run();
  im.depth = 1;
  im.writing = false;
  try {
    fn();
    Prepare("COMMIT").Run();
  } catch (...) {
    im.depth = 0;
    RollbackQuietly(db);
    throw;
  }
  im.depth = 0;
}

void Database::Exec(const std::string& sql) { ExecRaw(impl_->handle(), sql, detail::Abbreviate(sql)); }

Statement& Database::Prepare(const std::string& sql) {
  auto found = impl_->statements.find(sql);
  if (found != impl_->statements.end()) return found->second->Reset();

  sqlite3* db = impl_->handle();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                                    &tail);
  if (rc != SQLITE_OK) ThrowSqlite(db, rc, "prepare `" + detail::Abbreviate(sql) + "`");
  auto impl = std::make_unique<Statement::Impl>();
  impl->stmt.reset(raw);
  if (raw == nullptr) throw Error(Errc::kInternal, "prepare: no SQL statement in `" + detail::Abbreviate(sql) + "`");
  for (const char* p = tail; p != nullptr && *p != '\0'; ++p) {
    if (!std::isspace(static_cast<unsigned char>(*p)))
      throw Error(Errc::kInternal, "prepare takes one SQL statement, got more: `" + detail::Abbreviate(sql) + "`");
  }
  auto statement = std::make_unique<Statement>(std::move(impl));
  Statement& ref = *statement;
  impl_->statements.emplace(sql, std::move(statement));
  return ref;
}

std::int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(impl_->handle()); }

int Database::Changes() const { return sqlite3_changes(impl_->handle()); }

std::int64_t Database::DataVersion() {
  Statement& st = Prepare("PRAGMA data_version");
  detail::ResetOnExit reset(st);
  if (!st.Step()) throw Error(Errc::kStore, "PRAGMA data_version answered nothing");
  return st.Int(0);
}

// ---------------------------------------------------------------------------

Statement::Statement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Statement::~Statement() = default;

namespace {

// Binding after a Step rewinds first (SQLite refuses to bind to a running
// statement); the other bindings stay.
sqlite3_stmt* ForBinding(Statement::Impl& im) {
  if (im.stepped) {
    sqlite3_reset(im.handle());
    im.stepped = false;
  }
  return im.handle();
}

void CheckBind(sqlite3_stmt* stmt, int rc, int index) {
  if (rc == SQLITE_OK) return;
  ThrowSqlite(sqlite3_db_handle(stmt), rc,
              "bind parameter " + std::to_string(index) + " of `" + detail::Abbreviate(sqlite3_sql(stmt)) + "`");
}

}  // namespace

Statement& Statement::Reset() {
  sqlite3_reset(impl_->handle());  // returns the last Step's error, already reported
  sqlite3_clear_bindings(impl_->handle());
  impl_->stepped = false;
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_stmt* stmt = ForBinding(*impl_);
  CheckBind(stmt, sqlite3_bind_int64(stmt, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_stmt* stmt = ForBinding(*impl_);
  CheckBind(stmt, sqlite3_bind_double(stmt, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_stmt* stmt = ForBinding(*impl_);
  // data() of an empty view may be null, which SQLite would bind as NULL.
  const char* data = value.data() != nullptr ? value.data() : "";
  CheckBind(stmt, sqlite3_bind_text64(stmt, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_stmt* stmt = ForBinding(*impl_);
  CheckBind(stmt, sqlite3_bind_null(stmt, index), index);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::string& value) {
  return value.empty() ? BindNull(index) : Bind(index, std::string_view(value));
}

bool Statement::Step() {
  sqlite3_stmt* stmt = impl_->handle();
  impl_->stepped = true;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt);
  std::string message = sqlite3_errmsg(db);
  sqlite3_reset(stmt);
  impl_->stepped = false;
  ThrowSqlite(db, rc, detail::Abbreviate(sqlite3_sql(stmt)), std::move(message));
}

void Statement::Run() {
  while (Step()) {
  }
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(impl_->handle(), col) == SQLITE_NULL; }

std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(impl_->handle(), col); }

double Statement::Double(int col) const { return sqlite3_column_double(impl_->handle(), col); }

std::string Statement::Text(int col) const {
  sqlite3_stmt* stmt = impl_->handle();
  const unsigned char* text = sqlite3_column_text(stmt, col);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
}

}  // namespace sovang::store
