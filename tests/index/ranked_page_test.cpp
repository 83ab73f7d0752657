// Small stages ranked from their documents' term lists (index/ranked_page.h)
// give the page a CoordWeight run over the boosts gives, and exact totals.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/document_builder.h"
#include "index/query_builder.h"
#include "index/ranked_page.h"
#include "index/searcher.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

// Names crossed with birth years: stages of every size, from a rare given
// name with its year to a common surname.
std::vector<RecordSpec> People() {
  const std::vector<std::string> surnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"};
  const std::vector<std::string> middles = {"Văn", "Thị", "Đình", "Minh", "Hữu"};
  const std::vector<std::string> givens = {"An", "Anh", "Bình", "Tường", "Thắng", "Tâm", "Hùng", "Hằng"};
  const std::vector<std::string> communes = {"Lộc Yên", "Thạch Đạn", "Kháng Chiến"};
  std::vector<RecordSpec> out;
  int n = 0;
  for (const auto& s : surnames)
    for (const auto& m : middles)
      for (const auto& g : givens)
        for (int year = 1920; year < 1924; ++year, ++n)
          if (n % 3 != 1)  // not every combination: uneven stages
            out.push_back({.id = "p" + std::to_string(n),
                           .name = s + " " + m + " " + g,
                           .birth_year = year,
                           .commune = communes[static_cast<std::size_t>(n) % communes.size()],
                           .award = n % 2 ? "Huân chương Kháng chiến hạng Nhất" : "Huy chương Kháng chiến hạng Nhì"});
  return out;
}

struct Hit {
  std::string id;
  double score;
};

std::vector<Hit> Page(Searcher& searcher, const std::string& query, int limit, int offset) {
  std::vector<Hit> out;
  for (const SearchHit& h : searcher.Search({.query = query, .limit = limit, .offset = offset}).hits)
    out.push_back({h.id, h.score});
  return out;
}

}  // namespace

TEST_CASE("Ranking small stages from term lists gives the pages a weighted Xapian run gives", "[index][search]") {
  TestIndex index(People());
  Searcher by_terms = Searcher::Open(index.dir(), {.rank_small_stages = true});
  Searcher by_xapian = Searcher::Open(index.dir(), {.rank_small_stages = false});
  const std::vector<std::string> queries = {
      "ten:\"Nguyễn Đình Tường\" nam:1920", "ten:\"Lê Minh Tâm\" nam:1922",  "ten:\"Phạm Hữu Thắng\" nam:1923",
      "nguyen dinh tuong 1921",             "le minh tam 1922",               "Hoàng Thị Hằng",
      "hoang thi hang",                     "Trần Hùng Lộc Yên",              "ten:\"Nguyễn Đình Tuờng\" nam:1920",
      "ngyen dinh tuong",                   "pham huu thang 1923",            "Lê Văn Bình Kháng Chiến"};
  for (const std::string& q : queries)
    for (const int offset : {0, 3}) {
      CAPTURE(q, offset);
      const std::vector<Hit> expected = Page(by_xapian, q, 8, offset);
      const std::vector<Hit> got = Page(by_terms, q, 8, offset);
      REQUIRE(got.size() == expected.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].id == expected[i].id);
        CHECK(got[i].score == Approx(expected[i].score).margin(1e-9));
      }
    }
}

// A weighted Xapian run that fills its page stops early and estimates the
// rest (at 1M records a typo search totalled 2 for 19 matches).
TEST_CASE("A typo search whose stage was ranked from term lists totals its matches exactly", "[index][search]") {
  TestIndex index(People());
  Searcher by_terms = Searcher::Open(index.dir(), {.rank_small_stages = true});
  for (const std::string q : {"ngyen dinh tuong", "hoang thi hnag", "tran minh thnag"}) {
    const auto all = static_cast<std::int64_t>(by_terms.Search({.query = q, .limit = 500}).hits.size());
    CAPTURE(q, all);
    REQUIRE(all > 2);
    CHECK(by_terms.Search({.query = q, .limit = 2}).total == all);
  }
}

