// Name-and-commune terms (NC, index/document_builder.h): a surname and a
// given name typed with a commune are looked up in the NC terms of those
// words with the commune (and its old and new names), a subset of the
// query's filter ranked before its other readings. Indexes written before
// NC terms existed are searched without them.

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/document_builder.h"
#include "index/indexer.h"
#include "index/places.h"
#include "index/query_builder.h"
#include "index/query_parser.h"
#include "index/searcher.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

std::vector<std::string> RecordTermsWithPrefix(const Record& record, const std::string& prefix) {
  Xapian::Document doc;
  BuildDocument(record, doc);
  return TermsWithPrefix(doc, prefix);
}

const std::vector<RecordSpec> kPeople = {
    {.id = "thach-locyen", .name = "Nguyễn Văn Thạch", .birth_year = 1940, .commune = "Lộc Yên"},
    {.id = "thach-tanlien", .name = "Nguyễn Thạch", .birth_year = 1941, .commune = "Tân Liên"},  // Lộc Yên's new name
    {.id = "huynh-locyen", .name = "Huỳnh Văn Thạch", .birth_year = 1940, .commune = "Lộc Yên"},
    {.id = "hoang-locyen", .name = "Hoàng Thạch", .birth_year = 1942, .commune = "Lộc Yên"},
    // Typed without marks: below thach-middle by its boosts alone.
    {.id = "unmarked-locyen", .name = "Nguyen Van Thach", .birth_year = 1943, .commune = "Lộc Yên"},
    // The two words next to each other, not as surname and given name.
    {.id = "thach-middle", .name = "Nguyễn Thạch Long", .birth_year = 1940, .commune = "Lộc Yên"},
    // The two words the other way round.
    {.id = "reversed", .name = "Thạch Văn Nguyễn", .birth_year = 1940, .commune = "Lộc Yên"},
    {.id = "elsewhere", .name = "Nguyễn Văn Thạch", .birth_year = 1940, .commune = "Hợp Thành"},
    {.id = "no-commune", .name = "Nguyễn Văn Thạch", .birth_year = 1940},
};

}  // namespace

TEST_CASE("A record holds the NC term of its surname and given name with its commune", "[index]") {
  CHECK(NameCommuneKey("nguyen_thach", "loc_yen") == "nguyen_thach_loc_yen");
  CHECK(NameCommuneKey("", "loc_yen").empty());
  CHECK(NameCommuneKey("nguyen_thach", "").empty());
  CHECK(NameCommuneKey("nguyen_thach", std::string(300, 'a')).empty());  // longer than a term may be

  CHECK(RecordTermsWithPrefix(MakeRecord(kPeople[0]), "NC") == std::vector<std::string>{"NCnguyen_thach_loc_yen"});
  CHECK(RecordTermsWithPrefix(MakeRecord({.id = "x", .name = "Nguyễn Thạch Long", .commune = "Hợp Thành"}), "NC") ==
        std::vector<std::string>{"NCnguyen_long_hop_thanh"});
  CHECK(RecordTermsWithPrefix(MakeRecord(kPeople.back()), "NC").empty());  // no commune
  CHECK(RecordTermsWithPrefix(MakeRecord({.id = "x", .name = "Thạch", .commune = "Lộc Yên"}), "NC").empty());
}

TEST_CASE("A surname and given name typed with a commune are looked up in NC terms", "[index][query]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  const PlaceIndex places(gazetteer);
  TestIndex index(kPeople, &gazetteer);
  Xapian::Database db(index.dir().string());
  const TermFreqs freqs(db);
  const QueryContext with{
      .db = &db, .freqs = &freqs, .places = &places, .name_year_terms = true, .name_commune_terms = true};
  QueryContext without = with;
  without.name_commune_terms = false;

  const std::string query = "Nguyễn Thạch Lộc Yên";
  const BuiltQuery built = QueryBuilder(with).Build(ParseQuery(query), false);
  REQUIRE_FALSE(built.name_commune.empty());
  // The person in the commune, under its new name too; a subset of the filter.
  CHECK(Matches(db, built.name_commune) ==
        std::vector<std::string>{"thach-locyen", "thach-tanlien", "unmarked-locyen"});
  CHECK(Matches(db, built.filter) ==
        std::vector<std::string>{"reversed", "thach-locyen", "thach-middle", "thach-tanlien", "unmarked-locyen"});
  CHECK(Matches(db, Xapian::Query(Xapian::Query::OP_AND_NOT, built.name_commune, built.filter)).empty());
  // Surname spellings (Hoàng / Huỳnh) are the word's.
  CHECK(Matches(db, QueryBuilder(with).Build(ParseQuery("Hoàng Thạch Lộc Yên"), false).name_commune) ==
        std::vector<std::string>{"hoang-locyen", "huynh-locyen"});
  // A required birth year is not implied by the NC terms: it stays.
  CHECK(Matches(db, QueryBuilder(with).Build(ParseQuery(query + " nam:1941"), false).name_commune) ==
        std::vector<std::string>{"thach-tanlien"});

  // No NC lookup without NC terms, without a commune, with one name word or
  // three, or in a typo or relaxed build.
  CHECK(QueryBuilder(without).Build(ParseQuery(query), false).name_commune.empty());
  CHECK(QueryBuilder(with).Build(ParseQuery("Nguyễn Thạch"), false).name_commune.empty());
  CHECK(QueryBuilder(with).Build(ParseQuery("Thạch Lộc Yên"), false).name_commune.empty());
  CHECK(QueryBuilder(with).Build(ParseQuery("Nguyễn Văn Thạch Long Lộc Yên"), false).name_commune.empty());
  CHECK(QueryBuilder(with).Build(ParseQuery(query), true).name_commune.empty());
  CHECK(QueryBuilder(with).Build(ParseQuery(query), BuildOptions{.relax_places = true}).name_commune.empty());
}

