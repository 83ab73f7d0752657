// Real images through real Tesseract (vie). Each case reads small pages only.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

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
