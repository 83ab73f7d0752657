// The parts of the framework that need no network: routing, request parsing,
// the error table, static file resolution.

#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.h"
#include "server/errors.h"
#include "server/http.h"
#include "server/router.h"
#include "server/static_files.h"
#include "server_test_support.h"

namespace fs = std::filesystem;
using namespace sovang;
using namespace sovang::server;

namespace {
Handler Named(std::string name) {
  return [name](const Request&, Response& res) { res.Bytes(name, "text/plain"); };
}
}  // namespace

TEST_CASE("Routes match literal segments before parameters and bind parameters", "[server]") {
  Router router;
  router.Get("/api/records/{id}", Access::kAnyStaff, Named("record"));
  router.Get("/api/records/review", Access::kAnyStaff, Named("review"));
  router.Get("/api/pages/{id}/image", Access::kAnyStaff, Named("image"));
  router.Post("/api/records/{id}", Access::Roles({Access::kArchivist}), Named("update"));

  const struct {
    std::string method, path, route, param;
  } cases[] = {
      {"GET", "/api/records/abc-1", "/api/records/{id}", "abc-1"},
      {"HEAD", "/api/records/abc-1", "/api/records/{id}", "abc-1"},
      {"GET", "/api/records/review", "/api/records/review", ""},
      {"GET", "/api/pages/7/image", "/api/pages/{id}/image", "7"},
      {"POST", "/api/records/x", "/api/records/{id}", "x"},
  };
  for (const auto& c : cases) {
    INFO(c.method << " " << c.path);
    const Router::Match m = router.Find(c.method, c.path);
    REQUIRE(m.route);
    CHECK(m.route->pattern == c.route);
    if (!c.param.empty()) {
      REQUIRE(m.params.size() == 1);
      CHECK(m.params[0] == std::pair<std::string, std::string>("id", c.param));
    }
  }
  CHECK_FALSE(router.Find("GET", "/api/records").route);
  CHECK_FALSE(router.Find("GET", "/api/records/").route);  // an empty segment is no id
  CHECK_FALSE(router.Find("GET", "/api/pages/7/image/x").route);
  const Router::Match wrong = router.Find("DELETE", "/api/records/x");
  CHECK_FALSE(wrong.route);
  CHECK(wrong.allowed_methods == std::vector<std::string>{"GET", "POST"});
}

TEST_CASE("A route registered twice or with a malformed pattern is a programming error", "[server]") {
  Router router;
  router.Get("/api/a/{id}", Access::kPublic, Named("a"));
  CHECK_THROWS_AS(router.Get("/api/a/{other}", Access::kPublic, Named("b")), Error);
  CHECK_THROWS_AS(router.Get("api/b", Access::kPublic, Named("b")), Error);
  CHECK_THROWS_AS(router.Get("/api/{x", Access::kPublic, Named("b")), Error);
}

TEST_CASE("Access lets through exactly the roles it names", "[server]") {
  const Access approvers = Access::Roles({Access::kApprover, Access::kAdmin});
  CHECK(approvers.Allows("approver"));
  CHECK(approvers.Allows("admin"));
  CHECK_FALSE(approvers.Allows("verifier"));
  CHECK_FALSE(approvers.Allows("archivist"));
  CHECK_FALSE(approvers.Allows(""));
  CHECK_FALSE(approvers.is_public());
  for (const char* role : {"admin", "archivist", "verifier", "approver"}) CHECK(Access::kAnyStaff.Allows(role));
  CHECK_FALSE(Access::kAnyStaff.Allows("public"));
  CHECK(Access::kPublic.is_public());
}

TEST_CASE("Error codes map to HTTP statuses in one table", "[server]") {
  const struct {
    Errc code;
    int status;
  } cases[] = {
      {Errc::kInvalidArgument, 400}, {Errc::kUnauthenticated, 401}, {Errc::kPermissionDenied, 403},
      {Errc::kNotFound, 404},        {Errc::kConflict, 409},        {Errc::kTooLarge, 413},
      {Errc::kRateLimited, 429},     {Errc::kCorruptInput, 500},    {Errc::kIo, 500},
      {Errc::kStore, 500},           {Errc::kIndex, 500},           {Errc::kOcr, 500},
      {Errc::kInternal, 500},
  };
  for (const auto& c : cases) {
    INFO(ErrcName(c.code));
    CHECK(HttpStatusFor(c.code) == c.status);
  }
  CHECK(ErrorJson(Errc::kNotFound, "no record")["error"]["code"] == "not_found");
  CHECK(ErrorJson(Errc::kNotFound, "no record")["error"]["message"] == "no record");
}

TEST_CASE("Request targets are split and percent-decoded", "[server]") {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ParseRequestTarget("/api/search?q=Nguy%E1%BB%85n+V%C4%83n&limit=5&flag&=x#frag", path, query);
  CHECK(path == "/api/search");
  REQUIRE(query.size() == 3);
  CHECK(query[0] == std::pair<std::string, std::string>("q", "Nguyễn Văn"));
  CHECK(query[1] == std::pair<std::string, std::string>("limit", "5"));
  CHECK(query[2] == std::pair<std::string, std::string>("flag", ""));
  ParseRequestTarget("/records/a%2Fb+c", path, query);
  CHECK(path == "/records/a/b+c");  // '+' is a space only in the query
  CHECK(query.empty());
  for (const char* bad : {"/a%zz", "/a%2", "/a%00b", "http://x/y", "", "/?q=%G1"}) {
    INFO(bad);
    CHECK_THROWS_AS(ParseRequestTarget(bad, path, query), Error);
  }
}

