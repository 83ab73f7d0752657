#include "store/reissue_rules.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "core/award_catalog.h"
#include "core/error.h"

namespace sovang::store {

namespace {

std::chrono::year_month_day ParseIso(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    throw Error(Errc::kInvalidArgument, "not a date (YYYY-MM-DD): '" + text + "'");
  }
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) throw Error(Errc::kInvalidArgument, "no such date: '" + text + "'");
  return date;
}

std::string FormatIso(std::chrono::year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

}  // namespace

bool IsIsoDate(const std::string& text) {
  try {
    ParseIso(text);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::string AddDays(const std::string& iso_date, int days, bool working_days) {
  std::chrono::sys_days day = std::chrono::sys_days(ParseIso(iso_date));
  if (!working_days) return FormatIso(std::chrono::year_month_day(day + std::chrono::days(days)));
  const int step = days < 0 ? -1 : 1;
  for (int left = days < 0 ? -days : days; left > 0;) {
    day += std::chrono::days(step);
    const std::chrono::weekday wd(day);
    if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) --left;
  }
  return FormatIso(std::chrono::year_month_day(day));
}

std::string TodayInVietnam() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  return FormatIso(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)));
}

ReissueRules ReissueRules::FromJson(const nlohmann::json& json) {
  ReissueRules rules;
  try {
    for (const auto& r : json.at("rules")) {
      ReissueRule rule;
      rule.id = r.at("id").get<std::string>();
      rule.basis = r.value("basis", "");
      rule.valid_from = r.at("valid_from").get<std::string>();
      if (r.contains("valid_to") && !r["valid_to"].is_null()) rule.valid_to = r["valid_to"].get<std::string>();
      rule.forward_days = r.at("forward_days").get<int>();
      rule.answer_days = r.at("answer_days").get<int>();
      const std::string kind = r.value("day_kind", "calendar");
      if (kind != "calendar" && kind != "working")
        throw Error(Errc::kInvalidArgument, "rule " + rule.id + ": day_kind is \"calendar\" or \"working\"");
      rule.working_days = kind == "working";
      ParseIso(rule.valid_from);
      if (!rule.valid_to.empty() && ParseIso(rule.valid_to) <= ParseIso(rule.valid_from))
        throw Error(Errc::kInvalidArgument, "rule " + rule.id + ": valid_to is not after valid_from");
      if (rule.forward_days < 0 || rule.answer_days < 0)
        throw Error(Errc::kInvalidArgument, "rule " + rule.id + ": negative time limit");
      rules.rules_.push_back(std::move(rule));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, std::string("reissue rules: ") + e.what());
  }
  // ISO dates sort as text; no two rules may cover one day.
  std::sort(rules.rules_.begin(), rules.rules_.end(),
            [](const ReissueRule& a, const ReissueRule& b) { return a.valid_from < b.valid_from; });
  for (std::size_t i = 1; i < rules.rules_.size(); ++i) {
    const ReissueRule& prev = rules.rules_[i - 1];
    if (prev.valid_to.empty() || prev.valid_to > rules.rules_[i].valid_from)
      throw Error(Errc::kInvalidArgument, "reissue rules " + prev.id + " and " + rules.rules_[i].id + " overlap");
  }
  return rules;
}

ReissueRules ReissueRules::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(Errc::kNotFound, "cannot read " + file.string());
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::kInvalidArgument, file.string() + ": " + e.what());
  }
  return FromJson(json);
}

const ReissueRules& ReissueRules::Default() {
  static const ReissueRules rules = Load(SchemasDir() / "reissue_rules.json");
  return rules;
}

const ReissueRule& ReissueRules::For(const std::string& iso_date) const {
  ParseIso(iso_date);
  for (const ReissueRule& r : rules_) {
    if (r.valid_from <= iso_date && (r.valid_to.empty() || iso_date < r.valid_to)) return r;
  }
  throw Error(Errc::kNotFound, "no reissue time limits are configured for " + iso_date);
}

}  // namespace sovang::store
