// The staff view of one record (GET /api/records/{id}): besides the fields and
// the page image, its certificates with their verification codes and whether
// its award has a reissue path (the record page offers cấp đổi / cấp lại, or
// says why not).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "server/server.h"
#include "server_test_support.h"
#include "store/certificates.h"
#include "store/database.h"

using nlohmann::json;
using sovang::Box;
using sovang::server::Server;
using namespace sovang;
using namespace sovang::server_test;

TEST_CASE("The record detail lists the record's certificates and says whether its award can be reissued", "[server]") {
  TestArchive archive;
  const std::int64_t page = archive.AddPage("so-vang-1975.png", 600, 800);
  archive.Put(Person("thach-1", "Nguyễn Văn Thạch", 1932, "Lộc Yên", "Cao Lộc", "Huân chương Kháng chiến hạng Nhất",
                     "543/QĐ-CTN", "1975-08-10", page, Box{20, 100, 560, 90}));
  archive.Put(Person("gd-3", "Vi Thị Lan", 1930, "Tân Thanh", "Văn Lãng", "Bảng gia đình vẻ vang", "12-NQ/HĐNN7",
                     "1983-02-05"));
  archive.Put(Person("none-4", "Lương Văn Slương", 1928, "Tân Thanh", "Văn Lãng", "", "", ""));
  archive.Index();
  std::string code;
  {
    store::Database db = store::Database::Open(ArchiveLayout(archive.dir()).db());
    store::Certificates certificates(db);
    code = certificates.EnsureOriginal("thach-1").code;
    certificates.EnsureOriginal("gd-3");
  }
  Server server = Server::Start(TestOptions(archive.dir(), /*open_access=*/true));

  const HttpResult thach = Get(server.port(), "/api/records/thach-1");
  REQUIRE(thach.status == 200);
  const json a = json::parse(thach.body);
  REQUIRE(a["certificates"].size() == 1);
  CHECK(a["certificates"][0]["code"] == code);
  CHECK(a["certificates"][0]["kind"] == "original");
  CHECK(a["certificates"][0]["status"] == "valid");
  CHECK_FALSE(a["certificates"][0]["issued_at"].get<std::string>().empty());
  CHECK(a["reissue"]["possible"] == true);
  CHECK(a["reissue"]["reason"].is_null());
  CHECK(a["page_image"]["url"].is_string());

  const json b = json::parse(Get(server.port(), "/api/records/gd-3").body);
  CHECK(b["certificates"].size() == 1);
  CHECK(b["reissue"]["possible"] == false);
  CHECK(b["reissue"]["reason"].get<std::string>().find("Bảng gia đình vẻ vang") != std::string::npos);

  const json c = json::parse(Get(server.port(), "/api/records/none-4").body);
  CHECK(c["certificates"] == json::array());
  CHECK(c["reissue"]["possible"] == true);
}
