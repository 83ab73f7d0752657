// The clean-up's one-pass background normalisation and its deskew rotation
// against Leptonica's own passes, pixel for pixel, on real scans; both with
// their AVX2 loops (where the processor has them) and without.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "avx2_allowed.h"
#include "ocr/internal/cleanup.h"
#include "ocr/internal/pix.h"
#include "ocr/internal/simd.h"
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
  // Also cut to a width that is not a whole number of words (odd row ends).
  const bool odd_width = GENERATE(false, true);
  const bool avx2 = GENERATE(false, true);
  const Avx2Allowed allowed(avx2);
  INFO(name << (odd_width ? ", 3 px narrower" : "") << (UseAvx2() ? ", AVX2" : ", plain"));
  const PageImage image = Load(name);
  Pix* page = PixOf(image);
  REQUIRE(page != nullptr);
  PixPtr narrower;
  if (odd_width) {
    LeptBoxPtr box = MakeLeptBox(sovang::Box{0, 0, pixGetWidth(page) - 3, pixGetHeight(page)});
    narrower.reset(pixClipRectangle(page, box.get(), nullptr));
    REQUIRE(narrower);
    page = narrower.get();
  }
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

TEST_CASE("A page with black areas wider than the background window is normalised as Leptonica does", "[ocr]") {
  // A black scan margin and a black block: the background map has holes,
  // which Leptonica's pixFillMapHoles fills (asked only then).
  const bool avx2 = GENERATE(false, true);
  const Avx2Allowed allowed(avx2);
  PixPtr page(pixCreate(900, 700, 8));
  pixSetAll(page.get());
  for (int y = 0; y < 700; ++y) {
    for (int x = 0; x < 900; ++x) {
      const bool margin = x < 140;
      const bool block = x > 500 && x < 700 && y > 200 && y < 450;
      const bool text = (y / 12) % 3 == 0 && (x / 7) % 2 == 0;
      pixSetPixel(page.get(), x, y, margin || block ? 0 : text ? 40 : 225 - y / 10);
    }
  }
  pixSetResolution(page.get(), 300, 300);
  const CleanedPage cleaned = CleanPage(page.get(), NormaliseOnly(), {});
  PixPtr norm(pixBackgroundNormMorph(page.get(), nullptr, 4, 19, 200));
  REQUIRE(norm);
  pixGammaTRC(norm.get(), norm.get(), 1.0f, 0, 200);
  l_int32 same = 0;
  REQUIRE(pixEqual(cleaned.grey.get(), norm.get(), &same) == 0);
  CHECK(same == 1);
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

TEST_CASE("Deskew rotation gives Leptonica's area-mapped rotation pixel for pixel", "[ocr]") {
  const std::string name = GENERATE(std::string("aged_skewed.jpg"), std::string("ledger.png"),
                                    std::string("colour.jpg"), std::string("line_vi.png"));
  const bool avx2 = GENERATE(false, true);
  const Avx2Allowed allowed(avx2);
  INFO(name << (UseAvx2() ? ", AVX2" : ", plain"));
  const PageImage image = Load(name);
  PixPtr grey = ToGrey8(PixOf(image));
  REQUIRE(grey);
  // An odd width too (rows not a whole number of words).
  LeptBoxPtr odd = MakeLeptBox(sovang::Box{0, 0, pixGetWidth(grey.get()) - 3, pixGetHeight(grey.get()) - 1});
  PixPtr cropped(pixClipRectangle(grey.get(), odd.get(), nullptr));
  for (Pix* page : {grey.get(), cropped.get()}) {
    for (const float degrees : {0.1f, -0.1f, 0.37f, -1.23f, 2.9f, -4.5f, 12.0f, 0.03f}) {
      INFO(pixGetWidth(page) << " px wide, " << degrees << " degrees");
      const float radians = degrees * 3.14159265f / 180.0f;
      PixPtr want(pixRotate(page, radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
      PixPtr want_ink(pixThresholdToBinary(want.get(), 160));
      PixPtr ink;
      PixPtr got = RotateGrey(page, radians, 160, &ink);
      REQUIRE(got);
      REQUIRE(ink);
      l_int32 same = 0;
      REQUIRE(pixEqual(got.get(), want.get(), &same) == 0);
      CHECK(same == 1);
      REQUIRE(pixEqual(ink.get(), want_ink.get(), &same) == 0);
      CHECK(same == 1);
      CHECK(pixGetXRes(got.get()) == pixGetXRes(page));
      CHECK(RotateGrey(page, radians, 160) != nullptr);
    }
  }
}
