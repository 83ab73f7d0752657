#pragma once
// Internal: facet counts (award, district, decade of birth) of the documents a
// search's counting runs returned, from their packed facet values (see
// document_builder.h and facet_table.h), merged over the runs of one search.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/award_catalog.h"
#include "index/facet_table.h"
#include "index/searcher.h"

namespace sovang::index {

class FacetCounter {
 public:
  // Counts the documents of `counted`. `estimated_matches` is the run's match
  // estimate: when `counted` holds fewer documents, counts are scaled up to
  // it and the result is marked inexact.
  void Collect(const std::vector<Xapian::docid>& counted, std::int64_t estimated_matches, const FacetTable& table,
               const Xapian::Database& db);
  // The top `max_values` values of each facet ("award", "district", "decade"):
  // award and district by count, decade in time order. Empty values are left
  // out. Award values that are catalog codes are shown by the catalog's name.
  std::map<std::string, std::vector<FacetValue>> Result(std::size_t max_values,
                                                        const AwardCatalog* awards = nullptr) const;
  bool exact() const { return exact_; }

 private:
  // Counts of the documents the table covers, by facet and part id.
  const FacetTable* table_ = nullptr;
  std::array<std::vector<double>, kFacetParts> part_counts_;
  // Documents past the table (read from the index): facet -> value -> count.
  std::map<std::string, std::map<std::string, double>> counts_;
  bool exact_ = true;
};

}  // namespace sovang::index
