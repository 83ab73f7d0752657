#pragma once
// The folded name vocabulary (every NF term), kept in memory for typo
// tolerance: a query token is expanded to the indexed tokens within one or two
// edits. Bucketed by first letter and length so a lookup scans a small slice,
// not the whole vocabulary. Immutable once built; a Searcher rebuilds it
// lazily after Reopen().

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
  void Add(std::string term, std::int64_t frequency);  // any order

  // Tokens within max_distance edits of `folded` (not `folded` itself) that
  // share its first letter, closest first, then most frequent first; at most
  // max_results.
  std::vector<NearTerm> Near(std::string_view folded, int max_distance, std::size_t max_results) const;

  std::size_t size() const { return size_; }

 private:
  struct Entry {
    std::string term;
    std::int64_t frequency;
  };
  // buckets_[first byte][code-point length], each a list of entries.
  std::vector<std::vector<std::vector<Entry>>> buckets_ = std::vector<std::vector<std::vector<Entry>>>(256);
  std::size_t size_ = 0;
};

// How many edits a token of this length (code points) may be off by: 0 below 3
// letters, 1 from 3, 2 from 7.
int AllowedEdits(std::size_t length);

}  // namespace sovang::index
