#include "index/indexer.h"

#include <catch2/catch.hpp>

#include "core/error.h"
#include "index/compact.h"
#include "index/searcher.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

TEST_CASE("A new index has applied no outbox entry and holds no document", "[index]") {
  TempDir tmp;
  Indexer indexer = Indexer::Open(tmp.path() / "index");
  CHECK(indexer.LastAppliedSeq() == 0);
  CHECK(indexer.DocumentCount() == 0);
}

TEST_CASE("The outbox sequence is committed with the documents and survives reopening", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch"}));
    indexer.Commit(42);
  }
  Indexer reopened = Indexer::Open(dir);
  CHECK(reopened.LastAppliedSeq() == 42);
  CHECK(reopened.DocumentCount() == 1);
  reopened.Commit(43);
  CHECK(reopened.LastAppliedSeq() == 43);
}

TEST_CASE("Uncommitted documents are not seen by a searcher until the commit", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  Indexer indexer = Indexer::Open(dir);
  indexer.Commit(0);
  Searcher searcher = Searcher::Open(dir);
  indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch"}));
  searcher.Reopen();
  CHECK(searcher.Search({.query = "thach"}).total == 0);
  indexer.Commit(1);
  searcher.Reopen();
  CHECK(searcher.Search({.query = "thach"}).total == 1);
}

TEST_CASE("Upserting a record twice keeps one document with the newer content", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  Indexer indexer = Indexer::Open(dir);
  indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1930}));
  indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1932}));
  indexer.Commit(2);
  CHECK(indexer.DocumentCount() == 1);
  Searcher searcher = Searcher::Open(dir);
  const SearchResult r = searcher.Search({.query = "Nguyễn Văn Thạch"});
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].record.birth_year() == 1932);
  CHECK(searcher.Search({.query = "thach nam:1930"}).total == 0);
}

TEST_CASE("Removing a record deletes its document; removing an unknown id is harmless", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  Indexer indexer = Indexer::Open(dir);
  indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch"}));
  indexer.Upsert(MakeRecord({.id = "r2", .name = "Trần Thị Lan"}));
  indexer.Commit(1);
  indexer.Remove("r1");
  indexer.Remove("no-such-record");
  indexer.Commit(2);
  CHECK(indexer.DocumentCount() == 1);
  Searcher searcher = Searcher::Open(dir);
  CHECK(searcher.Search({.query = "thach"}).total == 0);
  CHECK(searcher.Search({.query = "lan"}).total == 1);
}

TEST_CASE("A second writer on the same index gets an index error naming the lock", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  Indexer first = Indexer::Open(dir);
  try {
    Indexer second = Indexer::Open(dir);
    FAIL("a second writer was allowed");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kIndex);
    CHECK_THAT(e.what(), Catch::Contains("lock"));
  }
}

TEST_CASE("A record without an id is refused", "[index]") {
  TempDir tmp;
  Indexer indexer = Indexer::Open(tmp.path() / "index");
  CHECK_THROWS_AS(indexer.Upsert(MakeRecord({.name = "Nguyễn Văn A"})), Error);
}

TEST_CASE("A missing index reads as empty and is found once it exists", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  Searcher searcher = Searcher::Open(dir);
  CHECK(searcher.Search({.query = "thach"}).total == 0);
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch"}));
    indexer.Commit(1);
  }
  searcher.Reopen();
  CHECK(searcher.Search({.query = "thach"}).total == 1);
}

TEST_CASE("A compacted copy keeps the documents and the outbox sequence", "[index]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "r1", .name = "Nguyễn Văn Thạch"}));
    indexer.Upsert(MakeRecord({.id = "r2", .name = "Trần Thị Lan"}));
    indexer.Remove("r2");
    indexer.Commit(7);
  }
  CompactIndex(dir, tmp.path() / "compact");
  CHECK_THROWS_AS(CompactIndex(dir, tmp.path() / "compact"), Error);  // target exists
  Indexer compacted = Indexer::Open(tmp.path() / "compact");
  CHECK(compacted.LastAppliedSeq() == 7);
  CHECK(compacted.DocumentCount() == 1);
}
