// Name-and-year terms (NY, index/document_builder.h): a birth-year filter
// asks for each name word's NY term of that year instead of the word's list
// and the year's, and finds exactly the same records. Indexes written before NY terms
// existed are searched without them. A year's and a name word's weight may
// come from NY terms, and a marked word's two keys from one list: the
// ranking stays what the boost terms say.

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <xapian.h>

#include "index/document_builder.h"
#include "index/indexer.h"
#include "index/query_builder.h"
#include "index/query_parser.h"
#include "index/searcher.h"
#include "index/vocabulary.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

bool Mentions(const Xapian::Query& q, const std::string& term) {
  for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it)
    if (*it == term) return true;
  return false;
}

const std::vector<RecordSpec> kPeople = {
    {.id = "an40", .name = "Nguyễn Văn An", .birth_year = 1940},
    {.id = "an41", .name = "Nguyễn Văn An", .birth_year = 1941},
    {.id = "an-huynh", .name = "Huỳnh Văn An", .birth_year = 1940},
    {.id = "anh40", .name = "Nguyễn Văn Anh", .birth_year = 1940},
    {.id = "binh40", .name = "Nguyễn Thị Bình", .birth_year = 1940},
    {.id = "an-no-year", .name = "Nguyễn Văn An"},
    {.id = "tam13", .name = "Đỗ Tâm", .birth_year = 1913},
};

// An index of `people`, open with what the query builder reads beside it.
struct Readable {
  explicit Readable(const std::vector<RecordSpec>& people) : index(people), db(index.dir().string()), freqs(db) {
    const std::string folded(prefix::kNameFolded);
    for (auto it = db.allterms_begin(folded); it != db.allterms_end(folded); ++it)
      vocabulary.Add((*it).substr(folded.size()), it.get_termfreq());
  }
  QueryContext Context(bool name_year_terms) {
    return {.db = &db, .freqs = &freqs, .vocabulary = &vocabulary, .name_year_terms = name_year_terms};
  }
  TestIndex index;
  Xapian::Database db;
  TermFreqs freqs;
  NameVocabulary vocabulary;
};

// kPeople and `more`.
std::vector<RecordSpec> PeopleAnd(const std::vector<RecordSpec>& more) {
  std::vector<RecordSpec> people = kPeople;
  people.insert(people.end(), more.begin(), more.end());
  return people;
}

// Each query, with and without typos, matches the same records whether the
// index's NY terms are used or not: its filter, top tier and chained filter.
void CheckSameRecordsWithNameYearTerms(Readable& readable, const std::vector<std::string>& queries) {
  const QueryContext without = readable.Context(false);
  const QueryContext with = readable.Context(true);
  for (const std::string& query : queries) {
    for (const bool typos : {false, true}) {
      INFO(query << (typos ? " (typos)" : ""));
      const BuiltQuery plain = QueryBuilder(without).Build(ParseQuery(query), typos);
      const BuiltQuery joined = QueryBuilder(with).Build(ParseQuery(query), typos);
      CHECK(Matches(readable.db, joined.filter) == Matches(readable.db, plain.filter));
      if (!plain.top_tier.empty()) CHECK(Matches(readable.db, joined.top_tier) == Matches(readable.db, plain.top_tier));
      if (!plain.chain.empty())
        CHECK(Matches(readable.db, joined.chained_filter) == Matches(readable.db, plain.chained_filter));
    }
  }
}

}  // namespace

TEST_CASE("A record's name words are indexed with its birth year, and without a year not at all", "[index]") {
  Xapian::Document born;
  BuildDocument(MakeRecord({.id = "a", .name = "Nguyễn Văn Thạch", .birth_year = 1932}), born);
  CHECK(TermsWithPrefix(born, "NY") == std::vector<std::string>{"NYnguyen_1932", "NYthach_1932", "NYvan_1932"});
  Xapian::Document unknown;
  BuildDocument(MakeRecord({.id = "b", .name = "Nguyễn Văn Thạch"}), unknown);
  CHECK(TermsWithPrefix(unknown, "NY").empty());
}

