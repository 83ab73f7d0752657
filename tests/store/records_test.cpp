#include "store/records.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "core/error.h"
#include "store/sources.h"
#include "store_test_util.h"

using sovang::Box;
using sovang::Errc;
using sovang::Error;
using sovang::Field;
using sovang::FieldId;
using sovang::kFieldCount;
using sovang::PageKind;
using sovang::Record;
using sovang::ReviewState;
using sovang::store::Database;
using sovang::store::Outbox;
using sovang::store::OutboxEntry;
using sovang::store::PageRow;
using sovang::store::Records;
using sovang::store::SourceRow;
using sovang::store::Sources;
using sovang::store::Statement;
using sovang::store::testing::FakeSha;
using sovang::store::testing::FullRecord;
using sovang::store::testing::TempDir;

namespace {

// An archive with one source and one page, ready for records.
struct Archive {
  TempDir dir;
  Database db = Database::Open(dir / "archive.db");
  Records records{db};
  Outbox outbox{db};
  std::string sha = FakeSha(1);
  std::int64_t page_id = 0;

  Archive() {
    Sources sources(db);
    SourceRow source;
    source.sha256 = sha;
    source.file_name = "p004_ledger.tif";
    PageRow page;
    page.source_id = sources.Add(source);
    page.page_no = 1;
    page.kind = PageKind::kLedger;
    page_id = sources.PutPage(page);
  }

  Record Full(int ordinal) const { return FullRecord(sha, page_id, ordinal); }
};

void CheckSame(const Record& a, const Record& b) {
  CHECK(a.id == b.id);
  CHECK(a.kind == b.kind);
  CHECK(a.source.file == b.source.file);
  CHECK(a.source.sha256 == b.source.sha256);
  CHECK(a.source.page == b.source.page);
  CHECK(a.source.row == b.source.row);
  CHECK(a.source.page_id == b.source.page_id);
  CHECK(a.source.bbox == b.source.bbox);
  CHECK(a.confidence == b.confidence);
  CHECK(a.review == b.review);
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    INFO("field " << sovang::FieldKey(static_cast<FieldId>(i)));
    CHECK(a.fields[i].verbatim == b.fields[i].verbatim);
    CHECK(a.fields[i].value == b.fields[i].value);
    CHECK(a.fields[i].confidence == b.fields[i].confidence);
    CHECK(a.fields[i].box == b.fields[i].box);
  }
}

template <typename Fn>
Errc ErrorCode(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  FAIL("no sovang::Error thrown");
  return Errc::kInternal;
}

std::string Column(Database& db, const std::string& column, const std::string& id) {
  Statement& st = db.Prepare("SELECT " + column + " FROM records WHERE id = ?");
  st.Bind(1, id);
  REQUIRE(st.Step());
  std::string v = st.IsNull(0) ? "NULL" : st.Text(0);
  st.Reset();
  return v;
}

}  // namespace

TEST_CASE("A record round-trips with every field, its evidence and its boxes", "[store]") {
  Archive a;
  const Record in = a.Full(1);
  a.records.Put(in);
  const auto out = a.records.Get(in.id);
  REQUIRE(out);
  CheckSame(*out, in);
  CHECK(out->birth_year() == 1932);
  CHECK(a.records.Exists(in.id));
  CHECK_FALSE(a.records.Exists("nope"));
  CHECK_FALSE(a.records.Get("nope"));
  CHECK(a.records.Count() == 1);
}

TEST_CASE("The value columns of a record mirror its fields for queries", "[store]") {
  Archive a;
  a.records.Put(a.Full(1));
  const std::string id = a.Full(1).id;
  CHECK(Column(a.db, "full_name", id) == "Nguyễn Văn Thạch");
  CHECK(Column(a.db, "typeof(birth_year)", id) == "integer");
  CHECK(Column(a.db, "decision_key", id) == "543QDCTN");
  CHECK(Column(a.db, "decision_date", id) == "1975-08-10");
  CHECK(Column(a.db, "book_number", id) == "73001");
  CHECK(Column(a.db, "source_id", id) == "1");
  CHECK(Column(a.db, "review", id) == "needs_review");
}

