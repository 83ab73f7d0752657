#include "store/records.h"

#include <iterator>
#include <unordered_map>
#include <utility>

#include "core/decision_number.h"
#include "core/error.h"
#include "store/database_impl.h"

namespace sovang::store {

namespace {

using detail::kNow;

// ForEach reads this many records per read transaction.
constexpr int kBatch = 512;

// The columns a Record is rebuilt from (the field values come from record_fields).
const std::string kRecordColumns =
    "id, kind, source_file, source_sha256, source_page, source_row, page_id, x, y, w, h, confidence, review";

Record ReadRecordRow(const Statement& st) {
  Record r;
  r.id = st.Text(0);
  const std::string kind = st.Text(1);
  const std::optional<PageKind> parsed_kind = PageKindFromName(kind);
  if (!parsed_kind) throw Error(Errc::kStore, "record " + r.id + " has an unknown kind '" + kind + "'");
  r.kind = *parsed_kind;
  r.source.file = st.Text(2);
  r.source.sha256 = st.Text(3);
  r.source.page = static_cast<int>(st.Int(4));
  r.source.row = static_cast<int>(st.Int(5));
  r.source.page_id = st.IsNull(6) ? 0 : st.Int(6);
  r.source.bbox = Box{static_cast<int>(st.Int(7)), static_cast<int>(st.Int(8)), static_cast<int>(st.Int(9)),
                      static_cast<int>(st.Int(10))};
  r.confidence = st.Double(11);
  const std::string review = st.Text(12);
  const std::optional<ReviewState> parsed_review = ReviewFromName(review);
  if (!parsed_review) throw Error(Errc::kStore, "record " + r.id + " has an unknown review state '" + review + "'");
  r.review = *parsed_review;
  return r;
}

// Columns from `first`: field, verbatim, value, confidence, x, y, w, h.
void ReadFieldRow(const Statement& st, int first, Record& r) {
  const std::string key = st.Text(first);
  const std::optional<FieldId> id = FieldFromKey(key);
  if (!id) throw Error(Errc::kStore, "record " + r.id + " has an unknown field '" + key + "'");
  Field& f = r[*id];
  f.verbatim = st.Text(first + 1);
  f.value = st.Text(first + 2);
  f.confidence = st.Double(first + 3);
  f.box = Box{static_cast<int>(st.Int(first + 4)), static_cast<int>(st.Int(first + 5)),
              static_cast<int>(st.Int(first + 6)), static_cast<int>(st.Int(first + 7))};
}

void LoadFields(Database& db, Record& r) {
  Statement& st =
      db.Prepare("SELECT field, verbatim, value, confidence, x, y, w, h FROM record_fields WHERE record_id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, r.id);
  while (st.Step()) ReadFieldRow(st, 0, r);
}

// Records selected by `sql` (which selects kRecordColumns), each with its
// fields, in one snapshot.
template <typename BindFn>
std::vector<Record> Query(Database& db, const std::string& sql, BindFn&& bind) {
  std::vector<Record> records;
  db.ReadTransaction([&] {
    Statement& st = db.Prepare(sql);
    {
      detail::ResetOnExit reset(st);
      bind(st);
      while (st.Step()) records.push_back(ReadRecordRow(st));
    }
    for (Record& r : records) LoadFields(db, r);
  });
  return records;
}

bool HasEvidence(const Field& f) {
  return !f.verbatim.empty() || !f.value.empty() || f.confidence != 0.0 || f.box != Box{};
}

// The value columns of records, in FieldId order (decision_key goes after
// decision_number, see PutOne).
constexpr const char* kValueColumns[] = {"full_name", "gender",          "birth_year",    "commune",
                                         "district",  "province",        "award",         "award_code",
                                         "decision_number", "decision_date", "authority", "book_number"};
static_assert(std::size(kValueColumns) == kFieldCount);

const std::string& UpsertSql() {
  static const std::string sql = [] {
    std::vector<std::string> columns = {"id", "source_id", "page_id", "kind"};
    columns.insert(columns.end(), std::begin(kValueColumns), std::end(kValueColumns));
    for (const char* c : {"decision_key", "source_file", "source_sha256", "source_page", "source_row", "x", "y", "w",
                          "h", "confidence", "review"})
      columns.push_back(c);
    std::string names, values, updates;
    for (const std::string& c : columns) {
      names += c + ", ";
      values += "?, ";
      if (c != "id") updates += c + " = excluded." + c + ", ";
    }
    // An upsert, not INSERT OR REPLACE: the row, its created_at and whatever
    // refers to it stay.
    return "INSERT INTO records(" + names + "created_at, updated_at) VALUES (" + values + kNow + ", " + kNow +
           ") ON CONFLICT(id) DO UPDATE SET " + updates + "updated_at = excluded.updated_at";
  }();
  return sql;
}

// Remembers source ids by SHA-256 across the records of one PutMany.
using SourceIds = std::unordered_map<std::string, std::int64_t>;

std::optional<std::int64_t> SourceIdOf(Database& db, const Record& record, SourceIds& cache) {
  const std::string& sha = record.source.sha256;
  if (sha.empty()) return std::nullopt;  // typed in, not from a file
  if (auto found = cache.find(sha); found != cache.end()) return found->second;
  Statement& st = db.Prepare("SELECT id FROM sources WHERE sha256 = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, sha);
  if (!st.Step())
    throw Error(Errc::kConflict, "its source " + sha + " (" + record.source.file + ") is not in the archive");
  const std::int64_t id = st.Int(0);
  cache.emplace(sha, id);
  return id;
}

void AppendOutbox(Database& db, const std::string& record_id, bool deleted) {
  db.Prepare("INSERT INTO outbox(record_id, op, created_at) VALUES (?, ?, " + std::string(kNow) + ")")
      .Bind(1, record_id)
      .Bind(2, deleted ? "delete" : "upsert")
      .Run();
}

// Writes one record, its fields and its outbox entry. The caller holds the
// transaction.
void PutOne(Database& db, const Record& r, SourceIds& sources) {
  if (r.id.empty()) throw Error(Errc::kInvalidArgument, "a record needs an id");
  try {
    const std::optional<std::int64_t> source_id = SourceIdOf(db, r, sources);
    Statement& st = db.Prepare(UpsertSql());
    int i = 1;
    st.Bind(i++, r.id);
    if (source_id) {
      st.Bind(i++, *source_id);
    } else {
      st.BindNull(i++);
    }
    if (r.source.page_id != 0) {
      st.Bind(i++, r.source.page_id);
    } else {
      st.BindNull(i++);
    }
    st.Bind(i++, PageKindName(r.kind));
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const FieldId id = static_cast<FieldId>(f);
      if (id == FieldId::kBirthYear) {
        // An integer when it is one; record_fields keeps the text either way.
        if (const std::optional<int> year = r.birth_year()) {
          st.Bind(i++, *year);
        } else {
          st.BindNull(i++);
        }
      } else {
        st.BindOptional(i++, r.value(id));
      }
    }
    st.BindOptional(i++, DecisionKey(r.value(FieldId::kDecisionNumber)));
    const std::int64_t tail[] = {r.source.page, r.source.row, r.source.bbox.x, r.source.bbox.y, r.source.bbox.w,
                                 r.source.bbox.h};
    st.Bind(i++, r.source.file);
    st.Bind(i++, r.source.sha256);
    for (const std::int64_t v : tail) st.Bind(i++, v);
    st.Bind(i++, r.confidence);
    st.Bind(i++, ReviewName(r.review));
    st.Run();

    db.Prepare("DELETE FROM record_fields WHERE record_id = ?").Bind(1, r.id).Run();
    Statement& field = db.Prepare(
        "INSERT INTO record_fields(record_id, field, verbatim, value, confidence, x, y, w, h) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const Field& value = r.fields[f];
      if (!HasEvidence(value)) continue;
      field.Bind(1, r.id)
          .Bind(2, FieldKey(static_cast<FieldId>(f)))
          .Bind(3, value.verbatim)
          .Bind(4, value.value)
          .Bind(5, value.confidence)
          .Bind(6, value.box.x)
          .Bind(7, value.box.y)
          .Bind(8, value.box.w)
          .Bind(9, value.box.h)
          .Run();
    }
    AppendOutbox(db, r.id, false);
  } catch (const Error& e) {
    throw Error(e.code(), "put record " + r.id + ": " + e.what());
  }
}

}  // namespace

void Records::Put(const Record& record) {
  SourceIds sources;
  db_.Transaction([&] { PutOne(db_, record, sources); });
}

void Records::PutMany(const std::vector<Record>& records) {
  SourceIds sources;
  db_.Transaction([&] {
    for (const Record& r : records) PutOne(db_, r, sources);
  });
}

bool Records::Remove(const std::string& id) {
  bool removed = false;
  db_.Transaction([&] {
    db_.Prepare("DELETE FROM records WHERE id = ?").Bind(1, id).Run();  // record_fields cascade
    removed = db_.Changes() > 0;
    if (removed) AppendOutbox(db_, id, true);
  });
  return removed;
}

std::optional<Record> Records::Get(const std::string& id) {
  std::vector<Record> found = Query(db_, "SELECT " + kRecordColumns + " FROM records WHERE id = ?",
                                    [&](Statement& st) { st.Bind(1, id); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool Records::Exists(const std::string& id) {
  Statement& st = db_.Prepare("SELECT 1 FROM records WHERE id = ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, id);
  return st.Step();
}

std::int64_t Records::Count() {
  Statement& st = db_.Prepare("SELECT count(*) FROM records");
  detail::ResetOnExit reset(st);
  st.Step();
  return st.Int(0);
}

void Records::ForEach(const std::function<void(const Record&)>& fn) {
  // Keyset pagination: each batch is its own read transaction and `fn` runs
  // outside it, so `fn` may write and a long pass does not pin a snapshot
  // (which would keep the WAL from being checkpointed).
  std::string after;  // every id is > "" (ids are never empty)
  for (;;) {
    std::vector<Record> batch;
    db_.ReadTransaction([&] {
      Statement& st = db_.Prepare("SELECT " + kRecordColumns + " FROM records WHERE id > ? ORDER BY id LIMIT ?");
      {
        detail::ResetOnExit reset(st);
        st.Bind(1, after).Bind(2, kBatch);
        while (st.Step()) batch.push_back(ReadRecordRow(st));
      }
      if (batch.empty()) return;
      std::unordered_map<std::string, std::size_t> at;
      for (std::size_t i = 0; i < batch.size(); ++i) at.emplace(batch[i].id, i);
      // One range scan of record_fields' primary key for the whole batch.
      Statement& fields = db_.Prepare(
          "SELECT record_id, field, verbatim, value, confidence, x, y, w, h FROM record_fields "
          "WHERE record_id >= ? AND record_id <= ?");
      detail::ResetOnExit reset(fields);
      fields.Bind(1, batch.front().id).Bind(2, batch.back().id);
      while (fields.Step()) {
        const auto found = at.find(fields.Text(0));
        if (found != at.end()) ReadFieldRow(fields, 1, batch[found->second]);
      }
    });
    for (const Record& r : batch) fn(r);
    if (static_cast<int>(batch.size()) < kBatch) return;
    after = batch.back().id;
  }
}

std::vector<Record> Records::OfPage(std::int64_t page_id) {
  return Query(db_, "SELECT " + kRecordColumns + " FROM records WHERE page_id = ? ORDER BY id",
               [&](Statement& st) { st.Bind(1, page_id); });
}

std::vector<Record> Records::ForReview(int limit) {
  return Query(db_,
               "SELECT " + kRecordColumns +
                   " FROM records WHERE review = 'needs_review' ORDER BY confidence, id LIMIT ?",
               [&](Statement& st) { st.Bind(1, limit); });
}

// ---------------------------------------------------------------------------

std::vector<OutboxEntry> Outbox::After(std::int64_t after_seq, int limit) {
  std::vector<OutboxEntry> entries;
  Statement& st = db_.Prepare("SELECT seq, record_id, op FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
  detail::ResetOnExit reset(st);
  st.Bind(1, after_seq).Bind(2, limit);
  while (st.Step()) entries.push_back(OutboxEntry{st.Int(0), st.Text(1), st.Text(2) == "delete"});
  return entries;
}

std::int64_t Outbox::LastSeq() {
  // sqlite_sequence, not max(seq): right even after Prune emptied the table.
  Statement& st = db_.Prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)");
  detail::ResetOnExit reset(st);
  st.Step();
  return st.Int(0);
}

void Outbox::Append(const std::string& record_id, bool deleted) {
  db_.Transaction([&] { AppendOutbox(db_, record_id, deleted); });
}

std::int64_t Outbox::Prune(std::int64_t upto_seq) {
  std::int64_t removed = 0;
  db_.Transaction([&] {
    db_.Prepare("DELETE FROM outbox WHERE seq <= ?").Bind(1, upto_seq).Run();
    removed = db_.Changes();
  });
  return removed;
}

}  // namespace sovang::store