TEST_CASE("A birth-year filter asks for the name words' name-and-year terms and matches the same records",
          "[index][query]") {
  Readable readable(kPeople);
  const Xapian::Database& db = readable.db;
  const QueryContext without = readable.Context(false);
  const QueryContext with = readable.Context(true);
  CheckSameRecordsWithNameYearTerms(readable, {"ten:\"Nguyễn Văn An\" nam:1940", "hoang van an nam:1940", "Đỗ Tâm nam:1913",
                                               "ten:\"Nguyễn Văn Ann\" nam:1940", "an nam:1940", "nguyen van an 1940"});
  // Every required name word by its NY term of the year (Văn is optional);
  // neither its own list nor the year's is left to skip through.
  const BuiltQuery q = QueryBuilder(with).Build(ParseQuery("ten:\"Nguyễn Văn An\" nam:1940"), false);
  for (const std::string term : {"NYnguyen_1940", "NYan_1940"}) CHECK(Mentions(q.filter, term));
  for (const std::string term : {"NFnguyen", "NFvan", "NFan", "Y1940"}) CHECK_FALSE(Mentions(q.filter, term));
  CHECK(Matches(db, q.filter) == std::vector<std::string>{"an40"});
  // A surname's other spellings, each in that year.
  const BuiltQuery variants = QueryBuilder(with).Build(ParseQuery("hoang van an nam:1940"), false);
  CHECK(Mentions(variants.filter, "NYhuynh_1940"));
  CHECK(Matches(db, variants.filter) == std::vector<std::string>{"an-huynh"});
  // A free-text year ranks rather than filters: only the top tier asks for it.
  const BuiltQuery free = QueryBuilder(with).Build(ParseQuery("nguyen van an 1940"), false);
  CHECK_FALSE(Mentions(free.filter, "NYan_1940"));
  CHECK(Mentions(free.top_tier, "NYan_1940"));
  // Without the index's mark no NY term is asked for.
  CHECK_FALSE(Mentions(QueryBuilder(without).Build(ParseQuery("an nam:1940"), false).filter, "NYan_1940"));
}

TEST_CASE("A birth year stays required where no name word alone carries it", "[index][query]") {
  // A one-word commune ("Yên") read in free text is a name word OR the
  // place: a record of that place is born in any year, so that clause cannot
  // carry the year. Two different years match nothing; a year without a name
  // keeps its own list.
  Readable readable(PeopleAnd({{.id = "yen40", .name = "Lê Văn Tâm", .birth_year = 1940, .commune = "Yên"},
                                {.id = "yen50", .name = "Lê Văn Tâm", .birth_year = 1950, .commune = "Yên"},
                                {.id = "ha50", .name = "Lê Văn Yên", .birth_year = 1950},
                                {.id = "vuong40", .name = "Phan Đình Vượng", .birth_year = 1940},
                                {.id = "vuong41", .name = "Phan Đình Vượng", .birth_year = 1941}}));
  const Xapian::Database& db = readable.db;
  const QueryContext with = readable.Context(true);
  CheckSameRecordsWithNameYearTerms(readable, {"Yên nam:1950", "Tâm Yên nam:1950", "le van tam yen nam:1940", "nam:1950",
                                               "an nam:1940 nam:1941", "ten:\"Phan Đình Vượng\" nam:1940",
                                               "phan vuong nam:1941", "ten:\"Phan Đinh Vuong\" nam:1940"});
  CHECK(Matches(db, QueryBuilder(with).Build(ParseQuery("Yên nam:1950"), false).filter) ==
        std::vector<std::string>{"ha50", "yen50"});
  // The chain of a name typed in order has no year of its own: the name
  // words' NY terms stay beside it.
  const BuiltQuery chained = QueryBuilder(with).Build(ParseQuery("ten:\"Phan Đình Vượng\" nam:1940"), false);
  REQUIRE_FALSE(chained.chain.empty());
  CHECK(Mentions(chained.chained_filter, "NYvuong_1940"));
  CHECK(Matches(db, chained.chained_filter) == std::vector<std::string>{"vuong40"});
}

