// Ink counted by row and by column over an area (ocr/ink_counts.cpp) against
// Leptonica's counts of the area clipped out.

#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "ocr/internal/ink_counts.h"
#include "ocr/internal/pix.h"

using namespace sovang::ocr;

namespace {

std::vector<int> Counts(Numa* numa) {
  std::vector<int> out;
  for (int i = 0; i < numaGetCount(numa); ++i) {
    l_int32 v = 0;
    numaGetIValue(numa, i, &v);
    out.push_back(v);
  }
  return out;
}

}  // namespace

TEST_CASE("Ink by row and by column over an area gives Leptonica's counts of the area clipped out", "[ocr]") {
  std::mt19937 rng(3);
  for (const int w : {1, 31, 32, 33, 97, 300}) {
    const int h = 1 + static_cast<int>(rng() % 60u);
    PixPtr pix(pixCreate(w, h, 1));
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        if (rng() % 3 == 0) pixSetPixel(pix.get(), x, y, 1);
      }
    }
    // Garbage in the pad bits, which are no pixels.
    if (w % 32 != 0) {
      for (int y = 0; y < h; ++y)
        pixGetData(pix.get())[y * pixGetWpl(pix.get()) + (w - 1) / 32] |= ~(~0u << (32 - w % 32));
    }
    for (int k = 0; k < 40; ++k) {
      // Areas inside, across the edges and whole.
      const int x = static_cast<int>(rng() % static_cast<unsigned>(w + 10)) - 5;
      const int y = static_cast<int>(rng() % static_cast<unsigned>(h + 10)) - 5;
      const sovang::Box area{x, y, 1 + static_cast<int>(rng() % static_cast<unsigned>(w + 5)),
                             1 + static_cast<int>(rng() % static_cast<unsigned>(h + 5))};
      INFO(w << "x" << h << ", area " << area.x << "," << area.y << " " << area.w << "x" << area.h);
      LeptBoxPtr box = MakeLeptBox(area);
      PixPtr clipped(pixClipRectangle(pix.get(), box.get(), nullptr));
      if (!clipped) {  // the area misses the image
        CHECK(InkByRow(pix.get(), area).empty());
        CHECK(InkByColumn(pix.get(), area).empty());
        continue;
      }
      NumaPtr by_row(pixCountPixelsByRow(clipped.get(), nullptr));
      NumaPtr by_column(pixCountPixelsByColumn(clipped.get()));
      CHECK(InkByRow(pix.get(), area) == Counts(by_row.get()));
      CHECK(InkByColumn(pix.get(), area) == Counts(by_column.get()));
    }
  }
}
