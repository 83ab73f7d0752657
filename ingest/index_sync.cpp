#include "ingest/index_sync.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "index/compact.h"
#include "ingest/bounded_queue.h"
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

std::int64_t RebuildIndexAt(store::Database& db, const std::filesystem::path& dir, int threads) {
  namespace fs = std::filesystem;
  if (fs::exists(dir)) throw Error(Errc::kIo, "cannot rebuild the index into " + dir.string() + ": it exists");
  const int parts = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<fs::path> part_dirs;
  for (int i = 0; i < parts; ++i) part_dirs.push_back(dir.string() + ".part" + std::to_string(i));
  struct RemoveParts {
    const std::vector<fs::path>& dirs;
    ~RemoveParts() {
      std::error_code ec;
      for (const fs::path& d : dirs) fs::remove_all(d, ec);
    }
  } remove_parts{part_dirs};
  for (const fs::path& d : part_dirs) fs::remove_all(d);

  // Everything up to this sequence is covered by the records read below.
  const std::int64_t seq = store::Outbox(db).LastSeq();

  // This thread reads the store; each writer builds documents and indexes
  // them into its own part. Records travel in batches to keep locking rare.
  constexpr std::size_t kBatch = 512;
  BoundedQueue<std::vector<Record>> queue(static_cast<std::size_t>(parts) * 4);
  std::mutex error_mutex;
  std::exception_ptr error;
  std::atomic<std::int64_t> indexed{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < parts; ++i) {
    writers.emplace_back([&, i] {
      try {
        index::Indexer indexer = index::Indexer::Open(part_dirs[static_cast<std::size_t>(i)]);
        std::int64_t since_commit = 0;
        while (auto batch = queue.Pop()) {
          for (const Record& r : *batch) indexer.Upsert(r);
          indexed += static_cast<std::int64_t>(batch->size());
          // Commit in large batches: bounded memory, few B-tree merges. The
          // parts claim no outbox entry until the end.
          if ((since_commit += static_cast<std::int64_t>(batch->size())) >= 100000) {
            indexer.Commit(0);
            since_commit = 0;
          }
        }
        indexer.Commit(seq);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        queue.Close();  // the reader stops; the other writers drain and end
      }
    });
  }
  std::vector<Record> batch;
  try {
    store::Records(db).ForEach([&](const Record& r) {
      batch.push_back(r);
      if (batch.size() == kBatch) {
        if (!queue.Push(std::move(batch))) throw Error(Errc::kIndex, "an index writer failed");
        batch = {};
      }
    });
    if (!batch.empty()) queue.Push(std::move(batch));
  } catch (...) {
    std::lock_guard lock(error_mutex);
    if (!error) error = std::current_exception();
  }
  queue.Close();
  for (std::thread& t : writers) t.join();
  if (error) std::rethrow_exception(error);

  index::MergeIndexes(part_dirs, dir);
  index::Indexer merged = index::Indexer::Open(dir);
  return indexed.load() + SyncIndex(db, merged);
}

}  // namespace sovang::ingest
