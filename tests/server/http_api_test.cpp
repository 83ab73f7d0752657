// The server over loopback: a real Server on 127.0.0.1:0 over a temp archive,
// spoken to with an HTTP client, as a browser or a script would.

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "core/server_activity.h"
#include "server/server.h"
#include "server_test_support.h"
#include "store/database.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sovang::Box;
using sovang::server::Server;
using namespace sovang::server_test;

namespace {

// An archive with three people, two of them on one ledger page.
struct Fixture {
  TestArchive archive;
  std::int64_t page = 0;

  Fixture() {
    page = archive.AddPage("so-vang-1975.png", 600, 800);
    archive.Put(Person("thach-1", "Nguyễn Văn Thạch", 1932, "Lộc Yên", "Cao Lộc",
                       "Huân chương Kháng chiến hạng Nhất", "543/QĐ-CTN", "1975-08-10", page, Box{20, 100, 560, 90}));
    archive.Put(Person("ha-2", "Hoàng Thị Hà", 1940, "Hoàng Đồng", "Văn Lãng", "Huy chương Kháng chiến hạng Nhì",
                       "543/QĐ-CTN", "1975-08-10", page, Box{20, 200, 560, 90}));
    archive.Put(Person("slu-3", "Lương Văn Slương", 1928, "Tân Thanh", "Văn Lãng",
                       "Huân chương Kháng chiến hạng Ba", "17-TTg", "1960-01-05"));
    archive.Index();
  }
};

json Body(const HttpResult& r) {
  INFO("body: " << r.body);
  return json::parse(r.body);
}

}  // namespace

TEST_CASE("The health check answers ok to anyone", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), /*open_access=*/false));
  const HttpResult r = Get(server.port(), "/api/health");
  CHECK(r.status == 200);
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  CHECK(Body(r) == json{{"status", "ok"}});
}

TEST_CASE("The server tells its archive how long it spends answering, for the ingest to step aside", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), /*open_access=*/true));
  auto activity = sovang::ServerActivity::Open(sovang::ArchiveLayout(f.archive.dir()), /*create=*/false);
  REQUIRE(activity != nullptr);  // made by the server
  const auto before = activity->Read();
  CHECK(Get(server.port(), "/api/search?q=nguyen").status == 200);  // answered on a worker
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto searched = activity->Read();
  CHECK(searched.busy_ns > before.busy_ns);
  CHECK(searched.answering == 0);                          // every Begin had its End
  CHECK(Get(server.port(), "/api/health").status == 200);  // answered on a loop
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto checked = activity->Read();
  CHECK(checked.busy_ns > searched.busy_ns);
  CHECK(checked.answering == 0);
}

TEST_CASE("Staff routes answer 401 without a login unless the server is open", "[server]") {
  Fixture f;
  SECTION("closed") {
    Server server = Server::Start(TestOptions(f.archive.dir(), false));
    for (const char* target : {"/api/search?q=nguyen", "/api/records/thach-1", "/api/review",
                               "/api/pages/1/image"}) {
      INFO(target);
      const HttpResult r = Get(server.port(), target);
      CHECK(r.status == 401);
      CHECK(Body(r)["error"]["code"] == "unauthenticated");
    }
    // The pages themselves are public: they ask the API and link to /login.
    CHECK(Get(server.port(), "/").status == 200);
  }
  SECTION("open access") {
    Server server = Server::Start(TestOptions(f.archive.dir(), true));
    CHECK(Get(server.port(), "/api/search?q=nguyen").status == 200);
  }
}

TEST_CASE("Search finds a person by the name typed without marks", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/search?q=" + UrlEncode("nguyen van thach"));
  REQUIRE(r.status == 200);
  const json result = Body(r);
  REQUIRE(result["total"].get<int>() >= 1);
  CHECK(result["hits"][0]["id"] == "thach-1");
  CHECK(result["hits"][0]["record"]["full_name"] == "Nguyễn Văn Thạch");
  CHECK(result["hits"][0]["record"]["birth_year"] == 1932);
  CHECK(result.contains("facets"));
  CHECK(r.header("cache-control") == "no-store");
}

