#include <catch2/catch.hpp>

#include "index/document_builder.h"
#include "index/query_builder.h"
#include "index_test_support.h"

using namespace sovang::index;
using namespace sovang::index::testing;

TEST_CASE("Each name token has exact, tone-canonical and folded keys", "[index][keys]") {
  const struct {
    std::string token, exact, tone, folded;
  } cases[] = {
      // `tone` names the other placement of the same word: both must give
      // one key, whichever the text module calls canonical.
      {"Thạch", "thạch", "thạch", "thach"},
      {"hoà", "hoà", "hòa", "hoa"},
      {"THUỶ", "thuỷ", "thủy", "thuy"},
      {"Đàn", "đàn", "đàn", "dan"},
      {"Slương", "slương", "slương", "sluong"},
  };
  for (const auto& c : cases) {
    INFO(c.token);
    const TokenKeys k = KeysOf(c.token);
    CHECK(k.exact == c.exact);
    CHECK(k.tone == KeysOf(c.tone).tone);
    CHECK(k.folded == c.folded);
  }
}

TEST_CASE("Hoàng/Huỳnh and Vũ/Võ are surname variants, with or without marks", "[index][keys]") {
  const struct {
    std::string token;
    std::vector<std::string> variants;
  } cases[] = {
      {"Hoàng", {"huynh"}}, {"huỳnh", {"hoang"}}, {"hoang", {"huynh"}}, {"Vũ", {"vo"}},
      {"vo", {"vu"}},       {"Nguyễn", {}},       {"Lương", {}},
  };
  for (const auto& c : cases) {
    INFO(c.token);
    CHECK(SurnameVariants(c.token) == c.variants);
  }
}

TEST_CASE("Only Văn and Thị are optional middle names; Vân is a name", "[index][keys]") {
  CHECK(IsOptionalMiddle("văn"));
  CHECK(IsOptionalMiddle("Thị"));
  CHECK(IsOptionalMiddle("van"));  // typed without marks
  CHECK_FALSE(IsOptionalMiddle("vân"));
  CHECK_FALSE(IsOptionalMiddle("thi\u0301"));  // "thí"
  CHECK(NameBigrams({"nguyen", "van", "thach"}, {false, true, false}) ==
        std::vector<std::string>{"nguyen_van", "nguyen_thach", "van_thach"});
  CHECK(NameBigrams({"nguyen", "van", "thach"}, {false, false, false}) ==
        std::vector<std::string>{"nguyen_van", "van_thach"});
}

TEST_CASE("Decision numbers give a key with and without their year", "[index][keys]") {
  CHECK(DecisionTermKeys("803/QĐ-CTN") == std::vector<std::string>{"803qdctn"});
  CHECK(DecisionTermKeys("1502/2005/QĐ-CTN") == std::vector<std::string>{"15022005qdctn", "1502qdctn"});
  CHECK(DecisionTermKeys("47-NQ/HĐNN7") == std::vector<std::string>{"47nqhdnn7"});
  CHECK(DecisionTermKey("803 qđ ctn") == "803qdctn");
  CHECK(PlaceKey("Lộc  Yên") == "loc_yen");
}

TEST_CASE("A real middle name Vân is not skipped like Văn", "[index][search]") {
  TestIndex index({{.id = "van", .name = "Nguyễn Văn Thạch"}, {.id = "van-cloud", .name = "Nguyễn Vân Thạch"}});
  // "Nguyễn Thạch" is Nguyễn Văn Thạch without the middle name: in order
  // first; Nguyễn Vân Thạch has another middle name, so it comes after.
  const auto ids = index.ExactIds("Nguyễn Thạch");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "van");
}
