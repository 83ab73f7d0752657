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
