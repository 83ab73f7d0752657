#pragma once
// Internal: facet counts (award, district, decade of birth) gathered by one
// built-in Xapian ValueCountMatchSpy on the packed facet slot (see
// document_builder.h), merged over the runs of one search. Built-in so that it
// also runs on a remote backend.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/award_catalog.h"
#include "index/searcher.h"

namespace sovang::index {

class FacetCounter {
 public:
  // Adds the spy to an Enquire; it counts the documents of its next get_mset.
  void Attach(Xapian::Enquire& enquire);
  // Adds what the spy counted, then detaches it. `estimated_matches` is the
  // run's match estimate: when the spy saw fewer documents, counts are scaled
  // up to it and the result is marked inexact.
  void Collect(Xapian::Enquire& enquire, std::int64_t estimated_matches);
  // The top `max_values` values of each facet ("award", "district", "decade"):
  // award and district by count, decade in time order. Empty values are left
  // out. Award values that are catalog codes are shown by the catalog's name.
  std::map<std::string, std::vector<FacetValue>> Result(std::size_t max_values,
                                                        const AwardCatalog* awards = nullptr) const;
  bool exact() const { return exact_; }

 private:
  std::unique_ptr<Xapian::ValueCountMatchSpy> spy_;
  std::map<std::string, std::map<std::string, double>> counts_;  // facet -> value -> count
  bool exact_ = true;
};

}  // namespace sovang::index
