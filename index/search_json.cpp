#include "index/search_json.h"

#include <cmath>

#include "core/record_json.h"

namespace sovang::index {

namespace {

// Four decimals are plenty for a relative score and keep the JSON short.
double Round(double score) { return std::round(score * 10000.0) / 10000.0; }

}  // namespace

nlohmann::json SearchResultToJson(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : result.hits) {
    nlohmann::json h = {{"id", hit.id},
                        {"score", Round(hit.score)},
                        {"record", RecordToJson(hit.record)},
                        {"snippet", hit.snippet},
                        {"approximate", hit.approximate}};
    if (!hit.places.empty()) {
      nlohmann::json places = nlohmann::json::array();
      for (const PlaceNote& n : hit.places)
        places.push_back({{"field", n.field}, {"written", n.written}, {"current", n.current}});
      h["places"] = std::move(places);
    }
    hits.push_back(std::move(h));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, values] : result.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  return {{"total", result.total},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)},
          {"facets_exact", result.facets_exact}};
}

}  // namespace sovang::index