TEST_CASE("Query parameters are read as checked integers", "[server]") {
  RequestData data;
  data.method = "GET";
  data.path = "/api/x";
  data.query = {{"limit", "42"}, {"bad", "4x"}, {"big", "99999999999999999999"}, {"empty", ""}};
  const Request req(data);
  CHECK(req.QueryInt("limit", 20, 1, 100) == 42);
  CHECK(req.QueryInt("absent", 20, 1, 100) == 20);
  CHECK(req.QueryInt("empty", 20, 1, 100) == 20);
  CHECK_THROWS_AS(req.QueryInt("bad", 20, 1, 100), Error);
  CHECK_THROWS_AS(req.QueryInt("big", 20, 1, 100), Error);
  CHECK_THROWS_AS(req.QueryInt("limit", 20, 1, 10), Error);
}

TEST_CASE("Headers are case-insensitive and cookies are parsed", "[server]") {
  RequestData data;
  data.method = "GET";
  data.path = "/";
  data.headers = {{"cookie", "sovang_session=abc123; theme=\"dark\"; empty="}, {"X-Test", "1"}};
  const Request req(data);
  CHECK(req.Header("x-test") == "1");
  CHECK(req.Header("X-TEST") == "1");
  CHECK_FALSE(req.Header("missing"));
  CHECK(req.Cookie("sovang_session") == "abc123");
  CHECK(req.Cookie("theme") == "dark");
  CHECK(req.Cookie("empty") == "");
  CHECK_FALSE(req.Cookie("other"));
}

TEST_CASE("JSON bodies are parsed with a size limit and a content type", "[server]") {
  auto make = [](std::string type, std::string body) {
    RequestData data;
    data.method = "POST";
    data.path = "/api/x";
    data.headers = {{"Content-Type", std::move(type)}};
    data.read_body = [body = std::move(body)](std::size_t) { return body; };
    return Request(data);
  };
  CHECK(make("application/json; charset=utf-8", R"({"a": 1})").Json()["a"] == 1);
  const auto code = [&](std::string type, std::string body, std::size_t limit) {
    try {
      make(std::move(type), std::move(body)).Json(limit);
    } catch (const Error& e) {
      return e.code();
    }
    return Errc::kInternal;
  };
  CHECK(code("application/json", "{not json", 100) == Errc::kInvalidArgument);
  CHECK(code("text/plain", R"({"a": 1})", 100) == Errc::kInvalidArgument);  // a cross-site form
  CHECK(code("application/json", std::string(200, ' ') + "{}", 100) == Errc::kTooLarge);
}

TEST_CASE("Responses set cookies and replace headers of the same name", "[server]") {
  Response res;
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("cache-control", "private");
  SetCookie c;
  c.name = "sovang_session";
  c.value = "v";
  c.max_age_seconds = 3600;
  c.secure = true;
  res.AddCookie(c);
  res.AddCookie(SetCookie{"other", "w"});
  CHECK(res.Header("Cache-Control") == "private");
  int cookies = 0;
  for (const auto& [k, v] : res.headers()) {
    if (k != "Set-Cookie") continue;
    ++cookies;
    if (v.starts_with("sovang_session=")) {
      CHECK(v == "sovang_session=v; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
    }
  }
  CHECK(cookies == 2);
}

TEST_CASE("Static paths resolve inside the web directory only", "[server]") {
  sovang::server_test::TempDir tmp;
  const fs::path web = tmp.path() / "web";
  fs::create_directories(web / "sub");
  std::ofstream(web / "index.html") << "i";
  std::ofstream(web / "login.html") << "l";
  std::ofstream(web / "sub" / "index.html") << "s";
  std::ofstream(web / "app.js") << "a";
  std::ofstream(tmp.path() / "secret") << "s";

  CHECK(ResolveStaticFile(web, "/") == fs::canonical(web / "index.html"));
  CHECK(ResolveStaticFile(web, "/login") == fs::canonical(web / "login.html"));
  CHECK(ResolveStaticFile(web, "/sub/") == fs::canonical(web / "sub" / "index.html"));
  CHECK(ResolveStaticFile(web, "//app.js") == fs::canonical(web / "app.js"));
  for (const char* bad : {"/../secret", "/sub/../../secret", "/./app.js", "/.git/config", "/sub\\..\\..\\secret",
                          "/nothing.js", "relative", ""}) {
    INFO(bad);
    CHECK_FALSE(ResolveStaticFile(web, bad));
  }
  CHECK(ContentTypeFor("a.PNG") == "image/png");
  CHECK(ContentTypeFor("a.js") == "text/javascript; charset=utf-8");
  CHECK(ContentTypeFor("a.bin") == "application/octet-stream");
}
