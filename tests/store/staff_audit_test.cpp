#include <catch2/catch.hpp>

#include "staff_test_util.h"
#include "store/audit.h"

using namespace sovang;
using namespace sovang::store;
using namespace sovang::store::testing;

namespace {

// Five rows about two records, by a clerk.
void Fill(Database& db) {
  AuditLog log(db);
  const Actor clerk{7, "lan", "archivist"};
  for (int i = 1; i <= 5; ++i) {
    log.Append(clerk, {"record.correct",
                       "record",
                       "r" + std::to_string(i % 2),
                       "r" + std::to_string(i % 2),
                       {{"full_name", "Nguyễn Văn Thach"}},
                       {{"full_name", "Nguyễn Văn Thạch"}, {"n", i}}});
  }
}

}  // namespace

TEST_CASE("Audit rows chain and an untouched log verifies", "[store][audit]") {
  StaffArchive archive;
  CHECK(VerifyAuditChain(archive.db).ok());
  CHECK(VerifyAuditChain(archive.db).rows == 0);
  Fill(archive.db);

  const AuditChainReport report = VerifyAuditChain(archive.db);
  CHECK(report.ok());
  CHECK(report.rows == 5);
  CHECK(report.last_seq == 5);
  CHECK(report.head_hash.size() == 64);

  const auto rows = AuditLog(archive.db).OfRecord("r1");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].seq == 1);
  CHECK(rows[0].prev_hash == kAuditGenesisHash);
  CHECK(rows[0].actor == "lan");
  CHECK(rows[0].actor_id == 7);
  CHECK(rows[0].entry.old_value["full_name"] == "Nguyễn Văn Thach");
  CHECK(rows[0].entry.new_value["full_name"] == "Nguyễn Văn Thạch");
  const auto recent = AuditLog(archive.db).Recent(2);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].seq == 5);
  CHECK(recent[1].hash == recent[0].prev_hash);
}

TEST_CASE("An audit row edited with raw SQL is detected", "[store][audit]") {
  const char* edits[] = {
      "UPDATE audit_log SET new_value = '{\"full_name\":\"Trần Văn B\"}' WHERE seq = 3",
      "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3",
      "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3",
      "UPDATE audit_log SET old_value = NULL WHERE seq = 3",
      "UPDATE audit_log SET hash = 'abc' WHERE seq = 3",
  };
  for (const char* sql : edits) {
    INFO(sql);
    StaffArchive archive;
    Fill(archive.db);
    archive.db.Exec(sql);
    const AuditChainReport report = VerifyAuditChain(archive.db);
    CHECK_FALSE(report.ok());
    REQUIRE_FALSE(report.problems.empty());
    CHECK(report.problems.front().seq == 3);
  }
}

TEST_CASE("A deleted audit row is detected, in the middle or at the end", "[store][audit]") {
  for (int seq : {1, 3, 5}) {
    INFO("deleted row " << seq);
    StaffArchive archive;
    Fill(archive.db);
    archive.db.Exec("DELETE FROM audit_log WHERE seq = " + std::to_string(seq));
    const AuditChainReport report = VerifyAuditChain(archive.db);
    CHECK_FALSE(report.ok());
    CHECK(report.rows == 4);
  }
}

TEST_CASE("A row pointed at another predecessor breaks the chain", "[store][audit]") {
  StaffArchive archive;
  Fill(archive.db);
  archive.db.Exec("UPDATE audit_log SET prev_hash = '" + std::string(kAuditGenesisHash) + "' WHERE seq = 2");
  const AuditChainReport report = VerifyAuditChain(archive.db);
  CHECK_FALSE(report.ok());
  CHECK(report.problems.front().seq == 2);
  CHECK(report.problem_count == 2);  // no longer chained, and its hash no longer matches
}

TEST_CASE("Appending after tampering keeps numbering and the report in JSON says what broke", "[store][audit]") {
  StaffArchive archive;
  Fill(archive.db);
  archive.db.Exec("DELETE FROM audit_log WHERE seq = 5");
  AuditLog(archive.db).Append(SystemActor("test"), {"user.add", "user", "1", "", nullptr, {{"username", "x"}}});
  const AuditChainReport report = VerifyAuditChain(archive.db);
  CHECK(report.last_seq == 6);  // seq 5 is never reused
  CHECK_FALSE(report.ok());
  const nlohmann::json j = AuditChainReportToJson(report);
  CHECK(j["ok"] == false);
  CHECK(j["rows"] == 5);
  CHECK(j["problems"][0]["seq"] == 6);
  CHECK(j["problems"][0]["problem"].get<std::string>().find("missing") != std::string::npos);
}
