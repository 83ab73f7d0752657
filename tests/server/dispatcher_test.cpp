// The dispatcher without the network: authentication, roles, CSRF, body
// limits and error mapping, with a stand-in Authenticator.

#include <catch2/catch.hpp>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "server/app_context.h"
#include "server/dispatcher.h"
#include "server/router.h"
#include "server_test_support.h"

using namespace sovang;
using namespace sovang::server;
using nlohmann::json;

namespace {

// Authenticates "Authorization: Role <role>" as a user with that role.
class HeaderAuthenticator final : public Authenticator {
 public:
  std::optional<Principal> Authenticate(const Request& request) override {
    const std::optional<std::string> h = request.Header("Authorization");
    if (!h) return std::nullopt;
    if (*h == "Role slow-down") throw Error(Errc::kRateLimited, "too many attempts");
    if (!h->starts_with("Role ")) return std::nullopt;
    return Principal{7, "can-bo", h->substr(5)};
  }
  bool CheckCsrf(const Request& request, const std::optional<Principal>&) override {
    return SameOrigin(request, "http://sovang.example");
  }
};

struct Harness {
  server_test::TestArchive archive;
  std::unique_ptr<AppContext> app;
  Router router;
  std::unique_ptr<Dispatcher> dispatcher;

  explicit Harness(bool open_access = false) {
    ServerOptions options = ResolveOptions(server_test::TestOptions(archive.dir(), open_access), 8080);
    app = std::make_unique<AppContext>(options);
    app->SetAuthenticator(std::make_unique<HeaderAuthenticator>());
    router.Get("/api/approve", Access::Roles({Access::kApprover}), [](const Request& req, Response& res) {
      res.Json({{"user", req.principal()->username}, {"role", req.principal()->role}});
    });
    router.Post("/api/echo", Access::kPublic, [](const Request& req, Response& res) { res.Json(req.Json(32)); });
    router.Get("/api/boom", Access::kPublic, [](const Request&, Response&) {
      throw std::runtime_error("secret detail of a bug");
    });
    router.Get("/api/shape", Access::kPublic, [](const Request&, Response&) {
      json j = json::object();
      (void)j.at("missing");
    });
    router.Get("/api/conflict", Access::kPublic, [](const Request&, Response&) {
      throw Error(Errc::kConflict, "already done");
    });
    dispatcher = std::make_unique<Dispatcher>(*app, router);
  }

  Response Send(std::string method, std::string path, std::vector<std::pair<std::string, std::string>> headers = {},
                std::string body = "") {
    RequestData data;
    data.method = std::move(method);
    data.path = std::move(path);
    data.headers = std::move(headers);
    data.client_address = "127.0.0.1";
    if (!body.empty()) data.read_body = [body](std::size_t) { return body; };
    Request request(std::move(data));
    Response response;
    dispatcher->Handle(request, response);
    return response;
  }
};

std::string Code(const Response& r) { return json::parse(r.body())["error"]["code"]; }

}  // namespace

TEST_CASE("A staff route needs a principal (401) with an allowed role (403)", "[server]") {
  Harness h;
  const Response anonymous = h.Send("GET", "/api/approve");
  CHECK(anonymous.status() == 401);
  CHECK(Code(anonymous) == "unauthenticated");
  const Response verifier = h.Send("GET", "/api/approve", {{"Authorization", "Role verifier"}});
  CHECK(verifier.status() == 403);
  CHECK(Code(verifier) == "permission_denied");
  const Response approver = h.Send("GET", "/api/approve", {{"Authorization", "Role approver"}});
  CHECK(approver.status() == 200);
  CHECK(json::parse(approver.body())["user"] == "can-bo");
  const Response limited = h.Send("GET", "/api/approve", {{"Authorization", "Role slow-down"}});
  CHECK(limited.status() == 429);
}

TEST_CASE("Open access lets staff routes through without a login", "[server]") {
  Harness h(/*open_access=*/true);
  const Response r = h.Send("GET", "/api/approve");
  CHECK(r.status() == 200);
  CHECK(json::parse(r.body())["user"] == "open-access");
  // A real login still counts.
  CHECK(json::parse(h.Send("GET", "/api/approve", {{"Authorization", "Role approver"}}).body())["user"] == "can-bo");
}

TEST_CASE("State-changing requests from another site are refused", "[server]") {
  Harness h;
  const std::vector<std::pair<std::string, std::string>> json_type = {{"Content-Type", "application/json"}};
  auto with = [&](std::string origin) {
    auto headers = json_type;
    headers.emplace_back("Origin", std::move(origin));
    headers.emplace_back("Host", "127.0.0.1:8080");
    return headers;
  };
  CHECK(h.Send("POST", "/api/echo", json_type, R"({"a":1})").status() == 200);  // no Origin: not a browser
  CHECK(h.Send("POST", "/api/echo", with("http://127.0.0.1:8080"), R"({"a":1})").status() == 200);
  CHECK(h.Send("POST", "/api/echo", with("http://sovang.example"), R"({"a":1})").status() == 200);
  const Response evil = h.Send("POST", "/api/echo", with("https://evil.example"), R"({"a":1})");
  CHECK(evil.status() == 403);
  CHECK(Code(evil) == "permission_denied");
  CHECK(h.Send("POST", "/api/echo", with("null"), R"({"a":1})").status() == 403);
}

