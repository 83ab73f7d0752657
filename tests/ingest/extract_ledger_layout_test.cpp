// Ledger pages whose layout OCR damaged: a header with a stain read as a
// word, a table whose rules a stain broke up on a skewed page, a page number
// under the table. Canned OCR output, no Tesseract.

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "ingest/award_match.h"
#include "ingest/extract.h"
#include "ingest/extract_text.h"
#include "ingest/field_parse.h"
#include "ingest/name_parse.h"
#include "ingest/post_correct.h"
#include "test_support.h"

namespace {

using sovang::AwardCatalog;
using sovang::Box;
using sovang::FieldId;
using sovang::Gazetteer;
using sovang::Record;
using sovang::ocr::Cell;
using sovang::ocr::Line;
using sovang::ocr::RecognizedPage;
using sovang::ocr::Table;

// One line made of pieces of text, each starting at its own x.
Line Pieces(const std::vector<std::pair<std::string, int>>& pieces, int y, double confidence = 0.95) {
  Line line;
  for (const auto& [text, x] : pieces) {
    const Line part = sovang::test::LineAt(text, x, y, confidence);
    line.words.insert(line.words.end(), part.words.begin(), part.words.end());
    line.box = Union(line.box, part.box);
  }
  return line;
}

// An annex list page of decision 803/QĐ-CTN: its title, the decision line, an
// award heading and the entries (lines from y = 320 on).
RecognizedPage AnnexPage(const std::string& heading, std::vector<Line> entries) {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines = {
      sovang::test::LineAt("DANH SÁCH", 1000, 100),
      sovang::test::LineAt("(Kèm theo Quyết định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước)", 200, 160),
      sovang::test::LineAt(heading, 200, 260)};
  for (Line& line : entries) page.lines.push_back(std::move(line));
  return page;
}

// Turns the page by a small angle: every word's y grows with its x (1 px in `run`).
void Skew(RecognizedPage& page, int run) {
  auto skew = [&](Line& line) {
    Box box;
    for (auto& w : line.words) {
      w.box.y += w.box.x / run;
      box = Union(box, w.box);
    }
    line.box = box;
  };
  for (auto& line : page.lines) skew(line);
  if (page.table)
    for (auto& cell : page.table->cells) {
      for (auto& line : cell.lines) skew(line);
      cell.box.y += cell.box.x / run;
    }
}

std::vector<Record> Extract(const RecognizedPage& page) {
  sovang::SourceRef source;
  source.file = "p036.jpg";
  source.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  source.page = 1;
  const sovang::ingest::ExtractContext context{AwardCatalog::Default(), Gazetteer::Default(), source};
  return sovang::ingest::ExtractRecords(page, context);
}

const std::string& V(const Record& r, FieldId id) { return r.value(id); }

// Column x positions of the ledger below.
constexpr int kStt = 100, kBook = 220, kName = 400, kYear = 900, kHome = 1100, kAward = 1700;

// A two-line header ("Năm" over "sinh"), a stain read as "No," between them.
std::vector<Line> Caption(double stain_confidence) {
  std::vector<Line> lines;
  lines.push_back(Pieces({{"SỔ VÀNG KHEN THƯỞNG", 800}}, 100));
  lines.push_back(Pieces({{"Quyển số 12 — Huân chương Kháng chiến hạng Ba", 500}}, 170));
  lines.push_back(Pieces({{"Theo Quyết định số 189/QĐ-CTN ngày 7 tháng 11 năm 1999 của Chủ tịch nước", 300}}, 240));
  Line top = Pieces({{"Số sổ", kBook}, {"Năm", kYear}, {"No,", kYear + 140}, {"Hình thức khen", kAward}}, 320);
  for (auto& w : top.words)
    if (w.text == "No,") w.confidence = stain_confidence;
  lines.push_back(top);
  lines.push_back(Pieces({{"STT", kStt}, {"Họ và tên", kName}, {"sinh", kYear}, {"Quê quán", kHome}, {"thưởng", kAward}},
                         345));
  return lines;
}

struct Person {
  std::string stt, book, name, year, home1, home2;
};

const std::vector<Person> kPeople = {
    {"199", "23445", "Hoàng Văn Phủ", "1923", "Hùng Việt, Tràng Định,", "Lạng Sơn"},
    {"200", "23447", "Lê Văn Trung", "1909", "Tân Lập, Hữu Lũng,", "Lạng Sơn"},
    {"201", "23448", "Cao Văn Thọ", "1896", "Xuân Lễ, Lộc Bình,", "Lạng Sơn"},
};

}  // namespace

