// The per-index cache behind the facet table and the name vocabulary: built
// once per revision, reused by the caller's rule, and never stuck on a value
// the rule only let through for a while.

#include <catch2/catch.hpp>

#include "index/per_index_cache.h"

using namespace sovang::index;

namespace {

IndexSnapshot At(const std::string& revision, Xapian::doccount documents, int second) {
  return {revision, documents, std::chrono::steady_clock::time_point(std::chrono::seconds(second))};
}

}  // namespace

TEST_CASE("A per-index value is built once a revision and reused as the rule allows", "[index][cache]") {
  PerIndexCache<int> cache;
  int builds = 0;
  auto build = [&] { return ++builds; };
  // Reuse while documents only grow (the facet table's rule), for up to 60 s
  // after the build.
  auto grown_within_a_minute = [](const IndexSnapshot& built, const IndexSnapshot& seen, const IndexSnapshot& at) {
    const bool only_added = at.revision == seen.revision || at.documents > seen.documents;
    return only_added && at.built - built.built < std::chrono::seconds(60);
  };

  CHECK(*cache.Get("/a", At("r1", 10, 0), build, grown_within_a_minute) == 1);
  CHECK(*cache.Get("/a", At("r1", 10, 5), build, grown_within_a_minute) == 1);
  SECTION("other locations have their own value") {
    CHECK(*cache.Get("/b", At("r1", 10, 5), build, grown_within_a_minute) == 2);
  }
  SECTION("a grown index reuses the value within the minute") {
    CHECK(*cache.Get("/a", At("r2", 12, 30), build, grown_within_a_minute) == 1);
    SECTION("and builds it again after the minute, even when nothing changed since") {
      CHECK(*cache.Get("/a", At("r2", 12, 61), build, grown_within_a_minute) == 2);
      CHECK(*cache.Get("/a", At("r2", 12, 62), build, grown_within_a_minute) == 2);
    }
  }
  SECTION("any other change builds it again") {
    CHECK(*cache.Get("/a", At("r2", 9, 6), build, grown_within_a_minute) == 2);
  }
  SECTION("a change that adds nothing after a reuse builds it again") {
    CHECK(*cache.Get("/a", At("r2", 12, 30), build, grown_within_a_minute) == 1);
    CHECK(*cache.Get("/a", At("r3", 12, 31), build, grown_within_a_minute) == 2);
  }
}
