// Facet counts come from an in-memory table of every document's facet value;
// documents indexed after the table was loaded, and records corrected since,
// still count right.

#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/facet_table.h"
#include "index/indexer.h"
#include "index/searcher.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

const char* const kNhat = "Huân chương Kháng chiến hạng Nhất";
const char* const kNhi = "Huân chương Kháng chiến hạng Nhì";

std::int64_t CountOf(const SearchResult& r, const std::string& facet, const std::string& value) {
  for (const FacetValue& v : r.facets.at(facet))
    if (v.value == value) return v.count;
  return 0;
}

SearchResult Find(Searcher& searcher, const std::string& q) {
  SearchRequest request;
  request.query = q;
  request.limit = 20;
  return searcher.Search(request);
}

}  // namespace

TEST_CASE("The facet table holds each document's packed value", "[index][facets]") {
  TestIndex index({{.id = "a", .name = "Hoàng Văn Páo", .birth_year = 1931, .district = "Cao Lộc", .award = kNhat},
                   {.id = "b", .name = "Lý Thị Mai", .award = kNhi}});
  const FacetTable table = FacetTable::Load(Xapian::Database(index.dir().string()));
  REQUIRE(table.documents() == 2);
  CHECK(table.distinct_values() == 2);
  REQUIRE(table.Find(1) != nullptr);
  CHECK(*table.Find(1) == std::string(kNhat) + "\x1f" + "Cao Lộc" + "\x1f" + "1930");
  CHECK(*table.Find(2) == std::string(kNhi) + "\x1f\x1f");
  CHECK(table.Find(0) == nullptr);
  CHECK(table.Find(3) == nullptr);  // past the table: read from the document
}

TEST_CASE("Facets count records indexed and corrected after the first search", "[index][facets]") {
  TempDir tmp;
  const auto dir = tmp.path() / "index";
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "a", .name = "Hoàng Văn Páo", .birth_year = 1931, .award = kNhat}));
    indexer.Commit(1);
  }
  Searcher searcher = Searcher::Open(dir);
  CHECK(CountOf(Find(searcher, "hoang van pao"), "award", kNhat) == 1);  // loads the table

  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "b", .name = "Hoàng Văn Páo", .birth_year = 1940, .award = kNhat}));
    indexer.Commit(2);
  }
  searcher.Reopen();
  const SearchResult grown = Find(searcher, "hoang van pao");
  CHECK(grown.total == 2);
  CHECK(CountOf(grown, "award", kNhat) == 2);
  CHECK(CountOf(grown, "decade", "1940") == 1);

  // A correction changes no document count: the table is loaded again.
  {
    Indexer indexer = Indexer::Open(dir);
    indexer.Upsert(MakeRecord({.id = "a", .name = "Hoàng Văn Páo", .birth_year = 1931, .award = kNhi}));
    indexer.Commit(3);
  }
  searcher.Reopen();
  const SearchResult corrected = Find(searcher, "hoang van pao");
  CHECK(CountOf(corrected, "award", kNhat) == 1);
  CHECK(CountOf(corrected, "award", kNhi) == 1);
}

TEST_CASE("Totals and facets agree whether the page holds every match or not", "[index][facets]") {
  // With room for every match the stages' own documents are counted; with a
  // page of one, counting runs over the filters do it. Both must agree.
  TestIndex index({{.id = "a", .name = "Hoàng Văn Páo", .birth_year = 1931, .district = "Cao Lộc", .award = kNhat},
                   {.id = "b", .name = "Hoàng Páo", .birth_year = 1942, .district = "Văn Lãng", .award = kNhi},
                   {.id = "c", .name = "Hoàng Văn Pao", .birth_year = 1935, .district = "Cao Lộc", .award = kNhat},
                   {.id = "d", .name = "Hoàng Văn Páo", .birth_year = 1950, .district = "Lộc Bình", .award = kNhi},
                   {.id = "e", .name = "Lý Văn Páo", .birth_year = 1931, .award = kNhat}});
  for (const char* q : {"hoang van pao", "Hoàng Páo", "hoang van pao 1931", "huyen:Cao Lộc"}) {
    INFO(q);
    const SearchResult roomy = index.Search(q, 20);
    const SearchResult tight = index.Search(q, 1);
    CHECK(roomy.hits.size() == static_cast<std::size_t>(roomy.total));
    CHECK(roomy.total == tight.total);
    for (const char* facet : {"award", "district", "decade"}) {
      INFO(facet);
      const auto& a = roomy.facets.at(facet);
      const auto& b = tight.facets.at(facet);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].value == b[i].value);
        CHECK(a[i].count == b[i].count);
      }
    }
  }
}
