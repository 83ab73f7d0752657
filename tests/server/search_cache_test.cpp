// The search answer cache: answers kept per index version, bounded in bytes,
// deflated with gzip; and the server answering from it.

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "server/app_context.h"
#include "server/gzip.h"
#include "server/http.h"
#include "server/search_cache.h"
#include "server_test_support.h"

using namespace sovang;
using namespace sovang::server;
using nlohmann::json;

namespace {

std::shared_ptr<const CachedAnswer> Answer(const std::string& json_text) {
  return std::make_shared<CachedAnswer>(CachedAnswer{Gzip(json_text), json_text.size()});
}

Request WithHeader(const std::string& name, const std::string& value) {
  RequestData data;
  data.method = "GET";
  data.path = "/api/search";
  data.headers = {{name, value}};
  return Request(std::move(data));
}

// An archive holding Nguyễn Văn Thạch, stored and indexed.
struct OnePersonArchive : server_test::TestArchive {
  OnePersonArchive() {
    Put(server_test::Person("thach-1", "Nguyễn Văn Thạch", 1932, "Lộc Yên", "Cao Lộc",
                            "Huân chương Kháng chiến hạng Nhất", "543/QĐ-CTN", "1975-08-10"));
    Index();
  }
};

index::SearchRequest Query(const std::string& q) {
  index::SearchRequest request;
  request.query = q;
  return request;
}

}  // namespace

TEST_CASE("gzip bodies inflate back to what was deflated", "[server]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += R"({"full_name":"Nguyễn Văn Thạch","birth_year":)" + std::to_string(1900 + i % 90) + "}";
  const std::string gz = Gzip(text);
  CHECK(gz.size() < text.size() / 4);
  CHECK(static_cast<unsigned char>(gz[0]) == 0x1f);  // the gzip magic number
  CHECK(static_cast<unsigned char>(gz[1]) == 0x8b);
  CHECK(Gunzip(gz, text.size()) == text);
  CHECK(Gunzip(gz) == text);  // without the size: the output grows
  CHECK(Gunzip(Gzip("")).empty());
  CHECK_THROWS_AS(Gunzip("not gzip at all"), Error);
  CHECK_THROWS_AS(Gunzip(gz.substr(0, gz.size() / 2)), Error);  // cut short
}

TEST_CASE("Accept-Encoding allows gzip unless it says q=0", "[server]") {
  CHECK(AcceptsGzip(WithHeader("Accept-Encoding", "gzip, deflate, br")));
  CHECK(AcceptsGzip(WithHeader("accept-encoding", "br;q=1.0, GZIP;q=0.5")));
  CHECK(AcceptsGzip(WithHeader("Accept-Encoding", "*")));
  CHECK_FALSE(AcceptsGzip(WithHeader("Accept-Encoding", "gzip;q=0")));
  CHECK_FALSE(AcceptsGzip(WithHeader("Accept-Encoding", "deflate, br")));
  CHECK_FALSE(AcceptsGzip(WithHeader("Accept-Encoding", "identity")));
  CHECK_FALSE(AcceptsGzip(WithHeader("Accept-Encoding", "x-gzip-like")));
  CHECK_FALSE(AcceptsGzip(WithHeader("User-Agent", "gzip")));
}

TEST_CASE("The answer cache answers only for the index version an answer was made from", "[server]") {
  SearchCache cache(1 << 20);
  const std::string key = SearchCacheKey("nguyen van thach", 20, 0, true);
  CHECK(cache.Find(key, "uuid@7") == nullptr);
  cache.Insert(key, "uuid@7", Answer(R"({"total":1})"));
  const auto kept = cache.Find(key, "uuid@7");
  REQUIRE(kept != nullptr);
  CHECK(Gunzip(kept->gzip, kept->plain_size) == R"({"total":1})");
  CHECK(cache.Find(key, "uuid@8") == nullptr);        // a commit since
  CHECK(cache.Find(key, "other-uuid@7") == nullptr);  // a rebuilt index
  // Any parameter that shapes the answer is part of the key.
  CHECK(cache.Find(SearchCacheKey("nguyen van thach", 20, 20, true), "uuid@7") == nullptr);
  CHECK(cache.Find(SearchCacheKey("nguyen van thach", 10, 0, true), "uuid@7") == nullptr);
  CHECK(cache.Find(SearchCacheKey("nguyen van thach", 20, 0, false), "uuid@7") == nullptr);
  // The newer answer replaces the stale one.
  cache.Insert(key, "uuid@8", Answer(R"({"total":2})"));
  CHECK(cache.Find(key, "uuid@7") == nullptr);
  REQUIRE(cache.Find(key, "uuid@8") != nullptr);
  const SearchCache::Stats stats = cache.stats();
  CHECK(stats.entries == 1);
  CHECK(stats.hits == 2);
  CHECK(stats.misses == 7);
}

TEST_CASE("The answer cache stays within its bytes and lets the least recently used go first", "[server]") {
  constexpr std::size_t kCapacity = 256 * 1024;
  SearchCache cache(kCapacity);
  const auto answer = Answer(std::string(3000, 'x') + "incompressible? no, but the charge counts the gzip size");
  const std::string often = SearchCacheKey("asked often", 20, 0, true);
  cache.Insert(often, "v", answer);
  for (int i = 0; i < 5000; ++i) {
    cache.Insert(SearchCacheKey("query " + std::to_string(i), 20, 0, true), "v", answer);
    REQUIRE(cache.Find(often, "v") != nullptr);
  }
  const SearchCache::Stats stats = cache.stats();
  CHECK(stats.bytes <= kCapacity);
  CHECK(stats.entries < 5000);
  CHECK(cache.Find(SearchCacheKey("query 0", 20, 0, true), "v") == nullptr);      // long gone
  CHECK(cache.Find(SearchCacheKey("query 4999", 20, 0, true), "v") != nullptr);  // just kept
}

