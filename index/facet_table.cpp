#include "index/facet_table.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "index/document_builder.h"
#include "index/per_index_cache.h"

namespace sovang::index {

std::array<std::string_view, kFacetParts> SplitFacetValue(std::string_view packed) {
  std::array<std::string_view, kFacetParts> parts;
  std::size_t start = 0;
  for (std::string_view& part : parts) {
    const std::size_t end = std::min(packed.find(kFacetSeparator, start), packed.size());
    part = packed.substr(start, end - start);
    start = std::min(end + 1, packed.size());
  }
  return parts;
}

FacetTable FacetTable::Load(const Xapian::Database& db) {
  FacetTable table;
  table.value_of_.assign(db.get_lastdocid(), 0);
  std::unordered_map<std::string, std::uint32_t> ids;
  std::array<std::unordered_map<std::string, std::uint32_t>, kFacetParts> part_ids;
  auto intern = [&](std::size_t facet, std::string_view part) {
    const auto [slot, added] =
        part_ids[facet].try_emplace(std::string(part), static_cast<std::uint32_t>(table.parts_[facet].size()));
    if (added) table.parts_[facet].push_back(slot->first);
    return slot->second;
  };
  for (std::size_t f = 0; f < kFacetParts; ++f) intern(f, "");  // id 0: none_parts_
  for (auto it = db.valuestream_begin(slot::kFacets); it != db.valuestream_end(slot::kFacets); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did == 0 || did > table.value_of_.size()) continue;
    const auto [slot, added] = ids.try_emplace(*it, static_cast<std::uint32_t>(table.values_.size()));
    if (added) {
      table.values_.push_back(slot->first);
      const auto parts = SplitFacetValue(slot->first);
      PartIds part_of{};
      for (std::size_t f = 0; f < kFacetParts; ++f) part_of[f] = intern(f, parts[f]);
      table.value_parts_.push_back(part_of);
    }
    table.value_of_[did - 1] = slot->second + 1;
  }
  return table;
}

std::shared_ptr<const FacetTable> FacetTable::Shared(const std::filesystem::path& location,
                                                     const std::string& revision, const Xapian::Database& db) {
  // While documents are only being added, a table up to a minute old serves:
  // documents past it are read from the index (Find). A record replaced in
  // the same commits may count under its old value until the table is built
  // again. Any other change builds it again.
  constexpr auto kMaxAge = std::chrono::seconds(60);
  static PerIndexCache<FacetTable> cache;
  const IndexSnapshot now{revision, db.get_doccount(), std::chrono::steady_clock::now()};
  return cache.Get(
      location.string(), now, [&] { return Load(db); },
      [&](const IndexSnapshot& built, const IndexSnapshot& seen, const IndexSnapshot& at) {
        const bool only_added = at.revision == seen.revision || at.documents > seen.documents;
        return only_added && at.built - built.built < kMaxAge;
      });
}

}  // namespace sovang::index
