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

// Rebuilds the whole index into `dir` (which must not exist yet) on `threads`
// writers, each its own part beside `dir` (one Xapian database takes one
// writer), then merges the parts into one compacted index and applies what
// the outbox gained meanwhile. Returns the records indexed. `threads` <= 0
// means one per core. The parts are removed whatever happens.
std::int64_t RebuildIndexAt(store::Database& db, const std::filesystem::path& dir, int threads = 0);

}  // namespace sovang::ingest