TEST_CASE("Search refuses bad parameters with 400, never 500", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const struct {
    std::string query;
    std::string why;
  } cases[] = {
      {"q=nguyen&limit=abc", "limit not a number"},
      {"q=nguyen&limit=0", "limit too small"},
      {"q=nguyen&limit=101", "limit too large"},
      {"q=nguyen&limit=-5", "negative limit"},
      {"q=nguyen&limit=2.5", "fractional limit"},
      {"q=nguyen&offset=-1", "negative offset"},
      {"q=" + UrlEncode("\"Nguyễn Văn"), "unbalanced quote"},
      {"q=" + UrlEncode("nam:19x2"), "bad year"},
      {"q=" + UrlEncode("chucvu:x"), "unknown field"},
  };
  for (const auto& c : cases) {
    INFO(c.why << ": " << c.query);
    const HttpResult r = Get(server.port(), "/api/search?" + c.query);
    CHECK(r.status == 400);
    CHECK(Body(r)["error"]["code"] == "invalid_argument");
    CHECK_FALSE(Body(r)["error"]["message"].get<std::string>().empty());
  }
  CHECK(Get(server.port(), "/api/search?q=nguyen&limit=100&offset=0").status == 200);
}

TEST_CASE("A record comes from the store with its field evidence and page", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/records/thach-1");
  REQUIRE(r.status == 200);
  const json record = Body(r);
  CHECK(record["full_name"] == "Nguyễn Văn Thạch");
  CHECK(record["decision_number"] == "543/QĐ-CTN");
  CHECK(record["source"]["bbox"] == json::array({20, 100, 560, 90}));
  CHECK(record["fields"]["full_name"]["verbatim"] == "Nguyễn Văn Thạch");
  CHECK(record["page_image"]["url"] == "/api/pages/" + std::to_string(f.page) + "/image");
  CHECK(record["page_image"]["width"] == 600);
  CHECK(record["page_image"]["height"] == 800);
}

TEST_CASE("An unknown record is a JSON 404", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/records/khong-co");
  CHECK(r.status == 404);
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  CHECK(Body(r)["error"]["code"] == "not_found");
  CHECK(Get(server.port(), "/api/pages/999/image").status == 404);
  CHECK(Get(server.port(), "/api/pages/abc/image").status == 404);
}

TEST_CASE("A page image is served as a PNG the browser may keep privately", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/pages/" + std::to_string(f.page) + "/image");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "image/png");
  CHECK(r.body.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(r.header("cache-control").starts_with("private"));
  CHECK(r.header("x-content-type-options") == "nosniff");
}

TEST_CASE("A page whose image is a JPEG master is served as a JPEG", "[server]") {
  // Ingest keeps no PNG copy of a page scanned as a single JPEG file: the
  // page's image is the master.
  Fixture f;
  const std::string jpeg = "\xFF\xD8\xFF\xE0 not a whole JPEG, served as stored";
  const std::filesystem::path master = "masters/ab/abcdef.jpg";
  std::filesystem::create_directories(f.archive.dir() / master.parent_path());
  std::ofstream(f.archive.dir() / master, std::ios::binary) << jpeg;
  {
    sovang::store::Database db = sovang::store::Database::Open(sovang::ArchiveLayout(f.archive.dir()).db());
    sovang::store::Statement& st = db.Prepare("UPDATE pages SET image_path = ? WHERE id = ?");
    st.Bind(1, master.string()).Bind(2, f.page);
    st.Run();
  }
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/pages/" + std::to_string(f.page) + "/image");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "image/jpeg");
  CHECK(r.body == jpeg);
}

TEST_CASE("The review queue lists records that need review, worst first", "[server]") {
  Fixture f;
  sovang::Record weak = Person("yeu-4", "Vi Văn Yếu", 1935, "Lộc Yên", "Cao Lộc", "Huy chương Kháng chiến hạng Nhì",
                               "12NQ/HĐNN8", "1985-03-01");
  weak.review = sovang::ReviewState::kNeedsReview;
  weak[sovang::FieldId::kBirthYear].confidence = 0.41;
  sovang::UpdateRecordConfidence(weak);
  sovang::Record weaker = weak;
  weaker.id = "yeu-5";
  weaker[sovang::FieldId::kFullName].confidence = 0.2;
  sovang::UpdateRecordConfidence(weaker);
  f.archive.Put(weak);
  f.archive.Put(weaker);
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult r = Get(server.port(), "/api/review?limit=10");
  REQUIRE(r.status == 200);
  const json list = Body(r)["records"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["id"] == "yeu-5");
  CHECK(list[1]["id"] == "yeu-4");
  CHECK(Get(server.port(), "/api/review?limit=0").status == 400);
}

TEST_CASE("Unknown API paths are JSON 404s and unknown pages a Vietnamese 404 page", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const HttpResult api = Get(server.port(), "/api/khong-co");
  CHECK(api.status == 404);
  CHECK(Body(api)["error"]["code"] == "not_found");
  const HttpResult page = Get(server.port(), "/khong-co-trang-nay");
  CHECK(page.status == 404);
  CHECK(page.header("content-type") == "text/html; charset=utf-8");
  CHECK(page.body.find("Không tìm thấy") != std::string::npos);
  CHECK(page.body.find("lang=\"vi\"") != std::string::npos);
  const HttpResult wrong_method = Http(server.port(), "DELETE", "/api/health");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.header("allow") == "GET");
}

