// Whole pages through ExtractRecords: canned OCR output (lines of words with
// made-up boxes and confidences), no Tesseract.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "ingest/extract.h"
#include "ingest/ledger_columns.h"
#include "test_support.h"

namespace {

using sovang::AwardCatalog;
using sovang::Box;
using sovang::FieldId;
using sovang::Gazetteer;
using sovang::PageKind;
using sovang::Record;
using sovang::ReviewState;
using sovang::ocr::Cell;
using sovang::ocr::Line;
using sovang::ocr::RecognizedPage;
using sovang::ocr::Table;
using sovang::ocr::Word;

constexpr double kGood = 0.95;

Line MakeLine(const std::string& text, int x, int y, double confidence = kGood) {
  return sovang::test::LineAt(text, x, y, confidence);
}

// A page of text lines, one every 60 px; an indented line starts with spaces.
RecognizedPage Lines(const std::string& text) {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  std::istringstream in(text);
  std::string line;
  int y = 100;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(' ') == std::string::npos) {
      y += 60;
      continue;
    }
    const std::size_t indent = line.find_first_not_of(' ');
    page.lines.push_back(MakeLine(line.substr(indent), 100 + static_cast<int>(indent) * 20, y));
    y += 60;
  }
  page.mean_confidence = kGood;
  return page;
}

// A ruled table below the page's lines: rows of cells, '\n' inside a cell for its lines.
void AddTable(RecognizedPage& page, const std::vector<std::vector<std::string>>& rows, const std::vector<int>& widths) {
  Table table;
  table.rows = static_cast<int>(rows.size());
  table.cols = static_cast<int>(widths.size());
  int y = page.lines.empty() ? 100 : page.lines.back().box.y + 100;
  for (int r = 0; r < table.rows; ++r) {
    int x = 100, height = 60;
    for (int c = 0; c < table.cols; ++c) {
      Cell cell;
      cell.row = r;
      cell.col = c;
      const std::string& text = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      std::istringstream in(text);
      std::string part;
      int ly = y + 10;
      while (std::getline(in, part)) {
        if (!part.empty()) cell.lines.push_back(MakeLine(part, x + 10, ly));
        ly += 50;
      }
      height = std::max(height, ly - y + 10);
      cell.box = Box{x, y, widths[static_cast<std::size_t>(c)], 0};
      table.cells.push_back(std::move(cell));
      x += widths[static_cast<std::size_t>(c)];
    }
    for (auto& cell : table.cells)
      if (cell.row == r) cell.box.h = height;
    y += height;
  }
  page.table = std::move(table);
}

// Lowers the OCR confidence of every word equal to `word`.
void Doubt(RecognizedPage& page, const std::string& word, double confidence) {
  auto lower = [&](std::vector<Line>& lines) {
    for (auto& line : lines)
      for (auto& w : line.words)
        if (w.text == word) w.confidence = confidence;
  };
  lower(page.lines);
  if (page.table)
    for (auto& cell : page.table->cells) lower(cell.lines);
}

std::vector<Record> Extract(const RecognizedPage& page, bool post_correct = true) {
  sovang::SourceRef source;
  source.file = "p001.tif";
  source.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  source.page = 1;
  sovang::ingest::ExtractContext context{AwardCatalog::Default(), Gazetteer::Default(), source};
  context.post_correct = post_correct;
  return sovang::ingest::ExtractRecords(page, context);
}

const std::string& V(const Record& r, FieldId id) { return r.value(id); }

}  // namespace

