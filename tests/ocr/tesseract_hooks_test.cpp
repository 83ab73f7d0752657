// Tesseract's line images kept as raw pixels (ocr/line_images.cpp) and its
// legacy ambiguity table left out (ocr/legacy_ambigs.cpp): the same
// reading as with Tesseract's own PNG bytes, and nobody else's PNG touched.

#include <catch2/catch.hpp>

#include <leptonica/allheaders.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "ocr/internal/legacy_ambigs.h"
#include "ocr/internal/line_images.h"
#include "ocr/internal/morph.h"
#include "ocr/internal/tess_network.h"
#include "ocr/internal/tess_threshold.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

namespace {

std::string HocrOf(bool raw) {
  auto recognizer = sovang::ocr::MakeTesseractRecognizer();
  sovang::ocr::KeepTesseractLineImagesRaw(raw);  // after the constructor, which switches it on
  const auto page = recognizer->Recognize(
      sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/line_vi.png", 1).image);
  sovang::ocr::KeepTesseractLineImagesRaw(true);
  return page.hocr;
}

}  // namespace

TEST_CASE("Tesseract reads a page the same with its line images kept raw", "[ocr]") {
  const std::string png = HocrOf(false);
  const long before = sovang::ocr::TesseractLineImagesKeptRaw();
  const std::string raw = HocrOf(true);
  CHECK(sovang::ocr::TesseractLineImagesKeptRaw() > before);  // the LSTM's line images went raw
  CHECK(raw.find("Nguyễn") != std::string::npos);
  CHECK(raw == png);
}

TEST_CASE("A PNG written outside Tesseract is still a PNG", "[ocr]") {
  sovang::ocr::KeepTesseractLineImagesRaw(true);
  Pix* pix = pixCreate(40, 20, 8);
  pixSetAllArbitrary(pix, 200);
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMem(&data, &size, pix, IFF_PNG) == 0);
  REQUIRE(size > 8);
  CHECK(std::memcmp(data, "\x89PNG", 4) == 0);
  Pix* back = pixReadMem(data, size);
  REQUIRE(back != nullptr);
  l_int32 same = 0;
  pixEqual(pix, back, &same);
  CHECK(same == 1);
  pixDestroy(&back);
  lept_free(data);
  pixDestroy(&pix);
}

TEST_CASE("A recogniser's engine starts without the legacy engine's ambiguity table", "[ocr]") {
  const long before = sovang::ocr::LegacyAmbigsSkipped();
  auto recognizer = sovang::ocr::MakeTesseractRecognizer();
  CHECK(sovang::ocr::LegacyAmbigsSkipped() > before);
  const auto page = recognizer->Recognize(
      sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/line_vi.png", 1).image);
  CHECK(page.FullText().find("Nguyễn") != std::string::npos);
}

TEST_CASE("Tesseract lays out a page the same with its rules found by the fast line opening", "[ocr]") {
  // A framed page read as a whole (PSM_AUTO): Tesseract's rule finder opens it by lines.
  const auto read = [](bool fast) {
    auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    sovang::ocr::UseFastLineOpening(fast);  // after the constructor, which switches it on
    const auto page = recognizer->Recognize(
        sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/framed.png", 1).image);
    sovang::ocr::UseFastLineOpening(true);
    return page.hocr;
  };
  const std::string leptonica = read(false);
  const long before = sovang::ocr::FastLineOpenings();
  const std::string fast = read(true);
  CHECK(sovang::ocr::FastLineOpenings() > before);  // Tesseract's openings came here
  CHECK(fast.find("ocrx_word") != std::string::npos);
  CHECK(fast == leptonica);
}

TEST_CASE("Tesseract reads a page and a ledger's cells the same with its rectangles thresholded here", "[ocr]") {
  const auto read = [](const char* fixture, bool fast) {
    auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    sovang::ocr::UseFastTesseractThreshold(fast);  // after the constructor, which switches it on
    const auto page = recognizer->Recognize(
        sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / fixture, 1).image);
    sovang::ocr::UseFastTesseractThreshold(true);
    return page;
  };
  for (const char* fixture : {"framed.png", "ledger.png", "aged_skewed.jpg"}) {
    INFO(fixture);
    const auto tesseract = read(fixture, false);
    const long before = sovang::ocr::FastTesseractThresholds();
    const auto fast = read(fixture, true);
    CHECK(sovang::ocr::FastTesseractThresholds() - before >= fast.tesseract_calls);
    CHECK(fast.hocr.find("ocrx_word") != std::string::npos);
    CHECK(fast.hocr == tesseract.hocr);
  }
}

TEST_CASE("Tesseract's LSTM computes the same bytes with its convolution, rounding and max-pooling answered here", "[ocr]") {
  if (!sovang::ocr::FastTesseractConvolveAvailable()) {
    // Not the libtesseract build whose layouts were read: Tesseract's own code
    // must answer every call.
    WARN("libtesseract is not Debian 12's 5.3.0-2 build: the LSTM hooks stay off");
    const long convolves = sovang::ocr::FastTesseractConvolves();
    const long steps = sovang::ocr::FastTesseractTimeSteps();
    auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    static_cast<void>(recognizer->Recognize(
        sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures/line_vi.png", 1).image));
    CHECK(sovang::ocr::FastTesseractConvolves() == convolves);
    CHECK(sovang::ocr::FastTesseractTimeSteps() == steps);
    return;
  }
  const auto read = [](const char* fixture, bool fast, bool verify) {
    auto recognizer = sovang::ocr::MakeTesseractRecognizer();
    sovang::ocr::UseFastTesseractConvolve(fast);  // after the constructor, which switches them on
    sovang::ocr::UseFastTesseractTimeSteps(fast);
    sovang::ocr::VerifyTesseractNetworkHooks(verify);
    const auto page = recognizer->Recognize(
        sovang::ocr::LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / fixture, 1).image);
    sovang::ocr::VerifyTesseractNetworkHooks(false);
    sovang::ocr::UseFastTesseractConvolve(true);
    sovang::ocr::UseFastTesseractTimeSteps(true);
    return page.hocr;
  };
  for (const char* fixture : {"line_vi.png", "ledger.png", "aged_skewed.jpg"}) {
    INFO(fixture);
    // Every line's convolution run both ways from the same random state (the same bytes, the same state
    // after), every time step's rounding and max-pooling both ways from the same bytes.
    const long before = sovang::ocr::FastTesseractConvolves();
    const long steps = sovang::ocr::FastTesseractTimeSteps();
    const long mismatched = sovang::ocr::TesseractNetworkMismatches();
    const std::string checked = read(fixture, true, true);
    CHECK(sovang::ocr::FastTesseractConvolves() - before > 0);
    CHECK(sovang::ocr::FastTesseractTimeSteps() - steps > 1000);
    CHECK(sovang::ocr::TesseractNetworkMismatches() == mismatched);
    // And the page read the same as with Tesseract's own.
    const std::string tesseract = read(fixture, false, false);
    const std::string fast = read(fixture, true, false);
    CHECK(fast.find("ocrx_word") != std::string::npos);
    CHECK(fast == tesseract);
    CHECK(checked == tesseract);
  }
}