TEST_CASE("Absent fields stay absent, and sparse evidence survives", "[store]") {
  Archive a;
  Record r;
  r.id = "csv-row-7";
  r.kind = PageKind::kCsv;
  r.source.file = "list.csv";  // typed in: no sha256, no page
  r.source.row = 7;
  r[FieldId::kFullName].value = "Hoàng Thị Lan";
  r[FieldId::kFullName].confidence = 1.0;
  r[FieldId::kBirthYear].verbatim = "19?2";  // read, but not a year
  r[FieldId::kBirthYear].confidence = 0.2;
  r[FieldId::kCommune].box = Box{1, 2, 3, 4};  // seen, unread
  r.confidence = 1.0;
  r.review = ReviewState::kReviewed;
  a.records.Put(r);

  const auto out = a.records.Get(r.id);
  REQUIRE(out);
  CheckSame(*out, r);
  CHECK_FALSE(out->birth_year());
  CHECK(Column(a.db, "birth_year", r.id) == "NULL");
  CHECK(Column(a.db, "gender", r.id) == "NULL");
  CHECK(Column(a.db, "source_id", r.id) == "NULL");
  CHECK(Column(a.db, "page_id", r.id) == "NULL");
  CHECK(Column(a.db, "decision_key", r.id) == "NULL");
}

TEST_CASE("Putting a record again replaces it and appends to the outbox", "[store]") {
  Archive a;
  Record r = a.Full(1);
  a.records.Put(r);
  const std::string created = Column(a.db, "created_at", r.id);

  r[FieldId::kFullName].value = "Nguyễn Văn Thạnh";
  r[FieldId::kGender] = Field{};  // a field that goes away
  r.review = ReviewState::kReviewed;
  a.records.Put(r);

  CHECK(a.records.Count() == 1);
  CheckSame(*a.records.Get(r.id), r);
  CHECK(Column(a.db, "gender", r.id) == "NULL");
  CHECK(Column(a.db, "created_at", r.id) == created);
  CHECK(Column(a.db, "updated_at", r.id) >= created);

  const auto entries = a.outbox.After(0, 10);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].record_id == r.id);
  CHECK(entries[1].record_id == r.id);
  CHECK_FALSE(entries[0].deleted);
  CHECK(entries[1].seq > entries[0].seq);
}

TEST_CASE("Removing a record deletes its fields and appends a delete to the outbox", "[store]") {
  Archive a;
  const Record r = a.Full(1);
  a.records.Put(r);
  CHECK(a.records.Remove(r.id));
  CHECK_FALSE(a.records.Get(r.id));
  CHECK_FALSE(a.records.Remove(r.id));  // no second entry either

  Statement& st = a.db.Prepare("SELECT count(*) FROM record_fields");
  REQUIRE(st.Step());
  CHECK(st.Int(0) == 0);
  st.Reset();

  const auto entries = a.outbox.After(0, 10);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].record_id == r.id);
  CHECK(entries[1].deleted);
}

TEST_CASE("The outbox pages by sequence and remembers its last sequence", "[store]") {
  Archive a;
  CHECK(a.outbox.LastSeq() == 0);
  CHECK(a.outbox.After(0, 10).empty());
  for (int i = 1; i <= 5; ++i) a.records.Put(a.Full(i));
  a.outbox.Append("reindex-me", false);
  CHECK(a.outbox.LastSeq() == 6);

  const auto first = a.outbox.After(0, 4);
  REQUIRE(first.size() == 4);
  CHECK(first[0].seq == 1);
  CHECK(first[3].seq == 4);
  const auto rest = a.outbox.After(first.back().seq, 4);
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].seq == 5);
  CHECK(rest[1].record_id == "reindex-me");
  CHECK(a.outbox.After(6, 4).empty());

  CHECK(a.outbox.Prune(6) == 6);
  CHECK(a.outbox.After(0, 10).empty());
  CHECK(a.outbox.LastSeq() == 6);  // not reused after pruning
  a.records.Put(a.Full(1));
  CHECK(a.outbox.After(0, 10).at(0).seq == 7);
}

TEST_CASE("A transaction that throws leaves neither record nor outbox entry", "[store]") {
  Archive a;
  CHECK_THROWS_AS(a.db.Transaction([&] {
                    a.records.Put(a.Full(1));
                    a.records.PutMany({a.Full(2), a.Full(3)});
                    throw std::runtime_error("crash between the write and the commit");
                  }),
                  std::runtime_error);
  CHECK(a.records.Count() == 0);
  CHECK(a.outbox.After(0, 10).empty());
  CHECK(a.outbox.LastSeq() == 0);

  // A PutMany that fails half way writes nothing either.
  Record bad = a.Full(3);
  bad.confidence = 2.0;  // CHECK constraint
  CHECK(ErrorCode([&] { a.records.PutMany({a.Full(1), a.Full(2), bad}); }) == Errc::kConflict);
  CHECK(a.records.Count() == 0);
  CHECK(a.outbox.LastSeq() == 0);
}

