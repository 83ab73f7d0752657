// The grey closing behind background normalisation (ocr/grey_closing.cpp)
// against Leptonica's pixCloseGray, pixel for pixel.

#include <catch2/catch.hpp>

#include <random>

#include "ocr/internal/grey_closing.h"
#include "ocr/internal/pix.h"

using namespace sovang::ocr;

namespace {

// Grey noise with dark blobs and bright streaks, so windows see every order.
PixPtr RandomGrey(int w, int h, unsigned seed) {
  PixPtr pix(pixCreate(w, h, 8));
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) pixSetPixel(pix.get(), x, y, 120 + rng() % 100);
  }
  for (int k = 0; k < 12; ++k) {
    const int x0 = static_cast<int>(rng() % static_cast<unsigned>(w));
    const int y0 = static_cast<int>(rng() % static_cast<unsigned>(h));
    const int bw = 1 + static_cast<int>(rng() % 40u), bh = 1 + static_cast<int>(rng() % 40u);
    const l_uint32 v = k % 2 == 0 ? rng() % 30 : 230 + rng() % 26;
    for (int y = y0; y < h && y < y0 + bh; ++y) {
      for (int x = x0; x < w && x < x0 + bw; ++x) pixSetPixel(pix.get(), x, y, v);
    }
  }
  pixSetResolution(pix.get(), 75, 75);
  return pix;
}

}  // namespace

TEST_CASE("Grey closing gives pixCloseGray's pixel for pixel", "[ocr]") {
  unsigned seed = 7;
  for (const int w : {1, 3, 17, 33, 100, 257}) {
    for (const int h : {1, 4, 19, 64, 131}) {
      PixPtr page = RandomGrey(w, h, seed++);
      for (const int size : {1, 2, 3, 5, 9, 19, 21, 40}) {
        INFO(w << "x" << h << ", size " << size);
        PixPtr got = CloseGrey(page.get(), size);
        PixPtr want(pixCloseGray(page.get(), size, size));
        REQUIRE(got);
        REQUIRE(want);
        l_int32 same = 0;
        REQUIRE(pixEqual(got.get(), want.get(), &same) == 0);
        CHECK(same == 1);
        CHECK(pixGetXRes(got.get()) == 75);
      }
    }
  }
}

TEST_CASE("Grey closing refuses what is not an 8-bit grey image", "[ocr]") {
  PixPtr binary(pixCreate(10, 10, 1));
  CHECK(CloseGrey(binary.get(), 5) == nullptr);
  CHECK(CloseGrey(nullptr, 5) == nullptr);
}
