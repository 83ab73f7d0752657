// hOCR written from a recognised page reads back to the same page.

#include <catch2/catch.hpp>

#include <string>

#include "ocr/hocr.h"

namespace {

using sovang::Box;
using sovang::ocr::Cell;
using sovang::ocr::Line;
using sovang::ocr::RecognizedPage;
using sovang::ocr::Table;
using sovang::ocr::Word;

Line OneLine(std::vector<Word> words) {
  Line line;
  for (const auto& w : words) line.box = sovang::Union(line.box, w.box);
  line.words = std::move(words);
  return line;
}

}  // namespace

TEST_CASE("hOCR of a page reads back to its lines, words, confidences and table cells", "[hocr]") {
  RecognizedPage page;
  page.width = 2480;
  page.height = 3508;
  page.lines.push_back(OneLine({Word{"SỔ", Box{100, 50, 60, 40}, 0.96}, Word{"VÀNG", Box{180, 50, 120, 40}, 0.93}}));
  page.lines.push_back(OneLine({Word{"<Kèm & \"theo\">", Box{100, 120, 300, 40}, 0.5}}));
  Table table;
  table.rows = 2;
  table.cols = 2;
  table.cells.push_back(Cell{0, 0, Box{100, 200, 400, 80}, {OneLine({Word{"Họ", Box{110, 210, 40, 40}, 0.97}})}});
  table.cells.push_back(Cell{0, 1, Box{500, 200, 400, 80}, {}});
  table.cells.push_back(Cell{1, 0, Box{100, 280, 400, 80}, {}});
  table.cells.push_back(Cell{1, 1, Box{500, 280, 400, 80},
                             {OneLine({Word{"803/QĐ-CTN", Box{510, 290, 200, 40}, 0.81}}),
                              OneLine({Word{"10/8/1975", Box{510, 330, 180, 40}, 0.9}})}});
  page.table = table;

  const RecognizedPage back = sovang::ocr::ParseHocr(sovang::ocr::ToHocr(page));
  CHECK(back.width == 2480);
  CHECK(back.height == 3508);
  REQUIRE(back.lines.size() == 2);
  REQUIRE(back.lines[0].words.size() == 2);
  CHECK(back.lines[0].words[1].text == "VÀNG");
  CHECK(back.lines[0].words[1].box.x == 180);
  CHECK(back.lines[0].words[1].box.w == 120);
  CHECK(back.lines[0].words[1].confidence == Approx(0.93));
  CHECK(back.lines[1].Text() == "<Kèm & \"theo\">");
  REQUIRE(back.table);
  CHECK(back.table->rows == 2);
  CHECK(back.table->cols == 2);
  CHECK(back.table->at(0, 0)->Text() == "Họ");
  CHECK(back.table->at(0, 1)->lines.empty());
  REQUIRE(back.table->at(1, 1)->lines.size() == 2);
  CHECK(back.table->at(1, 1)->lines[1].Text() == "10/8/1975");
  CHECK(back.table->at(1, 1)->box.x == 500);
}

TEST_CASE("hOCR keeps the page's turn and deskew angle and reads them back exactly", "[hocr]") {
  RecognizedPage page;
  page.width = 3508;
  page.height = 2480;
  page.lines.push_back(OneLine({Word{"Bà", Box{100, 50, 60, 40}, 0.9}}));
  struct Case {
    int rotation;
    double skew;
  };
  // Leptonica's angles are floats; the double they become reads back to the bit.
  const Case cases[] = {{0, 0.0}, {90, static_cast<double>(-0.37f)}, {180, 1.0}, {270, static_cast<double>(0.1234567f)},
                        {0, static_cast<double>(-2.9f)}};
  for (const Case& c : cases) {
    page.rotation = c.rotation;
    page.skew_degrees = c.skew;
    const std::string hocr = sovang::ocr::ToHocr(page);
    INFO(hocr.substr(0, hocr.find("ocr_line")));
    const RecognizedPage back = sovang::ocr::ParseHocr(hocr);
    CHECK(back.rotation == c.rotation);
    CHECK(back.skew_degrees == c.skew);
    CHECK(back.width == 3508);
    REQUIRE(back.lines.size() == 1);
    CHECK(back.lines[0].Text() == "Bà");
    // Nothing written for an upright page read without deskew.
    CHECK((hocr.find("textangle") != std::string::npos) == (c.rotation != 0));
    CHECK((hocr.find("x_skew") != std::string::npos) == (c.skew != 0.0));
  }
  // Written by another producer: textangle with a fraction, keys in any order.
  const RecognizedPage other = sovang::ocr::ParseHocr(
      "<div class='ocr_page' title='x_skew 0.5; bbox 0 0 100 200; textangle -90.0'></div>");
  CHECK(other.height == 200);
  CHECK(other.rotation == 270);
  CHECK(other.skew_degrees == 0.5);
}
