#include "index/vocabulary.h"

#include <algorithm>

#include "text/normalize.h"

namespace sovang::index {

int AllowedEdits(std::size_t length) {
  if (length < 3) return 0;
  if (length < 7) return 1;
  return 2;
}

void NameVocabulary::Add(std::string term, std::int64_t frequency) {
  if (term.empty()) return;
  const std::size_t length = text::Length(term);
  auto& by_length = buckets_[static_cast<unsigned char>(term[0])];
  if (by_length.size() <= length) by_length.resize(length + 1);
  by_length[length].push_back(Entry{std::move(term), frequency});
  ++size_;
}

std::vector<NearTerm> NameVocabulary::Near(std::string_view folded, int max_distance,
                                           std::size_t max_results) const {
  std::vector<NearTerm> out;
  if (folded.empty() || max_distance <= 0 || max_results == 0) return out;
  const auto& by_length = buckets_[static_cast<unsigned char>(folded[0])];
  const std::size_t length = text::Length(folded);
  const std::size_t lo = length > static_cast<std::size_t>(max_distance) ? length - max_distance : 0;
  const std::size_t hi = std::min(by_length.size(), length + max_distance + 1);
  for (std::size_t l = lo; l < hi; ++l) {
    for (const Entry& e : by_length[l]) {
      if (e.term == folded) continue;
      const int d = text::EditDistance(folded, e.term, max_distance);
      if (d <= max_distance) out.push_back(NearTerm{e.term, d, e.frequency});
    }
  }
  std::sort(out.begin(), out.end(), [](const NearTerm& a, const NearTerm& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    return a.term < b.term;
  });
  if (out.size() > max_results) out.resize(max_results);
  return out;
}

}  // namespace sovang::index
