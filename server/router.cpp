#include "server/router.h"

#include <algorithm>

#include "core/error.h"

namespace sovang::server {

namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return parts;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches `path` against a route; fills `params`. Returns how many literal
// segments matched (to prefer /api/records/review over /api/records/{id}),
// or -1.
int MatchRoute(const Route& route, const std::vector<std::string_view>& parts,
               std::vector<std::pair<std::string, std::string>>& params) {
  if (route.segments.size() != parts.size()) return -1;
  int literals = 0;
  params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (IsParam(seg)) {
      if (parts[i].empty()) return -1;
      params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
    } else if (seg == parts[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

}  // namespace

bool Access::Allows(std::string_view role) const {
  if (is_public()) return true;
  if (role == kRoleAdmin) return mask_ & kAdmin;
  if (role == kRoleArchivist) return mask_ & kArchivist;
  if (role == kRoleVerifier) return mask_ & kVerifier;
  if (role == kRoleApprover) return mask_ & kApprover;
  return false;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler, Pace pace) {
  if (pattern.empty() || pattern.front() != '/') throw Error(Errc::kInternal, "route pattern must start with '/': " + pattern);
  if (!handler) throw Error(Errc::kInternal, "route without handler: " + pattern);
  Route route{std::move(method), std::move(pattern), access, std::move(handler), {}, pace, {}};
  for (std::string_view seg : Split(route.pattern)) {
    if (seg.find('{') != std::string_view::npos && !IsParam(seg)) {
      throw Error(Errc::kInternal, "malformed route segment '" + std::string(seg) + "' in " + route.pattern);
    }
    route.segments.emplace_back(seg);
  }
  for (const Route& r : routes_) {
    if (r.method == route.method && r.segments.size() == route.segments.size()) {
      bool same = true;
      for (std::size_t i = 0; i < r.segments.size() && same; ++i) {
        same = r.segments[i] == route.segments[i] || (IsParam(r.segments[i]) && IsParam(route.segments[i]));
      }
      if (same) throw Error(Errc::kInternal, "duplicate route " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

void Router::GetWithQuickPath(std::string pattern, Access access, QuickHandler quick, Handler handler) {
  if (!quick) throw Error(Errc::kInternal, "quick path without handler: " + pattern);
  Add("GET", std::move(pattern), access, std::move(handler));
  routes_.back().quick = std::move(quick);
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> parts = Split(path);
  Match best;
  int best_literals = -1;
  std::vector<std::pair<std::string, std::string>> params;
  for (const Route& route : routes_) {
    const int literals = MatchRoute(route, parts, params);
    if (literals < 0) continue;
    if (route.method != wanted) {
      if (std::find(best.allowed_methods.begin(), best.allowed_methods.end(), route.method) ==
          best.allowed_methods.end()) {
        best.allowed_methods.push_back(route.method);
      }
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      best.route = &route;
      best.params = params;
    }
  }
  if (best.route) best.allowed_methods.clear();
  return best;
}

}  // namespace sovang::server
