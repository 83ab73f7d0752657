// The opening and the safe closing of a binary image by a line
// (ocr/morph.cpp) against Leptonica's own, pixel for pixel, with the word
// loops plain and with AVX2.

#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "avx2_allowed.h"
#include "ocr/internal/cleanup.h"
#include "ocr/internal/morph.h"
#include "ocr/internal/pix.h"
#include "ocr/page_loader.h"

using namespace sovang::ocr;

namespace {

using OpenBrick = PIX* (*)(PIX*, PIX*, l_int32, l_int32);

OpenBrick Leptonicas(bool composite = false) {
  static const auto brick = reinterpret_cast<OpenBrick>(dlsym(RTLD_NEXT, "pixOpenBrick"));
  static const auto comp = reinterpret_cast<OpenBrick>(dlsym(RTLD_NEXT, "pixOpenCompBrick"));
  return composite ? comp : brick;
}

// Random ink with runs of every length, and garbage in the pad bits.
PixPtr RandomInk(int w, int h, unsigned seed) {
  PixPtr pix(pixCreate(w, h, 1));
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y) {
    int x = 0;
    while (x < w) {
      const int run = 1 + static_cast<int>(rng() % (rng() % 4 == 0 ? 120u : 12u));
      const bool on = rng() % 2 == 0;
      for (int i = 0; i < run && x < w; ++i, ++x)
        if (on) pixSetPixel(pix.get(), x, y, 1);
    }
  }
  // Columns too: a few vertical bars.
  for (int k = 0; k < 6; ++k) {
    const int x = static_cast<int>(rng() % static_cast<unsigned>(w));
    const int y0 = static_cast<int>(rng() % static_cast<unsigned>(h));
    const int len = 1 + static_cast<int>(rng() % 150u);
    for (int y = y0; y < h && y < y0 + len; ++y) pixSetPixel(pix.get(), x, y, 1);
  }
  if (w % 32 != 0) {
    const l_uint32 pad = ~(~0u << (32 - w % 32));
    for (int y = 0; y < h; ++y) pixGetData(pix.get())[y * pixGetWpl(pix.get()) + (w - 1) / 32] |= pad;
  }
  pixSetResolution(pix.get(), 300, 300);
  return pix;
}

// pixOpenBrick, or with `composite` pixOpenCompBrick.
void CheckSame(Pix* src, int hsize, int vsize, bool composite = false) {
  INFO(pixGetWidth(src) << "x" << pixGetHeight(src) << ", brick " << hsize << "x" << vsize
                        << (composite ? ", composite" : ""));
  UseFastLineOpening(true);
  const long before = FastLineOpenings();
  PixPtr fast(composite ? pixOpenCompBrick(nullptr, src, hsize, vsize) : pixOpenBrick(nullptr, src, hsize, vsize));
  const bool answered_here = FastLineOpenings() > before;
  UseFastLineOpening(false);
  PixPtr want(Leptonicas(composite)(nullptr, src, hsize, vsize));
  REQUIRE(fast);
  REQUIRE(want);
  if (!composite) CHECK(answered_here == ((hsize == 1) != (vsize == 1)));
  if (!((hsize == 1) != (vsize == 1))) CHECK_FALSE(answered_here);
  l_int32 same = 0;
  REQUIRE(pixEqual(fast.get(), want.get(), &same) == 0);
  CHECK(same == 1);
  CHECK(pixGetXRes(fast.get()) == pixGetXRes(want.get()));
  CHECK(pixGetWidth(fast.get()) == pixGetWidth(want.get()));
}

// `name` (pixCloseSafeBrick, pixDilateBrick) answered here, as `answered`
// counts, against Leptonica's own; `ours` says whether it should be.
void CheckSameAsLeptonicas(const char* name, OpenBrick operation, long (*answered)(), bool ours, Pix* src, int hsize,
                           int vsize) {
  INFO(pixGetWidth(src) << "x" << pixGetHeight(src) << ", " << name << " " << hsize << "x" << vsize);
  const auto leptonicas = reinterpret_cast<OpenBrick>(dlsym(RTLD_NEXT, name));
  REQUIRE(leptonicas != nullptr);
  UseFastLineOpening(true);
  const long before = answered();
  PixPtr fast(operation(nullptr, src, hsize, vsize));
  const bool answered_here = answered() > before;
  UseFastLineOpening(false);
  PixPtr want(leptonicas(nullptr, src, hsize, vsize));
  REQUIRE(fast);
  REQUIRE(want);
  CHECK(answered_here == ours);
  l_int32 same = 0;
  REQUIRE(pixEqual(fast.get(), want.get(), &same) == 0);
  CHECK(same == 1);
  CHECK(pixGetXRes(fast.get()) == pixGetXRes(want.get()));
}

void CheckSameClosing(Pix* src, int hsize, int vsize) {
  CheckSameAsLeptonicas("pixCloseSafeBrick", pixCloseSafeBrick, FastLineClosings, (hsize == 1) != (vsize == 1), src,
                        hsize, vsize);
}

void CheckSameDilation(Pix* src, int hsize, int vsize) {
  CheckSameAsLeptonicas("pixDilateBrick", pixDilateBrick, FastBrickDilations, hsize > 1 || vsize > 1, src, hsize,
                        vsize);
}

}  // namespace