TEST_CASE("An answer cache of no bytes keeps nothing", "[server]") {
  SearchCache cache(0);
  CHECK_FALSE(cache.enabled());
  cache.Insert("k", "v", Answer("{}"));
  CHECK(cache.Find("k", "v") == nullptr);
  CHECK(cache.stats().entries == 0);
}

TEST_CASE("Search answers come from the cache until the index changes", "[server]") {
  OnePersonArchive archive;
  AppContext app(ResolveOptions(server_test::TestOptions(archive.dir(), true), 8080));

  const AppContext::SearchAnswer first = app.AnswerSearch(Query("nguyen van"), false);
  CHECK_FALSE(first.cached);
  CHECK_FALSE(first.gzip);
  CHECK(json::parse(first.body)["total"] == 1);
  const AppContext::SearchAnswer again = app.AnswerSearch(Query("nguyen van"), false);
  CHECK(again.cached);
  CHECK(again.body == first.body);
  const AppContext::SearchAnswer deflated = app.AnswerSearch(Query("nguyen van"), true);
  CHECK(deflated.cached);
  CHECK(deflated.gzip);
  CHECK(Gunzip(deflated.body) == first.body);

  // A record indexed meanwhile (by another process, as an ingest would) is in
  // the next answer once the searcher has looked again (within a second).
  archive.Put(server_test::Person("van-2", "Nguyễn Văn Vân", 1940, "Lộc Yên", "Cao Lộc",
                                  "Huy chương Kháng chiến hạng Nhì", "543/QĐ-CTN", "1975-08-10"));
  archive.Index();
  int total = 1;
  bool cached = true;
  for (int i = 0; i < 40 && total == 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const AppContext::SearchAnswer now = app.AnswerSearch(Query("nguyen van"), false);
    total = json::parse(now.body)["total"].get<int>();
    cached = now.cached;
  }
  CHECK(total == 2);
  CHECK_FALSE(cached);
  CHECK(app.AnswerSearch(Query("nguyen van"), false).cached);
}

TEST_CASE("The event loop's look at the cache answers only what is kept, never searching", "[server]") {
  OnePersonArchive archive;
  AppContext app(ResolveOptions(server_test::TestOptions(archive.dir(), true), 8080));
  // No searcher opened yet: nothing to ask, so no answer (a worker opens one).
  CHECK_FALSE(app.CachedSearchAnswer(Query("nguyen van"), false));
  const AppContext::SearchAnswer searched = app.AnswerSearch(Query("nguyen van"), false);
  CHECK_FALSE(app.CachedSearchAnswer(Query("thach"), false));  // never asked
  CHECK(app.search_cache().stats().misses == 2);                 // looked, not searched
  const std::optional<AppContext::SearchAnswer> kept = app.CachedSearchAnswer(Query("nguyen van"), true);
  REQUIRE(kept);
  CHECK(kept->cached);
  CHECK(kept->gzip);
  CHECK(Gunzip(kept->body) == searched.body);
  const std::optional<AppContext::SearchAnswer> plain = app.CachedSearchAnswer(Query("nguyen van"), false);
  REQUIRE(plain);
  CHECK(plain->body == searched.body);
}

TEST_CASE("Search answers the same with or without the cache", "[server]") {
  OnePersonArchive archive;
  ServerOptions options = ResolveOptions(server_test::TestOptions(archive.dir(), true), 8080);
  AppContext with_cache(options);
  options.search_cache_mib = 0;
  AppContext without(options);
  for (const char* q : {"nguyen van thach", "thach", "543/QĐ-CTN", "", "khong co ai"}) {
    INFO(q);
    const std::string expected = without.AnswerSearch(Query(q), false).body;
    CHECK_FALSE(without.AnswerSearch(Query(q), false).cached);
    CHECK(with_cache.AnswerSearch(Query(q), false).body == expected);
    CHECK(with_cache.AnswerSearch(Query(q), false).body == expected);
    CHECK(Gunzip(without.AnswerSearch(Query(q), true).body) == expected);
  }
}

TEST_CASE("The server sends search answers gzip-deflated to clients that accept it", "[server]") {
  OnePersonArchive archive;
  Server server = Server::Start(server_test::TestOptions(archive.dir(), true));
  const std::string target = "/api/search?q=" + server_test::UrlEncode("nguyen van thach");
  const server_test::HttpResult plain = server_test::Get(server.port(), target);
  const server_test::HttpResult deflated =
      server_test::Http(server.port(), "GET", target, {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(plain.status == 200);
  REQUIRE(deflated.status == 200);
  CHECK(plain.header("content-encoding").empty());
  CHECK(deflated.header("content-encoding") == "gzip");
  CHECK(deflated.header("vary") == "Accept-Encoding");
  CHECK(deflated.header("cache-control") == "no-store");
  CHECK(json::parse(Gunzip(deflated.body)) == json::parse(plain.body));
  CHECK(json::parse(plain.body)["hits"][0]["id"] == "thach-1");
}
