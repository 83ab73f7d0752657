#include "index/facet_table.h"

#include <chrono>
#include <map>
#include <mutex>
#include <unordered_map>

#include "index/document_builder.h"

namespace sovang::index {

FacetTable FacetTable::Load(const Xapian::Database& db) {
  FacetTable table;
  table.value_of_.assign(db.get_lastdocid(), 0);
  std::unordered_map<std::string, std::uint32_t> ids;
  for (auto it = db.valuestream_begin(slot::kFacets); it != db.valuestream_end(slot::kFacets); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did == 0 || did > table.value_of_.size()) continue;
    const auto [slot, added] = ids.try_emplace(*it, static_cast<std::uint32_t>(table.values_.size()));
    if (added) table.values_.push_back(slot->first);
    table.value_of_[did - 1] = slot->second + 1;
  }
  return table;
}

std::shared_ptr<const FacetTable> FacetTable::Shared(const std::filesystem::path& location,
                                                     const std::string& revision, const Xapian::Database& db) {
  constexpr auto kMaxAge = std::chrono::seconds(60);
  struct Entry {
    std::string revision;
    Xapian::doccount documents = 0;
    std::chrono::steady_clock::time_point loaded;
    std::shared_ptr<const FacetTable> table;
  };
  static std::mutex mu;
  static std::map<std::string, Entry> cache;
  const auto now = std::chrono::steady_clock::now();
  const Xapian::doccount documents = db.get_doccount();
  {
    std::lock_guard<std::mutex> lock(mu);
    const auto it = cache.find(location.string());
    if (it != cache.end()) {
      Entry& e = it->second;
      if (e.revision == revision) return e.table;
      // Grown since last seen: documents were added (a record replaced in the
      // same commits may count under its old value for up to a minute).
      // Any other change loads the table again.
      if (documents > e.documents && now - e.loaded < kMaxAge) {
        e.revision = revision;
        e.documents = documents;
        return e.table;
      }
    }
  }
  // Loaded outside the lock: searches of other indexes go on meanwhile (two
  // threads may load the same table once each; the last one stays).
  auto table = std::make_shared<const FacetTable>(Load(db));
  std::lock_guard<std::mutex> lock(mu);
  cache[location.string()] = Entry{revision, documents, now, table};
  return table;
}

}  // namespace sovang::index
