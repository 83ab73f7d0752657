#pragma once
// Moves the store's outbox into the index: every entry after the index's last
// applied sequence is applied with replace_document, and the new sequence is
// committed with the documents, so a crash at any point just replays.

#include <cstdint>
#include <filesystem>

#include "index/indexer.h"
#include "store/database.h"

namespace sovang::ingest {

struct SyncOptions {
  int batch = 5000;  // entries per Xapian commit
};

// Returns the number of entries applied.
std::int64_t SyncIndex(store::Database& db, index::Indexer& indexer, const SyncOptions& options = {});

struct RebuildOptions {
  int threads = 0;  // writers; <= 0 means one per core
  // A writer starts a new part after this many records. A Xapian flush
  // rewrites the B-tree blocks of every term it carries, so its cost grows
  // with the database it goes into: small parts keep every flush cheap, and
  // one merge at the end joins them (bench/RESULTS.md section 2).
  std::int64_t records_per_part = 250000;
};

// Rebuilds the whole index into `dir` (which must not exist yet) on
// `options.threads` writers, each writing parts of its own beside `dir` (one
// Xapian database takes one writer), then merges the parts into one compacted
// index and applies what the outbox gained meanwhile. Returns the records
// indexed. The parts are removed whatever happens.
std::int64_t RebuildIndexAt(store::Database& db, const std::filesystem::path& dir, const RebuildOptions& options = {});

}  // namespace sovang::ingest
