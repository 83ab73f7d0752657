// Small helpers of the recogniser, without images.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ocr/hocr.h"
#include "ocr/internal/text_util.h"
#include "ocr/recognizer.h"

using namespace sovang::ocr;

TEST_CASE("The look-alike Icelandic eth, alone or doubled with Đ, is read back as one Đ", "[ocr]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"QÐ-CTN", "QĐ-CTN"}, {"ðội", "đội"}, {"Đặng", "Đặng"}, {"plain", "plain"}, {"", ""},
      {"218/QĐÐ-CTN", "218/QĐ-CTN"}, {"QÐĐ", "QĐ"}, {"đðường", "đường"},
      {"ĐĐ 3", "ĐĐ 3"},  // a real abbreviation (đại đội) stays
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(FixLookalikes(c.in) == c.out);
  }
}

TEST_CASE("Words in reading order group into lines by their vertical overlap", "[ocr]") {
  auto word = [](const char* t, int x, int y) { return Word{t, sovang::Box{x, y, 80, 40}, 1.0}; };
  const std::vector<Line> lines = GroupWordsIntoLines(
      {word("Nguyễn", 100, 100), word("Văn", 200, 104), word("Thạch", 300, 98), word("sinh", 100, 160),
       word("năm", 200, 161)});
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].Text() == "Nguyễn Văn Thạch");
  CHECK(lines[0].box == sovang::Box{100, 98, 280, 46});
  CHECK(lines[1].Text() == "sinh năm");
}

TEST_CASE("Page text puts the table after the lines, a row a line, cells by tabs", "[ocr]") {
  RecognizedPage page;
  page.width = 1000;
  page.height = 800;
  page.lines.push_back(MakeLine({Word{"SỔ", {10, 10, 40, 30}, 0.9}, Word{"VÀNG", {60, 10, 80, 30}, 0.7}}));
  Table table;
  table.rows = 1;
  table.cols = 2;
  table.cells.push_back(Cell{0, 0, {0, 100, 100, 50}, {MakeLine({Word{"STT", {5, 105, 40, 30}, 1.0}})}});
  table.cells.push_back(Cell{0, 1, {100, 100, 300, 50}, {}});
  page.table = table;
  CHECK(page.FullText() == "SỔ VÀNG\nSTT\t");
  CHECK(page.lines[0].Confidence() == Approx(0.8));
  CHECK(page.table->at(0, 1)->Text().empty());
  CHECK(page.table->at(1, 0) == nullptr);
  const std::string hocr = ToHocr(page);
  CHECK(hocr.find("title=\"bbox 60 10 140 40; x_wconf 70\">VÀNG</span>") != std::string::npos);
  CHECK(hocr.find("x_cell 0 1") != std::string::npos);
}
