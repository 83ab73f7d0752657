// The web pages (web/): plain files; the pages fetch their data from /api/
// and link to /login when it answers 401, so the pages themselves are public.
// Files without a route (assets, /login, /verify) are served by the
// dispatcher's static fallback.

#include "core/error.h"
#include "server/route_groups.h"
#include "server/static_files.h"

namespace sovang::server {

namespace {

Handler Page(AppContext& app, std::string file) {
  return [&app, file = std::move(file)](const Request&, Response& res) {
    const auto path = ResolveStaticFile(app.options().web_dir, "/" + file);
    if (!path) throw Error(Errc::kNotFound, "missing web page " + file);
    res.File(*path, ContentTypeFor(*path));
  };
}

}  // namespace

void RegisterPageRoutes(Router& router, AppContext& app) {
  router.Get("/", Access::kPublic, Page(app, "index.html"));
  router.Get("/records/{id}", Access::kPublic, Page(app, "record.html"));
  router.Get("/review", Access::kPublic, Page(app, "review.html"));
}

}  // namespace sovang::server
