#include "ingest/csv_import.h"

#include <catch2/catch.hpp>

#include "store/records.h"
#include "test_support.h"
#include "text/legacy_encoding.h"

using namespace sovang;

TEST_CASE("CSV headers map by record key or by the usual Vietnamese title", "[ingest][csv]") {
  const struct { const char* header; FieldId field; } cases[] = {
      {"full_name", FieldId::kFullName},         {"Họ và tên", FieldId::kFullName},
      {"HỌ VÀ TÊN", FieldId::kFullName},         {"Họ tên", FieldId::kFullName},
      {"birth_year", FieldId::kBirthYear},       {"Năm sinh", FieldId::kBirthYear},
      {"Quê quán", FieldId::kCommune},           {"commune", FieldId::kCommune},
      {"Số quyết định", FieldId::kDecisionNumber}, {"decision_number", FieldId::kDecisionNumber},
      {"Ngày quyết định", FieldId::kDecisionDate}, {"Hình thức khen thưởng", FieldId::kAward},
      {"Số sổ vàng", FieldId::kBookNumber},      {"Giới tính", FieldId::kGender},
  };
  for (const auto& c : cases) {
    INFO(c.header);
    REQUIRE(ingest::FieldOfHeader(c.header));
    CHECK(*ingest::FieldOfHeader(c.header) == c.field);
  }
  CHECK_FALSE(ingest::FieldOfHeader("Ghi chú"));
}

TEST_CASE("CSV parsing follows RFC 4180 and finds the delimiter", "[ingest][csv]") {
  const auto rows = ingest::ParseCsv("a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1] == std::vector<std::string>{"1", "x;y", "say \"hi\""});
}

TEST_CASE("A UTF-8 list becomes records with hometown split and award mapped to the catalog", "[ingest][csv]") {
  const std::string csv =
      "STT,Họ và tên,Năm sinh,Quê quán,Hình thức khen thưởng,Số quyết định,Ngày quyết định\n"
      "1,Nguyễn Văn Thạch,1932,\"xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn\",Huân chương Kháng chiến hạng Nhất,543/QĐ-CTN,10/8/1975\n"
      "2,,1930,,,,\n"
      "3,Hoàng Thị Ánh,19xx,Hòa Cư - Cao Lộc - Lạng Sơn,Huân chương Kháng chiến hạng Nhì,543/QĐ-CTN,10/8/1975\n";
  const auto result = ingest::ReadCsvRecords(csv, "danh-sach.csv", std::string(64, 'b'));
  REQUIRE(result.records.size() == 2);
  REQUIRE(result.bad_rows.size() == 1);
  CHECK(result.bad_rows[0].file == "danh-sach.csv (dòng 3)");

  const Record& a = result.records[0];
  CHECK(a.value(FieldId::kFullName) == "Nguyễn Văn Thạch");
  CHECK(a.value(FieldId::kBirthYear) == "1932");
  CHECK(a.value(FieldId::kCommune) == "Lộc Yên");
  CHECK(a.value(FieldId::kDistrict) == "Cao Lộc");
  CHECK(a.value(FieldId::kProvince) == "Lạng Sơn");
  CHECK_FALSE(a.value(FieldId::kAwardCode).empty());
  CHECK(a.value(FieldId::kDecisionDate) == "1975-08-10");
  CHECK(a.source.row == 2);
  CHECK(a.review == ReviewState::kAuto);

  const Record& b = result.records[1];
  CHECK(b.value(FieldId::kCommune) == "Hòa Cư");
  CHECK(b.value(FieldId::kBirthYear).empty());  // "19xx" is kept verbatim only
  CHECK(b[FieldId::kBirthYear].verbatim == "19xx");
  CHECK(b.review == ReviewState::kNeedsReview);
}

TEST_CASE("Legacy-encoded lists are detected and converted", "[ingest][csv]") {
  const std::string utf8 = "Họ và tên,Năm sinh\nNguyễn Văn Thạch,1932\n";
  // UTF-16 LE with a BOM, as Excel writes "Unicode text".
  std::string utf16 = "\xFF\xFE";
  for (unsigned char c : std::string("full_name,birth_year\nLe Van Tam,1940\n")) {
    utf16.push_back(static_cast<char>(c));
    utf16.push_back('\0');
  }
  const auto from16 = ingest::ReadCsvRecords(utf16, "u16.csv", std::string(64, 'c'));
  REQUIRE(from16.records.size() == 1);
  CHECK(from16.records[0].value(FieldId::kFullName) == "Le Van Tam");

  const auto from8 = ingest::ReadCsvRecords(utf8, "u8.csv", std::string(64, 'd'));
  REQUIRE(from8.records.size() == 1);
  CHECK(from8.records[0].value(FieldId::kFullName) == "Nguyễn Văn Thạch");
}

TEST_CASE("Importing a CSV twice adds nothing, and its rows are searchable provenance", "[ingest][csv]") {
  test::TempDir dir;
  ArchiveLayout layout(dir.path() / "archive");
  layout.CreateDirectories();
  store::Database db = store::Database::Open(layout.db());
  index::Indexer indexer = index::Indexer::Open(layout.index_dir());
  test::WriteFile(dir.path() / "ds.csv", "full_name,birth_year,commune\nLương Văn Slương,1921,Kháng Chiến\nBế Thị Sỉư,1925,Đào Viên\n");
  const auto first = ingest::ImportCsv(layout, db, indexer, {dir.path() / "ds.csv"});
  CHECK(first.records == 2);
  CHECK(first.failed.empty());
  const auto second = ingest::ImportCsv(layout, db, indexer, {dir.path() / "ds.csv"});
  CHECK(second.skipped == 1);
  CHECK(second.records == 0);
  CHECK(store::Records(db).Count() == 2);
  CHECK(indexer.DocumentCount() == 2);
}