TEST_CASE("A new index is marked as holding name-and-year terms; an older one is searched without them", "[index]") {
  TestIndex index(kPeople);
  {
    Xapian::Database db(index.dir().string());
    CHECK(HasEveryTermFamily(db.get_metadata(std::string(kTermFamiliesKey))));
  }
  const std::string query = "ten:\"Nguyễn Văn An\" nam:1940";
  CHECK(Searcher::Open(index.dir()).Search({.query = query}).hits.size() == 1);

  // An index written before NY terms: its documents hold none, and it has
  // no mark. Reopening it for writing does not mark it either.
  {
    Xapian::WritableDatabase db(index.dir().string());
    RemoveTermsWithPrefix(db, "NY");
    db.commit();
  }
  {
    Searcher marked = Searcher::Open(index.dir());
    CHECK(marked.Search({.query = query}).hits.empty());  // what the mark protects against
  }
  {
    Xapian::WritableDatabase db(index.dir().string());
    db.set_metadata(std::string(kTermFamiliesKey), "");
    db.commit();
  }
  {
    Indexer reopened = Indexer::Open(index.dir());
    CHECK_FALSE(reopened.HasCurrentTermFamilies());  // `sovang check` says: run sovang reindex
    reopened.Commit(2);
  }
  TempDir fresh;
  CHECK(Indexer::Open(fresh.path() / "index").HasCurrentTermFamilies());
  Xapian::Database db(index.dir().string());
  CHECK(db.get_metadata(std::string(kTermFamiliesKey)).empty());
  Searcher old = Searcher::Open(index.dir());
  const SearchResult result = old.Search({.query = query});
  REQUIRE(result.hits.size() == 1);
  CHECK(result.hits.front().id == "an40");
}

TEST_CASE("Term families are read as a space-separated list", "[index]") {
  CHECK(HasTermFamily("name_year", kNameYearFamily));
  CHECK(HasTermFamily("other name_year", kNameYearFamily));
  CHECK_FALSE(HasTermFamily("", kNameYearFamily));
  CHECK_FALSE(HasTermFamily("name_years", kNameYearFamily));
  CHECK_FALSE(HasTermFamily("name", kNameYearFamily));
  CHECK(HasEveryTermFamily("name_commune name_year"));
  CHECK_FALSE(HasEveryTermFamily("name_year"));  // written before NC terms: `sovang check` asks for a reindex
  CHECK_FALSE(HasEveryTermFamily(""));
}

TEST_CASE("Name words and a free-text year are weighed from name-and-year terms, to the same ranking",
          "[index][query]") {
  Readable readable(kPeople);
  const Xapian::Database& db = readable.db;
  const QueryContext without = readable.Context(false);
  const QueryContext with = readable.Context(true);

  for (const std::string query : {"nguyen van an 1940", "huynh van an 1940", "an 1940", "do tam 1913",
                                  "nguyen van ann 1940", "nguyen an 1941", "nguyen van an nam:1940",
                                  "ten:\"Nguyễn Văn Ann\" nam:1940", "hoang van an nam:1940", "van nam:1940"}) {
    for (const bool typos : {false, true}) {
      INFO(query << (typos ? " (typos)" : ""));
      const BuiltQuery plain = QueryBuilder(without).Build(ParseQuery(query), typos);
      const BuiltQuery joined = QueryBuilder(with).Build(ParseQuery(query), typos);
      CHECK(Ranked(db, joined.query) == Ranked(db, plain.query));
      if (!plain.chain.empty())
        CHECK(Ranked(db, WeighedBy(joined.chained_filter, joined.boosts)) ==
              Ranked(db, WeighedBy(plain.chained_filter, plain.boosts)));
    }
  }
  const BuiltQuery q = QueryBuilder(with).Build(ParseQuery("nguyen van an 1940"), false);
  CHECK(Mentions(q.boosts, "NYan_1940"));
  CHECK_FALSE(Mentions(q.boosts, "Y1940"));
  // The records born that year rank first.
  const auto ranked = Ranked(db, q.query);
  REQUIRE(ranked.size() >= 2);
  CHECK(ranked[0].first == "an40");
  CHECK(ranked[0].second > ranked[1].second);
  // The term lists' ranking keeps the year's own term.
  CHECK(std::any_of(q.boost_terms.begin(), q.boost_terms.end(), [](const auto& b) { return b.first == "Y1940"; }));
  // With the year required every record the filter holds was born then: a
  // name word's weight comes from its NY term of that year.
  const BuiltQuery required = QueryBuilder(with).Build(ParseQuery("nguyen van an nam:1940"), false);
  CHECK(Mentions(required.boosts, "NYvan_1940"));
  CHECK_FALSE(Mentions(required.boosts, "NFvan"));
  CHECK(std::any_of(required.boost_terms.begin(), required.boost_terms.end(),
                    [](const auto& b) { return b.first == "NFvan"; }));
}