TEST_CASE("Dilation by a brick gives Leptonica's pixel for pixel", "[ocr]") {
  const bool avx2 = GENERATE(false, true);  // the doubling's word loops, plain and AVX2
  const Avx2Allowed allowed(avx2);
  unsigned seed = 900;
  for (const int w : {1, 7, 32, 33, 100, 257}) {
    for (const int h : {1, 5, 64, 131}) {
      PixPtr ink = RandomInk(w, h, seed++);
      for (const auto& [hs, vs] : std::vector<std::pair<int, int>>{
               {5, 5}, {1, 5}, {5, 1}, {2, 2}, {4, 7}, {3, 1}, {1, 2}, {33, 1}, {1, 40}, {6, 9}, {1, 1}}) {
        CheckSameDilation(ink.get(), hs, vs);
      }
    }
  }
}

TEST_CASE("Safe closing by a line gives Leptonica's pixel for pixel", "[ocr]") {
  const bool avx2 = GENERATE(false, true);  // the doubling's word loops, plain and AVX2
  const Avx2Allowed allowed(avx2);
  unsigned seed = 500;
  for (const int w : {1, 7, 31, 32, 33, 100, 257}) {
    for (const int h : {1, 5, 64, 131}) {
      PixPtr ink = RandomInk(w, h, seed++);
      for (const int n : {2, 3, 4, 5, 8, 10, 31, 32, 33, 40, 64, 65, 75}) {
        CheckSameClosing(ink.get(), n, 1);
        CheckSameClosing(ink.get(), 1, n);
      }
    }
  }
  // What is not a line goes to Leptonica.
  PixPtr ink = RandomInk(100, 80, 99);
  CheckSameClosing(ink.get(), 5, 5);
  CheckSameClosing(ink.get(), 1, 1);
}

TEST_CASE("Opening by a line gives Leptonica's opening pixel for pixel", "[ocr]") {
  const bool avx2 = GENERATE(false, true);  // the doubling's word loops, plain and AVX2
  const Avx2Allowed allowed(avx2);
  REQUIRE(Leptonicas() != nullptr);
  unsigned seed = 1;
  for (const int w : {1, 7, 31, 32, 33, 100, 257}) {
    for (const int h : {1, 5, 64, 131}) {
      PixPtr ink = RandomInk(w, h, seed++);
      for (const int n : {2, 3, 4, 5, 8, 31, 32, 33, 63, 64, 65, 75, 100, 300}) {
        CheckSame(ink.get(), n, 1);
        CheckSame(ink.get(), 1, n);
      }
    }
  }
  // What is not a line goes to Leptonica: a box, a point.
  PixPtr ink = RandomInk(100, 80, 99);
  CheckSame(ink.get(), 5, 5);
  CheckSame(ink.get(), 1, 1);
  CheckSame(ink.get(), 5, 5, true);
  CheckSame(ink.get(), 1, 1, true);
}

TEST_CASE("Composite opening by a line gives Leptonica's, whose line may be a little longer or shorter", "[ocr]") {
  const bool avx2 = GENERATE(false, true);  // the doubling's word loops, plain and AVX2
  const Avx2Allowed allowed(avx2);
  REQUIRE(Leptonicas(true) != nullptr);
  unsigned seed = 100;
  for (const int w : {33, 257, 700}) {
    for (const int h : {5, 131, 600}) {
      PixPtr ink = RandomInk(w, h, seed++);
      for (const int n : {2, 3, 5, 17, 32, 60, 61, 75, 97, 100, 150, 239, 401, 997}) {
        CheckSame(ink.get(), n, 1, true);
        CheckSame(ink.get(), 1, n, true);
      }
    }
  }
}

TEST_CASE("Opening a real page's ink by rules' lengths gives Leptonica's", "[ocr]") {
  const bool avx2 = GENERATE(false, true);  // the doubling's word loops, plain and AVX2
  const Avx2Allowed allowed(avx2);
  const std::string name =
      GENERATE(std::string("ledger.png"), std::string("aged_skewed.jpg"), std::string("framed.png"));
  INFO(name);
  const PageImage image = LoadPage(std::filesystem::path(SOVANG_SOURCE_DIR) / "tests/ocr/fixtures" / name, 1).image;
  PixPtr grey = ToGrey8(PixOf(image));
  PixPtr ink(pixThresholdToBinary(grey.get(), 160));
  // Tesseract's rule finder at 300 dpi: 75 px lines; the table finder's lengths.
  for (const int n : {15, 75, 150, 400}) {
    if (n < 100) {  // the table finder's bridging of breaks in rules: 10 px at 300 dpi
      CheckSameClosing(ink.get(), n / 7, 1);
      CheckSameClosing(ink.get(), 1, n / 7);
    }
    CheckSame(ink.get(), n, 1);
    CheckSame(ink.get(), 1, n);
    CheckSame(ink.get(), n, 1, true);
    CheckSame(ink.get(), 1, n, true);
  }
  // A destination given goes to Leptonica too.
  UseFastLineOpening(true);
  const long before = FastLineOpenings();
  PixPtr into(pixCreateTemplate(ink.get()));
  pixOpenBrick(into.get(), ink.get(), 75, 1);
  CHECK(FastLineOpenings() == before);
  UseFastLineOpening(false);
}