TEST_CASE("An annex list with group headings and wrapped entries gives one record per entry", "[extract]") {
  RecognizedPage page = Lines(
      "CHỦ TỊCH NƯỚC\n"
      "DANH SÁCH\n"
      "Cá nhân được khen thưởng thành tích kháng chiến\n"
      "(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975\n"
      "của Chủ tịch nước)\n"
      "\n"
      "I. Huân chương Kháng chiến hạng Nhất:\n"
      "1. Ông Nguyễn Văn Thạch, sinh năm 1932; quê quán: xã Lộc Yên, huyện\n"
      "   Cao Lộc, tỉnh Lạng Sơn;\n"
      "2. Bà Hoàng Thị Lan, sinh năm 1930; quê quán: xã Hoàng Đồng, thị xã Lạng Sơn,\n"
      "   tỉnh Lạng Sơn; du kích xã;\n"
      "II. Huân chương Kháng chiến hạng Nhì:\n"
      "3. Ông Nông Slương Pả, sinh năm 1928; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
      "\n"
      "\n"
      "(Danh sách này có 3 cá nhân)\n");
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kAnnex);
  const auto records = Extract(page);
  REQUIRE(records.size() == 3);

  const Record& a = records[0];
  CHECK(V(a, FieldId::kFullName) == "Nguyễn Văn Thạch");
  CHECK(V(a, FieldId::kGender) == "nam");
  CHECK(V(a, FieldId::kBirthYear) == "1932");
  CHECK(V(a, FieldId::kCommune) == "Lộc Yên");
  CHECK(V(a, FieldId::kDistrict) == "Cao Lộc");
  CHECK(V(a, FieldId::kProvince) == "Lạng Sơn");
  CHECK(V(a, FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(V(a, FieldId::kAward) == "Huân chương Kháng chiến hạng Nhất");
  CHECK(V(a, FieldId::kDecisionNumber) == "803/QĐ-CTN");
  CHECK(V(a, FieldId::kDecisionDate) == "1975-08-10");
  CHECK(V(a, FieldId::kAuthority) == "Chủ tịch nước");
  CHECK(a.kind == PageKind::kAnnex);
  CHECK(a.id == sovang::MakeRecordId(a.source.sha256, 1, 1));
  CHECK(a.review == ReviewState::kAuto);
  // The record's box is its two lines; the name's box its three words.
  CHECK(a.source.bbox.h > 60);
  CHECK(a[FieldId::kFullName].box.y == a.source.bbox.y);
  CHECK(a[FieldId::kFullName].verbatim == "Nguyễn Văn Thạch");

  CHECK(V(records[1], FieldId::kGender) == "nữ");
  CHECK(V(records[1], FieldId::kDistrict) == "Lạng Sơn");
  CHECK(V(records[1], FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(V(records[2], FieldId::kAwardCode) == "HCKC-CP-2");
  CHECK(V(records[2], FieldId::kFullName) == "Nông Slương Pả");
  CHECK(records[2].id == sovang::MakeRecordId(a.source.sha256, 1, 3));
}

TEST_CASE("A certificate gives one record with its decision and book number", "[extract]") {
  RecognizedPage page = Lines(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "CHỦ TỊCH NƯỚC\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TẶNG\n"
      "Huân chương Kháng chiến chống Mỹ, cứu nước\n"
      "hạng Nhì\n"
      "Bà Lương Thị Mận\n"
      "Sinh năm: 1941\n"
      "Quê quán: xã Hoàng Đồng, thị xã Lạng Sơn, tỉnh Lạng Sơn\n"
      "Đã có thành tích trong cuộc kháng chiến chống Mỹ, cứu nước\n"
      "Hà Nội, ngày 2 tháng 9 năm 1986\n"
      "Số quyết định: 47-NQ/HĐNN7\n"
      "ngày 20/8/1986\n"
      "Số sổ vàng: 73372\n"
      "CHỦ TỊCH HỘI ĐỒNG NHÀ NƯỚC\n"
      "Trường Chinh\n");
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kCertificate);
  const auto records = Extract(page);
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(r.kind == PageKind::kCertificate);
  CHECK(V(r, FieldId::kFullName) == "Lương Thị Mận");
  CHECK(V(r, FieldId::kGender) == "nữ");
  CHECK(V(r, FieldId::kBirthYear) == "1941");
  CHECK(V(r, FieldId::kCommune) == "Hoàng Đồng");
  CHECK(V(r, FieldId::kDistrict) == "Lạng Sơn");
  CHECK(V(r, FieldId::kProvince) == "Lạng Sơn");
  CHECK(V(r, FieldId::kAwardCode) == "HCKC-CM-2");
  CHECK(V(r, FieldId::kDecisionNumber) == "47-NQ/HĐNN7");
  CHECK(V(r, FieldId::kDecisionDate) == "1986-08-20");
  CHECK(V(r, FieldId::kBookNumber) == "73372");
  // Printed on top: the state title lines carry no authority, "CHỦ TỊCH NƯỚC" does.
  CHECK(V(r, FieldId::kAuthority) == "Chủ tịch nước");
  CHECK(r.review == ReviewState::kAuto);
}

TEST_CASE("A ledger table with columns in an unusual order and one missing maps each row", "[extract]") {
  RecognizedPage page = Lines(
      "UBND TỈNH LẠNG SƠN\n"
      "SỔ VÀNG KHEN THƯỞNG\n"
      "Quyển số 3\n");
  // No birth year column; the book number comes first; a header read with OCR damage.
  AddTable(page,
           {{"Số sổ vàng", "STT", "Họ và tèn", "Hình thức khen thưởng", "Quê quán", "Số và ngày quyết định"},
            {"12031", "41", "Hoàng Văn Sính", "HCKC hạng Nhì", "Lộc Yên - Cao Lộc", "543/QĐ-CTN\n10/8/1975"},
            {"12032", "42", "Vi Thị Hoa", "Huy chương Kháng chiến hạng Nhất", "Tân Liên, Cao Lộc, Lạng Sơn",
             "1502/2005/QĐ-CTN ngày 3/9/2005"},
            {"", "", "", "", "", "(tiếp)"}},
           {300, 120, 500, 600, 600, 500});
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kLedger);
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  const Record& a = records[0];
  CHECK(a.kind == PageKind::kLedger);
  CHECK(V(a, FieldId::kBookNumber) == "12031");
  CHECK(V(a, FieldId::kFullName) == "Hoàng Văn Sính");
  CHECK_FALSE(a[FieldId::kBirthYear].present());
  CHECK(V(a, FieldId::kAwardCode) == "HCKC-CP-2");
  CHECK(V(a, FieldId::kAward) == "Huân chương Kháng chiến hạng Nhì");
  CHECK(V(a, FieldId::kCommune) == "Lộc Yên");
  CHECK(V(a, FieldId::kDistrict) == "Cao Lộc");
  CHECK_FALSE(a[FieldId::kProvince].present());
  CHECK(V(a, FieldId::kDecisionNumber) == "543/QĐ-CTN");
  CHECK(V(a, FieldId::kDecisionDate) == "1975-08-10");
  // From the decision's issuer, not from the book keeper's letterhead.
  CHECK(V(a, FieldId::kAuthority) == "Chủ tịch nước");
  CHECK(a.review == ReviewState::kAuto);

  const Record& b = records[1];
  CHECK(V(b, FieldId::kAwardCode) == "HUYCKC-CP-1");
  CHECK(V(b, FieldId::kDecisionNumber) == "1502/2005/QĐ-CTN");
  CHECK(V(b, FieldId::kDecisionDate) == "2005-09-03");
  CHECK(V(b, FieldId::kProvince) == "Lạng Sơn");
  CHECK(b.source.bbox.y > a.source.bbox.y);
}

TEST_CASE("A ledger page states the decision and award once in its caption", "[extract]") {
  RecognizedPage page = Lines(
      "SỔ VÀNG KHEN THƯỞNG\n"
      "Quyển số 2 — Huân chương Kháng chiến chống Mỹ, cứu nước hạng Ba\n"
      "Theo Quyết định số 163/QĐ-UBND ngày 5 tháng 3 năm 1985 của Chủ tịch UBND tỉnh\n");
  AddTable(page, {{"STT", "Họ và tên", "Năm sinh"}, {"1", "Bế Văn Lềnh", "1939"}, {"2", "La Thị Nọi", "l94O"}},
           {120, 500, 200});
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  for (const Record& r : records) {
    CHECK(V(r, FieldId::kAwardCode) == "HCKC-CM-3");
    CHECK(V(r, FieldId::kDecisionNumber) == "163/QĐ-UBND");
    CHECK(V(r, FieldId::kDecisionDate) == "1985-03-05");
    CHECK(V(r, FieldId::kAuthority) == "Chủ tịch UBND tỉnh");
  }
  // "l94O": O and l read for digits, repaired but a little less sure.
  CHECK(V(records[1], FieldId::kBirthYear) == "1940");
  CHECK(records[1][FieldId::kBirthYear].verbatim == "l94O");
  CHECK(records[1][FieldId::kBirthYear].confidence < records[0][FieldId::kBirthYear].confidence);
}

TEST_CASE("A ledger read without its table falls back to the header line's columns", "[extract]") {
  RecognizedPage page = Lines(
      "SỔ VÀNG KHEN THƯỞNG\n"
      "STT   Họ và tên            Năm sinh   Hình thức khen thưởng\n"
      "1     Nông Văn Pác         1931       HCKC hạng Ba\n"
      "2     Lăng Thị Nhàn        1935       HCKC hạng Nhì\n");
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kLedger);
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Nông Văn Pác");
  CHECK(V(records[0], FieldId::kBirthYear) == "1931");
  CHECK(V(records[0], FieldId::kAwardCode) == "HCKC-CP-3");
  CHECK(V(records[1], FieldId::kFullName) == "Lăng Thị Nhàn");
  CHECK(V(records[1], FieldId::kAwardCode) == "HCKC-CP-2");
}