TEST_CASE("A stain read as a header word names no column", "[extract]") {
  for (const double stain : {0.0, 0.95}) {
    RecognizedPage page;
    page.width = 2480;
    page.height = 3508;
    page.lines = Caption(stain);
    int y = 450;
    for (const Person& p : kPeople) {
      page.lines.push_back(Pieces({{p.stt, kStt},
                                   {p.book, kBook},
                                   {p.name, kName},
                                   {p.year, kYear},
                                   {p.home1, kHome},
                                   {"Huân chương Kháng", kAward}},
                                  y));
      page.lines.push_back(Pieces({{p.home2, kHome}, {"chiến hạng Ba", kAward}}, y + 50));
      y += 130;
    }
    const auto records = Extract(page);
    REQUIRE(records.size() == kPeople.size());
    if (stain > 0.5) {
      // Read with confidence, "Năm No," is a gender title: the year and the
      // hometown go to that column and nothing is made of them.
      CHECK(V(records[0], FieldId::kBirthYear).empty());
      continue;
    }
    for (std::size_t i = 0; i < kPeople.size(); ++i) {
      CHECK(V(records[i], FieldId::kBirthYear) == kPeople[i].year);
      CHECK(V(records[i], FieldId::kProvince) == "Lạng Sơn");
      CHECK(V(records[i], FieldId::kGender).empty());
    }
    CHECK(V(records[2], FieldId::kCommune) == "Xuân Lễ");
    CHECK(V(records[2], FieldId::kDistrict) == "Lộc Bình");
  }
}

TEST_CASE("A skewed table without its header keeps each cell's lines in order", "[extract]") {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines = Caption(0.0);
  // The rows a stain did not reach came as a table of their own, no header row.
  Table table;
  table.rows = static_cast<int>(kPeople.size());
  table.cols = 6;
  int y = 450;
  for (int r = 0; r < table.rows; ++r) {
    const Person& p = kPeople[static_cast<std::size_t>(r)];
    const std::vector<std::pair<std::vector<std::string>, int>> cells = {
        {{p.stt}, kStt},           {{p.book}, kBook},
        {{p.name}, kName},         {{p.year}, kYear},
        {{p.home1, p.home2}, kHome}, {{"Huân chương Kháng", "chiến hạng Ba"}, kAward}};
    for (int c = 0; c < table.cols; ++c) {
      Cell cell;
      cell.row = r;
      cell.col = c;
      const auto& [texts, x] = cells[static_cast<std::size_t>(c)];
      for (std::size_t k = 0; k < texts.size(); ++k)
        cell.lines.push_back(sovang::test::LineAt(texts[k], x + 10, y + 10 + static_cast<int>(k) * 50));
      cell.box = Box{x, y, 200, 120};
      table.cells.push_back(std::move(cell));
    }
    y += 130;
  }
  page.table = std::move(table);
  // About a degree: the right end of a line is 40 px lower than its left.
  Skew(page, 50);
  // The page number, far under the table, in the hometown column.
  page.lines.push_back(Pieces({{"Trang 102", kHome - 100}}, 3300));

  const auto records = Extract(page);
  REQUIRE(records.size() == kPeople.size());
  for (std::size_t i = 0; i < kPeople.size(); ++i) {
    INFO(i);
    CHECK(V(records[i], FieldId::kFullName) == kPeople[i].name);
    CHECK(V(records[i], FieldId::kBirthYear) == kPeople[i].year);
    CHECK(V(records[i], FieldId::kProvince) == "Lạng Sơn");
    CHECK(V(records[i], FieldId::kAwardCode) == "HCKC-CP-3");
  }
  CHECK(V(records[2], FieldId::kCommune) == "Xuân Lễ");
  CHECK(V(records[2], FieldId::kDistrict) == "Lộc Bình");
}

