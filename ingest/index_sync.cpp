#include "ingest/index_sync.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
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

namespace {

// The parts of a rebuild, numbered in the order writers open them, which is
// the order they are merged in. Removed, whatever happens, when this goes.
class RebuildParts {
 public:
  // Removes the parts a rebuild that was killed left beside `dir`.
  explicit RebuildParts(std::filesystem::path dir) : dir_(std::move(dir)) {
    const std::string prefix = dir_.filename().string() + ".part";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.parent_path(), ec)) {
      if (entry.path().filename().string().rfind(prefix, 0) == 0) std::filesystem::remove_all(entry.path(), ec);
    }
  }
  RebuildParts(const RebuildParts&) = delete;
  RebuildParts& operator=(const RebuildParts&) = delete;
  ~RebuildParts() {
    std::error_code ec;
    for (const std::filesystem::path& d : dirs_) std::filesystem::remove_all(d, ec);
  }

  std::filesystem::path Next() {
    std::lock_guard lock(mu_);
    std::filesystem::path d = dir_.string() + ".part" + std::to_string(dirs_.size());
    dirs_.push_back(d);
    return d;
  }
  // Once every writer is done.
  const std::vector<std::filesystem::path>& All() const { return dirs_; }

 private:
  const std::filesystem::path dir_;
  std::mutex mu_;
  std::vector<std::filesystem::path> dirs_;
};

}  // namespace

std::int64_t RebuildIndexAt(store::Database& db, const std::filesystem::path& dir, const RebuildOptions& options) {
  namespace fs = std::filesystem;
  if (fs::exists(dir)) throw Error(Errc::kIo, "cannot rebuild the index into " + dir.string() + ": it exists");
  const int writer_count =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  RebuildParts parts(dir);

  // Everything up to this sequence is covered by the records read below.
  const std::int64_t seq = store::Outbox(db).LastSeq();

  // This thread reads the store; each writer builds documents and indexes
  // them into parts of its own. Records travel in batches to keep locking rare.
  constexpr std::size_t kBatch = 512;
  BoundedQueue<std::vector<Record>> queue(static_cast<std::size_t>(writer_count) * 4);
  std::mutex error_mutex;
  std::exception_ptr error;
  std::atomic<std::int64_t> indexed{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < writer_count; ++i) {
    writers.emplace_back([&] {
      try {
        // Bulk: a part is used only once complete, so it is not synced
        // (index/indexer.h). Every part claims the same outbox sequence, as
        // the merge requires.
        std::optional<index::Indexer> part;
        std::int64_t in_part = 0;
        while (auto batch = queue.Pop()) {
          if (!part) part.emplace(index::Indexer::Open(parts.Next(), {.bulk = true}));
          for (const Record& r : *batch) part->Upsert(r);
          indexed += static_cast<std::int64_t>(batch->size());
          if ((in_part += static_cast<std::int64_t>(batch->size())) >= options.records_per_part) {
            part->Commit(seq);
            part.reset();
            in_part = 0;
          }
        }
        if (part) part->Commit(seq);
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

  if (parts.All().empty()) index::Indexer::Open(parts.Next(), {.bulk = true}).Commit(seq);  // an empty store
  index::MergeIndexes(parts.All(), dir);
  index::Indexer merged = index::Indexer::Open(dir);
  return indexed.load() + SyncIndex(db, merged);
}

}  // namespace sovang::ingest