TEST_CASE("Low-confidence words make a record need review", "[extract]") {
  const std::string text =
      "DANH SÁCH\n"
      "Cá nhân được tặng thưởng Huân chương Kháng chiến hạng Ba\n"
      "(Kèm theo Quyết định số 205/2005/QĐ/CTN ngày 3/2/2005 của Chủ tịch nước)\n"
      "1. Ông Triệu Văn Tùng, sinh năm 1935; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
      "2. Ông Chu Văn Hùng, sinh năm 1936; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n";
  RecognizedPage page = Lines(text);
  auto records = Extract(page);
  REQUIRE(records.size() == 2);
  CHECK(records[0].review == ReviewState::kAuto);
  CHECK(records[1].review == ReviewState::kAuto);
  CHECK(V(records[0], FieldId::kDecisionNumber) == "205/2005/QĐ/CTN");

  Doubt(page, "Hùng,", 0.35);
  records = Extract(page);
  REQUIRE(records.size() == 2);
  CHECK(records[0].review == ReviewState::kAuto);
  CHECK(records[1].review == ReviewState::kNeedsReview);
  CHECK(records[1][FieldId::kFullName].confidence < 0.8);
  CHECK(records[1].confidence == records[1][FieldId::kFullName].confidence);
}

TEST_CASE("Records missing a name or an award, or with values that fail validation, need review", "[extract]") {
  const auto records =
      Extract(Lines("DANH SÁCH\n"
                    "(Kèm theo Quyết định số 803/QĐ-CTN ngày 10/8/1975 của Chủ tịch nước)\n"
                    "1. Ông Hà Văn Khe, sinh năm 1932; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
                    "2. Ông Hà Văn Khe, sinh năm 2932; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"));
  REQUIRE(records.size() == 2);
  // No heading names the award: nobody knows which it is.
  CHECK_FALSE(records[0][FieldId::kAward].present());
  CHECK(records[0].review == ReviewState::kNeedsReview);
  // A year out of range is kept as read, without a value.
  CHECK(records[1][FieldId::kBirthYear].verbatim == "2932");
  CHECK_FALSE(records[1][FieldId::kBirthYear].present());
}

