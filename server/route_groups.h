#pragma once
// Every group of routes, registered through one function each, all called
// from RegisterAllRoutes (route_groups.cpp), the one list of what the server
// answers.

#include "server/app_context.h"
#include "server/router.h"

namespace sovang::server {

// Registers every group below, in order.
void RegisterAllRoutes(Router& router, AppContext& app);

// server/routes_search.cpp: health, search, records, page images, review queue.
void RegisterSearchRoutes(Router& router, AppContext& app);
// server/routes_pages.cpp: the web pages with a path parameter (/records/{id}, ...).
void RegisterPageRoutes(Router& router, AppContext& app);

// Staff accounts, public verification, reissue: defined by the staff module
// in server/routes_staff.cpp, server/routes_verify.cpp and
// server/routes_reissue.cpp. RegisterStaffRoutes also installs the real
// Authenticator (app.SetAuthenticator).
void RegisterStaffRoutes(Router& router, AppContext& app);
void RegisterVerifyRoutes(Router& router, AppContext& app);
void RegisterReissueRoutes(Router& router, AppContext& app);

}  // namespace sovang::server
