#pragma once
// Internal: facet counts (award, district, decade of birth) gathered by
// Xapian match spies while a query runs, merged over the runs of one search.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/searcher.h"

namespace sovang::index {

class FacetCounter {
 public:
  FacetCounter();
  // Adds spies to an Enquire; they count the documents of its next get_mset.
  void Attach(Xapian::Enquire& enquire);
  // Adds what the attached spies counted, then detaches them from `enquire`.
  void Collect(Xapian::Enquire& enquire);
  // The top `max_values` values of each facet: award and district by count,
  // decade in time order.
  std::map<std::string, std::vector<FacetValue>> Result(std::size_t max_values) const;

 private:
  struct Facet {
    std::string name;
    Xapian::valueno slot;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
    std::map<std::string, std::int64_t> counts;
  };
  std::vector<Facet> facets_;
};

}  // namespace sovang::index