TEST_CASE("Annex pages after the first inherit the decision and the award", "[extract]") {
  const auto first =
      Extract(Lines("DANH SÁCH\n"
                    "Cá nhân được tặng thưởng Huân chương Kháng chiến hạng Ba\n"
                    "(Kèm theo Quyết định số 803/QĐ-CTN ngày 10/8/1975 của Chủ tịch nước)\n"
                    "1. Ông Hà Văn Khe, sinh năm 1932; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
                    "2. Ông Hà Văn Sơn, sinh năm 1933; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"));
  auto second =
      Extract(Lines("- 2 -\n"
                    "3. Ông Hà Văn Hải, sinh năm 1934; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
                    "4. Bà Hà Thị Hoa, sinh năm 1935; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"));
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 2);
  CHECK(second[0].review == ReviewState::kNeedsReview);
  sovang::ingest::InheritFromPreviousPage(first, second);
  for (const Record& r : second) {
    CHECK(V(r, FieldId::kDecisionNumber) == "803/QĐ-CTN");
    CHECK(V(r, FieldId::kDecisionDate) == "1975-08-10");
    CHECK(V(r, FieldId::kAwardCode) == "HCKC-CP-3");
    CHECK(r.review == ReviewState::kAuto);
  }
}

TEST_CASE("Annex entries whose numbers OCR lost, split or misread are still entries", "[extract]") {
  RecognizedPage page = Lines(
      "DANH SÁCH\n"
      "Cá nhân được tặng thưởng Huân chương Kháng chiến hạng Nhì\n"
      "(Kèm theo Quyết định số 803/QĐ-CTN ngày 10/8/1975 của Chủ tịch nước)\n"
      "1. Ông Hà Văn Khe - Sinh năm: 1932 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh\n"
      "   Lạng Sơn\n"
      ". Bà Hà Thị Nga - Sinh năm: 1921 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn\n"
      "3\n"
      ". Ông Vi Văn Pả - Sinh năm: 1909 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn\n"
      "o4. Ông Bế Văn Sính - Sinh năm: 1930 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh\n"
      "   Lạng Sơn\n"
      "m: Ông Lục Văn Tài - Sinh năm: 1929 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn\n"
      "Huân chương Kháng chiến hạng Ba:\n"
      "5. Ông Nông Văn Nam - Sinh năm: 1931 - Quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn\n"
      "   O1 + C1 2\n");
  Doubt(page, "O1", 0.3);
  Doubt(page, "+", 0.3);
  Doubt(page, "C1", 0.5);
  Doubt(page, "2", 0.5);
  const auto records = Extract(page);
  REQUIRE(records.size() == 6);
  const char* names[] = {"Hà Văn Khe", "Hà Thị Nga", "Vi Văn Pả", "Bế Văn Sính", "Lục Văn Tài", "Nông Văn Nam"};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO(i);
    CHECK(V(records[i], FieldId::kFullName) == names[i]);
    CHECK(V(records[i], FieldId::kProvince) == "Lạng Sơn");
  }
  CHECK(V(records[1], FieldId::kGender) == "nữ");
  // The wrapped "Lạng Sơn" belongs to entry 4, not to the heading under it.
  CHECK(V(records[3], FieldId::kAwardCode) == "HCKC-CP-2");
  CHECK(V(records[4], FieldId::kAwardCode) == "HCKC-CP-2");
  CHECK(V(records[5], FieldId::kAwardCode) == "HCKC-CP-3");
}

