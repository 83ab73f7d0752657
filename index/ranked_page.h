#pragma once
// Internal: one ranked run of a search stage, from Xapian's MSet or from
// scoring a small stage's matches here (RankByTermLists).
//
// Why score here: a stage's weight is CoordWeight over its boost terms, i.e.
// the sum of the factors of the boost terms a document holds. Xapian finds
// that by opening every boost term's postings list and skipping each to
// every candidate; the boosts hold the common names' words ("Nguyễn" is in
// four records of ten), whose lists cost a B-tree descent per skip. When a
// stage matches a few dozen documents (a name with its birth year, the typo
// pass of a rare name), reading those documents' term lists is far cheaper
// than the boost lists, and gives the same weights.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace sovang::index {

// (term, factor) as the query builder added them: a term may appear twice
// and then counts twice, as in Xapian's OR of scaled terms.
using BoostTerms = std::vector<std::pair<std::string, double>>;

struct RankedPage {
  std::vector<Xapian::docid> docs;  // in rank order
  std::vector<double> weights;      // docs[i]'s weight
  Xapian::doccount lower = 0;       // matches of the whole stage: bounds and estimate
  Xapian::doccount upper = 0;
  Xapian::doccount estimated = 0;
  double max_attained = 0;          // the best weight any match of the stage has
  // Every match of the stage, in docid order, when the run saw them all
  // (RankByTermLists): totals and facets need no counting run.
  std::optional<std::vector<Xapian::docid>> all;

  bool empty() const { return docs.empty(); }
};

RankedPage PageOf(const Xapian::MSet& mset);

// The page [first, first + max) of `filter`'s documents ranked by the sum of
// the factors of the boost terms each holds, ties in docid order (Xapian's
// order for equal weights): the same page as a CoordWeight run of
// WeighedBy(filter, boosts), up to the rounding of sums. Nothing when the
// filter matches more than `cap` documents (then rank with Xapian).
std::optional<RankedPage> RankByTermLists(const Xapian::Database& db, const Xapian::Query& filter,
                                          const BoostTerms& boosts, Xapian::doccount first, Xapian::doccount max,
                                          Xapian::doccount cap);

}  // namespace sovang::index
