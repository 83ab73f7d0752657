#include "index/facets.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "index/document_builder.h"

namespace sovang::index {

namespace {

constexpr const char* kFacetNames[] = {"award", "district", "decade"};

}  // namespace

void FacetCounter::Collect(const std::vector<Xapian::docid>& counted, std::int64_t estimated_matches,
                           const FacetTable& table, const Xapian::Database& db) {
  if (counted.empty()) return;
  std::map<std::string, Xapian::doccount> packed_counts;  // documents past the table
  std::unordered_map<const std::string*, Xapian::doccount> table_counts;
  for (const Xapian::docid did : counted) {
    if (const std::string* packed = table.Find(did)) ++table_counts[packed];
    else ++packed_counts[db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(slot::kFacets)];
  }
  for (const auto& [packed, n] : table_counts) packed_counts[*packed] += n;
  const double seen = static_cast<double>(counted.size());
  double scale = 1.0;
  if (static_cast<double>(estimated_matches) > seen) {
    scale = static_cast<double>(estimated_matches) / seen;
    exact_ = false;
  }
  for (const auto& [packed, n] : packed_counts) {
    const double count = static_cast<double>(n) * scale;
    std::size_t start = 0;
    for (const char* name : kFacetNames) {
      const std::size_t end = std::min(packed.find(kFacetSeparator, start), packed.size());
      const std::string value = packed.substr(start, end - start);
      if (!value.empty()) counts_[name][value] += count;
      start = std::min(end + 1, packed.size());
    }
  }
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::Result(std::size_t max_values,
                                                                    const AwardCatalog* awards) const {
  std::map<std::string, std::vector<FacetValue>> out;
  for (const char* name : kFacetNames) {
    const bool award = std::string_view(name) == "award";
    // Codes and names of one award count together, under its name.
    std::map<std::string, double> merged;
    if (const auto it = counts_.find(name); it != counts_.end())
      for (const auto& [value, count] : it->second) {
        const AwardForm* form = award && awards ? awards->ByCode(value) : nullptr;
        merged[form ? form->name : value] += count;
      }
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
