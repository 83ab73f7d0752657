#pragma once
// Keeps the Xapian index in step with the store. Derived data: it can always
// be rebuilt from the store. One writer per index directory (Xapian holds a
// lock). Documents are keyed by the unique term "Q" + record id.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/record.h"

namespace sovang::index {

struct IndexerOptions {
  // For an index built in one go and used only once complete, such as the
  // parts `sovang reindex` writes and then merges: commits are not synced to
  // disk (a crash leaves an index to throw away, never a damaged live one),
  // and the documents added are written out every kBulkFlushEvery documents
  // instead of Xapian's 10,000 (its buffered postings are maps: smaller ones
  // cost less a posting than the extra flushes; 1M records: see
  // bench/RESULTS.md section 2).
  bool bulk = false;
};

inline constexpr int kBulkFlushEvery = 2500;

class Indexer {
 public:
  // Opens the index for writing, creating it if missing. Throws Error(kIndex).
  // An index empty when opened gets each new record's document added without
  // looking its id up first (Upsert stays idempotent: see indexer.cpp).
  static Indexer Open(const std::filesystem::path& dir, IndexerOptions options = {});
  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;
  ~Indexer();

  void Upsert(const Record& record);  // idempotent: same record, same document
  void Remove(const std::string& record_id);
  // Commits everything added so far together with the last applied outbox
  // sequence (Xapian metadata "outbox_seq"), in the same commit.
  void Commit(std::int64_t outbox_seq);
  // The sequence stored by the last commit; 0 for a new index.
  std::int64_t LastAppliedSeq() const;
  std::int64_t DocumentCount() const;
  // Whether every document holds the term families today's BuildDocument
  // writes (index/document_builder.h, kTermFamiliesKey). False for an index
  // an older sovang wrote: it is searched without them (slower searches with
  // a birth year or a commune) until `sovang reindex`.
  bool HasCurrentTermFamilies() const;

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::index
