#include "index/search_json.h"

#include <catch2/catch.hpp>

#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

TEST_CASE("Search JSON has total, hits with record and snippet, and facets", "[index][json]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index({{.id = "r1", .name = "Nguyễn Văn Thạch", .birth_year = 1932, .commune = "Lộc Yên",
                    .district = "Cao Lộc", .province = "Lạng Sơn", .award = "Huân chương Kháng chiến hạng Nhất",
                    .decision = "543/QĐ-CTN", .date = "1975-08-10", .book = "73372"}},
                  &gazetteer);
  const nlohmann::json j = SearchResultToJson(index.Search("nguyen van thach"));
  CHECK(j["total"] == 1);
  REQUIRE(j["hits"].size() == 1);
  const auto& hit = j["hits"][0];
  CHECK(hit["id"] == "r1");
  CHECK(hit["score"] == 1.0);
  CHECK(hit["approximate"] == false);
  CHECK(hit["record"]["full_name"] == "Nguyễn Văn Thạch");
  CHECK(hit["record"]["birth_year"] == 1932);
  CHECK(hit["record"]["decision_number"] == "543/QĐ-CTN");
  CHECK(hit["record"]["source"]["file"] == "p001.tif");
  CHECK(hit["snippet"].get<std::string>().find("<mark>Thạch</mark>") != std::string::npos);
  REQUIRE(hit["places"].size() == 1);
  CHECK(hit["places"][0]["written"] == "Lộc Yên");
  CHECK(hit["places"][0]["current"][0] == "Tân Liên");
  for (const char* facet : {"award", "district", "decade"}) {
    INFO(facet);
    REQUIRE(j["facets"].contains(facet));
    REQUIRE(j["facets"][facet].size() == 1);
    CHECK(j["facets"][facet][0]["count"] == 1);
  }
  CHECK(j["facets"]["decade"][0]["value"] == "1930");
}

TEST_CASE("An empty result still has the whole shape", "[index][json]") {
  TempDir tmp;
  Searcher searcher = Searcher::Open(tmp.path() / "missing");
  const nlohmann::json j = SearchResultToJson(searcher.Search({.query = "thach"}));
  CHECK(j["total"] == 0);
  CHECK(j["hits"].is_array());
  CHECK(j["facets"]["award"].is_array());
  CHECK(j["facets"]["district"].is_array());
  CHECK(j["facets"]["decade"].is_array());
}
