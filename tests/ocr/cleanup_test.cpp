// The clean-up's one-pass background normalisation against Leptonica's own
// three passes, pixel for pixel, on real scans.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "ocr/internal/cleanup.h"
#include "ocr/internal/pix.h"
#include "ocr/page_loader.h"

using namespace sovang::ocr;

namespace {

PageImage Load(const std::string& name) {
  return std::move(LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / name, 1).image);
}

RecognizerOptions NormaliseOnly() {
  RecognizerOptions o;
  o.detect_orientation = false;
  o.deskew = false;  // compare the page as normalised, not turned
  return o;
}

}  // namespace

TEST_CASE("Background normalisation in one pass gives Leptonica's passes pixel for pixel", "[ocr]") {
  const std::string name = GENERATE(std::string("aged_skewed.jpg"), std::string("ledger.png"),
                                    std::string("colour.jpg"), std::string("depth16.png"),
                                    std::string("line_vi_600dpi.png"));
  INFO(name);
  const PageImage image = Load(name);
  Pix* page = PixOf(image);
  REQUIRE(page != nullptr);
  const int dpi_before = pixGetXRes(page);
  const CleanedPage cleaned = CleanPage(page, NormaliseOnly(), {});

  // What the clean-up did before, step by step.
  PixPtr grey = ToGrey8(page);
  if (cleaned.geometry.scaled_width != pixGetWidth(page)) {  // 600 dpi read at 300
    const float scale = 300.0f / static_cast<float>(pixGetXRes(page));
    grey.reset(pixScale(grey.get(), scale, scale));
  }
  const int size = std::max(5, (cleaned.dpi / 4 / 4) | 1);
  PixPtr norm(pixBackgroundNormMorph(grey.get(), nullptr, 4, size, 200));
  if (norm) {
    pixGammaTRC(norm.get(), norm.get(), 1.0f, 0, 200);
  } else {
    norm = std::move(grey);  // too small a page for the closing: read as it is
  }
  PixPtr binary(pixThresholdToBinary(norm.get(), 160));

  l_int32 same = 0;
  REQUIRE(pixEqual(cleaned.grey.get(), norm.get(), &same) == 0);
  CHECK(same == 1);
  REQUIRE(pixEqual(cleaned.binary.get(), binary.get(), &same) == 0);
  CHECK(same == 1);
  CHECK(pixGetXRes(cleaned.grey.get()) == cleaned.dpi);
  // The page given is read, never written (an 8-bit page is not copied first).
  CHECK(pixGetXRes(page) == dpi_before);
  CHECK(cleaned.grey.get() != page);
}

TEST_CASE("Without background normalisation the page is still copied, not shared", "[ocr]") {
  const PageImage image = Load("ledger.png");
  Pix* page = PixOf(image);
  RecognizerOptions o = NormaliseOnly();
  o.normalize_background = false;
  const CleanedPage cleaned = CleanPage(page, o, {});
  CHECK(cleaned.grey.get() != page);
  l_int32 same = 0;
  PixPtr grey = ToGrey8(page);
  REQUIRE(pixEqual(cleaned.grey.get(), grey.get(), &same) == 0);
  CHECK(same == 1);
}