TEST_CASE("Pages and static files have their content types and a strict policy", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const struct {
    std::string target, type;
  } cases[] = {
      {"/", "text/html; charset=utf-8"},
      {"/records/thach-1", "text/html; charset=utf-8"},
      {"/review", "text/html; charset=utf-8"},
      {"/app.css", "text/css; charset=utf-8"},
      {"/app.js", "text/javascript; charset=utf-8"},
  };
  for (const auto& c : cases) {
    INFO(c.target);
    const HttpResult r = Get(server.port(), c.target);
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == c.type);
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "no-referrer");
    CHECK(r.header("content-security-policy").find("default-src 'none'") != std::string::npos);
  }
  const HttpResult page = Get(server.port(), "/");
  CHECK(page.header("content-security-policy").find("script-src 'self'") != std::string::npos);
  CHECK(page.header("content-security-policy").find("unsafe-inline") == std::string::npos);
  CHECK(page.body.find("Tìm kiếm hồ sơ khen thưởng") != std::string::npos);
}

TEST_CASE("Static files cannot be read from outside the web directory", "[server]") {
  Fixture f;
  TempDir tmp;
  fs::create_directories(tmp.path() / "web" / "css");
  std::ofstream(tmp.path() / "web" / "index.html") << "<!doctype html><title>ok</title>";
  std::ofstream(tmp.path() / "web" / "css" / "a.css") << "body{}";
  std::ofstream(tmp.path() / "web" / ".hidden") << "hidden";
  std::ofstream(tmp.path() / "secret.txt") << "BI-MAT";
  fs::create_symlink(tmp.path() / "secret.txt", tmp.path() / "web" / "link.txt");
  Server server = Server::Start(TestOptions(f.archive.dir(), true, tmp.path() / "web"));

  CHECK(Get(server.port(), "/css/a.css").status == 200);
  const char* attacks[] = {
      "/../secret.txt",         "/%2e%2e/secret.txt",       "/..%2fsecret.txt",      "/css/../../secret.txt",
      "/css/%2e%2e/%2e%2e/secret.txt", "//" "etc/passwd",   "/%2fetc%2fpasswd",      "/..%5csecret.txt",
      "/.hidden",               "/link.txt",                "/css/..%00/a.css",      "/%2e%2e%2f%2e%2e%2fetc/passwd",
  };
  for (const char* target : attacks) {
    INFO(target);
    const HttpResult r = Get(server.port(), target);
    CHECK(r.status != 200);
    CHECK(r.status < 500);
    CHECK(r.body.find("BI-MAT") == std::string::npos);
    CHECK(r.body.find("root:") == std::string::npos);
    CHECK(r.body.find("hidden") == std::string::npos);
  }
}

