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

class Indexer {
 public:
  // Opens the index for writing, creating it if missing. Throws Error(kIndex).
  static Indexer Open(const std::filesystem::path& dir);
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
  // a birth year) until `sovang reindex`.
  bool HasCurrentTermFamilies() const;

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::index
