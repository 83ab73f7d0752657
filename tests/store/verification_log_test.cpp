// The verification log's own file: rows appended in rounds, and the rows an
// older archive kept in sovang.db taken over once, whole, even when a move
// was cut short.

#include "store/verification_log.h"

#include <catch2/catch.hpp>

#include "staff_test_util.h"

using namespace sovang;
using namespace sovang::store;
using namespace sovang::store::testing;

namespace {

VerificationLogEntry CodeLookup(const std::string& client) {
  return {client, "code", std::string(64, 'a'), nullptr, "unknown", 0};
}

// Rows as an archive written before the log had its own file holds them.
void LogInArchive(Database& archive, int rows) {
  archive.Transaction([&] {
    for (int i = 0; i < rows; ++i) {
      Statement& st = archive.Prepare(
          "INSERT INTO verification_log(at, client, method, code_hash, result) VALUES (?, ?, 'code', ?, 'unknown')");
      st.Bind(1, "2026-01-0" + std::to_string(1 + i % 9) + "T10:00:00.000Z").Bind(2, "10.0.0." + std::to_string(i));
      st.Bind(3, std::string(64, 'b'));
      st.Run();
    }
  });
}

std::int64_t ArchiveRows(Database& archive) {
  Statement& st = archive.Prepare("SELECT count(*) FROM verification_log");
  REQUIRE(st.Step());
  const std::int64_t n = st.Int(0);
  st.Reset();
  return n;
}

}  // namespace

TEST_CASE("Verification lookups are logged with the code's hash, never the code, in rounds", "[store][verify_log]") {
  TempDir dir;
  VerificationLog log = VerificationLog::Open(dir / "verification-log.db");
  log.Append({CodeLookup("10.0.0.1"), {"10.0.0.1",
                                        "numbers",
                                        "",
                                        {{"decision", "543/QĐ-CTN"}, {"date", "1975-08-10"}, {"book", "1"}},
                                        "unknown",
                                        0}});
  log.Append({});
  CHECK(log.Count() == 2);
  // Reopened: the rows stayed, the table is not created twice.
  CHECK(VerificationLog::Open(dir / "verification-log.db").Count() == 2);
}

TEST_CASE("A log file is not an archive: opening one creates no archive table", "[store][verify_log]") {
  TempDir dir;
  { VerificationLog::Open(dir / "verification-log.db"); }
  Database raw = Database::Open(dir / "verification-log.db", OpenOptions{.migrate = false});
  Statement& st = raw.Prepare("SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'");
  REQUIRE(st.Step());
  CHECK(st.Text(0) == "verification_log");
}

TEST_CASE("The rows an older archive kept in sovang.db move to the log file once, ids kept", "[store][verify_log]") {
  TempDir dir;
  Database archive = Database::Open(dir / "sovang.db");
  LogInArchive(archive, 25);
  VerificationLog log = VerificationLog::Open(dir / "verification-log.db");
  CHECK(log.AdoptRowsFrom(dir / "sovang.db") == 25);
  CHECK(log.Count() == 25);
  CHECK(ArchiveRows(archive) == 0);
  CHECK(log.AdoptRowsFrom(dir / "sovang.db") == 0);
  CHECK(log.Count() == 25);
  // New rows come after the old ones.
  log.Append({CodeLookup("10.0.1.1")});
  CHECK(log.Count() == 26);
}

TEST_CASE("A move cut short after the copy is finished without doubling a row", "[store][verify_log]") {
  TempDir dir;
  Database archive = Database::Open(dir / "sovang.db");
  LogInArchive(archive, 10);
  {
    // What a crash between the two commits leaves: the rows in both files.
    VerificationLog log = VerificationLog::Open(dir / "verification-log.db");
    Database raw = Database::Open(dir / "verification-log.db", OpenOptions{.migrate = false});
    raw.Exec("ATTACH DATABASE '" + (dir / "sovang.db").string() + "' AS archive");
    raw.Exec("INSERT INTO main.verification_log SELECT * FROM archive.verification_log");
    raw.Exec("DETACH DATABASE archive");
  }
  LogInArchive(archive, 0);
  VerificationLog log = VerificationLog::Open(dir / "verification-log.db");
  CHECK(log.Count() == 10);
  CHECK(log.AdoptRowsFrom(dir / "sovang.db") == 10);
  CHECK(log.Count() == 10);
  CHECK(ArchiveRows(archive) == 0);
}

TEST_CASE("A file without the old log table has nothing to move", "[store][verify_log]") {
  TempDir dir;
  { Database::Open(dir / "other.db", OpenOptions{.migrate = false}).Exec("CREATE TABLE t(x)"); }
  VerificationLog log = VerificationLog::Open(dir / "verification-log.db");
  CHECK(log.AdoptRowsFrom(dir / "other.db") == 0);
  CHECK(log.Count() == 0);
}