TEST_CASE("A rank read from a damaged word is taken, and doubted", "[extract]") {
  const sovang::ingest::AwardMatcher matcher(AwardCatalog::Default());
  for (const char* text : {"Huân chương Kháng chiến hạng H", "Huân chương Kháng chiến hạng Nhà"}) {
    INFO(text);
    const auto m = matcher.MatchText(text);
    REQUIRE(m);
    CHECK(m->form->code == "HCKC-CP-2");
    CHECK(m->roman_rank);  // doubtful: the record goes to review
  }
  const auto clean = matcher.MatchText("Huân chương Kháng chiến hạng Nhì");
  REQUIRE(clean);
  CHECK_FALSE(clean->roman_rank);
  // "Nhà" without a tone to tell: no rank, no match.
  CHECK_FALSE(matcher.MatchText("Huân chương Kháng chiến hạng Nha"));
}

TEST_CASE("A vowel OCR read twice with different marks is read once, a surname's misread marks are undone, nothing else",
          "[extract]") {
  using sovang::ingest::NameCorrector;
  const NameCorrector lexicons(NameCorrector::Surnames(), NameCorrector::MiddleNames(), nullptr);
  const struct {
    const char* read;
    const char* want;
    int repaired;
  } cases[] = {
      {"La Thị Lêềnh", "La Thị Lềnh", 1},      // the reading with more marks stays
      {"Đàm Văn Măằn", "Đàm Văn Mằn", 1},
      {"Hoàng Thị Mìùu", "Hoàng Thị Mìu", 1},  // two tones: the one that leaves a syllable goes
      {"Ngô Văn Vâần", "Ngô Văn Vần", 1},
      {"La Văn Slấẩy", "La Văn Slẩy", 2},      // as many marks: the last kept, a guess
      {"Hà Thị Mùu", "Hà Thị Mìu", 1},         // "ùu" is "ìu" misread, not "Mù": the Tày name one edit away
      {"Nông Sìà Thạch", "Nông Sì Thạch", 1},  // a Nùng generation name
      {"Đàm Văn Silẩy", "Đàm Văn Slẩy", 1},
      {"Vi Sỉư Phong", "Vi Sỉư Phong", 0},     // a Nùng name is no doubled vowel
      {"Nguyễn Văn Thuận", "Nguyễn Văn Thuận", 0},
      // A surname's marks misread: the one surname with those letters.
      {"Lễ Thị Cúc", "Lê Thị Cúc", 1},
      {"Định Đức Khang", "Đinh Đức Khang", 1},
      {"Lương Văn Lễ", "Lương Văn Lễ", 0},  // a given name is never changed so
      {"Lường Văn Tòng", "Lường Văn Tòng", 0},  // Lương and Lường are both surnames
  };
  for (const auto& c : cases) {
    INFO(c.read);
    const auto r = lexicons.Correct(c.read);
    CHECK(r.value == c.want);
    CHECK(r.repaired == c.repaired);
  }
  CHECK(lexicons.Correct("Bể Văn Lợi").guessed == 1);  // doubted: a person confirms
}

