#include "index/places.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

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

TEST_CASE("Kept answers of CurrentNames are the answers, per level and hint, from many threads", "[index][places]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  const struct {
    const char* name;
    const char* level;
    const char* hint;
  } asks[] = {{"Lộc Yên", "commune", ""},     {"Lộc Yên", "district", ""},  {"Lộc Yên", "commune", "Cao Lộc"},
              {"Cao Lạng", "province", ""},   {"Cao Lạng", "commune", ""},  {"Lạng Sơn", "province", ""},
              {"Tân Liên", "commune", ""},    {"Nowhere", "commune", ""}};
  std::vector<std::vector<std::string>> expected;
  for (const auto& a : asks) expected.push_back(PlaceIndex(gazetteer).CurrentNames(a.name, a.level, a.hint));
  CHECK(expected[0] == std::vector<std::string>{"Tân Liên"});
  CHECK(expected[1].empty());  // no district of that name: not the commune's answer
  const PlaceIndex places(gazetteer);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (std::size_t i = 0; i < std::size(asks); ++i) {
          const std::size_t k = (i + static_cast<std::size_t>(t)) % std::size(asks);
          if (places.CurrentNames(asks[k].name, asks[k].level, asks[k].hint) != expected[k]) ++wrong;
        }
    });
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == 0);
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
