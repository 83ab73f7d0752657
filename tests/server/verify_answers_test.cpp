// Verification answers kept in memory (server/routes_verify.cpp): a code asked
// again is answered without the store, and never with an answer the store has
// moved past, whoever moved it: this server, or another process (an ingest, a
// command) writing the same archive.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "server/server.h"
#include "server_test_support.h"
#include "store/audit.h"
#include "store/certificates.h"
#include "store/database.h"

using nlohmann::json;
using namespace sovang;
using namespace sovang::server_test;

namespace {

json Verify(HttpConnection& connection, const std::string& code) {
  const HttpResult r = connection.Request("GET", "/api/verify/" + code);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

}  // namespace

TEST_CASE("A kept verification answer changes as soon as another connection changes the store", "[server][verify]") {
  TestArchive archive;
  archive.Put(Person("thach-1", "Nguyễn Văn Thạch", 1932, "Lộc Yên", "Cao Lộc", "Huân chương Kháng chiến hạng Nhất",
                     "543/QĐ-CTN", "1975-08-10"));
  archive.Put(Person("gd-3", "Vi Thị Lan", 1930, "Tân Thanh", "Văn Lãng", "Huân chương Kháng chiến hạng Ba",
                     "12/QĐ-CTN", "1983-02-05"));
  archive.Index();
  // Another process's connection, as `sovang ingest` or a command has.
  store::Database other = store::Database::Open(ArchiveLayout(archive.dir()).db());
  store::Certificates certificates(other);
  const store::Certificate thach = certificates.EnsureOriginal("thach-1");

  server::ServerOptions options = TestOptions(archive.dir(), /*open_access=*/false);
  options.verify_per_minute = 0;
  server::Server server = server::Server::Start(options);
  HttpConnection connection(server.port());

  // Asked again, and typed another way: the same answer.
  std::string typed = thach.code;
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const std::string& asked : {thach.code, thach.code, typed}) {
    const json v = Verify(connection, asked);
    CHECK(v["status"] == "valid");
    CHECK(v["recipient"] == "Nguyễn Văn Thạch");
    CHECK(v["certificate"]["code"] == thach.code);
  }

  // The record corrected elsewhere: the next answer prints the new name.
  other.Exec("UPDATE records SET full_name = 'Nguyễn Văn Thạch (Thạc)' WHERE id = 'thach-1'");
  CHECK(Verify(connection, thach.code)["recipient"] == "Nguyễn Văn Thạch (Thạc)");
  CHECK(Verify(connection, typed)["recipient"] == "Nguyễn Văn Thạch (Thạc)");

  // Revoked elsewhere: revoked at once, on the API and on the page.
  certificates.Revoke(thach.id, "cấp nhầm", store::SystemActor("test"));
  CHECK(Verify(connection, thach.code)["status"] == "revoked");
  const HttpResult page = connection.Request("GET", "/verify/" + thach.code);
  CHECK(page.body.find("data-status=\"revoked\"") != std::string::npos);

  // A code unknown a moment ago is known as soon as it is registered: a
  // "not found" is not kept past the store's next commit either.
  const std::string lan_code = certificates.EnsureOriginal("gd-3").code;
  other.Exec("DELETE FROM certificates WHERE code = '" + lan_code + "'");
  CHECK(Verify(connection, lan_code)["status"] == "unknown");
  CHECK(Verify(connection, lan_code)["status"] == "unknown");
  other.Exec("INSERT INTO certificates(record_id, code, kind, issued_at) VALUES ('gd-3', '" + lan_code +
             "', 'original', '2026-12-05T00:00:00Z')");
  const json lan = Verify(connection, lan_code);
  CHECK(lan["status"] == "valid");
  CHECK(lan["recipient"] == "Vi Thị Lan");
}
