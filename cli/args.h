#pragma once
// A small argument reader for subcommands: `--flag`, `--key value`,
// `--key=value` and positional arguments. Unknown options are usage errors.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sovang::cli {

class Args {
 public:
  // `flags` take no value, `options` take one. Throws UsageError.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
       const std::set<std::string>& options);

  bool Has(const std::string& name) const { return flags_.count(name) > 0 || values_.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  std::string GetOr(const std::string& name, const std::string& fallback) const;
  int GetInt(const std::string& name, int fallback) const;  // UsageError if not a number
  const std::vector<std::string>& positional() const { return positional_; }
  // --data DIR, else $SOVANG_DATA, else ./archive
  std::filesystem::path DataDir() const;

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

struct UsageError {
  std::string message;
};

}  // namespace sovang::cli