TEST_CASE("Ledger rows agree on their shared decision and book-number run", "[extract]") {
  RecognizedPage page = Lines("SỔ VÀNG KHEN THƯỞNG\n");
  AddTable(page,
           {{"STT", "Họ và tên", "Năm sinh", "Hình thức khen thưởng", "Số và ngày quyết định", "Số sổ vàng"},
            {"1", "Hà Văn Tùng", "1952", "HCKC hạng Ba", "802/QĐ-CTN 13/9/2007", "15836"},
            {"2", "Lăng Văn Mìu", "41951", "HCKC hạng Ba", "802/QĐ-CTN 13/9/2007", "415837"},
            {"3", "Vi Văn Tiến", "1950", "HCKC hạng Ba", "892/QĐ-CTN 13/9/2007", "15838"},
            {"4", "Lộc Văn Thành", "1916", "HCKC hạng Ba", "802/QĐ-CTN 13/9/2907", "15840"},
            {"5", "Hứa Thị Thủy", "1940", "HCKC hạng Ba", "802/QĐ-CTN 13/9/2007", "5/841"}},
           {100, 400, 150, 400, 500, 200});
  const auto records = Extract(page);
  REQUIRE(records.size() == 5);
  for (const Record& r : records) {
    INFO(V(r, FieldId::kFullName));
    CHECK(V(r, FieldId::kDecisionNumber) == "802/QĐ-CTN");
    CHECK(V(r, FieldId::kDecisionDate) == "2007-09-13");
  }
  // Repaired values keep what was read, and are left for a person to confirm.
  CHECK(records[2][FieldId::kDecisionNumber].verbatim == "892/QĐ-CTN");
  CHECK(records[2].review == ReviewState::kNeedsReview);
  CHECK(records[3].review == ReviewState::kNeedsReview);
  // A table rule read as a digit next to the year and the book number.
  CHECK(V(records[1], FieldId::kBirthYear) == "1951");
  CHECK(V(records[1], FieldId::kBookNumber) == "15837");
  CHECK(records[1].review == ReviewState::kNeedsReview);
  CHECK(records[4][FieldId::kBookNumber].confidence < 0.8);
}

