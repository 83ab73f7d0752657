#include "text/spell.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/error.h"

using sovang::text::SpellChecker;

namespace {

const SpellChecker& Checker() {
  static const SpellChecker checker = SpellChecker::OpenDefault();
  return checker;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("Known Vietnamese words are words, in any case and tone style", "[text][spell]") {
  for (const char* w : {"người", "thạch", "thắng", "huân", "chương", "kháng", "chiến", "hạng", "nhất", "Bình", "LỘC",
                        "Nguyễn", "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "Nguye\u0302\u0303n"}) {
    INFO(w);
    CHECK(Checker().IsWord(w));
  }
}

TEST_CASE("Misspelt words are not words", "[text][spell]") {
  for (const char* w : {"nguyẽn", "thạck", "kháq", "ngưoi", "", "xyzzy"}) {
    INFO(w);
    CHECK_FALSE(Checker().IsWord(w));
  }
}

TEST_CASE("A one-letter typo gets the right suggestion", "[text][spell]") {
  const struct {
    const char* typo;
    const char* word;
  } cases[] = {
      {"thạcj", "thạch"}, {"chươnh", "chương"}, {"kgáng", "kháng"}, {"nhấr", "nhất"}, {"ngườu", "người"},
  };
  for (const auto& c : cases) {
    INFO(c.typo);
    CHECK(Contains(Checker().Suggest(c.typo), c.word));
  }
}

TEST_CASE("Added words become words", "[text][spell]") {
  SpellChecker checker = SpellChecker::OpenDefault();
  CHECK_FALSE(checker.IsWord("Slương"));
  checker.AddWords({"Slương", "Sỉư"});
  CHECK(checker.IsWord("Slương"));
  CHECK(checker.IsWord("Sỉư"));
}

TEST_CASE("A missing dictionary is reported as not found", "[text][spell]") {
  try {
    SpellChecker::Open("/nonexistent/vi_VN.aff", "/nonexistent/vi_VN.dic");
    FAIL("no exception");
  } catch (const sovang::Error& e) {
    CHECK(e.code() == sovang::Errc::kNotFound);
  }
}
