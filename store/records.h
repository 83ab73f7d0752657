#pragma once
// Records with their per-field evidence. Every write appends to the outbox in
// the same transaction, so the index can always catch up.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "store/database.h"

namespace sovang::store {

class Records {
 public:
  explicit Records(Database& db) : db_(db) {}

  // Inserts or replaces the record (by id) and its fields, and appends an
  // "upsert" outbox entry. Joins the caller's transaction or opens one.
  // A record that names a source (source.sha256) needs that source in the
  // archive, and a non-zero source.page_id an existing page: Error(kConflict)
  // otherwise, as for any constraint (confidence outside 0..1, say).
  // Replacing keeps the record's row: created_at stays, updated_at moves.
  void Put(const Record& record);
  // Put for many records in one transaction (the bulk path: ingest, import).
  void PutMany(const std::vector<Record>& records);
  // Deletes and appends a "delete" outbox entry. false if there was none.
  bool Remove(const std::string& id);

  std::optional<Record> Get(const std::string& id);
  bool Exists(const std::string& id);
  std::int64_t Count();
  // Every record in id order, a batch at a time (constant memory). `fn` runs
  // outside the store's read transaction, so it may write (records it changes
  // that sort after the current one are seen changed).
  void ForEach(const std::function<void(const Record&)>& fn);
  // The records of a page, in id order.
  std::vector<Record> OfPage(std::int64_t page_id);
  // needs_review records, lowest confidence first (ties by id).
  std::vector<Record> ForReview(int limit);

 private:
  Database& db_;
};

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string record_id;
  bool deleted = false;  // "delete" instead of "upsert"
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}
  // Entries after `after_seq`, oldest first, at most `limit`.
  std::vector<OutboxEntry> After(std::int64_t after_seq, int limit);
  // The newest seq ever appended (0 if none), even when pruned since.
  std::int64_t LastSeq();
  // Appends an entry (Records does this itself; exposed for reindex-all).
  void Append(const std::string& record_id, bool deleted);
  // Removes the entries up to and including `upto_seq` (those the index has
  // committed); returns how many. Sequence numbers are never reused.
  std::int64_t Prune(std::int64_t upto_seq);

 private:
  Database& db_;
};

}  // namespace sovang::store
