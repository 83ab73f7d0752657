// Public verification under load: every lookup is logged even when many
// arrive at once (one commit per round of waiting rows, not per lookup), and
// the per-client limit can be turned off for a proxy or a load test.

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "crypto/verification_code.h"
#include "server/server.h"
#include "server_test_support.h"
#include "store/verification_log.h"

using namespace sovang;
using namespace sovang::server_test;

TEST_CASE("Concurrent lookups without a per-client limit are all answered and all logged", "[server][verify]") {
  TestArchive archive;
  server::ServerOptions options = TestOptions(archive.dir(), /*open_access=*/false);
  options.verify_per_minute = 0;
  server::Server server = server::Server::Start(options);

  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> unknown{0}, other{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&] {
      HttpConnection connection(server.port());
      for (int i = 0; i < kEach; ++i) {
        const HttpResult r = connection.Request("GET", "/api/verify/" + crypto::GenerateVerificationCode());
        if (r.status == 200 && nlohmann::json::parse(r.body)["status"] == "unknown") ++unknown;
        else ++other;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  CHECK(other == 0);
  CHECK(unknown == kThreads * kEach);  // far past the default 30 a minute, no 429
  server.Stop();

  CHECK(store::VerificationLog::Open(ArchiveLayout(archive.dir()).verification_log_db()).Count() ==
        kThreads * kEach);
}

TEST_CASE("The default per-client limit still answers a burst with 429", "[server][verify]") {
  TestArchive archive;
  server::Server server = server::Server::Start(TestOptions(archive.dir(), false));
  int limited = 0;
  for (int i = 0; i < 12; ++i)
    if (Get(server.port(), "/api/verify/" + crypto::GenerateVerificationCode()).status == 429) ++limited;
  CHECK(limited >= 1);  // a burst of 10, then 30 a minute
}

TEST_CASE("Lookups are logged while another process holds the archive (an ingest)", "[server][verify]") {
  TestArchive archive;
  server::ServerOptions options = TestOptions(archive.dir(), /*open_access=*/false);
  options.verify_per_minute = 0;
  server::Server server = server::Server::Start(options);
  {
    // What `sovang ingest` holds for its whole run.
    WriterLock ingest(ArchiveLayout(archive.dir()));
    HttpConnection connection(server.port());
    for (int i = 0; i < 10; ++i) {
      const HttpResult r = connection.Request("GET", "/api/verify/" + crypto::GenerateVerificationCode());
      CHECK(r.status == 200);
    }
    server.Stop();  // writes what is queued, the archive still held
  }
  CHECK(store::VerificationLog::Open(ArchiveLayout(archive.dir()).verification_log_db()).Count() == 10);
}
