#include "index/facets.h"

#include <algorithm>

#include "index/document_builder.h"

namespace sovang::index {

FacetCounter::FacetCounter() {
  facets_.push_back(Facet{"award", slot::kAward, nullptr, {}});
  facets_.push_back(Facet{"district", slot::kDistrict, nullptr, {}});
  facets_.push_back(Facet{"decade", slot::kDecade, nullptr, {}});
}

void FacetCounter::Attach(Xapian::Enquire& enquire) {
  for (Facet& f : facets_) {
    f.spy = std::make_unique<Xapian::ValueCountMatchSpy>(f.slot);
    enquire.add_matchspy(f.spy.get());
  }
}

void FacetCounter::Collect(Xapian::Enquire& enquire) {
  for (Facet& f : facets_) {
    if (!f.spy) continue;
    for (auto it = f.spy->values_begin(); it != f.spy->values_end(); ++it)
      f.counts[*it] += static_cast<std::int64_t>(it.get_termfreq());
  }
  enquire.clear_matchspies();
  for (Facet& f : facets_) f.spy.reset();
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::Result(std::size_t max_values) const {
  std::map<std::string, std::vector<FacetValue>> out;
  for (const Facet& f : facets_) {
    std::vector<FacetValue> values;
    for (const auto& [value, count] : f.counts) values.push_back(FacetValue{value, count});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (values.size() > max_values) values.resize(max_values);
    if (f.name == "decade")
      std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
    out[f.name] = std::move(values);
  }
  return out;
}

}  // namespace sovang::index