TEST_CASE("The weighted query ranks as its boost terms say, whichever lists carry the weights", "[index][query]") {
  // Records whose words take their tone mark in one place ("Đình") and in
  // either ("Hoà" and "Hòa": the tone key holds more than the exact key).
  Readable readable(PeopleAnd({{.id = "dinh40", .name = "Phan Đình Vượng", .birth_year = 1940},
                                {.id = "dinh41", .name = "Phan Đình Vượng", .birth_year = 1941},
                                {.id = "minh40", .name = "Phan Minh Vượng", .birth_year = 1940},
                                {.id = "hoa-old", .name = "Lê Thị Hoà", .birth_year = 1940},
                                {.id = "hoa-new", .name = "Lê Thị Hòa", .birth_year = 1940},
                                {.id = "hoa-none", .name = "Lê Thị Hoa", .birth_year = 1940}}));
  const Xapian::Database& db = readable.db;
  const QueryContext ctx = readable.Context(true);

  for (const std::string query : {"Phan Đình Vượng", "ten:\"Phan Đình Vượng\" nam:1940", "phan dinh vuong 1940",
                                  "Lê Thị Hoà", "Lê Thị Hòa nam:1940", "le thi hoa 1940", "Nguyễn Văn An 1940"}) {
    for (const bool typos : {false, true}) {
      INFO(query << (typos ? " (typos)" : ""));
      const BuiltQuery q = QueryBuilder(ctx).Build(ParseQuery(query), typos);
      std::vector<Xapian::Query> by_terms;
      for (const auto& [term, weight] : q.boost_terms)
        by_terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
      const Xapian::Query reference(Xapian::Query::OP_OR, by_terms.begin(), by_terms.end());
      CHECK(Ranked(db, q.query) == Ranked(db, WeighedBy(q.filter, reference)));
    }
  }
  // One place for the mark: one list carries both weights.
  const BuiltQuery dinh = QueryBuilder(ctx).Build(ParseQuery("Phan Đình Vượng"), false);
  CHECK(Mentions(dinh.boosts, "NEđình"));
  CHECK_FALSE(Mentions(dinh.boosts, "NTđình"));
  // Two places: the tone key still weighs the other spelling.
  const BuiltQuery hoa = QueryBuilder(ctx).Build(ParseQuery("Lê Thị Hoà"), false);
  CHECK(Mentions(hoa.boosts, std::string(prefix::kNameExact) + KeysOf("Hoà").exact));
  CHECK(Mentions(hoa.boosts, std::string(prefix::kNameTone) + KeysOf("Hoà").tone));
  const auto ranked = Ranked(db, hoa.query);
  REQUIRE(ranked.size() == 3);
  CHECK(ranked[0].first == "hoa-old");
  CHECK(ranked[1].first == "hoa-new");
  CHECK(ranked[0].second > ranked[1].second);
  CHECK(ranked[1].second > ranked[2].second);
}
