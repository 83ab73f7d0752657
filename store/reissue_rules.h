#pragma once
// The dated time limits of reissue requests (schemas/reissue_rules.json):
// which rule applies is decided by the day a request was received, so a
// change of decree never moves the due dates of requests already filed.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sovang::store {

struct ReissueRule {
  std::string id;
  std::string basis;       // the legal text, in Vietnamese
  std::string valid_from;  // ISO date, inclusive
  std::string valid_to;    // ISO date, exclusive; empty: still in force
  int forward_days = 15;   // the province checks and forwards
  int answer_days = 30;    // the central level answers (after forwarding)
  bool working_days = false;
};

class ReissueRules {
 public:
  // Throws Error(kNotFound) for a missing file, Error(kInvalidArgument) for a
  // malformed one (bad dates, negative limits, overlapping rules).
  static ReissueRules Load(const std::filesystem::path& file);
  static ReissueRules FromJson(const nlohmann::json& json);
  // SchemasDir()/reissue_rules.json, loaded once.
  static const ReissueRules& Default();

  // The rule in force on `iso_date`. Throws Error(kNotFound) when none is.
  const ReissueRule& For(const std::string& iso_date) const;
  const std::vector<ReissueRule>& rules() const { return rules_; }

 private:
  std::vector<ReissueRule> rules_;
};

// `iso_date` plus `days` calendar days, or working days (Monday..Friday)
// when `working_days`. Throws Error(kInvalidArgument) for a bad date.
std::string AddDays(const std::string& iso_date, int days, bool working_days = false);

// True for a real calendar date written "YYYY-MM-DD".
bool IsIsoDate(const std::string& text);

// Today's date in Vietnam (UTC+7, no daylight saving), "YYYY-MM-DD".
std::string TodayInVietnam();

}  // namespace sovang::store