TEST_CASE("A name word whose first letter OCR read as a digit stays in the name", "[extract]") {
  const RecognizedPage page = AnnexPage(
      "Huân chương Kháng chiến hạng Nhất:",
      {sovang::test::LineAt("1. Bà Nông Thu 0anh, sinh năm 1919; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 320),
       sovang::test::LineAt("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)});
  const auto records = Extract(page);
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kFullName) == "Nông Thu Oanh");
  CHECK(records[0][FieldId::kFullName].confidence < 0.95);  // repaired
  CHECK(V(records[0], FieldId::kBirthYear) == "1919");
  CHECK(V(records[1], FieldId::kFullName) == "Lê Văn Tài");
}

TEST_CASE("A birth year is as sure as OCR read its digits, the range check adds nothing", "[extract]") {
  for (const double ocr : {0.82, 0.95}) {
    RecognizedPage page = AnnexPage(
        "Huân chương Kháng chiến hạng Nhất:",
        {Pieces({{"1. Ông Lê Văn Sính, sinh năm", 200}, {"1906;", 900}, {"quê quán: xã Lộc Yên, huyện Cao Lộc;", 1020}},
                320),
         sovang::test::LineAt("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;", 200, 380)});
    for (auto& w : page.lines[3].words)
      if (w.text == "1906;") w.confidence = ocr;
    const auto records = Extract(page);
    REQUIRE(records.size() == 2);
    INFO(ocr);
    CHECK(V(records[0], FieldId::kBirthYear) == "1906");
    // "1900" read "1906" keeps its range and its shape: only OCR's own doubt tells.
    CHECK((records[0].review == sovang::ReviewState::kNeedsReview) == (ocr < 0.9));
    CHECK(records[1].review == sovang::ReviewState::kAuto);
  }
}

TEST_CASE("An impossible date or birth year with a zero read as 6, 8 or 9 is read back, for review", "[extract]") {
  using sovang::ingest::FindDate;
  const struct {
    const char* text;
    const char* want;  // "" for no value
  } dates[] = {
      {"84/01/1991", "1991-01-04"},  // day 84: 04
      {"ngày 7/4/2061", "2001-04-07"},  // year 2061: 2001
      {"ngày 15 tháng 03 năm 2063", "2003-03-15"},
      {"46-4-1991", ""},  // no zero misread gives a day
  };
  for (const auto& d : dates) {
    INFO(d.text);
    std::vector<sovang::ocr::Word> words;
    words.push_back(sovang::ocr::Word{d.text, Box{0, 0, 100, 40}, 0.95});
    const sovang::ingest::TextRun run(std::move(words));
    const auto date = FindDate(run, run.all());
    REQUIRE(date);
    if (std::string(d.want).empty()) {
      CHECK(date->value.empty());
      CHECK_FALSE(date->valid);
      continue;
    }
    CHECK(date->value == d.want);
    CHECK(date->guessed);
  }

  auto page_with = [](const std::string& heading, const std::string& entry) {
    return AnnexPage(heading, {sovang::test::LineAt(entry, 200, 320),
                               sovang::test::LineAt("2. Ông Lê Văn Tài, sinh năm 1931; quê quán: xã Lộc Yên, huyện Cao Lộc;",
                                                    200, 380)});
  };
  // Born after the war against the French and ten at the decision: 1965 is 1905 misread.
  auto records = Extract(page_with("Huân chương Kháng chiến hạng Nhất:",
                                   "1. Ông Lê Văn Sính, sinh năm 1965; quê quán: xã Lộc Yên, huyện Cao Lộc;"));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kBirthYear) == "1905");
  CHECK(records[0].review == sovang::ReviewState::kNeedsReview);
  CHECK(records[1].review == sovang::ReviewState::kAuto);
  // A child of ten under an award of no war: rare, not impossible; no digit changed.
  records = Extract(page_with("Bằng khen của Thủ tướng Chính phủ:",
                              "1. Ông Lê Văn Sính, sinh năm 1965; quê quán: xã Lộc Yên, huyện Cao Lộc;"));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kBirthYear) == "1965");
  CHECK(records[0].review == sovang::ReviewState::kNeedsReview);
  // Born after the decision: the units digit is not where the zero went ("1978" stays).
  records = Extract(page_with("Bằng khen của Thủ tướng Chính phủ:",
                              "1. Ông Lê Văn Sính, sinh năm 1978; quê quán: xã Lộc Yên, huyện Cao Lộc;"));
  REQUIRE(records.size() == 2);
  CHECK(V(records[0], FieldId::kBirthYear) == "1978");
  CHECK(records[0].review == sovang::ReviewState::kNeedsReview);
}

