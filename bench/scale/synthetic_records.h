#pragma once
// Synthetic award records without images, for scale benchmarks: realistic
// names (the surname distribution of domain.md, Tày/Nùng names included),
// places from the gazetteer, awards from the catalog, decisions whose numbers
// restart every year per issuer. Deterministic for a seed.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record.h"

namespace sovang::bench {

class SyntheticRecords {
 public:
  SyntheticRecords(std::uint64_t seed, const AwardCatalog& awards, const Gazetteer& places);
  // The n-th record (ids "syn-<n>"); call with n = 1, 2, 3, ...
  Record Next();

 private:
  std::string Name(bool female);
  std::mt19937_64 rng_;
  std::int64_t n_ = 0;
  std::vector<const AwardForm*> awards_;
  struct Place { std::string commune, district, province; };
  std::vector<Place> places_;
};

}  // namespace sovang::bench
