#pragma once
// Places that changed names, seen from search: which other names a place was
// or became (to expand a query), and what a place written on a record is
// called now (to show on a hit). Built once from a Gazetteer.

#include <map>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/gazetteer.h"

namespace sovang::index {

// A name at a level, the unit of expansion: level is "commune", "district" or
// "province" ("region" is treated as province).
struct PlaceName {
  std::string level;
  std::string name;  // NFC, as in the gazetteer
  bool operator<(const PlaceName& o) const { return level != o.level ? level < o.level : name < o.name; }
  bool operator==(const PlaceName&) const = default;
};

class PlaceIndex {
 public:
  PlaceIndex() = default;  // knows no places
  explicit PlaceIndex(const Gazetteer& gazetteer);

  // The other names of the place(s) called `name` at `level` ("" = any
  // level): predecessors (a search by the new name finds records that carry
  // the old one) and successors. Merges are followed back and splits forward
  // only one step, so Cao Lạng (1975–1978, split into Lạng Sơn and Cao Bằng)
  // is an old name of Lạng Sơn but Cao Bằng is not. Names equal to `name` are
  // left out. Matching is on folded names; with marks, exact names win.
  std::vector<PlaceName> Related(std::string_view name, std::string_view level) const;

  // What the place written as `name` at `level` is called now, when every unit
  // of that name has been renamed or merged (empty otherwise). `parent_hint`
  // (the record's district or province) picks among units of the same name.
  // Asked three times for every hit of every search, with the few thousand
  // places an archive's records carry: answers are kept (thread-safe; at most
  // kCurrentNamesKept of them).
  std::vector<std::string> CurrentNames(std::string_view name, std::string_view level,
                                        std::string_view parent_hint = {}) const;

  // Whether some unit is called `name` at `level` ("" = any level).
  bool Knows(std::string_view name, std::string_view level) const { return !Find(name, level).empty(); }

  // Whether some unit at `level` ("" = any) is spelled `name`: each word
  // typed with marks has the unit's marks (tone placement aside: "Hoà" is
  // "Hòa"); a word typed without marks matches any. "Lộc Thành" is not Lộc
  // Thanh, "Loc Thanh" and "Lộc Thanh" are.
  bool KnowsSpelling(std::string_view name, std::string_view level) const;

  bool empty() const { return units_.empty(); }

  static constexpr std::size_t kCurrentNamesKept = 65536;

 private:
  std::vector<std::string> FindCurrentNames(std::string_view name, std::string_view level,
                                            std::string_view parent_hint) const;
  std::vector<const PlaceUnit*> Find(std::string_view name, std::string_view level) const;
  const PlaceUnit* ById(const std::string& id) const;

  std::vector<PlaceUnit> units_;
  std::map<std::string, std::size_t> by_id_;
  std::multimap<std::string, std::size_t> by_folded_;  // folded name -> unit
  std::set<std::string> renamed_;                      // folded names of units that became others

  // CurrentNames' answers by level, name and hint (as written on records).
  mutable std::shared_mutex current_mutex_;
  mutable std::unordered_map<std::string, std::vector<std::string>> current_;
};

// "region" and "province" are one level for search.
std::string_view SearchLevel(std::string_view gazetteer_level);

}  // namespace sovang::index
