#include "index/vocabulary.h"

#include <algorithm>
#include <set>

#include "text/normalize.h"

namespace sovang::index {

namespace {
constexpr std::size_t kMaxFirstLetterEdits = 4;
}  // namespace

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
  Slice& slice = by_length[length];
  const auto at = slice.empty() || slice.back().term < term
                      ? slice.end()
                      : std::lower_bound(slice.begin(), slice.end(), term,
                                         [](const Entry& e, const std::string& t) { return e.term < t; });
  if (at != slice.end() && at->term == term) {
    at->frequency += frequency;  // one term added twice: one entry
    return;
  }
  slice.insert(at, Entry{std::move(term), frequency});
  ++size_;
}

const NameVocabulary::Entry* NameVocabulary::Find(unsigned char first, std::string_view rest,
                                                  std::size_t length) const {
  const auto& by_length = buckets_[first];
  if (length >= by_length.size()) return nullptr;
  const Slice& slice = by_length[length];
  std::string term(1, static_cast<char>(first));
  term.append(rest);
  const auto it = std::lower_bound(slice.begin(), slice.end(), term,
                                   [](const Entry& e, const std::string& t) { return e.term < t; });
  return it != slice.end() && it->term == term ? &*it : nullptr;
}

std::vector<NearTerm> NameVocabulary::Near(std::string_view folded, int max_distance,
                                           std::size_t max_results) const {
  std::vector<NearTerm> out;
  if (folded.empty() || max_distance <= 0 || max_results == 0) return out;
  const unsigned char first = static_cast<unsigned char>(folded[0]);
  const auto& by_length = buckets_[first];
  const std::size_t length = text::Length(folded);
  // Same first letter: every token of a near length, by distance.
  const std::size_t lo = length > static_cast<std::size_t>(max_distance) ? length - max_distance : 0;
  const std::size_t hi = std::min(by_length.size(), length + max_distance + 1);
  for (std::size_t l = lo; l < hi; ++l) {
    for (const Entry& e : by_length[l]) {
      if (e.term == folded) continue;
      const int d = text::TypoDistance(folded, e.term, max_distance);
      if (d <= max_distance) out.push_back(NearTerm{e.term, d, e.frequency});
    }
  }
  // One edit at the first letter, by exact look-ups (ASCII first letters
  // only: folded names start with one; the rest is OCR noise).
  std::set<std::string> found;
  for (const NearTerm& n : out) found.insert(n.term);
  auto add = [&](const Entry* e) {
    if (e && e->term != folded && found.insert(e->term).second) out.push_back(NearTerm{e->term, 1, e->frequency});
  };
  if (first < 0x80) {
    const std::string_view rest = folded.substr(1);
    for (unsigned c = 1; c < 0x80; ++c) {
      if (c == first || buckets_[c].empty()) continue;
      add(Find(static_cast<unsigned char>(c), rest, length));        // first letter substituted: "eao" -> "dao"
      add(Find(static_cast<unsigned char>(c), folded, length + 1));  // first letter lost: "uong" -> "luong"
    }
    if (!rest.empty() && static_cast<unsigned char>(rest[0]) < 0x80) {
      const unsigned char second = static_cast<unsigned char>(rest[0]);
      add(Find(second, rest.substr(1), length - 1));  // a letter typed before it: "nluong" -> "luong"
      if (second != first) {
        std::string swapped(1, static_cast<char>(first));
        swapped.append(rest.substr(1));
        add(Find(second, swapped, length));  // first two swapped: "utan" -> "tuan"
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const NearTerm& a, const NearTerm& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    return a.term < b.term;
  });
  // Edits at the first letter are the rarer slip: a few of them at most, so
  // that they do not crowd out the rest (nor widen the typo pass much).
  std::size_t first_letter_edits = 0;
  std::erase_if(out, [&](const NearTerm& n) {
    return n.term[0] != folded[0] && ++first_letter_edits > kMaxFirstLetterEdits;
  });
  if (out.size() > max_results) out.resize(max_results);
  return out;
}

}  // namespace sovang::index
