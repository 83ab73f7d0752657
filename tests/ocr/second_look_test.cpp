// The second look (ocr/second_look.h): a word's box cut out of a real page
// and read again by real Tesseract.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "ocr/page_loader.h"
#include "ocr/recognizer.h"
#include "ocr/second_look.h"
#include "text/normalize.h"

namespace {

using sovang::Box;
using sovang::ocr::Look;
using sovang::ocr::PageImage;
using sovang::ocr::RecognizedPage;
using sovang::ocr::Word;

std::string Core(std::string s) {
  while (!s.empty() && (s.back() == ',' || s.back() == '.' || s.back() == ';')) s.pop_back();
  return s;
}

// The first word of the page's table whose folded core is `fold`.
const Word* FindWord(const RecognizedPage& page, const std::string& fold) {
  if (!page.table) return nullptr;
  for (const auto& cell : page.table->cells)
    for (const auto& line : cell.lines)
      for (const auto& w : line.words)
        if (sovang::text::Fold(Core(w.text)) == fold) return &w;
  return nullptr;
}

}  // namespace

TEST_CASE("A second look reads a word's box of the page again: the marks of a Tày name, a year's digits",
          "[ocr][second_look]") {
  const auto file = std::filesystem::path(SOVANG_SOURCE_DIR) / "data-samples/set-default/p006_ledger_light.jpg";
  const PageImage image = sovang::ocr::LoadPage(file, 1).image.GreyForArchive();
  auto recognizer = sovang::ocr::MakeTesseractRecognizer();
  const RecognizedPage page = recognizer->Recognize(image);
  auto look = sovang::ocr::MakeSecondLook();

  // "Nông Sằn" (row 10): whatever the page's model made of its marks.
  const Word* name = FindWord(page, "san");
  REQUIRE(name != nullptr);
  const std::vector<Look> script = {{1.0, true, false, true}, {2.0, true, false, true}, {3.0, true, false, true}};
  const auto readings = look->Read(image, page.rotation, page.skew_degrees, name->box, script);
  REQUIRE(readings.size() == 3);
  CHECK(look->calls() == 3);
  int right = 0;
  for (const auto& r : readings) {
    CHECK(sovang::text::Fold(Core(r.text)) == "san");
    CHECK(r.confidence > 0.0);
    right += Core(r.text) == "Sằn";
  }
  if (look->script_language() == sovang::ocr::kScriptModel)
    CHECK(right >= 2);
  else
    WARN("Tesseract's script model " << sovang::ocr::kScriptModel << " is not installed (tesseract-ocr-script-viet)");

  // A year, digits only, with the page's own model.
  const Word* year = FindWord(page, "1942");
  REQUIRE(year != nullptr);
  const auto digits = look->Read(image, page.rotation, page.skew_degrees, year->box, {{1.0, true, true, false}});
  REQUIRE(digits.size() == 1);
  CHECK(Core(digits[0].text) == "1942");
}

TEST_CASE("A box off the page gives empty readings without asking Tesseract", "[ocr][second_look]") {
  const auto file = std::filesystem::path(SOVANG_SOURCE_DIR) / "data-samples/set-default/p006_ledger_light.jpg";
  const PageImage image = sovang::ocr::LoadPage(file, 1).image.GreyForArchive();
  auto look = sovang::ocr::MakeSecondLook();
  const auto off = look->Read(image, 0, 0.0, Box{image.width() + 10, 10, 100, 40}, {{}, {}});
  REQUIRE(off.size() == 2);
  CHECK(off[0].text.empty());
  CHECK(off[1].text.empty());
  CHECK(look->calls() == 0);
  CHECK(look->Read(PageImage(), 0, 0.0, Box{0, 0, 10, 10}, {{}})[0].text.empty());
}

TEST_CASE("Workers sharing one second look read, in turn, what each would read alone", "[ocr][second_look]") {
  const auto file = std::filesystem::path(SOVANG_SOURCE_DIR) / "data-samples/set-default/p006_ledger_light.jpg";
  const PageImage image = sovang::ocr::LoadPage(file, 1).image.GreyForArchive();
  const RecognizedPage page = sovang::ocr::MakeTesseractRecognizer()->Recognize(image);
  const Word* year = FindWord(page, "1942");
  REQUIRE(year != nullptr);
  const std::vector<Look> digits = {{1.0, true, true, false}, {2.0, true, true, false}};
  const auto alone = sovang::ocr::MakeSecondLook()->Read(image, page.rotation, page.skew_degrees, year->box, digits);

  sovang::ocr::SharedSecondLook shared(sovang::ocr::MakeSecondLook());
  constexpr int kWorkers = 2, kReads = 3;
  std::vector<std::vector<std::string>> texts(kWorkers);
  std::vector<int> calls(kWorkers);
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.emplace_back([&, w] {
      auto view = shared.View();
      for (int i = 0; i < kReads; ++i)
        for (const auto& r : view->Read(image, page.rotation, page.skew_degrees, year->box, digits))
          texts[w].push_back(r.text);
      calls[w] = view->calls();
    });
  for (auto& t : workers) t.join();
  for (int w = 0; w < kWorkers; ++w) {
    CHECK(calls[w] == kReads * 2);  // its own calls, not the other worker's
    REQUIRE(texts[w].size() == kReads * 2);
    for (std::size_t i = 0; i < texts[w].size(); ++i) CHECK(texts[w][i] == alone[i % 2].text);
  }
}
