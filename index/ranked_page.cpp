#include "index/ranked_page.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace sovang::index {

RankedPage PageOf(const Xapian::MSet& mset) {
  RankedPage page;
  page.docs.reserve(mset.size());
  page.weights.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.docs.push_back(*it);
    page.weights.push_back(it.get_weight());
  }
  page.lower = mset.get_matches_lower_bound();
  page.upper = mset.get_matches_upper_bound();
  page.estimated = mset.get_matches_estimated();
  page.max_attained = mset.get_max_attained();
  return page;
}

std::optional<RankedPage> RankByTermLists(const Xapian::Database& db, const Xapian::Query& filter,
                                          const BoostTerms& boosts, Xapian::doccount first, Xapian::doccount max,
                                          Xapian::doccount cap) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(filter);
  const Xapian::MSet matches = enquire.get_mset(0, cap + 1);
  if (matches.size() > cap) return std::nullopt;

  // Term lists are sorted: walk each once against the sorted boost terms.
  std::map<std::string, double> factor_of;
  for (const auto& [term, factor] : boosts) factor_of[term] += factor;
  const Xapian::doccount n = matches.size();
  std::vector<Xapian::docid> docs(matches.begin(), matches.end());  // docid order (BoolWeight)
  std::vector<double> weight(n, 0.0);
  if (!factor_of.empty()) {
    for (Xapian::doccount i = 0; i < n; ++i) {
      Xapian::TermIterator t = db.termlist_begin(docs[i]);
      const Xapian::TermIterator end = db.termlist_end(docs[i]);
      for (const auto& [term, factor] : factor_of) {
        t.skip_to(term);
        if (t == end) break;
        if (*t == term) weight[i] += factor;
      }
    }
  }
  std::vector<Xapian::doccount> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return weight[a] > weight[b]; });

  RankedPage page;
  page.lower = page.upper = page.estimated = n;
  page.max_attained = n == 0 ? 0.0 : *std::max_element(weight.begin(), weight.end());
  for (Xapian::doccount r = first; r < n && r < first + max; ++r) {
    page.docs.push_back(docs[order[r]]);
    page.weights.push_back(weight[order[r]]);
  }
  page.all = std::move(docs);
  return page;
}

}  // namespace sovang::index
