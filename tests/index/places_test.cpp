#include "index/places.h"

#include <catch2/catch.hpp>

#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

std::vector<std::string> Names(const std::vector<PlaceName>& names) {
  std::vector<std::string> out;
  for (const PlaceName& n : names) out.push_back(n.level + ":" + n.name);
  return out;
}

}  // namespace

TEST_CASE("A new commune's old names are its predecessors, and the other way round", "[index][places]") {
  TempDir tmp;
  const PlaceIndex places(TestGazetteer(tmp.path()));
  CHECK(Names(places.Related("Tân Liên", "commune")) ==
        std::vector<std::string>{"commune:Lộc Yên", "commune:Thạch Đạn"});
  CHECK(Names(places.Related("tan lien", "commune")).size() == 2);  // typed without marks
  CHECK(Names(places.Related("Lộc Yên", "commune")) == std::vector<std::string>{"commune:Tân Liên"});
  CHECK(places.Related("Tân Liên", "district").empty());
  CHECK(places.Related("Kháng Chiến", "commune").empty());
}

TEST_CASE("A merge followed by a split relates the parts only through the merged unit", "[index][places]") {
  TempDir tmp;
  const PlaceIndex places(TestGazetteer(tmp.path()));
  // Lạng Sơn + Cao Bằng -> Cao Lạng (1975) -> Lạng Sơn, Cao Bằng (1978).
  CHECK(Names(places.Related("Lạng Sơn", "province")) == std::vector<std::string>{"province:Cao Lạng"});
  CHECK(Names(places.Related("Cao Lạng", "province")) ==
        std::vector<std::string>{"province:Cao Bằng", "province:Lạng Sơn"});
}

TEST_CASE("A place written with an old name shows what it is called now", "[index][places]") {
  TempDir tmp;
  const PlaceIndex places(TestGazetteer(tmp.path()));
  CHECK(places.CurrentNames("Lộc Yên", "commune") == std::vector<std::string>{"Tân Liên"});
  CHECK(places.CurrentNames("Cao Lạng", "province") == std::vector<std::string>{"Cao Bằng", "Lạng Sơn"});
  CHECK(places.CurrentNames("Lạng Sơn", "province").empty());  // still exists
  CHECK(places.CurrentNames("Tân Liên", "commune").empty());
  CHECK(places.CurrentNames("Cao Lộc", "district").empty());  // abolished, no successor
  CHECK(places.CurrentNames("Nowhere", "commune").empty());
}

TEST_CASE("A place's spelling: words typed with marks must have the place's marks", "[index][places]") {
  TempDir tmp;
  const PlaceIndex places(TestGazetteer(tmp.path()));
  const struct {
    const char* typed;
    bool known;
  } cases[] = {
      {"Lộc Thanh", true},   {"loc thanh", true}, {"Lộc thanh", true},   {"LỘC THANH", true},
      {"Lộc Thành", false},  // a surname and a given name, not the commune
      {"Lốc Thanh", false},  {"Kháng Chiến", true}, {"Khang Chiên", false}, {"Nowhere", false},
  };
  for (const auto& c : cases) {
    INFO(c.typed);
    CHECK(places.KnowsSpelling(c.typed, "") == c.known);
  }
  CHECK(places.KnowsSpelling("Lộc Thanh", "commune"));
  CHECK_FALSE(places.KnowsSpelling("Lộc Thanh", "district"));
}
