#pragma once
// The audit trail: every change (record correction, reissue transition, user
// change, certificate issued or revoked) appends one row in the transaction of
// the change, saying who, when, what, and the values before and after.
//
// Rows form a hash chain: hash = SHA-256(prev_hash || canonical content), the
// first row's prev_hash is 64 zeros. VerifyAuditChain recomputes it, so an
// edited, inserted or deleted row is found.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace sovang::store {

// Who makes a change. user_id 0 with a "system:..." name for the system
// (ingest, the CLI); role is the staff role, empty for the system.
struct Actor {
  std::int64_t user_id = 0;
  std::string name = "system";
  std::string role;
};

// An Actor for work done by the system itself: {0, "system:<what>", ""}.
Actor SystemActor(const std::string& what);

struct AuditEntry {
  std::string action;  // "record.correct", "reissue.approve", "user.add", ...
  std::string entity;  // "record" | "reissue_request" | "user" | "certificate"
  std::string entity_id;
  std::string record_id;     // the award record concerned; empty if none
  nlohmann::json old_value;  // null: nothing before
  nlohmann::json new_value;  // null: nothing after
};

struct AuditRow {
  std::int64_t seq = 0;
  std::string at;
  std::int64_t actor_id = 0;  // 0 for the system
  std::string actor;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

// The hash of the row before the first one.
inline constexpr const char* kAuditGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Appends a row chained to the newest one and returns its seq. Joins the
  // caller's transaction (do the change and its audit row in one), or opens
  // one. Throws Error(kStore).
  std::int64_t Append(const Actor& actor, const AuditEntry& entry);

  // Rows about one award record (record_id), oldest first, at most `limit`.
  std::vector<AuditRow> OfRecord(const std::string& record_id, int limit = 1000);
  // Rows about one entity ("user", "7"), oldest first.
  std::vector<AuditRow> OfEntity(const std::string& entity, const std::string& entity_id, int limit = 1000);
  // The newest rows, newest first.
  std::vector<AuditRow> Recent(int limit = 100);

 private:
  Database& db_;
};

nlohmann::json AuditRowToJson(const AuditRow& row);

struct AuditProblem {
  std::int64_t seq = 0;  // the row where it shows
  std::string what;      // "hash does not match its content (edited?)", ...
};

struct AuditChainReport {
  bool ok() const { return problems.empty(); }
  std::int64_t rows = 0;
  std::int64_t last_seq = 0;
  std::string head_hash;               // the newest row's hash: note it elsewhere to anchor the chain
  std::vector<AuditProblem> problems;  // at most 100 are listed
  std::int64_t problem_count = 0;
};

// Walks the whole log in seq order (constant memory) and checks that every
// row's hash matches its content, that it chains to the row before, that no
// seq is missing, and that the newest seq ever given out is still there.
// Read-only; runs in one read transaction.
AuditChainReport VerifyAuditChain(Database& db);

nlohmann::json AuditChainReportToJson(const AuditChainReport& report);

}  // namespace sovang::store
