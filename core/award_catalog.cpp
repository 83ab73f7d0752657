#include "core/award_catalog.h"

#include <cstdlib>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace sovang {

namespace {

nlohmann::json ReadJson(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(Errc::kNotFound, "cannot read " + file.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, file.string() + ": " + e.what());
  }
}

std::string StringOr(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return (it == j.end() || it->is_null()) ? std::string() : it->get<std::string>();
}

}  // namespace

std::filesystem::path SchemasDir() {
  if (const char* env = std::getenv("SOVANG_SCHEMAS_DIR"); env && *env) return env;
  return SOVANG_DEFAULT_SCHEMAS_DIR;
}

AwardCatalog AwardCatalog::Load(const std::filesystem::path& file) {
  const nlohmann::json j = ReadJson(file);
  AwardCatalog catalog;
  try {
    for (const auto& a : j.at("awards")) {
      AwardForm f;
      f.code = a.at("code").get<std::string>();
      f.name = a.at("name").get<std::string>();
      f.family = StringOr(a, "family");
      f.rank = a.contains("rank") && a["rank"].is_number() ? a["rank"].get<int>() : 0;
      f.war = StringOr(a, "war");
      f.authority = StringOr(a, "authority");
      f.reissuable = a.value("reissuable", true);
      f.no_reissue_reason = StringOr(a, "no_reissue_reason");
      if (a.contains("aliases")) f.aliases = a["aliases"].get<std::vector<std::string>>();
      catalog.forms_.push_back(std::move(f));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, file.string() + ": " + e.what());
  }
  return catalog;
}

const AwardCatalog& AwardCatalog::Default() {
  static const AwardCatalog catalog = Load(SchemasDir() / "awards.json");
  return catalog;
}

const AwardForm* AwardCatalog::ByCode(const std::string& code) const {
  for (const auto& f : forms_)
    if (f.code == code) return &f;
  return nullptr;
}

const AwardForm* AwardCatalog::ByName(const std::string& name) const {
  for (const auto& f : forms_) {
    if (f.name == name) return &f;
    for (const auto& alias : f.aliases)
      if (alias == name) return &f;
  }
  return nullptr;
}

}  // namespace sovang
