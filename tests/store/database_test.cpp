#include "store/database.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "store_test_util.h"

using sovang::Errc;
using sovang::Error;
using sovang::store::Database;
using sovang::store::OpenOptions;
using sovang::store::Statement;
using sovang::store::testing::CopyMigrations;
using sovang::store::testing::MigrationCount;
using sovang::store::testing::TempDir;
using sovang::store::testing::WriteFile;

namespace {

std::vector<int> OneTo(int n) {
  std::vector<int> v;
  for (int i = 1; i <= n; ++i) v.push_back(i);
  return v;
}

std::string Name(int version, const std::string& rest) {
  std::string s = std::to_string(version);
  return std::string(4 - std::min<std::size_t>(4, s.size()), '0') + s + "_" + rest + ".sql";
}

std::string Scalar(Database& db, const std::string& sql) {
  Statement& st = db.Prepare(sql);
  REQUIRE(st.Step());
  std::string value = st.Text(0);
  st.Reset();
  return value;
}

// Runs `fn` and returns the code of the sovang::Error it throws.
template <typename Fn>
Errc ErrorCode(Fn&& fn, std::string* message = nullptr) {
  try {
    fn();
  } catch (const Error& e) {
    if (message != nullptr) *message = e.what();
    return e.code();
  }
  FAIL("no sovang::Error thrown");
  return Errc::kInternal;
}

}  // namespace

TEST_CASE("Opening an archive twice applies each migration once", "[store]") {
  TempDir dir;
  const int n = MigrationCount();
  REQUIRE(n >= 1);
  std::string first_rows;
  {
    Database db = Database::Open(dir / "archive.db");
    CHECK(db.AppliedMigrations() == OneTo(n));
    first_rows = Scalar(db, "SELECT group_concat(version || name || checksum || applied_at, '|') FROM schema_migrations");
  }
  Database db = Database::Open(dir / "archive.db");
  CHECK(db.AppliedMigrations() == OneTo(n));
  CHECK(Scalar(db, "SELECT group_concat(version || name || checksum || applied_at, '|') FROM schema_migrations") ==
        first_rows);
  CHECK(Scalar(db, "SELECT name FROM schema_migrations WHERE version = 1") == "0001_initial.sql");
  CHECK(Scalar(db, "SELECT checksum FROM schema_migrations WHERE version = 1").rfind("sha256:", 0) == 0);
}

TEST_CASE("A new migration file in the migrations directory is applied on the next open", "[store]") {
  TempDir dir;
  const auto migrations = CopyMigrations(dir);
  const int n = MigrationCount();
  const OpenOptions options{.migrations_dir = migrations};
  {
    Database db = Database::Open(dir / "archive.db", options);
    CHECK(db.AppliedMigrations() == OneTo(n));
  }
  WriteFile(migrations / Name(n + 1, "extra"), "CREATE TABLE extra (id INTEGER PRIMARY KEY, note TEXT);\n");
  {
    Database db = Database::Open(dir / "archive.db", options);
    CHECK(db.AppliedMigrations() == OneTo(n + 1));
    db.Exec("INSERT INTO extra(note) VALUES ('applied')");
  }
  // The embedded set, which lacks the extra migration, refuses the archive.
  std::string message;
  CHECK(ErrorCode([&] { Database::Open(dir / "archive.db"); }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("does not know"));
}

TEST_CASE("Broken migration sets are refused with a reason", "[store]") {
  TempDir dir;
  const auto migrations = CopyMigrations(dir);
  const int n = MigrationCount();
  const OpenOptions options{.migrations_dir = migrations};
  Database::Open(dir / "archive.db", options);

  SECTION("an applied migration whose text changed") {
    const auto first = migrations / "0001_initial.sql";
    std::ifstream in(first);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    WriteFile(first, text + "-- edited\n");
    std::string message;
    CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", options); }, &message) == Errc::kStore);
    CHECK_THAT(message, Catch::Contains("0001_initial.sql was changed"));
  }
  SECTION("line endings alone do not change a migration") {
    const auto first = migrations / "0001_initial.sql";
    std::ifstream in(first);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()), crlf;
    for (char c : text) {
      if (c == '\n') crlf.push_back('\r');
      crlf.push_back(c);
    }
    WriteFile(first, crlf);
    CHECK(Database::Open(dir / "archive.db", options).AppliedMigrations() == OneTo(n));
  }
  SECTION("a gap in the versions") {
    WriteFile(migrations / Name(n + 2, "after_gap"), "CREATE TABLE gap (id INTEGER);\n");
    std::string message;
    CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", options); }, &message) == Errc::kStore);
    CHECK_THAT(message, Catch::Contains("is missing"));
  }
  SECTION("two files with one version") {
    WriteFile(migrations / Name(1, "again"), "CREATE TABLE again (id INTEGER);\n");
    std::string message;
    CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", options); }, &message) == Errc::kStore);
    CHECK_THAT(message, Catch::Contains("two migrations"));
  }
  SECTION("a badly named file") {
    WriteFile(migrations / "extra.sql", "CREATE TABLE extra (id INTEGER);\n");
    CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", options); }) == Errc::kStore);
  }
}

