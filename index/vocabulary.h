#pragma once
// The folded name vocabulary (every NF term), kept in memory for typo
// tolerance: a query token is expanded to the indexed tokens within one or two
// edits. Bucketed by first letter and length (each bucket sorted) so a lookup
// scans a small slice, not the whole vocabulary. Immutable once built; a
// Searcher rebuilds it lazily after Reopen().

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sovang::index {

struct NearTerm {
  std::string term;  // folded token, without prefix
  int distance = 0;
  std::int64_t frequency = 0;  // documents holding it
};

class NameVocabulary {
 public:
  // Any order; in sorted order (as Xapian lists terms) each Add is O(1).
  void Add(std::string term, std::int64_t frequency);

  // Tokens within max_distance edits of `folded` (not `folded` itself),
  // closest first, then most frequent first; at most max_results. An edit is
  // an inserted, deleted or substituted letter or two adjacent letters
  // swapped (text::TypoDistance). Tokens with another first letter are found
  // only one edit away (the edit is at the first letter: "utan" -> "tuan",
  // "eao" -> "dao", "nluong" -> "luong"), by exact look-ups, never by a scan
  // of other letters' buckets; at most 4 of those, the commonest.
  std::vector<NearTerm> Near(std::string_view folded, int max_distance, std::size_t max_results) const;

  std::size_t size() const { return size_; }

 private:
  struct Entry {
    std::string term;
    std::int64_t frequency;
  };
  using Slice = std::vector<Entry>;  // sorted by term
  // Entries whose term equals `first` + `rest` in buckets_[first][length].
  const Entry* Find(unsigned char first, std::string_view rest, std::size_t length) const;

  // buckets_[first byte][code-point length], each sorted by term.
  std::vector<std::vector<Slice>> buckets_ = std::vector<std::vector<Slice>>(256);
  std::size_t size_ = 0;
};

// How many edits a token of this length (code points) may be off by: 0 below 3
// letters, 1 from 3, 2 from 7.
int AllowedEdits(std::size_t length);

}  // namespace sovang::index
