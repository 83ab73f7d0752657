#include "index/vocabulary.h"

#include <catch2/catch.hpp>

using namespace sovang::index;

TEST_CASE("The vocabulary finds tokens within the allowed edits, closest and commonest first", "[index][typo]") {
  NameVocabulary v;
  for (const auto& [term, freq] : std::vector<std::pair<std::string, std::int64_t>>{
           {"thach", 10}, {"thanh", 500}, {"thac", 3}, {"than", 40}, {"chach", 99}, {"thachh", 1}, {"thi", 900}})
    v.Add(term, freq);
  const auto near = v.Near("thach", 1, 10);
  std::vector<std::string> terms;
  for (const NearTerm& n : near) terms.push_back(n.term);
  // Same first letter only ("chach" is left out), the token itself left out.
  CHECK(terms == std::vector<std::string>{"thanh", "thac", "thachh"});
  CHECK(v.Near("thach", 1, 1).size() == 1);
  CHECK(v.Near("thach", 0, 10).empty());
  CHECK(v.Near("", 1, 10).empty());
}

TEST_CASE("Short tokens allow no edit, 3 letters one, 7 letters two", "[index][typo]") {
  CHECK(AllowedEdits(2) == 0);
  CHECK(AllowedEdits(3) == 1);
  CHECK(AllowedEdits(6) == 1);
  CHECK(AllowedEdits(7) == 2);
}
