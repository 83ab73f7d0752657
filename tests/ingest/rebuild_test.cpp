// The parallel rebuild (sovang reindex): writers into parts, merged into one
// compacted index, over a real SQLite store and real Xapian directories.

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "core/error.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "ingest/index_sync.h"
#include "store/database.h"
#include "store/records.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sovang;

TEST_CASE("A rebuild on several writers gives every record once, searchable, with the outbox applied",
          "[ingest][outbox]") {
  const int threads = GENERATE(1, 2, 3);
  // Parts of 200 records: each writer fills several and starts more.
  const std::int64_t per_part = GENERATE(200, 500000);
  test::TempDir dir;
  store::Database db = store::Database::Open(dir.path() / "sovang.db");
  store::Records records(db);
  // More than one batch per writer (512 records), and a name to find among them.
  for (int i = 1; i <= 1500; ++i) records.Put(test::MakeRecord("r" + std::to_string(i), "Lê Thị Hoa"));
  records.Put(test::MakeRecord("thach", "Nguyễn Văn Thạch"));

  const fs::path index_dir = dir.path() / "index";
  fs::create_directories(dir.path() / "index.part9");  // a killed rebuild's, to be removed
  CHECK(ingest::RebuildIndexAt(db, index_dir, {.threads = threads, .records_per_part = per_part}) == 1501);
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".part") == std::string::npos);  // parts removed

  {
    index::Indexer indexer = index::Indexer::Open(index_dir);
    CHECK(indexer.DocumentCount() == 1501);
    CHECK(indexer.LastAppliedSeq() == store::Outbox(db).LastSeq());
    CHECK(ingest::SyncIndex(db, indexer) == 0);
  }
  index::Searcher searcher = index::Searcher::Open(index_dir);
  const index::SearchResult hit = searcher.Search({"nguyen van thach", 10, 0, false});
  REQUIRE(hit.hits.size() == 1);
  CHECK(hit.hits[0].id == "thach");
  std::set<std::string> ids;
  for (int offset : {0, 1000})
    for (const auto& h : searcher.Search({"le thi hoa", 1000, offset, false}).hits) ids.insert(h.id);
  CHECK(ids.size() == 1500);  // each record once, none lost in the merge
}

TEST_CASE("A rebuild refuses a directory that exists and leaves it alone", "[ingest][outbox]") {
  test::TempDir dir;
  store::Database db = store::Database::Open(dir.path() / "sovang.db");
  store::Records(db).Put(test::MakeRecord("r1", "Lê Thị Hoa"));
  fs::create_directories(dir.path() / "index");
  CHECK_THROWS_AS(ingest::RebuildIndexAt(db, dir.path() / "index", {.threads = 2}), Error);
  CHECK(fs::is_empty(dir.path() / "index"));
}

TEST_CASE("A rebuild of an empty store gives an empty index that claims the outbox", "[ingest][outbox]") {
  test::TempDir dir;
  store::Database db = store::Database::Open(dir.path() / "sovang.db");
  store::Records(db).Put(test::MakeRecord("r1", "Lê Thị Hoa"));
  store::Records(db).Remove("r1");
  CHECK(ingest::RebuildIndexAt(db, dir.path() / "index", {.threads = 2}) == 0);
  index::Indexer indexer = index::Indexer::Open(dir.path() / "index");
  CHECK(indexer.DocumentCount() == 0);
  CHECK(indexer.LastAppliedSeq() == store::Outbox(db).LastSeq());
}
