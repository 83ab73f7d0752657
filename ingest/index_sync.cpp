#include "ingest/index_sync.h"

#include "store/records.h"

namespace sovang::ingest {

std::int64_t SyncIndex(store::Database& db, index::Indexer& indexer, const SyncOptions& options) {
  store::Outbox outbox(db);
  store::Records records(db);
  std::int64_t applied = 0;
  std::int64_t seq = indexer.LastAppliedSeq();
  for (;;) {
    const std::vector<store::OutboxEntry> entries = outbox.After(seq, options.batch);
    if (entries.empty()) break;
    for (const store::OutboxEntry& e : entries) {
      // The outbox says which record changed, the store says what it is now:
      // replaying an entry twice gives the same document.
      std::optional<Record> record = e.deleted ? std::nullopt : records.Get(e.record_id);
      if (record) {
        indexer.Upsert(*record);
      } else {
        indexer.Remove(e.record_id);
      }
      seq = e.seq;
      ++applied;
    }
    indexer.Commit(seq);
  }
  return applied;
}

std::int64_t RebuildIndex(store::Database& db, index::Indexer& indexer) {
  store::Records records(db);
  store::Outbox outbox(db);
  // Everything up to this sequence is covered by the records read below.
  const std::int64_t seq = outbox.LastSeq();
  std::int64_t count = 0;
  records.ForEach([&](const Record& r) {
    indexer.Upsert(r);
    // Flush in batches to bound memory. Until the rebuild is done the index
    // claims no outbox entry applied, so an interrupted rebuild replays all.
    if (++count % 50000 == 0) indexer.Commit(0);
  });
  indexer.Commit(seq);
  return count + SyncIndex(db, indexer);
}

}  // namespace sovang::ingest
