#pragma once
// From a Request to a Response: finds the route, authenticates, checks roles
// and CSRF, calls the handler, serves static files for other GETs, maps every
// error to a status (JSON under /api/, a Vietnamese page elsewhere) and sets
// the security headers. Never throws.

#include "server/app_context.h"
#include "server/http.h"
#include "server/router.h"

namespace sovang::server {

class Dispatcher {
 public:
  // REQUIRES: both outlive the dispatcher; the router is complete.
  Dispatcher(AppContext& app, const Router& router) : app_(app), router_(router) {}

  void Handle(Request& request, Response& response) const noexcept { Answer(request, response, false); }
  // With quick_only, answers only what cannot block (a kQuick route, a
  // route's quick path when it answers, a static file, an error) and returns
  // false, having answered nothing, for the rest. Without, always answers.
  bool Answer(Request& request, Response& response, bool quick_only) const noexcept;
  // Answers a request that could not even be routed (a malformed URL).
  void HandleError(const Request& request, Response& response, const Error& error) const noexcept;

 private:
  bool Serve(Request& request, Response& response, bool quick_only) const;
  void NotFound(const Request& request, Response& response) const;
  void Fail(const Request& request, Response& response, Errc code, const std::string& message) const;
  void SetSecurityHeaders(const Request& request, Response& response) const;

  AppContext& app_;
  const Router& router_;
};

// True for paths of the JSON API (/api and below).
bool IsApiPath(std::string_view path);

}  // namespace sovang::server
