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
  // The token itself left out; "chach" is one edit too (at the first letter).
  CHECK(terms == std::vector<std::string>{"thanh", "chach", "thac", "thachh"});
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

TEST_CASE("A typo may swap two letters or hit the first letter", "[index][typo]") {
  NameVocabulary v;
  for (const char* term : {"nguyen", "tuan", "dao", "luong", "van", "siu", "nang", "chien", "ngoc", "hoang"})
    v.Add(term, 10);
  const struct {
    const char* typed;
    const char* wanted;
    bool found;
  } cases[] = {
      {"nguyne", "nguyen", true},  // last two letters swapped
      {"nagn", "nang", true},      // middle letters swapped
      {"chine", "chien", true},
      {"utan", "tuan", true},      // first two letters swapped
      {"eao", "dao", true},        // first letter substituted
      {"man", "van", true},
      {"giu", "siu", true},
      {"nluong", "luong", true},   // a letter typed before the first
      {"uong", "luong", true},     // the first letter lost
      {"hsoang", "hoang", true},
      {"ocgn", "ngoc", false},     // more than one edit
  };
  for (const auto& c : cases) {
    INFO(c.typed);
    bool found = false;
    for (const NearTerm& n : v.Near(c.typed, 1, 16)) found = found || n.term == c.wanted;
    CHECK(found == c.found);
  }
  // An edit at the first letter is the one edit a token may have, even when
  // it could have two.
  NameVocabulary w;
  w.Add("quyetthang", 1);
  CHECK(w.Near("quyetthang", 2, 16).empty());
  CHECK(w.Near("xuyetthang", 2, 16).size() == 1);
  CHECK(w.Near("xuyetthanh", 2, 16).empty());
  CHECK(w.Near("quyetthanh", 2, 16).size() == 1);
}

TEST_CASE("The vocabulary keeps one entry per term in any order of adding", "[index][typo]") {
  NameVocabulary v;
  for (const char* term : {"thanh", "thach", "than", "thanh", "thac"}) v.Add(term, 1);
  CHECK(v.size() == 4);
  const auto near = v.Near("thach", 1, 10);
  REQUIRE(near.size() == 2);      // "than" is two edits away
  CHECK(near[0].term == "thanh");  // added twice: frequency 2
  CHECK(near[0].frequency == 2);
}