TEST_CASE("Term-list ranking sums each boost's factor, counts a repeated boost twice and pages in weight order",
          "[index][search]") {
  TestIndex index({{.id = "van", .name = "Nguyễn Văn Tường", .birth_year = 1920},
                   {.id = "dinh", .name = "Nguyễn Đình Tường", .birth_year = 1920},
                   {.id = "thi", .name = "Nguyễn Thị Tường", .birth_year = 1920},
                   {.id = "minh", .name = "Nguyễn Minh Tường", .birth_year = 1920},
                   {.id = "other-year", .name = "Nguyễn Đình Tường", .birth_year = 1921}});
  Xapian::Database db(index.dir().string());
  const Xapian::Query filter = Xapian::Query("NYtuong_1920") & Xapian::Query("NFnguyen");
  const BoostTerms boosts = {{"NFdinh", 1.0}, {"NFminh", 0.5}, {"NFdinh", 0.25}, {"NXnothing", 3.0}};
  const std::optional<RankedPage> all = RankByTermLists(db, filter, boosts, 0, 100, 100);
  REQUIRE(all);
  REQUIRE(all->docs.size() == 4);
  CHECK(all->lower == all->docs.size());
  CHECK(all->upper == all->docs.size());
  CHECK(all->max_attained == Approx(1.25));
  CHECK(all->weights.front() == Approx(1.25));  // Đình: 1.0 + 0.25
  CHECK(all->weights[1] == Approx(0.5));        // Minh
  for (std::size_t i = 2; i < all->docs.size(); ++i) CHECK(all->weights[i] == 0.0);
  for (std::size_t i = 3; i < all->docs.size(); ++i) CHECK(all->docs[i - 1] < all->docs[i]);  // ties: docid order

  const std::optional<RankedPage> second = RankByTermLists(db, filter, boosts, 1, 1, 100);
  REQUIRE(second);
  REQUIRE(second->docs.size() == 1);
  CHECK(second->docs.front() == all->docs[1]);
  CHECK(second->max_attained == Approx(1.25));  // of the stage, not of the page

  // More matches than the cap: rank with Xapian instead.
  CHECK_FALSE(RankByTermLists(db, filter, boosts, 0, 10, static_cast<Xapian::doccount>(all->docs.size() - 1)));
}

TEST_CASE("A Xapian page keeps its ranks, weights and bounds", "[index][search]") {
  TestIndex index(People());
  Xapian::Database db(index.dir().string());
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  enquire.set_query(WeighedBy(Xapian::Query("NFtuong"), Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                                        Xapian::Query("NFdinh"), 2.0)));
  const Xapian::MSet mset = enquire.get_mset(0, 5);
  const RankedPage page = PageOf(mset);
  REQUIRE(page.docs.size() == 5);
  CHECK(page.weights.front() == Approx(2.0));
  CHECK(page.max_attained == Approx(2.0));
  CHECK(page.lower == mset.get_matches_lower_bound());
  CHECK(page.estimated == mset.get_matches_estimated());
}

// A full page's total is estimated, and Xapian estimates a filter as if its
// name words were independent: without facets ten:"Phạm Hữu Thắng" nam:1923
// here totalled 0 beside its hit (at 10M records, ten:"Phạm Văn Hùng"
// nam:1952 totalled 4 beside 10).
TEST_CASE("A total is never below the hits shown", "[index][search]") {
  TestIndex index(People());
  for (const bool small : {true, false}) {
    Searcher searcher = Searcher::Open(index.dir(), {.rank_small_stages = small});
    for (const std::string q : {"ten:\"Phạm Hữu Thắng\" nam:1923", "ten:\"Lê Minh Tam\" nam:1922", "ngyen dinh tuong",
                                "pham huu thang 1923", "ten:\"Hoàng Thị Hằng\" nam:1921", "le minh tam 1922"})
      for (const bool facets : {true, false})
        for (const int limit : {1, 2, 5, 10})
          for (const int offset : {0, 3}) {
            CAPTURE(small, q, facets, limit, offset);
            const SearchResult result = searcher.Search({.query = q, .limit = limit, .offset = offset, .facets = facets});
            if (!result.hits.empty()) CHECK(result.total >= offset + static_cast<std::int64_t>(result.hits.size()));
          }
  }
}