TEST_CASE("A doubtful decision number makes every entry that shares it need review", "[extract]") {
  const std::string text =
      "DANH SÁCH\n"
      "Cá nhân được tặng thưởng Huân chương Kháng chiến hạng Ba\n"
      "(Kèm theo Quyết định số 168O/QĐ-CTN ngày 19/10/1966 của Chủ tịch nước)\n"
      "1. Ông Triệu Văn Tùng, sinh năm 1935; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
      "2. Ông Chu Văn Hùng, sinh năm 1936; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n";
  // A digit repaired ("168O") on a word read with doubt.
  RecognizedPage page = Lines(text);
  Doubt(page, "168O/QĐ-CTN", 0.6);
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  for (const Record& r : records) {
    CHECK(V(r, FieldId::kDecisionNumber) == "1680/QĐ-CTN");
    CHECK(r.review == ReviewState::kNeedsReview);
  }
  // Tesseract is often unsure of numbers it reads right (an italic title, a
  // fraction slash): a well-formed number of a known issuer, its digits as
  // read, is taken whatever its confidence.
  RecognizedPage clean = Lines(text.substr(0, text.find("168O")) + "1680" + text.substr(text.find("168O") + 4));
  Doubt(clean, "1680/QĐ-CTN", 0.3);
  for (const Record& r : Extract(clean)) {
    CHECK(V(r, FieldId::kDecisionNumber) == "1680/QĐ-CTN");
    CHECK(r.review == ReviewState::kAuto);
  }
}

TEST_CASE("Places are resolved as they were named at the decision's date", "[extract]") {
  // Đông Kinh belonged to the town (thị xã) Lạng Sơn in 1957; in 2025 it is a
  // ward of the province itself.
  RecognizedPage page = Lines("SỔ VÀNG KHEN THƯỞNG\n");
  AddTable(page,
           {{"STT", "Họ và tên", "Quê quán", "Hình thức khen thưởng", "Số và ngày quyết định"},
            {"1", "Sầm Hữu Mạnh", "Đông Kinh - Lạng Sơn", "Huy chương Chiến thắng hạng Nhì", "1782/QĐ-CTN 6/12/1957"}},
           {100, 400, 500, 600, 500});
  const auto records = Extract(page);
  REQUIRE(records.size() == 1);
  CHECK(V(records[0], FieldId::kCommune) == "Đông Kinh");
  CHECK(V(records[0], FieldId::kDistrict) == "Lạng Sơn");
  CHECK_FALSE(records[0][FieldId::kProvince].present());
}

TEST_CASE("An annex title naming the award covers entries without headings, collectives included", "[extract]") {
  const auto records =
      Extract(Lines("DANH SÁCH\n"
                    "tập thể và cá nhân được tặng thưởng Huân chương Chiến thắng hạng Ba\n"
                    "(Kèm theo Quyết định số 17-TTg ngày 3-2-1960 của Thủ tướng Chính phủ)\n"
                    "1. Nhân dân và cán bộ xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"
                    "2. Ông Lục Văn Pả, sinh năm 1920; quê quán: xã Lộc Yên, huyện Cao Lộc, tỉnh Lạng Sơn;\n"));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Nhân dân và cán bộ xã Lộc Yên");
  CHECK_FALSE(records[0][FieldId::kGender].present());
  for (const Record& r : records) {
    CHECK(V(r, FieldId::kAwardCode) == "HCCT-3");
    CHECK(V(r, FieldId::kDecisionNumber) == "17-TTg");
    CHECK(V(r, FieldId::kDecisionDate) == "1960-02-03");
    CHECK(V(r, FieldId::kAuthority) == "Thủ tướng Chính phủ");
  }
}

TEST_CASE("A posthumous certificate in capitals, its date on the line under the number", "[extract]") {
  const auto records =
      Extract(Lines("VIỆT NAM DÂN CHỦ CỘNG HÒA\n"
                    "Độc lập - Tự do - Hạnh phúc\n"
                    "CHỦ TỊCH NƯỚC VIỆT NAM DÂN CHỦ CỘNG HÒA\n"
                    "TRUY TẶNG\n"
                    "HUÂN CHƯƠNG KHÁNG CHIẾN HẠNG NHẤT\n"
                    "Liệt sĩ NÔNG VĂN SLẨY\n"
                    "Sinh năm: 1921\n"
                    "Quê quán: Lộc Yên, Cao Lộc, Lạng Sơn\n"
                    "Đã có thành tích trong cuộc kháng chiến chống thực dân Pháp\n"
                    "Số quyết định: 512/QĐ-CTN\n"
                    "ngày 12 tháng 3 năm 1958\n"
                    "Số sổ vàng: 4512\n"));
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  CHECK(V(r, FieldId::kFullName) == "Nông Văn Slẩy");
  CHECK(r[FieldId::kFullName].verbatim == "NÔNG VĂN SLẨY");
  CHECK_FALSE(r[FieldId::kGender].present());
  CHECK(V(r, FieldId::kAwardCode) == "HCKC-CP-1");
  CHECK(V(r, FieldId::kBirthYear) == "1921");
  CHECK(V(r, FieldId::kCommune) == "Lộc Yên");
  CHECK(V(r, FieldId::kDecisionNumber) == "512/QĐ-CTN");
  CHECK(V(r, FieldId::kDecisionDate) == "1958-03-12");
  CHECK(V(r, FieldId::kBookNumber) == "4512");
  CHECK(V(r, FieldId::kAuthority) == "Chủ tịch nước");
}

