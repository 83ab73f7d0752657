#include "core/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/award_catalog.h"
#include "core/error.h"

namespace sovang {

namespace {

std::string StringOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return (it == j.end() || it->is_null()) ? std::string() : it->get<std::string>();
}

std::vector<std::string> ListOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return (it == j.end() || it->is_null()) ? std::vector<std::string>() : it->get<std::vector<std::string>>();
}

}  // namespace

Gazetteer Gazetteer::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(Errc::kNotFound, "cannot read " + file.string());
  Gazetteer g;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    for (const auto& u : j.at("units")) {
      PlaceUnit p;
      p.id = u.at("id").get<std::string>();
      p.name = u.at("name").get<std::string>();
      p.level = u.at("level").get<std::string>();
      p.parent = StringOr(u, "parent");
      p.valid_from = StringOr(u, "valid_from");
      p.valid_to = StringOr(u, "valid_to");
      p.predecessors = ListOr(u, "predecessors");
      p.successors = ListOr(u, "successors");
      g.units_.push_back(std::move(p));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, file.string() + ": " + e.what());
  }
  // Links may be written on one side only; make them symmetric.
  for (auto& u : g.units_) {
    for (const auto& s : u.successors)
      for (auto& v : g.units_)
        if (v.id == s && std::find(v.predecessors.begin(), v.predecessors.end(), u.id) == v.predecessors.end())
          v.predecessors.push_back(u.id);
  }
  for (auto& u : g.units_) {
    for (const auto& p : u.predecessors)
      for (auto& v : g.units_)
        if (v.id == p && std::find(v.successors.begin(), v.successors.end(), u.id) == v.successors.end())
          v.successors.push_back(u.id);
  }
  return g;
}

const Gazetteer& Gazetteer::Default() {
  static const Gazetteer gazetteer = Load(SchemasDir() / "gazetteer.json");
  return gazetteer;
}

const PlaceUnit* Gazetteer::ById(const std::string& id) const {
  for (const auto& u : units_)
    if (u.id == id) return &u;
  return nullptr;
}

std::vector<const PlaceUnit*> Gazetteer::ByName(const std::string& name, const std::string& level) const {
  std::vector<const PlaceUnit*> out;
  for (const auto& u : units_)
    if (u.name == name && (level.empty() || u.level == level)) out.push_back(&u);
  return out;
}

namespace {

std::vector<const PlaceUnit*> Walk(const Gazetteer& g, const std::string& id, bool backwards) {
  std::vector<const PlaceUnit*> out;
  std::set<std::string> seen{id};
  std::vector<std::string> todo{id};
  while (!todo.empty()) {
    const PlaceUnit* u = g.ById(todo.back());
    todo.pop_back();
    if (!u) continue;
    for (const auto& next : backwards ? u->predecessors : u->successors) {
      if (!seen.insert(next).second) continue;
      if (const PlaceUnit* n = g.ById(next)) out.push_back(n);
      todo.push_back(next);
    }
  }
  return out;
}

}  // namespace

std::vector<const PlaceUnit*> Gazetteer::Predecessors(const std::string& id) const { return Walk(*this, id, true); }
std::vector<const PlaceUnit*> Gazetteer::Successors(const std::string& id) const { return Walk(*this, id, false); }

}  // namespace sovang