TEST_CASE("Records that break a constraint are errors, not crashes", "[store]") {
  Archive a;
  SECTION("a page that does not exist") {
    Record r = a.Full(1);
    r.source.page_id = a.page_id + 100;
    CHECK(ErrorCode([&] { a.records.Put(r); }) == Errc::kConflict);
  }
  SECTION("a source that is not in the archive") {
    Record r = FullRecord(FakeSha(99), 0, 1);
    try {
      a.records.Put(r);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::kConflict);
      CHECK_THAT(e.what(), Catch::Contains(r.id) && Catch::Contains("not in the archive"));
    }
  }
  SECTION("a confidence outside 0..1") {
    Record r = a.Full(1);
    r.confidence = -0.5;
    CHECK(ErrorCode([&] { a.records.Put(r); }) == Errc::kConflict);
  }
  SECTION("no id") {
    Record r = a.Full(1);
    r.id.clear();
    CHECK(ErrorCode([&] { a.records.Put(r); }) == Errc::kInvalidArgument);
  }
  SECTION("a page with records cannot go") {
    a.records.Put(a.Full(1));
    CHECK(ErrorCode([&] { a.db.Exec("DELETE FROM pages"); }) == Errc::kConflict);
  }
  CHECK(a.records.Count() <= 1);
  a.records.Put(a.Full(2));  // the connection is still good
  CHECK(a.records.Exists(a.Full(2).id));
}

TEST_CASE("ForEach visits every record once, in id order, across batches", "[store]") {
  Archive a;
  std::vector<Record> all;
  for (int i = 1; i <= 1300; ++i) all.push_back(a.Full(i));
  a.records.PutMany(all);
  CHECK(a.records.Count() == 1300);

  std::vector<std::string> seen;
  bool every_field = true;
  a.records.ForEach([&](const Record& r) {
    seen.push_back(r.id);
    for (const Field& f : r.fields) every_field = every_field && f.present();
  });
  REQUIRE(seen.size() == 1300);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  CHECK(every_field);

  // The callback may write to the store.
  int visited = 0;
  a.records.ForEach([&](const Record& r) {
    Record changed = r;
    changed.review = ReviewState::kReviewed;
    a.records.Put(changed);
    ++visited;
  });
  CHECK(visited == 1300);
  CHECK(a.records.ForReview(10).empty());

  Archive empty;
  int none = 0;
  empty.records.ForEach([&](const Record&) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("Records of a page come in id order and review lists the least sure first", "[store]") {
  Archive a;
  const double confidence[] = {0.9, 0.3, 0.6, 0.3};
  for (int i = 0; i < 4; ++i) {
    Record r = a.Full(i + 1);
    r.confidence = confidence[i];
    r.review = i == 0 ? ReviewState::kAuto : ReviewState::kNeedsReview;
    a.records.Put(r);
  }
  const auto page = a.records.OfPage(a.page_id);
  REQUIRE(page.size() == 4);
  CHECK(page[0].id < page[1].id);
  CHECK(page[0][FieldId::kFullName].value == "Nguyễn Văn Thạch");
  CHECK(a.records.OfPage(a.page_id + 1).empty());

  const auto review = a.records.ForReview(10);
  REQUIRE(review.size() == 3);
  CHECK(review[0].confidence == 0.3);
  CHECK(review[1].confidence == 0.3);
  CHECK(review[0].id < review[1].id);
  CHECK(review[2].confidence == 0.6);
  CHECK(review[2][FieldId::kAward].verbatim == "HC KC hạng Nhất");
  CHECK(a.records.ForReview(1).size() == 1);
}

// Speed lives in bench/ (bench/scale measures the store's build rate); this
// checks only that a large batch lands whole, with one outbox entry each.
TEST_CASE("Ten thousand records go in in one transaction, each with its outbox entry", "[store]") {
  Archive a;
  std::vector<Record> batch;
  for (int i = 1; i <= 10000; ++i) batch.push_back(a.Full(i));
  a.records.PutMany(batch);
  CHECK(a.records.Count() == 10000);
  CHECK(a.outbox.LastSeq() == 10000);
}
