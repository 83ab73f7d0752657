#pragma once
// Hometowns as printed, split into commune, district and province:
//   "xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn", "X. Lộc Yên, H. Cao Lộc",
//   "Lộc Yên - Cao Lộc - Lạng Sơn", "thôn Nà Pàn, xã Lộc Yên, Cao Lộc".
// The level words (xã, phường, thị trấn / huyện, quận, thị xã, thành phố /
// tỉnh) are dropped from the values; parts without one get their level from
// their position and from the gazetteer. A part OCR damaged is repaired to
// the gazetteer's spelling only when one unit fits.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/gazetteer.h"
#include "ingest/confidence.h"
#include "ingest/extract_text.h"

namespace sovang::ingest {

struct PlacePart {
  Span span;             // the part as printed, level word included
  std::string value;     // the name, without the level word
  double quality = 1.0;  // 1 known as printed; < 1 repaired or unknown to the gazetteer
  bool known = false;    // found in the gazetteer at its level
  // kLexicon: printed exactly as a gazetteer unit whose parent is printed next
  // to it; kPattern: a gazetteer unit, alone; kNone otherwise.
  Validation validation = Validation::kNone;
};

struct Hometown {
  std::optional<PlacePart> commune, district, province;
};

class PlaceResolver {
 public:
  // The gazetteer must outlive the resolver.
  explicit PlaceResolver(const Gazetteer& gazetteer);

  // `as_of` (ISO date, may be empty): units valid then are preferred — a
  // hometown is written as it was named at the time of the award.
  Hometown Split(const TextRun& run, Span hometown, const std::string& as_of = "") const;

  // How much an unknown commune counts against a record: the gazetteer claims
  // to cover a province or district it knows, so an unknown commune there is
  // probably misread.
  static constexpr double kUnknownInKnownArea = 0.7;
  static constexpr double kUnknownArea = 0.9;
  static constexpr double kRepaired = 0.9;
  // Two readings of the levels nearly as likely ("Chi Lăng - Lạng Sơn").
  static constexpr double kAmbiguous = kAmbiguousFactor;

 private:
  struct Match {
    const PlaceUnit* unit = nullptr;
    int strength = 0;  // 3 exact, 2 marks differ, 1 one letter off
  };
  std::vector<Match> Lookup(const std::string& name, int level, const std::string& as_of) const;
  std::vector<Match> LookupAnyTime(const std::string& name, int level) const;
  // 1 when a unit of `lower` has a unit of `upper` as parent, 2 as
  // grandparent, 0 when neither.
  int Linked(const std::vector<Match>& lower, const std::vector<Match>& upper) const;

  const Gazetteer& gazetteer_;
  // Folded name -> units, per level (0 commune, 1 district, 2 province).
  std::unordered_map<std::string, std::vector<const PlaceUnit*>> by_fold_[3];
};

}  // namespace sovang::ingest
