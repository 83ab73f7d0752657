#pragma once
// The log of public verification lookups: who asked (the client's address),
// how, and what was answered. It lives in a SQLite file of its own beside the
// store (ArchiveLayout::verification_log_db()), not in sovang.db:
//  - it is written at the rate citizens verify, thousands of rows a second
//    under load, and every commit to sovang.db makes the server's readers drop
//    their page caches (WAL): in a file of its own the log leaves the lookups'
//    caches warm (bench/RESULTS.md section 3);
//  - a row is appended, never changed, and nothing refers to it: no foreign
//    key to probe, no index to keep. Rows are in time order by id (one writer
//    appends them as they come), so a time range is an id range.
// synchronous=NORMAL: a power cut may lose the last rounds of rows, never
// damage the file (the store's own writes stay FULL).
//
// Rows logged before the log had a file of its own are in sovang.db's
// verification_log table (migration 0002); AdoptRowsFrom moves them here.
//
// Threads: like Database, one thread at a time.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace sovang::store {

struct VerificationLogEntry {
  std::string client;      // the client's address
  std::string method;      // "code" | "numbers"
  std::string code_hash;   // SHA-256 of the code as parsed (or as typed when not a code)
  nlohmann::json numbers;  // {"decision", "date", "book"} for "numbers"
  std::string result;      // the status answered
  std::int64_t certificate_id = 0;  // sovang.db's certificates.id; 0: none
};

class VerificationLog {
 public:
  // Opens the log file, creating it (and its table) if missing. Throws
  // Error(kStore).
  static VerificationLog Open(const std::filesystem::path& file);

  // Appends the entries in one transaction, each stamped with the time now.
  void Append(const std::vector<VerificationLogEntry>& entries);
  std::int64_t Count();

  // Moves the rows of `archive_db`'s verification_log table (an archive
  // written before the log had this file) here, ids and times kept, and
  // empties that table. Copy and delete are two commits: a move cut short
  // leaves rows in both places, and running it again (before any Append)
  // finishes it without doubling a row. Returns the rows it found there.
  // Throws Error(kStore), e.g. when another process holds sovang.db longer
  // than the busy timeout.
  std::int64_t AdoptRowsFrom(const std::filesystem::path& archive_db);

 private:
  explicit VerificationLog(Database db) : db_(std::move(db)) {}
  Database db_;
};

}  // namespace sovang::store
