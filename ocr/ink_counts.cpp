#include "ocr/internal/ink_counts.h"

#include <algorithm>
#include <bit>

namespace sovang::ocr {
namespace {

// `area` of a 1-bit image, clipped to it: [x0, x1) x [y0, y1).
struct Area {
  int x0, y0, x1, y1;
};
// Empty (x0 == x1 and y0 == y1) when it misses the image.
Area ClipArea(Pix* pix, const Box& b) {
  Area a{std::max(0, b.x), std::max(0, b.y), std::min(pixGetWidth(pix), b.x + b.w),
         std::min(pixGetHeight(pix), b.y + b.h)};
  if (a.x0 >= a.x1 || a.y0 >= a.y1) a = Area{0, 0, 0, 0};
  return a;
}

// Word k of `line` with the pixels outside [a.x0, a.x1) cleared (pixel x:
// bit 31 - x % 32).
l_uint32 WordInArea(const l_uint32* line, int k, const Area& a) {
  l_uint32 word = line[k];
  if (k * 32 < a.x0) word &= ~0u >> (a.x0 - k * 32);
  if ((k + 1) * 32 > a.x1) word &= ~0u << ((k + 1) * 32 - a.x1);
  return word;
}

// Calls visit(y, k, word) for word k of every row y of `a`, its pixels
// outside the area cleared.
template <class Visit>
void ForEachWordInArea(Pix* pix, const Area& a, Visit visit) {
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = a.y0; y < a.y1; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int k = a.x0 / 32; k * 32 < a.x1; ++k) visit(y, k, WordInArea(line, k, a));
  }
}

}  // namespace

// Set pixels in each row of `area` (pixCountPixelsByRow of the clipped
// area, without the copy): whole words by popcount.
std::vector<int> InkByRow(Pix* pix, const Box& area) {
  const Area a = ClipArea(pix, area);
  std::vector<int> counts(static_cast<std::size_t>(std::max(0, a.y1 - a.y0)), 0);
  ForEachWordInArea(
      pix, a, [&](int y, int, l_uint32 word) { counts[static_cast<std::size_t>(y - a.y0)] += std::popcount(word); });
  return counts;
}

// Set pixels in each column of `area` (pixCountPixelsByColumn of the
// clipped area, without the copy and its bit-by-bit walk): each row's set
// bits, found a word at a time.
std::vector<int> InkByColumn(Pix* pix, const Box& area) {
  const Area a = ClipArea(pix, area);
  std::vector<int> counts(static_cast<std::size_t>(std::max(0, a.x1 - a.x0)), 0);
  ForEachWordInArea(pix, a, [&](int, int k, l_uint32 word) {
    while (word != 0) {
      const int bit = std::countl_zero(word);  // pixel k * 32 + bit
      ++counts[static_cast<std::size_t>(k * 32 + bit - a.x0)];
      word &= ~(0x80000000u >> bit);
    }
  });
  return counts;
}

}  // namespace sovang::ocr
