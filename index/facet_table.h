#pragma once
// Internal: every document's packed facet value (the kFacets slot) in memory,
// for counting facets over a search's matches. Reading the slot through
// Xapian costs a value-chunk look-up per document (about 10 µs; 5 ms a search
// at 500 counted matches); here it is an array index. One table per process
// and index, a few bytes a document (a docid's entry is an index into the
// distinct values, which are few: award x district x decade).

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace sovang::index {

// A packed facet value's parts, in slot order: award, district, decade.
inline constexpr std::size_t kFacetParts = 3;
std::array<std::string_view, kFacetParts> SplitFacetValue(std::string_view packed);

class FacetTable {
 public:
  // Each distinct value's parts, interned per facet: counting a document adds
  // to three array slots instead of splitting its value and looking the
  // parts up as strings (a fifth of an exact-name search with facets).
  using PartIds = std::array<std::uint32_t, kFacetParts>;

  // Reads the slot of every document of `db` (a value stream: sequential).
  static FacetTable Load(const Xapian::Database& db);

  // The table of the index at `location` shared by the whole process. Loaded
  // again when `revision` changed, except that a table less than a minute old
  // is kept while documents are only being added (an index being fed commits
  // every few seconds; documents past the table are read from the index, see
  // Find); after that minute it is loaded again even if nothing changed since.
  static std::shared_ptr<const FacetTable> Shared(const std::filesystem::path& location, const std::string& revision,
                                                  const Xapian::Database& db);

  // The packed value of document `did` when the table covers it ("" when the
  // document has none), else null: read it from the document.
  const std::string* Find(Xapian::docid did) const {
    if (did < 1 || did > value_of_.size()) return nullptr;
    const std::uint32_t v = value_of_[did - 1];
    return v == 0 ? &kNone : &values_[v - 1];
  }

  // The parts of document `did`'s value (ids into parts()) when the table
  // covers it, else null.
  const PartIds* PartsOf(Xapian::docid did) const {
    if (did < 1 || did > value_of_.size()) return nullptr;
    const std::uint32_t v = value_of_[did - 1];
    return v == 0 ? &none_parts_ : &value_parts_[v - 1];
  }
  // The distinct values of one part (facet), by id; id 0 is "".
  const std::vector<std::string>& parts(std::size_t facet) const { return parts_[facet]; }

  std::size_t documents() const { return value_of_.size(); }
  std::size_t distinct_values() const { return values_.size(); }

 private:
  static inline const std::string kNone;
  std::vector<std::uint32_t> value_of_;  // [docid - 1] -> index into values_ + 1; 0: no value
  std::vector<std::string> values_;
  std::vector<PartIds> value_parts_;  // parallel to values_
  PartIds none_parts_{};              // a document without a value: "" thrice
  std::array<std::vector<std::string>, kFacetParts> parts_;
};

}  // namespace sovang::index