TEST_CASE("Handler failures become statuses and never leak internals", "[server]") {
  Harness h;
  const Response boom = h.Send("GET", "/api/boom");
  CHECK(boom.status() == 500);
  CHECK(Code(boom) == "internal");
  CHECK(boom.body().find("secret detail") == std::string::npos);
  CHECK(h.Send("GET", "/api/shape").status() == 400);
  CHECK(h.Send("GET", "/api/conflict").status() == 409);
  const Response big = h.Send("POST", "/api/echo", {{"Content-Type", "application/json"}},
                              R"({"text": ")" + std::string(100, 'x') + "\"}");
  CHECK(big.status() == 413);
  CHECK(Code(big) == "too_large");
  CHECK(h.Send("POST", "/api/echo", {{"Content-Type", "application/json"}}, "{oops").status() == 400);
}

TEST_CASE("JSON answers carry the security headers and are never cached", "[server]") {
  Harness h;
  const Response r = h.Send("GET", "/api/conflict");
  CHECK(r.content_type() == "application/json; charset=utf-8");
  CHECK(r.Header("X-Content-Type-Options") == "nosniff");
  CHECK(r.Header("Referrer-Policy") == "no-referrer");
  CHECK(r.Header("X-Frame-Options") == "DENY");
  CHECK(r.Header("Cache-Control") == "no-store");
  CHECK(r.Header("Content-Security-Policy")->starts_with("default-src 'none'"));
}

TEST_CASE("Asked for quick answers only, the dispatcher leaves routes that may block alone", "[server]") {
  Harness h;
  int slow_runs = 0;
  int quick_tries = 0;
  h.router.Get("/api/quick", Access::kPublic, [](const Request&, Response& res) { res.Json({{"quick", true}}); },
               Pace::kQuick);
  h.router.Get("/api/slow", Access::kPublic, [&](const Request&, Response& res) {
    ++slow_runs;
    res.Json({{"slow", true}});
  });
  h.router.GetWithQuickPath(
      "/api/maybe", Access::Roles({Access::kApprover}),
      [&](const Request& req, Response& res) {
        ++quick_tries;
        if (req.Query("kept") != "1") return false;
        res.Json({{"from", "quick path"}});
        return true;
      },
      [](const Request&, Response& res) { res.Json({{"from", "handler"}}); });
  auto ask = [&](const std::string& path, const std::string& query, bool quick_only, Response& res,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    RequestData data;
    data.method = "GET";
    data.path = path;
    if (!query.empty()) data.query = {{"kept", query}};
    data.headers = std::move(headers);
    data.client_address = "127.0.0.1";
    Request request(std::move(data));
    return h.dispatcher->Answer(request, res, quick_only);
  };

  Response quick;
  CHECK(ask("/api/quick", "", true, quick));
  CHECK(quick.status() == 200);
  CHECK(quick.Header("X-Content-Type-Options") == "nosniff");  // answered in full

  Response slow;
  CHECK_FALSE(ask("/api/slow", "", true, slow));
  CHECK(slow_runs == 0);
  CHECK(slow.body().empty());
  CHECK(ask("/api/slow", "", false, slow));
  CHECK(slow_runs == 1);

  // The quick path runs after authentication, and only when asked for quick.
  const std::vector<std::pair<std::string, std::string>> approver = {{"Authorization", "Role approver"}};
  Response refused;
  CHECK(ask("/api/maybe", "1", true, refused));
  CHECK(refused.status() == 401);
  CHECK(quick_tries == 0);
  Response kept;
  CHECK(ask("/api/maybe", "1", true, kept, approver));
  CHECK(json::parse(kept.body())["from"] == "quick path");
  Response not_kept;
  CHECK_FALSE(ask("/api/maybe", "0", true, not_kept, approver));
  CHECK(not_kept.body().empty());
  Response worker;
  CHECK(ask("/api/maybe", "1", false, worker, approver));
  CHECK(json::parse(worker.body())["from"] == "handler");
  CHECK(quick_tries == 2);

  // Handlers asked for quick answers run where nothing may wait for a store
  // reader; on a worker they may wait.
  bool no_wait_seen = false;
  h.router.Get("/api/probe", Access::kPublic, [&](const Request&, Response& res) {
    no_wait_seen = AppContext::NoWaitScope::active();
    res.NoContent();
  }, Pace::kQuick);
  Response probe;
  CHECK(ask("/api/probe", "", true, probe));
  CHECK(no_wait_seen);
  CHECK(ask("/api/probe", "", false, probe));
  CHECK_FALSE(no_wait_seen);
  CHECK_FALSE(AppContext::NoWaitScope::active());

  // No route at all (a static file, a 404) is answered at once.
  Response missing;
  CHECK(ask("/api/nothing-here", "", true, missing));
  CHECK(missing.status() == 404);
}
