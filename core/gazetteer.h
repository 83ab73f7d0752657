#pragma once
// A dated gazetteer of administrative units (schemas/gazetteer.json): places
// are kept as written and resolved through their history.
//
// schemas/gazetteer.json:
//   {"version": 1, "units": [
//     {"id": "p-lang-son", "name": "Lạng Sơn", "level": "province", "parent": null,
//      "valid_from": "1831-01-01", "valid_to": null,
//      "predecessors": [], "successors": []},
//     {"id": "d-cao-loc", "name": "Cao Lộc", "level": "district", "parent": "p-lang-son",
//      "valid_from": "1965-01-01", "valid_to": "2025-06-30", ...},
//     {"id": "c-loc-yen", "name": "Lộc Yên", "level": "commune", "parent": "d-cao-loc", ...,
//      "successors": ["c-..."]}]}
// "level" is province | district | commune; dates ISO or null (open).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sovang {

struct PlaceUnit {
  std::string id;
  std::string name;   // NFC, without the "xã/huyện/tỉnh" word
  std::string level;  // "province" | "district" | "commune"
  std::string parent; // id or ""
  std::string valid_from, valid_to;  // ISO dates or ""
  std::vector<std::string> predecessors, successors;
};

class Gazetteer {
 public:
  static Gazetteer Load(const std::filesystem::path& file);
  static const Gazetteer& Default();  // SchemasDir()/gazetteer.json

  const std::vector<PlaceUnit>& units() const { return units_; }
  const PlaceUnit* ById(const std::string& id) const;
  // Units with this name (exact, NFC) at a level ("" = any level).
  std::vector<const PlaceUnit*> ByName(const std::string& name, const std::string& level = "") const;
  // Every unit that became this one, transitively (the old names of a place).
  std::vector<const PlaceUnit*> Predecessors(const std::string& id) const;
  // Every unit this one became, transitively (its new names).
  std::vector<const PlaceUnit*> Successors(const std::string& id) const;

 private:
  std::vector<PlaceUnit> units_;
};

}  // namespace sovang