TEST_CASE("A keep-alive connection serves many requests", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  HttpConnection connection(server.port());
  for (int i = 0; i < 20; ++i) {
    CHECK(connection.Request("GET", "/api/health").status == 200);
    CHECK(connection.Request("GET", "/api/records/khong-co").status == 404);
  }
}

TEST_CASE("Records indexed while the server runs show up in search", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  const std::string target = "/api/search?q=" + UrlEncode("be van moi");
  CHECK(Body(Get(server.port(), target))["total"] == 0);
  f.archive.Put(Person("moi-9", "Bế Văn Mới", 1950, "Lộc Yên", "Cao Lộc", "Huy chương Kháng chiến hạng Nhì",
                       "803/QĐ-CTN", "1985-05-01"));
  f.archive.Index();
  bool found = false;
  for (int i = 0; i < 40 && !found; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    found = Body(Get(server.port(), target))["total"].get<int>() >= 1;
  }
  CHECK(found);
}

TEST_CASE("Many clients at once are all answered", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      HttpConnection c(server.port());
      for (int i = 0; i < 10; ++i) {
        if (c.Request("GET", "/api/search?q=" + UrlEncode("hoang thi ha")).status == 200 &&
            c.Request("GET", "/api/records/ha-2").status == 200) {
          ++ok;
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  CHECK(ok == 80);
}

TEST_CASE("A server stops and a new one can start on the same archive", "[server]") {
  Fixture f;
  std::uint16_t port = 0;
  {
    Server server = Server::Start(TestOptions(f.archive.dir(), true));
    port = server.port();
    CHECK(Get(port, "/api/health").status == 200);
    server.Stop();
    server.Stop();  // idempotent
  }
  Server again = Server::Start(TestOptions(f.archive.dir(), true));
  CHECK(again.port() != 0);
  CHECK(Get(again.port(), "/api/health").status == 200);
  CHECK(again.url() == "http://127.0.0.1:" + std::to_string(again.port()) + "/");
}

namespace {

// Reads until the peer closes (or `limit` passes); what came.
std::string ReadUntilClosed(Poco::Net::StreamSocket& socket, std::chrono::seconds limit) {
  socket.setReceiveTimeout(Poco::Timespan(static_cast<long>(limit.count()), 0));
  std::string got;
  char buffer[4096];
  for (;;) {
    int n = 0;
    try {
      n = socket.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::TimeoutException&) {
      got += "<timeout>";
      break;
    }
    if (n <= 0) break;
    got.append(buffer, static_cast<std::size_t>(n));
  }
  return got;
}

}  // namespace

TEST_CASE("A malformed request is answered 400 and its connection closed", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server.port()));
  // A method longer than any Poco accepts (32 bytes) fails the request line.
  const std::string garbage = std::string(100, 'A') + " / HTTP/1.1\r\n\r\n";
  socket.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
  const std::string answer = ReadUntilClosed(socket, std::chrono::seconds(10));
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(answer.find("<timeout>") == std::string::npos);
}

TEST_CASE("A connection that sends nothing is let go after the keep-alive timeout", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  Poco::Net::StreamSocket idle(Poco::Net::SocketAddress("127.0.0.1", server.port()));
  const auto start = std::chrono::steady_clock::now();
  CHECK(ReadUntilClosed(idle, std::chrono::seconds(20)).empty());  // closed, not timed out on our side
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(15));
  CHECK(Get(server.port(), "/api/health").status == 200);  // and the server still answers
}

TEST_CASE("Stopping the server ends its idle keep-alive connections at once", "[server]") {
  Fixture f;
  Server server = Server::Start(TestOptions(f.archive.dir(), true));
  HttpConnection waiting(server.port());
  REQUIRE(waiting.Request("GET", "/api/health").status == 200);  // now idle, kept alive for 5 s
  const auto start = std::chrono::steady_clock::now();
  server.Stop();
  // Without the shutdown the stop would wait for the idle connection's
  // receive timeout.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}
