#pragma once
// The one-line summary of a hit with the words that matched the query marked:
// "<mark>Nguyễn</mark> Văn <mark>Thạch</mark>, sinh 1932 · xã Lộc Yên, …".
// HTML-escaped; only <mark> and </mark> are markup.

#include <set>
#include <string>
#include <vector>

#include "core/record.h"
#include "index/searcher.h"

namespace sovang::index {

// What to mark, collected while the query is built.
struct Highlight {
  std::set<std::string> words;           // folded words (names, places, awards)
  std::set<std::string> decision_keys;   // DecisionTermKey of matched numbers
  std::set<std::string> book_keys;       // DecisionTermKey of matched book numbers
  std::set<std::string> numbers;         // bare decision numbers ("803") asked for
  std::set<int> years;                   // birth years asked for
  int year_from = 0, year_to = 0;        // a birth-year range asked for (0 = none)
};

std::string MakeSnippet(const Record& record, const Highlight& highlight, const std::vector<PlaceNote>& notes);

}  // namespace sovang::index
