#include "cli/args.h"

#include <charconv>

#include "core/archive_layout.h"

namespace sovang::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
           const std::set<std::string>& options) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const auto eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name) && !inline_value) {
      flags_.insert(name);
    } else if (options.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) throw UsageError{"--" + name + " cần một giá trị (needs a value)"};
        value = argv[++i];
      }
      values_[name] = value;
    } else {
      throw UsageError{"tùy chọn không hợp lệ (unknown option): " + a};
    }
  }
}

std::optional<std::string> Args::Get(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

int Args::GetInt(const std::string& name, int fallback) const {
  const auto v = Get(name);
  if (!v) return fallback;
  int n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size()) throw UsageError{"--" + name + " phải là số: " + *v};
  return n;
}

std::filesystem::path Args::DataDir() const {
  if (auto d = Get("data")) return *d;
  return DefaultArchiveDir();
}

}  // namespace sovang::cli
