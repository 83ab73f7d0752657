#include "index/facets.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "index/document_builder.h"

namespace sovang::index {

namespace {

constexpr const char* kFacetNames[] = {"award", "district", "decade"};  // FacetTable part order
static_assert(std::size(kFacetNames) == kFacetParts);

}  // namespace

void FacetCounter::Collect(const std::vector<Xapian::docid>& counted, std::int64_t estimated_matches,
                           const FacetTable& table, const Xapian::Database& db) {
  if (counted.empty()) return;
  const double seen = static_cast<double>(counted.size());
  double scale = 1.0;
  if (static_cast<double>(estimated_matches) > seen) {
    scale = static_cast<double>(estimated_matches) / seen;
    exact_ = false;
  }
  if (table_ != &table) {  // one table a search; a new one starts the arrays over
    table_ = &table;
    for (std::size_t f = 0; f < kFacetParts; ++f) part_counts_[f].assign(table.parts(f).size(), 0.0);
  }
  for (const Xapian::docid did : counted) {
    if (const FacetTable::PartIds* ids = table.PartsOf(did)) {
      for (std::size_t f = 0; f < kFacetParts; ++f) part_counts_[f][(*ids)[f]] += scale;
      continue;
    }
    const std::string packed = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(slot::kFacets);
    const auto parts = SplitFacetValue(packed);
    for (std::size_t f = 0; f < kFacetParts; ++f)
      if (!parts[f].empty()) counts_[kFacetNames[f]][std::string(parts[f])] += scale;
  }
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::Result(std::size_t max_values,
                                                                    const AwardCatalog* awards) const {
  std::map<std::string, std::vector<FacetValue>> out;
  for (std::size_t f = 0; f < kFacetParts; ++f) {
    const char* name = kFacetNames[f];
    const bool award = std::string_view(name) == "award";
    // Codes and names of one award count together, under its name.
    std::map<std::string, double> merged;
    auto merge = [&](const std::string& value, double count) {
      const AwardForm* form = award && awards ? awards->ByCode(value) : nullptr;
      merged[form ? form->name : value] += count;
    };
    if (table_)
      for (std::size_t id = 1; id < part_counts_[f].size(); ++id)  // id 0 is ""
        if (part_counts_[f][id] > 0) merge(table_->parts(f)[id], part_counts_[f][id]);
    if (const auto it = counts_.find(name); it != counts_.end())
      for (const auto& [value, count] : it->second) merge(value, count);
    std::vector<FacetValue> values;
    for (const auto& [value, count] : merged)
      values.push_back(FacetValue{value, static_cast<std::int64_t>(std::llround(count))});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (values.size() > max_values) values.resize(max_values);
    if (std::string_view(name) == "decade")
      std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
    out[name] = std::move(values);
  }
  return out;
}

}  // namespace sovang::index
