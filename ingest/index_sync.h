#pragma once
// Moves the store's outbox into the index: every entry after the index's last
// applied sequence is applied with replace_document, and the new sequence is
// committed with the documents, so a crash at any point just replays.

#include <cstdint>

#include "index/indexer.h"
#include "store/database.h"

namespace sovang::ingest {

struct SyncOptions {
  int batch = 5000;  // entries per Xapian commit
};

// Returns the number of entries applied.
std::int64_t SyncIndex(store::Database& db, index::Indexer& indexer, const SyncOptions& options = {});

// Rebuilds the index from every record in the store (sovang reindex). Give it
// an empty index (a fresh directory): records deleted from the store are not
// looked for.
std::int64_t RebuildIndex(store::Database& db, index::Indexer& indexer);

}  // namespace sovang::ingest
