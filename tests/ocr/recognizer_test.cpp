// Real images through real Tesseract (vie). Each case reads small pages only.

#include <catch2/catch.hpp>

#include <tesseract/baseapi.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "ocr/internal/borrowed_engine.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

namespace fs = std::filesystem;
using namespace sovang::ocr;

namespace {

fs::path Fixture(const std::string& name) {
  return fs::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / name;
}

PageImage Load(const std::string& name) { return std::move(LoadPage(Fixture(name), 1).image); }

// One recogniser for the whole test run, as a worker would keep it.
Recognizer& Shared() {
  static const bool pinned = [] {
    PinOpenMpToOneThread();
    return true;
  }();
  (void)pinned;
  static std::unique_ptr<Recognizer> r = MakeTesseractRecognizer();
  return *r;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("A typed Vietnamese line is read with its diacritics", "[ocr]") {
  const RecognizedPage page = Shared().Recognize(Load("line_vi.png"));
  const std::string text = page.FullText();
  INFO(text);
  for (const char* word : {"Nguyễn", "Văn", "Thạch", "1932", "quê", "quán", "Lộc", "Yên"}) {
    CHECK(Contains(text, word));
  }
  REQUIRE(page.lines.size() == 1);
  const Line& line = page.lines[0];
  CHECK(line.words.size() >= 10);
  for (const Word& w : line.words) {
    INFO(w.text);
    CHECK(w.confidence > 0.5);
    CHECK(w.confidence <= 1.0);
    CHECK(w.box.x >= 0);
    CHECK(w.box.x + w.box.w <= page.width);
    CHECK(w.box.h > 20);  // 50 px type
  }
  CHECK(page.mean_confidence > 0.8);
  CHECK(Contains(page.hocr, "ocrx_word"));
  CHECK(Contains(page.hocr, "Thạch"));
}

TEST_CASE("A page turned a quarter is read upright, boxes on the page as given", "[ocr]") {
  const PageImage image = Load("paragraph_rot90.png");  // text turned 90° counter-clockwise
  const RecognizedPage page = Shared().Recognize(image);
  const std::string text = page.FullText();
  INFO(text);
  CHECK(page.rotation == 90);
  CHECK(page.width == image.width());
  CHECK(page.height == image.height());
  for (const char* word : {"Nguyễn", "Thạch", "Hoàng", "Lụa", "Tràng", "Định", "Huân", "chương"}) {
    CHECK(Contains(text, word));
  }
  // On the page as scanned the lines run bottom to top: long words are tall boxes.
  int tall = 0, words = 0;
  for (const Line& line : page.lines) {
    for (const Word& w : line.words) {
      ++words;
      CHECK(w.box.x >= 0);
      CHECK(w.box.y >= 0);
      CHECK(w.box.x + w.box.w <= page.width);
      CHECK(w.box.y + w.box.h <= page.height);
      if (w.box.h > w.box.w) ++tall;
    }
  }
  CHECK(words > 40);
  CHECK(tall > words / 2);
  // The title's first word was drawn at (40, 30) of the upright 1400 x 700
  // image; turned counter-clockwise, (x, y) went to (y, 1400 - x).
  const Word* title = nullptr;
  for (const Line& line : page.lines) {
    for (const Word& w : line.words) {
      if (w.text == "DANH" && title == nullptr) title = &w;
    }
  }
  REQUIRE(title != nullptr);
  CHECK(title->box.x == Approx(30).margin(12));
  CHECK(title->box.y + title->box.h == Approx(1400 - 40).margin(12));
  CHECK(title->box.w == Approx(28).margin(8));  // the cap height of 42 px type
}

TEST_CASE("A ruled ledger is read cell by cell, its title outside the table", "[ocr]") {
  const RecognizedPage page = Shared().Recognize(Load("ledger.png"));
  INFO(page.FullText());
  REQUIRE(page.table.has_value());
  const Table& table = *page.table;
  CHECK(table.rows == 4);
  CHECK(table.cols == 4);
  REQUIRE(table.cells.size() == 16);
  const struct {
    int row, col;
    const char* text;
  } expected[] = {
      {0, 0, "STT"},   {0, 1, "Họ và tên"},        {0, 2, "Năm sinh"}, {0, 3, "Quê quán"},
      {1, 0, "1"},     {1, 1, "Nguyễn Văn Thạch"}, {1, 2, "1932"},     {1, 3, "Lộc Yên"},
      {3, 1, "Nông Văn Sầm"}, {3, 3, "Kháng Chiến"},
  };
  for (const auto& e : expected) {
    INFO(e.row << "," << e.col);
    const Cell* cell = table.at(e.row, e.col);
    REQUIRE(cell != nullptr);
    CHECK(cell->Text() == e.text);
  }
  // The title is text outside the table, and not in any cell.
  REQUIRE_FALSE(page.lines.empty());
  CHECK(Contains(page.lines[0].Text(), "VÀNG KHEN THƯỞNG"));
  // Cells tile the table: the header row is above the first body row.
  CHECK(table.at(0, 0)->box.y < table.at(1, 0)->box.y);
  CHECK(table.at(1, 1)->box.x > table.at(1, 0)->box.x);
}

TEST_CASE("A table ruled only across is read by the alignment of its columns", "[ocr]") {
  const RecognizedPage page = Shared().Recognize(Load("ledger_open.png"));
  INFO(page.FullText());
  REQUIRE(page.table.has_value());
  const Table& table = *page.table;
  CHECK(table.rows == 4);
  REQUIRE(table.cols == 3);
  CHECK(table.at(0, 0)->Text() == "Họ và tên");
  CHECK(table.at(0, 2)->Text() == "Quê quán");
  CHECK(table.at(2, 0)->Text() == "Hoàng Thị Lụa");
  CHECK(table.at(2, 1)->Text() == "1940");
  CHECK(table.at(3, 2)->Text() == "Kháng Chiến");
}

TEST_CASE("Pages without rules have no table, and a frame is not one", "[ocr]") {
  CHECK_FALSE(Shared().Recognize(Load("paragraph_rot90.png")).table.has_value());
  CHECK_FALSE(Shared().Recognize(Load("line_vi.png")).table.has_value());
  const RecognizedPage framed = Shared().Recognize(Load("framed.png"));
  CHECK_FALSE(framed.table.has_value());
  CHECK(Contains(framed.FullText(), "Hoàng Văn Quyền"));
}

TEST_CASE("Recognition keeps to the calling thread", "[ocr]") {
  auto threads = [] {
    int n = 0;
    for (const auto& e : fs::directory_iterator("/proc/self/task")) {
      (void)e;
      ++n;
    }
    return n;
  };
  const PageImage image = Load("line_vi.png");
  auto recognizer = MakeTesseractRecognizer();
  const int before = threads();
  (void)recognizer->Recognize(image);
  CHECK(threads() == before);
}

TEST_CASE("A skewed page on stained, unevenly lit paper is straightened and read", "[ocr]") {
  const PageImage image = Load("aged_skewed.jpg");  // colour, turned 3° counter-clockwise
  const RecognizedPage page = Shared().Recognize(image);
  const std::string text = page.FullText();
  INFO(text);
  CHECK(page.rotation == 0);
  CHECK(page.skew_degrees == Approx(3.0).margin(0.5));  // turned back clockwise
  for (const char* word : {"Nguyễn Văn Thạch", "Hồng Phong", "Bình Gia", "Nông Văn Sầm", "Tràng Định",
                           "Kháng chiến hạng Nhất"}) {
    CHECK(Contains(text, word));
  }
  CHECK(page.mean_confidence > 0.85);
  // Boxes are on the page as scanned (skewed): the title's first word, drawn
  // at x 40-190, y 32-62 before the page was turned, lies at about x 41-191,
  // y 95-133 of the turned page.
  REQUIRE_FALSE(page.lines.empty());
  REQUIRE_FALSE(page.lines[0].words.empty());
  const sovang::Box danh = page.lines[0].words[0].box;
  CHECK(page.lines[0].words[0].text == "DANH");
  CHECK(danh.x == Approx(41).margin(10));
  CHECK(danh.y == Approx(95).margin(10));
  CHECK(danh.y + danh.h == Approx(133).margin(10));
}

TEST_CASE("Clean-up steps can be switched off one by one", "[ocr]") {
  const PageImage image = Load("aged_skewed.jpg");
  RecognizerOptions options;
  options.deskew = false;
  options.detect_orientation = false;
  CHECK(MakeTesseractRecognizer(options)->Recognize(image).skew_degrees == 0.0);
  options = RecognizerOptions{};
  options.binarization = Binarization::kSauvola;
  const RecognizedPage sauvola = MakeTesseractRecognizer(options)->Recognize(image);
  CHECK(Contains(sauvola.FullText(), "Nguyễn Văn Thạch"));
}

TEST_CASE("A 600-dpi scan is read at 300 dpi, boxes on the scan as given", "[ocr]") {
  const RecognizedPage fine = Shared().Recognize(Load("line_vi_600dpi.png"));
  const RecognizedPage normal = Shared().Recognize(Load("line_vi.png"));
  INFO(fine.FullText());
  CHECK(fine.FullText() == normal.FullText());
  CHECK(fine.width == 3000);
  REQUIRE(fine.lines.size() == 1);
  REQUIRE(fine.lines[0].words.size() == normal.lines[0].words.size());
  for (std::size_t i = 0; i < fine.lines[0].words.size(); ++i) {
    const sovang::Box a = fine.lines[0].words[i].box, b = normal.lines[0].words[i].box;
    CHECK(a.x == Approx(2 * b.x).margin(6));
    CHECK(a.y == Approx(2 * b.y).margin(6));
    CHECK(a.w == Approx(2 * b.w).margin(8));
  }
}

TEST_CASE("A blank or tiny page gives no text and no error", "[ocr]") {
  const PageImage page = Load("depth8.png").Crop(sovang::Box{0, 0, 12, 9});  // a corner: blank
  const RecognizedPage blank = Shared().Recognize(page);
  CHECK(blank.FullText().empty());
  CHECK_FALSE(blank.table.has_value());
  CHECK_THROWS_AS(Shared().Recognize(PageImage()), sovang::Error);
}

TEST_CASE("A Tesseract recogniser lends its engine; another recogniser has none", "[ocr]") {
  struct Canned : sovang::ocr::Recognizer {
    sovang::ocr::RecognizedPage Recognize(const sovang::ocr::PageImage&) override { return {}; }
  } canned;
  CHECK(sovang::ocr::BorrowedEngine(canned) == nullptr);
  auto tesseract = sovang::ocr::MakeTesseractRecognizer();
  tesseract::TessBaseAPI* engine = sovang::ocr::BorrowedEngine(*tesseract);
  REQUIRE(engine != nullptr);
  CHECK(std::string(engine->GetInitLanguagesAsString()) == "vie");
  CHECK(sovang::ocr::BorrowedEngine(*tesseract) == engine);  // the same engine every time
}
