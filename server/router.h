#pragma once
// Routes: a method, a path pattern with `{name}` segments, the roles allowed
// and a short handler. Handlers never see Poco; the dispatcher authenticates,
// checks roles, calls the handler and maps errors to statuses.
//
//   router.Add("GET", "/api/records/{id}", Access::Staff(),
//              [&app](const Request& req, Response& res) { ... });

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http.h"

namespace sovang::server {

// Who may call a route: everyone, or staff with one of a set of roles.
class Access {
 public:
  enum Role : std::uint8_t { kAdmin = 1, kArchivist = 2, kVerifier = 4, kApprover = 8 };

  static const Access kPublic;     // no login needed
  static const Access kAnyStaff;   // any of the four roles

  // Staff with one of these roles.
  static constexpr Access Roles(std::initializer_list<Role> roles) {
    std::uint8_t mask = 0;
    for (Role r : roles) mask |= r;
    return Access(mask);
  }

  constexpr bool is_public() const { return mask_ == 0; }
  // Whether a principal with `role` ("admin", ...) may call the route.
  bool Allows(std::string_view role) const;

 private:
  constexpr explicit Access(std::uint8_t mask) : mask_(mask) {}
  std::uint8_t mask_;
};

inline constexpr Access Access::kPublic = Access(0);
inline constexpr Access Access::kAnyStaff = Access(kAdmin | kArchivist | kVerifier | kApprover);

using Handler = std::function<void(const Request&, Response&)>;
// Answers when it can without waiting and returns true; else returns false
// having answered nothing.
using QuickHandler = std::function<bool(const Request&, Response&)>;

// Where a route's handler runs (server/event_server.h). A quick one never
// waits on anything slow (a lock another process may hold, seconds of CPU,
// the disk beyond a page or two), so it is answered on the event loop that
// read the request; the others on a worker thread.
enum class Pace : std::uint8_t { kMayBlock, kQuick };

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kPublic;
  Handler handler;
  std::vector<std::string> segments;  // the pattern split on '/'
  Pace pace = Pace::kMayBlock;
  QuickHandler quick;  // optional, for a kMayBlock route: tried on the loop first
};

class Router {
 public:
  // Registers a route. Patterns start with '/'; a segment "{name}" matches
  // any one non-empty segment. Throws Error(kInternal) for a duplicate
  // (method, pattern) or a malformed pattern. Not thread-safe: register
  // everything before serving.
  void Add(std::string method, std::string pattern, Access access, Handler handler, Pace pace = Pace::kMayBlock);
  void Get(std::string pattern, Access access, Handler handler, Pace pace = Pace::kMayBlock) {
    Add("GET", std::move(pattern), access, std::move(handler), pace);
  }
  // A GET route whose answer may be ready without waiting (a search answer
  // in the cache): `quick` is tried on the event loop, `handler` answers on a
  // worker when it could not.
  void GetWithQuickPath(std::string pattern, Access access, QuickHandler quick, Handler handler);
  void Post(std::string pattern, Access access, Handler handler) {
    Add("POST", std::move(pattern), access, std::move(handler));
  }

  struct Match {
    const Route* route = nullptr;  // null: nothing for this method
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed_methods;  // when the path matched other methods only
  };
  // HEAD matches GET routes. Literal segments win over `{name}` segments.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace sovang::server