TEST_CASE("A table row holding two entries, and entries under the table, each give their record", "[extract]") {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines = {Pieces({{"SỔ VÀNG KHEN THƯỞNG", 800}}, 100),
                Pieces({{"Quyển số 10 — Huân chương Kháng chiến hạng Nhất", 500}}, 170),
                Pieces({{"Theo Quyết định số 1516/QĐ-CTN ngày 21/10/1966 của Chủ tịch nước", 300}}, 240)};
  const std::vector<int> xs = {kStt, kName, kYear, kHome, kAward};
  const std::vector<int> widths = {300, 500, 200, 600, 700};
  Table table;
  table.cols = 5;
  auto add_row = [&](int r, int y, int h, const std::vector<std::vector<std::string>>& texts) {
    for (int c = 0; c < table.cols; ++c) {
      Cell cell;
      cell.row = r;
      cell.col = c;
      cell.box = Box{xs[static_cast<std::size_t>(c)], y, widths[static_cast<std::size_t>(c)], h};
      const auto& lines = texts[static_cast<std::size_t>(c)];
      for (std::size_t k = 0; k < lines.size(); ++k)
        if (!lines[k].empty())
          cell.lines.push_back(sovang::test::LineAt(lines[k], xs[static_cast<std::size_t>(c)] + 10,
                                                    y + 10 + static_cast<int>(k) * 50));
      table.cells.push_back(std::move(cell));
    }
  };
  add_row(0, 320, 80, {{"STT"}, {"Họ và tên"}, {"Năm sinh"}, {"Quê quán"}, {"Hình thức khen thưởng"}});
  add_row(1, 400, 120,
          {{"315"}, {"Phạm Minh Tý"}, {"1906"}, {"xã Bắc Ái, huyện Tràng Định,", "tỉnh Lạng Sơn"},
           {"Huân chương Kháng chiến", "hạng Nhất"}});
  // The rule under 317 was not seen: two entries in one row, lines of the
  // second entry's wrapped cells level with each other.
  add_row(2, 520, 220,
          {{"317", "", "", "318"},
           {"Lộc Hưng", "", "", "Trần Thị Hòa"},
           {"1920", "", "", "1907"},
           {"xã Bắc Xa, huyện Đình Lập,", "tỉnh Quảng Ninh", "", "xã Tân Lập, huyện Bắc Sơn,", "tỉnh Lạng Sơn"},
           {"Huân chương Kháng chiến", "hạng Nhất", "", "Huân chương Kháng chiến", "hạng Nhất"}});
  table.rows = 3;
  page.table = std::move(table);
  // Under the table, as lines: two entries (the second's hometown wrapped
  // onto two lines), then the page number.
  page.lines.push_back(Pieces({{"322", kStt + 10},
                               {"Nguyễn Văn Phong", kName + 10},
                               {"1925", kYear + 10},
                               {"xã Trùng Quán, huyện", kHome + 10},
                               {"Huân chương Kháng chiến", kAward + 10}},
                              760));
  page.lines.push_back(Pieces({{"Văn Lãng, tỉnh Lạng Sơn", kHome + 10}, {"hạng Nhất", kAward + 10}}, 810));
  page.lines.push_back(Pieces({{"323", kStt + 10},
                               {"Lành Thế Hải", kName + 10},
                               {"1932", kYear + 10},
                               {"xã Lộc Yên, huyện Cao", kHome + 10},
                               {"Huân chương Kháng chiến", kAward + 10}},
                              880));
  page.lines.push_back(Pieces({{"Lộc, tỉnh Lạng", kHome + 10}, {"hạng Nhất", kAward + 10}}, 930));
  page.lines.push_back(Pieces({{"Sơn", kHome + 10}}, 980));
  page.lines.push_back(Pieces({{"Trang 86", 1100}}, 3300));
  Skew(page, 60);

  const auto records = Extract(page);
  REQUIRE(records.size() == 5);
  const std::vector<std::vector<std::string>> want = {{"Phạm Minh Tý", "1906", "Bắc Ái", "Lạng Sơn"},
                                                      {"Lộc Hưng", "1920", "Bắc Xa", "Quảng Ninh"},
                                                      {"Trần Thị Hòa", "1907", "Tân Lập", "Lạng Sơn"},
                                                      {"Nguyễn Văn Phong", "1925", "Trùng Quán", "Lạng Sơn"},
                                                      {"Lành Thế Hải", "1932", "Lộc Yên", "Lạng Sơn"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO(i);
    CHECK(V(records[i], FieldId::kFullName) == want[i][0]);
    CHECK(V(records[i], FieldId::kBirthYear) == want[i][1]);
    CHECK(V(records[i], FieldId::kCommune) == want[i][2]);
    CHECK(V(records[i], FieldId::kProvince) == want[i][3]);
    CHECK(V(records[i], FieldId::kAwardCode) == "HCKC-CP-1");
    CHECK(V(records[i], FieldId::kDecisionNumber) == "1516/QĐ-CTN");
  }
}

TEST_CASE("A decision column whose title the alignment split in two is read, and a row misread in number and date agrees with the others",
          "[extract]") {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines = {Pieces({{"SỔ VÀNG KHEN THƯỞNG", 800}}, 100)};
  const std::vector<int> xs = {100, 250, 750, 950, 1500, 1900};
  const std::vector<int> widths = {150, 500, 200, 550, 400, 200};
  const std::vector<std::vector<std::vector<std::string>>> rows = {
      {{"STT"}, {"Họ và tên"}, {"Năm sinh"}, {"Hình thức khen thưởng"}, {"Số và ngày", "định"}, {"quyết"}},
      {{"1"}, {"Lê Văn Phúc"}, {"1949"}, {"HCCSGP hạng Ba"}, {"107B-VP/MT 5/2/1970"}, {"ngày"}},
      {{"2"}, {"Hứa Thanh Liên"}, {"1937"}, {"HCCSGP hạng Ba"}, {"107B-VP/MT 5/2/1970"}, {}},
      {{"3"}, {"Bế Văn Khoa"}, {"1931"}, {"HCCSGP hạng Ba"}, {"107B-VP/MT 5/2/1970"}, {}},
      {{"4"}, {"Hoàng Văn Tuấn"}, {"1935"}, {"HCCSGP hạng Ba"}, {"197B-VP/MT 5/2/1979"}, {}},
      {{"5"}, {"Nguyễn Thị Yến"}, {"1940"}, {"HCCSGP hạng Ba"}, {"107B-VP/MT 5/2/1970"}, {}},
  };
  Table table;
  table.cols = static_cast<int>(xs.size());
  table.rows = static_cast<int>(rows.size());
  int y = 300;
  for (int r = 0; r < table.rows; ++r) {
    for (int c = 0; c < table.cols; ++c) {
      Cell cell;
      cell.row = r;
      cell.col = c;
      cell.box = Box{xs[static_cast<std::size_t>(c)], y, widths[static_cast<std::size_t>(c)], 110};
      const auto& texts = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      for (std::size_t k = 0; k < texts.size(); ++k)
        cell.lines.push_back(
            sovang::test::LineAt(texts[k], xs[static_cast<std::size_t>(c)] + 10, y + 10 + static_cast<int>(k) * 50));
      table.cells.push_back(std::move(cell));
    }
    y += 110;
  }
  page.table = std::move(table);
  const auto records = Extract(page);
  REQUIRE(records.size() == 5);
  for (const Record& r : records) {
    INFO(V(r, FieldId::kFullName));
    CHECK(V(r, FieldId::kDecisionNumber) == "107B-VP/MT");
    CHECK(V(r, FieldId::kDecisionDate) == "1970-02-05");
  }
  CHECK(records[3][FieldId::kDecisionNumber].verbatim == "197B-VP/MT");
  CHECK(records[3].review == sovang::ReviewState::kNeedsReview);
  CHECK(records[4].review == sovang::ReviewState::kAuto);
}

TEST_CASE("A date with a separator not read, a council resolution without its legislature, quotes before a name",
          "[extract]") {
  auto run_of = [](const std::string& text) {
    std::vector<sovang::ocr::Word> words;
    std::size_t at = 0;
    while (at < text.size()) {
      const std::size_t end = std::min(text.find(' ', at), text.size());
      if (end > at) words.push_back(sovang::ocr::Word{text.substr(at, end - at), Box{0, 0, 100, 40}, 0.95});
      at = end + 1;
    }
    return sovang::ingest::TextRun(std::move(words));
  };
  const struct {
    const char* text;
    const char* want;
  } dates[] = {
      {"21/21966", "1966-02-21"},
      {"21/121967", "1967-12-21"},
      {"2310/ 2002", "2002-10-23"},
  };
  for (const auto& d : dates) {
    INFO(d.text);
    const auto run = run_of(d.text);
    const auto date = sovang::ingest::FindDate(run, run.all());
    REQUIRE(date);
    CHECK(date->value == d.want);
    CHECK(date->guessed);
  }
  // Two readings possible (1/11/1966 or 11/1/1966), or part of a decision number: no date.
  for (const char* text : {"111/1966", "1502/2005/QĐ-CTN"}) {
    INFO(text);
    const auto run = run_of(text);
    const auto date = sovang::ingest::FindDate(run, run.all());
    CHECK((!date || date->value.empty()));
  }

  const auto council = run_of("174NQ/HĐNNS");
  const auto number = sovang::ingest::FindDecisionNumber(council, council.all(), /*bare=*/true);
  REQUIRE(number);
  CHECK(number->value == "174NQ/HĐNN");
  CHECK(number->guessed);  // a person adds the legislature
  const auto whole = run_of("174NQ/HĐNN7");
  const auto complete = sovang::ingest::FindDecisionNumber(whole, whole.all(), /*bare=*/true);
  REQUIRE(complete);
  CHECK_FALSE(complete->guessed);

  const auto quoted = run_of("“ ' Chu Hữu Huy");
  CHECK(quoted.Verbatim(sovang::ingest::NameAt(quoted, quoted.all())) == "Chu Hữu Huy");
}