TEST_CASE("Pages that are none of the three kinds give no records", "[extract]") {
  CHECK(sovang::ingest::ClassifyPage(RecognizedPage{}) == PageKind::kOther);
  CHECK(Extract(RecognizedPage{}).empty());
  const RecognizedPage letter = Lines(
      "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Lạng Sơn\n"
      "Tôi tên là Hoàng Văn A, xin cấp lại Huân chương đã bị mất.\n");
  CHECK(sovang::ingest::ClassifyPage(letter) == PageKind::kOther);
  CHECK(Extract(letter).empty());
}

TEST_CASE("A ledger column the text alignment split in two is read as one", "[extract]") {
  RecognizedPage page = Lines(
      "SỔ VÀNG KHEN THƯỞNG\n"
      "Quyển số 5\n");
  // A table ruled only across: a gap that runs down the award and decision
  // columns made two columns of each.
  AddTable(page,
           {{"STT", "Họ và tên", "Hình thức", "khen thưởng", "Số và ngày", "quyết định", "Dân tộc"},
            {"264", "Hoàng Ngọc Tống", "Huy chương\nhạng Nhất", "Kháng chiến", "281/QĐ-CTN\n2/12/1978", "ngày", "Tày"}},
           {120, 500, 300, 300, 300, 200, 200});
  REQUIRE(sovang::ingest::ClassifyPage(page) == PageKind::kLedger);
  const auto records = Extract(page);
  REQUIRE(records.size() == 1);
  CHECK(V(records[0], FieldId::kFullName) == "Hoàng Ngọc Tống");
  CHECK(V(records[0], FieldId::kAwardCode) == "HUYCKC-CP-1");
  CHECK(V(records[0], FieldId::kDecisionNumber) == "281/QĐ-CTN");
  CHECK(V(records[0], FieldId::kDecisionDate) == "1978-12-02");
}

TEST_CASE("A ledger whose number, book-number and name columns OCR read as one cell still gives each row its name, book number and year",
          "[extract]") {
  CHECK(sovang::ingest::MatchHeader("Số STT số Họ và tên vàng").column == sovang::ingest::LedgerColumn::kName);
  CHECK(sovang::ingest::MatchHeader("Số sổ vàng").column == sovang::ingest::LedgerColumn::kBookNumber);
  RecognizedPage page = Lines(
      "UBND TỈNH LẠNG SƠN\n"
      "SỔ VÀNG KHEN THƯỞNG\n"
      "Quyển số 1\n");
  AddTable(page,
           {{"Số STT số Họ và tên vàng", "Quê quán", "Năm Chức vụ, sinh đơn vị", "Hình thức khen thưởng",
             "Số và ngày quyết định"},
            {"358 40130 Phan Văn Thủy", "Bình Trung, Cao Lộc, Lạng Sơn", "1909 Dân quân xã",
             "Huân chương Kháng chiến cho gia đình", "229-NQ/HĐNN8 21-8-1987"},
            {"359 40132 Đỗ Thị Mai", "Phú Xá, Cao Lộc, Lạng Sơn", "1892 Chiến sĩ Trung đoàn 28", "HCKC cho gia đình",
             "229-NQ/HĐNN8 ngày 21/8/1987"}},
           {700, 600, 400, 600, 500});
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Phan Văn Thủy");
  CHECK(V(records[0], FieldId::kBookNumber) == "40130");
  CHECK(V(records[1], FieldId::kFullName) == "Đỗ Thị Mai");
  CHECK(V(records[1], FieldId::kBookNumber) == "40132");
  // The year column merged with the unit's the same way.
  CHECK(V(records[0], FieldId::kBirthYear) == "1909");
  CHECK(V(records[1], FieldId::kBirthYear) == "1892");
}
