#include "index/places.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "text/normalize.h"

namespace sovang::index {

std::string_view SearchLevel(std::string_view gazetteer_level) {
  return gazetteer_level == "region" ? std::string_view("province") : gazetteer_level;
}

PlaceIndex::PlaceIndex(const Gazetteer& gazetteer) : units_(gazetteer.units()) {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    by_id_.emplace(units_[i].id, i);
    std::string folded = text::CollapseSpaces(text::Fold(units_[i].name));
    if (!units_[i].successors.empty()) renamed_.insert(folded);
    by_folded_.emplace(std::move(folded), i);
  }
}

const PlaceUnit* PlaceIndex::ById(const std::string& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

std::vector<const PlaceUnit*> PlaceIndex::Find(std::string_view name, std::string_view level) const {
  const std::string folded = text::CollapseSpaces(text::Fold(name));
  const std::string lower = text::CollapseSpaces(text::Lower(name));
  std::vector<const PlaceUnit*> folded_hits, exact_hits;
  const auto [lo, hi] = by_folded_.equal_range(folded);
  for (auto it = lo; it != hi; ++it) {
    const PlaceUnit& u = units_[it->second];
    if (!level.empty() && SearchLevel(u.level) != level) continue;
    folded_hits.push_back(&u);
    if (text::Lower(u.name) == lower) exact_hits.push_back(&u);
  }
  // Typed with marks and some unit has exactly those marks: "Lộc Yên" is not
  // "Lục Yên". Typed without marks: every unit that folds alike.
  return (lower != folded && !exact_hits.empty()) ? exact_hits : folded_hits;
}

bool PlaceIndex::KnowsSpelling(std::string_view name, std::string_view level) const {
  // Word by word: a word typed without marks matches any marks.
  const std::vector<std::string> typed = text::Tokenize(name);
  const auto [lo, hi] = by_folded_.equal_range(text::CollapseSpaces(text::Fold(name)));
  for (auto it = lo; it != hi; ++it) {
    const PlaceUnit& u = units_[it->second];
    if (!level.empty() && SearchLevel(u.level) != level) continue;
    const std::vector<std::string> words = text::Tokenize(u.name);
    if (words.size() != typed.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < words.size(); ++i)
      same = typed[i] == text::Fold(typed[i]) || text::CanonicalTone(typed[i]) == text::CanonicalTone(words[i]);
    if (same) return true;
  }
  return false;
}

std::vector<PlaceName> PlaceIndex::Related(std::string_view name, std::string_view level) const {
  const std::vector<const PlaceUnit*> start = Find(name, level);
  std::set<std::string> seen;
  for (const PlaceUnit* u : start) seen.insert(u->id);
  std::vector<const PlaceUnit*> found;
  // Backwards: every predecessor; keep walking back only through units that
  // wholly became this one (a single successor).
  std::vector<const PlaceUnit*> todo(start.begin(), start.end());
  while (!todo.empty()) {
    const PlaceUnit* u = todo.back();
    todo.pop_back();
    for (const std::string& id : u->predecessors) {
      const PlaceUnit* p = ById(id);
      if (!p || !seen.insert(id).second) continue;
      found.push_back(p);
      if (p->successors.size() <= 1) todo.push_back(p);
    }
  }
  // Forwards: every successor; keep walking only through units that came
  // wholly from this one (a single predecessor).
  todo.assign(start.begin(), start.end());
  while (!todo.empty()) {
    const PlaceUnit* u = todo.back();
    todo.pop_back();
    for (const std::string& id : u->successors) {
      const PlaceUnit* s = ById(id);
      if (!s || !seen.insert(id).second) continue;
      found.push_back(s);
      if (s->predecessors.size() <= 1) todo.push_back(s);
    }
  }
  const std::string own = text::CollapseSpaces(text::Fold(name));
  std::set<PlaceName> names;
  for (const PlaceUnit* u : found) {
    if (text::CollapseSpaces(text::Fold(u->name)) == own && SearchLevel(u->level) == level) continue;
    names.insert(PlaceName{std::string(SearchLevel(u->level)), u->name});
  }
  return {names.begin(), names.end()};
}

std::vector<std::string> PlaceIndex::CurrentNames(std::string_view name, std::string_view level,
                                                  std::string_view parent_hint) const {
  std::string key;
  key.reserve(level.size() + name.size() + parent_hint.size() + 2);
  key.append(level).append(1, '\x1f').append(name).append(1, '\x1f').append(parent_hint);
  {
    const std::shared_lock lock(current_mutex_);
    if (const auto it = current_.find(key); it != current_.end()) return it->second;
  }
  std::vector<std::string> names = FindCurrentNames(name, level, parent_hint);
  const std::unique_lock lock(current_mutex_);
  if (current_.size() < kCurrentNamesKept) current_.emplace(std::move(key), names);
  return names;
}

std::vector<std::string> PlaceIndex::FindCurrentNames(std::string_view name, std::string_view level,
                                                      std::string_view parent_hint) const {
  // Most places on records still exist under the name written: one lookup
  // answers them (this ran for every hit of every search).
  if (!renamed_.count(text::CollapseSpaces(text::Fold(name)))) return {};
  std::vector<const PlaceUnit*> units = Find(name, level);
  if (units.empty()) return {};
  if (units.size() > 1 && !parent_hint.empty()) {
    const std::string hint = text::Fold(parent_hint);
    std::vector<const PlaceUnit*> narrowed;
    for (const PlaceUnit* u : units) {
      const PlaceUnit* parent = ById(u->parent);
      if (parent && text::Fold(parent->name) == hint) narrowed.push_back(u);
    }
    if (!narrowed.empty()) units = narrowed;
  }
  for (const PlaceUnit* u : units)
    if (u->successors.empty()) return {};  // a unit of that name still exists (or simply ended)
  // Walk forwards to units that did not become anything else.
  std::set<std::string> seen;
  std::vector<const PlaceUnit*> todo(units.begin(), units.end());
  std::set<std::string> current;
  while (!todo.empty()) {
    const PlaceUnit* u = todo.back();
    todo.pop_back();
    if (!seen.insert(u->id).second) continue;
    if (u->successors.empty()) {
      if (u->valid_to.empty()) current.insert(u->name);
      continue;
    }
    for (const std::string& id : u->successors)
      if (const PlaceUnit* s = ById(id)) todo.push_back(s);
  }
  const std::string own = text::Fold(name);
  std::vector<std::string> out;
  for (const std::string& n : current)
    if (text::Fold(n) != own) out.push_back(n);
  return out;
}

}  // namespace sovang::index
