#include "server/route_groups.h"

namespace sovang::server {

void RegisterAllRoutes(Router& router, AppContext& app) {
  RegisterSearchRoutes(router, app);
  RegisterPageRoutes(router, app);
  // Staff module: uncomment each line when its file lands (one line each).
  RegisterStaffRoutes(router, app);    // server/routes_staff.cpp (login, users; installs the Authenticator)
  RegisterVerifyRoutes(router, app);   // server/routes_verify.cpp (public certificate check)
  RegisterReissueRoutes(router, app);  // server/routes_reissue.cpp
}

}  // namespace sovang::server