TEST_CASE("Name and commune: the person in the commune ranks first, the other readings after", "[index]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index(kPeople, &gazetteer);
  const std::vector<std::string> ids = index.ExactIds("Nguyễn Thạch Lộc Yên");
  REQUIRE(ids.size() == 5);
  std::vector<std::string> first(ids.begin(), ids.begin() + 3);
  std::sort(first.begin(), first.end());
  CHECK(first == std::vector<std::string>{"thach-locyen", "thach-tanlien", "unmarked-locyen"});
  // Few: the other readings still run, the words next to each other first.
  CHECK(ids[3] == "thach-middle");
  CHECK(ids[4] == "reversed");
}

TEST_CASE("An index written before NC terms finds the same records without them", "[index]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index(kPeople, &gazetteer);
  {
    Xapian::Database db(index.dir().string());
    CHECK(HasTermFamily(db.get_metadata(std::string(kTermFamiliesKey)), kNameCommuneFamily));
  }
  // Its documents hold no NC terms, and its mark names NY terms only.
  {
    Xapian::WritableDatabase db(index.dir().string());
    RemoveTermsWithPrefix(db, "NC");
    db.set_metadata(std::string(kTermFamiliesKey), std::string(kNameYearFamily));
    db.commit();
  }
  CHECK_FALSE(Indexer::Open(index.dir()).HasCurrentTermFamilies());  // `sovang check` says: run sovang reindex
  SearcherOptions options;
  options.gazetteer = &gazetteer;
  Searcher old = Searcher::Open(index.dir(), options);
  std::vector<std::string> ids;
  for (const SearchHit& hit : old.Search({.query = "Nguyễn Thạch Lộc Yên"}).hits)
    if (!hit.approximate) ids.push_back(hit.id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids ==
        std::vector<std::string>{"reversed", "thach-locyen", "thach-middle", "thach-tanlien", "unmarked-locyen"});
}

TEST_CASE("Name and commune beside a common name: the other readings are left out, later passes may show them",
          "[index]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  // More records with "Nguyễn Thạch" next to each other, and more in Lộc
  // Yên, than a name + commune query walks for its other readings.
  std::vector<RecordSpec> people = kPeople;
  for (int i = 0; i < 4200; ++i) {
    people.push_back({.id = "many-" + std::to_string(i), .name = "Nguyễn Thạch Long", .commune = "Hợp Thành"});
    people.push_back({.id = "neighbour-" + std::to_string(i), .name = "Trần Văn Bình", .commune = "Lộc Yên"});
  }
  TestIndex index(people, &gazetteer);
  const SearchResult result = index.Search("Nguyễn Thạch Lộc Yên", 20);
  std::vector<std::string> exact, approximate;
  for (const SearchHit& hit : result.hits) (hit.approximate ? approximate : exact).push_back(hit.id);
  std::sort(exact.begin(), exact.end());
  CHECK(exact == std::vector<std::string>{"thach-locyen", "thach-tanlien", "unmarked-locyen"});
  // The place relaxed: the name as typed anywhere, thach-middle among them
  // (it matches the exact query only by a reading that was left out).
  REQUIRE(approximate.size() == 17);
  CHECK(std::count(approximate.begin(), approximate.end(), "thach-middle") == 1);
  for (const std::string& id : approximate)
    CHECK(std::find(exact.begin(), exact.end(), id) == exact.end());  // each record once
}
