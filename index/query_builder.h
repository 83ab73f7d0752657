#pragma once
// Internal: turns a ParsedQuery into a Xapian query over the terms of
// index/document_builder.h.
//
// Shape: boolean AND(required clauses) weighed by OR(weighted boosts). Each
// typed word (or recognised multi-word place/award) is one required clause, so
// the filter stays a conjunction of short OR/SYNONYM lists of non-positional
// terms. The filter carries no weight and every weight sits in the boosts
// (the typed folded word, exact marks, tone variants, bigrams, years, award
// words): documents that tie on the filter then differ by their boosts, and
// Xapian's max-weight pruning can stop after the top hits instead of scoring
// every match (a weighted filter made "Nguyễn …" scan every Nguyễn); see
// BuiltQuery::top_tier for the ties. Positional phrases are used only for
// "quoted" text.
//
// Free text is read left to right in segments: a run of words the index (or
// the gazetteer) knows as one place ("Lộc Yên"), a run of words linked by
// award bigrams ("kháng chiến", "hạng nhất"), otherwise a single name word. A
// segment matches the name words OR the whole place OR the award words; a lone
// word matches names only, so "Nguyễn Văn Chiến" is not every Nguyễn Văn with
// a Kháng chiến medal. Decision numbers ("803 QD CTN", "47-NQ/HĐNN7") are
// taken out of free text first; 4-digit years 1880..2010 boost the birth year.
//
// The builder asks the database for a few term frequencies (is "803 QD CTN" a
// decision number we know? is "Lộc Yên" a commune?) and, for the typo pass,
// the folded vocabulary.

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "core/award_catalog.h"
#include "index/places.h"
#include "index/ranked_page.h"
#include "index/query_parser.h"
#include "index/snippet.h"
#include "index/vocabulary.h"

namespace sovang::index {

// Term frequencies of one database, each looked up once: one search builds
// its query up to three times (exact, places relaxed, typos) and sizes its
// stages, asking for the same terms' frequencies again and again, and each
// look-up is a B-tree descent (~10-20 µs at a million records).
class TermFreqs {
 public:
  explicit TermFreqs(const Xapian::Database& db) : db_(db) {}
  Xapian::doccount operator()(const std::string& term) const {
    const auto [it, added] = memo_.try_emplace(term, 0);
    if (added) it->second = db_.get_termfreq(term);
    return it->second;
  }
  const Xapian::Database& db() const { return db_; }