TEST_CASE("A migration that fails is rolled back and the archive stays at the version before", "[store]") {
  TempDir dir;
  const auto migrations = CopyMigrations(dir);
  const int n = MigrationCount();
  const OpenOptions options{.migrations_dir = migrations};
  Database::Open(dir / "archive.db", options);

  WriteFile(migrations / Name(n + 1, "half"), "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
  std::string message;
  CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", options); }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("half.sql") && Catch::Contains("no such table"));

  WriteFile(migrations / Name(n + 1, "half"), "CREATE TABLE half (id INTEGER);\n");
  Database db = Database::Open(dir / "archive.db", options);
  CHECK(db.AppliedMigrations() == OneTo(n + 1));
  CHECK(Scalar(db, "PRAGMA foreign_keys") == "1");
}

TEST_CASE("A migration that leaves a foreign key violated is refused", "[store]") {
  TempDir dir;
  const auto migrations = CopyMigrations(dir);
  const int n = MigrationCount();
  WriteFile(migrations / Name(n + 1, "orphan"),
            "INSERT INTO pages(source_id, page_no) VALUES (4242, 1);\n");  // no source 4242
  std::string message;
  CHECK(ErrorCode([&] { Database::Open(dir / "archive.db", OpenOptions{.migrations_dir = migrations}); },
                  &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("foreign key"));
}

TEST_CASE("The connection runs in WAL mode, synchronous FULL, with foreign keys on", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  CHECK(Scalar(db, "PRAGMA journal_mode") == "wal");
  CHECK(Scalar(db, "PRAGMA synchronous") == "2");  // FULL
  CHECK(Scalar(db, "PRAGMA foreign_keys") == "1");
  CHECK(Scalar(db, "PRAGMA busy_timeout") == "10000");
}

TEST_CASE("A read-only connection reads, refuses writes and does not migrate", "[store]") {
  TempDir dir;
  {
    Database db = Database::Open(dir / "archive.db");
    db.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('r1', 'upsert', 'now')");
  }
  Database ro = Database::Open(dir / "archive.db", OpenOptions{.read_only = true});
  CHECK(Scalar(ro, "SELECT record_id FROM outbox") == "r1");
  CHECK(ro.AppliedMigrations() == OneTo(MigrationCount()));
  CHECK(ErrorCode([&] { ro.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('r2', 'upsert', 'now')"); }) ==
        Errc::kStore);
  CHECK(ErrorCode([&] { ro.Transaction([] {}); }) == Errc::kStore);
  int seen = 0;
  ro.ReadTransaction([&] { seen = std::stoi(Scalar(ro, "SELECT count(*) FROM outbox")); });
  CHECK(seen == 1);
}

TEST_CASE("A read-only connection refuses an archive older than the binary, or none at all", "[store]") {
  TempDir dir;
  const auto migrations = CopyMigrations(dir);
  WriteFile(migrations / Name(MigrationCount() + 1, "newer"), "CREATE TABLE newer (id INTEGER);\n");

  Database::Open(dir / "archive.db");  // migrated to the embedded set only
  std::string message;
  CHECK(ErrorCode([&] {
          Database::Open(dir / "archive.db", OpenOptions{.read_only = true, .migrations_dir = migrations});
        }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("open it for writing once"));

  CHECK(ErrorCode([&] { Database::Open(dir / "missing.db", OpenOptions{.read_only = true}); }) == Errc::kStore);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("A file that is not an archive fails to open with its name in the message", "[store]") {
  TempDir dir;
  WriteFile(dir / "notes.db", std::string(4096, 'x'));
  std::string message;
  CHECK(ErrorCode([&] { Database::Open(dir / "notes.db"); }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("notes.db") && Catch::Contains("not a database"));
}

TEST_CASE("A transaction commits, and rolls back everything when it throws", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  auto count = [&] { return std::stoi(Scalar(db, "SELECT count(*) FROM outbox")); };
  const std::string insert = "INSERT INTO outbox(record_id, op, created_at) VALUES (?, 'upsert', 'now')";

  db.Transaction([&] { db.Prepare(insert).Bind(1, "a").Run(); });
  CHECK(count() == 1);

  CHECK_THROWS_AS(db.Transaction([&] {
                    db.Prepare(insert).Bind(1, "b").Run();
                    db.Transaction([&] { db.Prepare(insert).Bind(1, "c").Run(); });  // joins
                    throw std::runtime_error("boom");
                  }),
                  std::runtime_error);
  CHECK(count() == 1);

  // A nested failure the caller catches undoes only the nested writes.
  db.Transaction([&] {
    db.Prepare(insert).Bind(1, "d").Run();
    try {
      db.Transaction([&] {
        db.Prepare(insert).Bind(1, "e").Run();
        throw std::runtime_error("inner");
      });
    } catch (const std::runtime_error&) {
    }
  });
  CHECK(count() == 2);
  CHECK(Scalar(db, "SELECT group_concat(record_id, ',') FROM outbox") == "a,d");

  // And the connection is usable afterwards.
  db.Transaction([&] { db.Prepare(insert).Bind(1, "f").Run(); });
  CHECK(count() == 3);
}

TEST_CASE("A write transaction inside a read transaction is refused", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  CHECK(ErrorCode([&] { db.ReadTransaction([&] { db.Transaction([] {}); }); }) == Errc::kInternal);
  db.Transaction([&] { db.ReadTransaction([] {}); });  // a read inside a write joins it
}

TEST_CASE("Constraint violations are conflicts and other SQL errors are store errors", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  std::string message;

  CHECK(ErrorCode([&] { db.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('x', 'bogus', 'now')"); },
                  &message) == Errc::kConflict);
  CHECK_THAT(message, Catch::Contains("CHECK constraint failed"));

  CHECK(ErrorCode([&] { db.Prepare("INSERT INTO pages(source_id, page_no) VALUES (?, 1)").Bind(1, 99).Run(); },
                  &message) == Errc::kConflict);
  CHECK_THAT(message, Catch::Contains("FOREIGN KEY constraint failed"));

  CHECK(ErrorCode([&] { db.Prepare("SELECT nope FROM nowhere"); }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("no such table: nowhere"));

  CHECK(ErrorCode([&] { db.Exec("DROP TABLE nowhere"); }) == Errc::kStore);
}

TEST_CASE("Prepared statements are cached per SQL and stay valid", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Statement& a = db.Prepare("SELECT ?1 + 1");
  for (int i = 0; i < 200; ++i) db.Prepare("SELECT " + std::to_string(i));  // grow the cache
  Statement& b = db.Prepare("SELECT ?1 + 1");
  CHECK(&a == &b);
  a.Bind(1, 41);
  REQUIRE(a.Step());
  CHECK(a.Int(0) == 42);
  a.Bind(1, 1);  // binding after a step rewinds
  REQUIRE(a.Step());
  CHECK(a.Int(0) == 2);

  Database moved = std::move(db);  // the cache moves with the connection
  CHECK(&moved.Prepare("SELECT ?1 + 1") == &a);
}

TEST_CASE("Statements bind and read every type, NULL included", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Statement& st = db.Prepare("SELECT ?1, ?2, ?3, ?4, ?5, ?6");
  st.Bind(1, std::int64_t{1} << 40).Bind(2, 0.25).Bind(3, std::string("Nguyễn")).BindNull(4).BindOptional(5, "");
  std::string with_nul = "Thạch";
  with_nul.push_back('\0');
  with_nul += "x";
  st.Bind(6, std::string_view(with_nul));
  REQUIRE(st.Step());
  CHECK(st.Int(0) == (std::int64_t{1} << 40));
  CHECK(st.Double(1) == 0.25);
  CHECK(st.Text(2) == "Nguyễn");
  CHECK(st.IsNull(3));
  CHECK(st.Text(3).empty());
  CHECK(st.IsNull(4));
  CHECK(st.Text(5) == with_nul);
  CHECK_FALSE(st.Step());

  st.Reset();
  st.Bind(1, std::string_view());  // an empty string is not NULL
  REQUIRE(st.Step());
  CHECK_FALSE(st.IsNull(0));
}

TEST_CASE("Prepare takes exactly one statement", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  CHECK(ErrorCode([&] { db.Prepare("SELECT 1; SELECT 2"); }) == Errc::kInternal);
  CHECK(ErrorCode([&] { db.Prepare("-- nothing"); }) == Errc::kInternal);
  db.Prepare("SELECT 1;  \n");  // a trailing semicolon is fine
}

TEST_CASE("An unfinished write statement stops a nested transaction with a message that names it", "[store]") {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  std::string message;
  CHECK(ErrorCode([&] {
          db.Transaction([&] {
            Statement& st =
                db.Prepare("INSERT INTO outbox(record_id, op, created_at) VALUES ('a', 'upsert', 'now') RETURNING seq");
            REQUIRE(st.Step());  // a row is there, the statement is not finished
            db.Transaction([] {});
          });
        }, &message) == Errc::kStore);
  CHECK_THAT(message, Catch::Contains("in progress: `INSERT INTO outbox"));
  CHECK(std::stoi(Scalar(db, "SELECT count(*) FROM outbox")) == 0);

  // Reset, it is fine, and the RETURNING insert stays done.
  db.Transaction([&] {
    Statement& st =
        db.Prepare("INSERT INTO outbox(record_id, op, created_at) VALUES ('a', 'upsert', 'now') RETURNING seq");
    REQUIRE(st.Step());
    st.Reset();
    db.Transaction([] {});
  });
  CHECK(std::stoi(Scalar(db, "SELECT count(*) FROM outbox")) == 1);
}

TEST_CASE("A connection opened with a page cache size has it; others keep SQLite's default", "[store]") {
  TempDir dir;
  { Database::Open(dir / "archive.db"); }
  Database reader = Database::Open(dir / "archive.db", {.read_only = true, .cache_mib = 16});
  CHECK(Scalar(reader, "PRAGMA cache_size") == "-16384");
  Database plain = Database::Open(dir / "archive.db", {.read_only = true});
  CHECK(Scalar(plain, "PRAGMA cache_size") == "-2000");
}

TEST_CASE("The data version moves with every other connection's commit, not with a read or its own", "[store]") {
  TempDir dir;
  Database writer = Database::Open(dir / "archive.db");
  Database watcher = Database::Open(dir / "archive.db", OpenOptions{.read_only = true});
  const std::int64_t first = watcher.DataVersion();
  CHECK(watcher.DataVersion() == first);
  CHECK(Scalar(watcher, "SELECT count(*) FROM outbox") == "0");
  CHECK(watcher.DataVersion() == first);

  writer.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('r1', 'upsert', 'now')");
  const std::int64_t second = watcher.DataVersion();
  CHECK(second != first);
  CHECK(watcher.DataVersion() == second);

  // The writer's own commits do not move its own number; a rolled-back
  // transaction moves nobody's.
  const std::int64_t writers = writer.DataVersion();
  writer.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('r2', 'upsert', 'now')");
  CHECK(writer.DataVersion() == writers);
  const std::int64_t third = watcher.DataVersion();
  CHECK(third != second);
  CHECK_THROWS(writer.Transaction([&] {
    writer.Exec("INSERT INTO outbox(record_id, op, created_at) VALUES ('r3', 'upsert', 'now')");
    throw std::runtime_error("undone");
  }));
  CHECK(watcher.DataVersion() == third);
  CHECK(Scalar(watcher, "SELECT count(*) FROM outbox") == "2");
}