 private:
  const Xapian::Database& db_;
  mutable std::unordered_map<std::string, Xapian::doccount> memo_;
};

struct QueryContext {
  const Xapian::Database* db = nullptr;           // required
  const TermFreqs* freqs = nullptr;               // may be null: ask the database each time
  const PlaceIndex* places = nullptr;             // may be null: no place expansion
  const AwardCatalog* awards = nullptr;           // may be null: no award codes by name
  const std::set<std::string>* award_bigrams = nullptr;  // "khang_chien": folded catalog bigrams, may be null
  const NameVocabulary* vocabulary = nullptr;     // needed for typos = true
  // Every document holds NY (name word + birth year) terms: a birth year
  // joins the rarest name word's list (HasTermFamily of the index).
  bool name_year_terms = false;
  // Every document holds NC (surname and given name + commune) terms: a
  // name typed with a commune is looked up in them (BuiltQuery::name_commune).
  bool name_commune_terms = false;
};

struct BuiltQuery {
  Xapian::Query query;   // filter weighed by boosts (WeighedBy): rank with Xapian::CoordWeight
  Xapian::Query filter;  // the match set alone, unweighted: run it with BoolWeight (WeighedBy zeroes it)
  Xapian::Query boosts;  // OR of the weighted boost terms (empty: none)
  BoostTerms boost_terms;  // the same as (term, factor) pairs, for RankByTermLists
  // Names typed in order: the consecutive required words of a typed name as
  // bigram terms (adjacent, or across one Văn/Thị), AND-ed; in a typo build
  // with the variants' bigrams that exist. Implies the filter's name words,
  // and is far rarer than them, so "filter AND chain" is cheap to walk;
  // records that match only the scattered words come after. Empty when the
  // query has no multi-word name.
  Xapian::Query chain;
  // The filter with the chain in place of the name words it implies: the
  // documents of "filter AND chain", far cheaper to walk (boolean).
  Xapian::Query chained_filter;
  // The documents holding every boost term: under CoordWeight they all have
  // the highest weight there is, so when there are enough of them they are
  // the top hits, in the order the weighted run would give (docid). Boolean,
  // so Xapian stops as soon as it has enough. Empty when there are no boosts.
  // A typo build leaves out a word's likely typo spellings (alternatives: no
  // record holds them all; a record that holds several may rank a little
  // higher in a weighted run), and has no tier when every typed word is in
  // the index (the tier would hold only exact matches, which the typo pass
  // excludes).
  Xapian::Query top_tier;
  // A surname and a given name typed with a commune ("Hoàng Thành Hoàng
  // Văn Thụ"): the records holding an NC term of those two words (their
  // spellings) with the commune (its old and new names too), AND the
  // filter's clauses those terms do not imply (a year, a number). A subset
  // of the filter, its best reading, found from short lists: searching the
  // name's records for the commune's walks tens of thousands of candidates
  // at 10M records. Empty for any other query, in typo and relaxed builds,
  // and for an index without NC terms.
  Xapian::Query name_commune;
  // Its boosts: those of the filter but the ones the place phrase's words
  // earn only when read as name words or an award, which a record of the
  // place rarely holds (they would keep its top tier empty).
  Xapian::Query name_commune_boosts;
  BoostTerms name_commune_boost_terms;
  Xapian::Query name_commune_tier;  // its documents that hold every one of its boosts
  Highlight highlight;
  bool match_all = false;  // the query was blank
  int typo_terms = 0;      // vocabulary terms added by typo expansion
  int dropped_places = 0;  // place phrases left out of the filter (BuildOptions::relax_places)
  int place_phrases = 0;   // place phrases a relaxed build would leave out
  // Place phrases whose last words begin a place that reaches further
  // ("Bình Gia Lộc": the district Bình Gia, or the commune Gia Lộc): a
  // later-places build (BuildOptions::later_places) reads them otherwise.
  int other_readings = 0;
};

struct BuildOptions {
  // Widen each name token of 3+ letters to vocabulary terms within
  // AllowedEdits() (QueryContext::vocabulary).
  bool typos = false;
  // Leave multi-word places recognised in free text ("Tân Thanh") out of the
  // filter: records of that name whose commune the gazetteer does not link to
  // the typed one (an unrecorded change, an OCR-damaged commune) still match.
  // Places typed as fields (xa:, huyen:, tinh:) always restrict.
  bool relax_places = false;
  // Where two places in free text share words, read the later one ("Nguyễn
  // Bình Gia Lộc": Nguyễn Bình of the commune Gia Lộc), where a build reads
  // the longest from the left (of the district Bình Gia, given name Lộc).
  bool later_places = false;
};

// What each kind of evidence adds to a hit's weight. Ranking uses
// Xapian::CoordWeight, so a weight is exactly the sum of these factors over
// the boost terms a document holds (no idf: which records match better is a
// question of evidence, not of how rare a name is), and Xapian's bounds are
// tight enough to stop early.
struct QueryWeights {
  double folded = 1.0;       // the typed word itself, folded (only when variants also match)
  double tone = 1.0;         // the typed word's tone-canonical form (marked queries)
  double exact = 1.0;        // the typed word with its exact marks
  double bigram = 0.5;       // two typed name words next to each other
  double birth_year = 2.5;   // a year in free text that is the birth year: beats the marks
  double decision_year = 0.5;
  double likely_typo = 0.3;     // a typo variant one edit away, not at the first letter
  double decision_exact = 0.5;  // the decision number as typed is the record's whole number (year too)
  double award = 0.5;        // an award word of a recognised award phrase
  double place_field = 0.2;  // the typed name of xa:/huyen:/tinh: over its old/new names
  double whole_name = 0.5;   // the name is exactly the typed name words (no extra Văn/Thị)
  double name_ends = 0.75;   // the first and last typed name words are the surname and the given
                             // name (beats a bigram: "Nguyễn Đức" is Nguyễn Công Đức before Nguyễn Đức Quang)
};

class QueryBuilder {
 public:
  explicit QueryBuilder(const QueryContext& context, const QueryWeights& weights = {});

  // typos = false: the exact query. typos = true: the same with each name
  // token of 3+ letters widened to vocabulary terms within AllowedEdits().
  // Throws Error(kInvalidArgument) for what only the builder can see wrong.
  BuiltQuery Build(const ParsedQuery& parsed, bool typos) const;
  BuiltQuery Build(const ParsedQuery& parsed, const BuildOptions& options) const;

 private:
  QueryContext ctx_;
  QueryWeights w_;
};

// About how many postings Xapian walks to enumerate `query`: the rarest
// branch of an AND, the sum over an OR (from term frequencies; no walking).
Xapian::doccount EstimatedWalk(const TermFreqs& freqs, const Xapian::Query& query);

// The documents of `filter` (boolean), weighed by the boosts they hold.
Xapian::Query WeighedBy(const Xapian::Query& filter, const Xapian::Query& boosts);

// The same documents and weights, with the branch that keeps the documents
// holding no boost taken from the cheapest list the filter implies
// (CheapestSuperset) instead of a second copy of the whole filter, which
// Xapian would walk twice.
Xapian::Query WeighedBy(const TermFreqs& freqs, const Xapian::Query& filter, const Xapian::Query& boosts);

// A query every document of `query` matches, about the cheapest to walk:
// the rarest branch of an AND (of its rarest branch, and so on), the left
// side of an AND_NOT; otherwise the query itself.
Xapian::Query CheapestSuperset(const TermFreqs& freqs, const Xapian::Query& query);

// The other spellings of a surname, folded: "Hoàng" or "hoang" -> {"huynh"}.
std::vector<std::string> SurnameVariants(std::string_view token);

}  // namespace sovang::index
