#include "ocr/internal/morph.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ocr/internal/bit_rows.h"

namespace sovang::ocr {
namespace {

std::atomic<bool> fast_enabled{false};
std::atomic<long> fast_done{0};
std::atomic<long> fast_closed{0};
std::atomic<long> fast_dilated{0};

// A 1-bit image's rows as words (pixel x of a row: bit 31 - x % 32 of word
// x / 32), worked on in place.
struct Bits {
  l_uint32* data;
  int w, h, wpl;
  l_uint32* row(int y) const { return data + static_cast<std::ptrdiff_t>(y) * wpl; }
};

// Every pixel keeps only if it lies in a run of at least n set pixels down
// its column; beyond the image counts as unset (Leptonica's asymmetric
// boundary condition). By doubling: P_2m(y) = P_m(y) & P_m(y + m) is "rows y
// .. y + 2m - 1 all set"; with m the largest power of two <= n, E(y) = P_m(y)
// & P_m(y + n - m) is "rows y .. y + n - 1 all set" (the erosion, windows
// counted from their first row); the opening is every row of such a window:
// the same doubling with | the other way. ~2 log2(n) passes for Leptonica's 2n.
void OpenColumns(const Bits& b, int n) {
  int m = 1;
  // Rows follow each other in memory: shifting the image by `by` rows is
  // shifting its words by by * wpl.
  const std::ptrdiff_t words = static_cast<std::ptrdiff_t>(b.wpl) * b.h;
  auto and_below = [&](int by) {  // row(y) &= row(y + by); rows past the last: unset
    CombineAhead(BitOp::kAnd, b.data, words, std::ptrdiff_t{32} * by * b.wpl);
  };
  auto or_above = [&](int by) {  // row(y) |= row(y - by)
    CombineBehind(BitOp::kOr, b.data, words, std::ptrdiff_t{32} * by * b.wpl);
  };
  while (2 * m <= n) {
    and_below(m);
    m *= 2;
  }
  if (n > m) and_below(n - m);
  m = 1;
  while (2 * m <= n) {
    or_above(m);
    m *= 2;
  }
  if (n > m) or_above(n - m);
}

// The same along rows: shifting a row by s pixels is shifting its words'
// bits (pad bits past the row are 0, as is everything beyond it).
void OpenRows(const Bits& b, int n) {
  for (int y = 0; y < b.h; ++y) {
    l_uint32* r = b.row(y);
    int m = 1;
    while (2 * m <= n) {
      CombineAhead(BitOp::kAnd, r, b.wpl, m);
      m *= 2;
    }
    if (n > m) CombineAhead(BitOp::kAnd, r, b.wpl, n - m);
    m = 1;
    while (2 * m <= n) {
      CombineBehind(BitOp::kOr, r, b.wpl, m);
      m *= 2;
    }
    if (n > m) CombineBehind(BitOp::kOr, r, b.wpl, n - m);
  }
}

// A safe closing by a line of n pixels (the image on an unbounded plane of
// unset pixels, so nothing near its edges is lost): the dilation D(s) = OR
// of s .. s + n - 1, then the erosion C(x) = AND of D over x - n + 1 .. x
// (a closing does not depend on the brick's origin). Both by doubling, on
// `lead` unset units (bits of a row, rows of a column) in front of the image
// where D reaches out: C(x) is read from D down to x - n + 1.
template <class OrAhead, class AndBehind>
void CloseByDoubling(int n, OrAhead or_ahead, AndBehind and_behind) {
  int m = 1;
  while (2 * m <= n) {
    or_ahead(m);
    m *= 2;
  }
  if (n > m) or_ahead(n - m);
  m = 1;
  while (2 * m <= n) {
    and_behind(m);
    m *= 2;
  }
  if (n > m) and_behind(n - m);
}

// Rows: each row copied behind `lead` unset words, closed, copied back.
void CloseRows(const Bits& b, int n) {
  const int lead = (n - 1 + 31) / 32;
  const int wpl = lead + b.wpl;
  std::vector<l_uint32> row(static_cast<std::size_t>(wpl));
  for (int y = 0; y < b.h; ++y) {
    std::fill(row.begin(), row.begin() + lead, 0u);
    std::memcpy(row.data() + lead, b.row(y), static_cast<std::size_t>(b.wpl) * sizeof(l_uint32));
    CloseByDoubling(
        n, [&](int s) { CombineAhead(BitOp::kOr, row.data(), wpl, s); },
        [&](int s) { CombineBehind(BitOp::kAnd, row.data(), wpl, s); });
    std::memcpy(b.row(y), row.data() + lead, static_cast<std::size_t>(b.wpl) * sizeof(l_uint32));
  }
}

// Columns: the image behind n - 1 unset rows, closed a whole row at a time.
void CloseColumns(const Bits& b, int n) {
  const int lead = n - 1;
  const std::size_t row_words = static_cast<std::size_t>(b.wpl);
  std::vector<l_uint32> all(row_words * static_cast<std::size_t>(lead + b.h), 0u);
  std::memcpy(all.data() + row_words * static_cast<std::size_t>(lead), b.data,
              row_words * static_cast<std::size_t>(b.h) * sizeof(l_uint32));
  const Bits t{all.data(), b.w, lead + b.h, b.wpl};
  const std::ptrdiff_t words = static_cast<std::ptrdiff_t>(t.wpl) * t.h;
  auto or_below = [&](int by) {  // row(y) |= row(y + by)
    CombineAhead(BitOp::kOr, t.data, words, std::ptrdiff_t{32} * by * t.wpl);
  };
  auto and_above = [&](int by) {  // row(y) &= row(y - by); rows before the first: unset
    CombineBehind(BitOp::kAnd, t.data, words, std::ptrdiff_t{32} * by * t.wpl);
  };
  CloseByDoubling(n, or_below, and_above);
  std::memcpy(b.data, all.data() + row_words * static_cast<std::size_t>(lead),
              row_words * static_cast<std::size_t>(b.h) * sizeof(l_uint32));
}

// A copy of 1-bit `pixs` with its pad bits cleared (they count as unset), or
// null.
PIX* CopyWithoutPadBits(PIX* pixs) {
  PIX* out = pixCreateTemplate(pixs);
  if (out == nullptr) return nullptr;
  const int w = pixGetWidth(pixs), h = pixGetHeight(pixs), wpl = pixGetWpl(pixs);
  if (pixGetWpl(out) != wpl) {
    pixDestroy(&out);
    return nullptr;
  }
  std::memcpy(pixGetData(out), pixGetData(pixs),
              static_cast<std::size_t>(wpl) * sizeof(l_uint32) * static_cast<std::size_t>(h));
  if (w % 32 != 0) {
    const l_uint32 keep = ~0u << (32 - w % 32);
    for (int y = 0; y < h; ++y) pixGetData(out)[static_cast<std::ptrdiff_t>(y) * wpl + (w - 1) / 32] &= keep;
  }
  return out;
}

// The safe closing of 1-bit `pixs` by a line of hsize x 1 or 1 x vsize
// pixels, as a new image.
PIX* CloseSafeByLine(PIX* pixs, int hsize, int vsize) {
  PIX* out = CopyWithoutPadBits(pixs);
  if (out == nullptr) return nullptr;
  const Bits bits{pixGetData(out), pixGetWidth(out), pixGetHeight(out), pixGetWpl(out)};
  if (hsize > 1) {
    CloseRows(bits, hsize);
  } else {
    CloseColumns(bits, vsize);
  }
  ++fast_closed;
  return out;
}

// r(x) |= the OR of r over [x, x + n - 1] (n >= 1) by doubling, then with
// `behind` over [x - n + 1, x] instead; `combine(ahead, s)` does one step.
template <class Combine>
void OrOverRun(int n, bool behind, Combine combine) {
  int m = 1;
  while (2 * m <= n) {
    combine(behind, m);
    m *= 2;
  }
  if (n > m) combine(behind, n - m);
}

// Leptonica's dilation by an hsize x vsize brick (origin at hsize / 2,
// vsize / 2): each pixel becomes the OR of its window [x - (hsize - 1 -
// hsize / 2), x + hsize / 2] along rows, then likewise down columns (the
// brick is separable); nothing comes in from beyond the image. Each window
// is a run ahead (to x + c) then a run behind, both by doubling.
PIX* DilateByBrick(PIX* pixs, int hsize, int vsize) {
  PIX* out = CopyWithoutPadBits(pixs);
  if (out == nullptr) return nullptr;
  const Bits b{pixGetData(out), pixGetWidth(out), pixGetHeight(out), pixGetWpl(out)};
  if (hsize > 1) {
    const int c = hsize / 2;
    for (int y = 0; y < b.h; ++y) {
      l_uint32* r = b.row(y);
      auto step = [&](bool behind, int s) {
        if (behind) {
          CombineBehind(BitOp::kOr, r, b.wpl, s);
        } else {
          CombineAhead(BitOp::kOr, r, b.wpl, s);
        }
      };
      OrOverRun(c + 1, false, step);
      OrOverRun(hsize - c, true, step);
    }
    // What ran past the row's last pixel into its pad bits is no pixel.
    if (b.w % 32 != 0) {
      for (int y = 0; y < b.h; ++y) b.row(y)[(b.w - 1) / 32] &= ~0u << (32 - b.w % 32);
    }
  }
  if (vsize > 1) {
    const int c = vsize / 2;
    const std::ptrdiff_t words = static_cast<std::ptrdiff_t>(b.wpl) * b.h;
    auto step = [&](bool behind, int rows) {
      const std::ptrdiff_t s = std::ptrdiff_t{32} * rows * b.wpl;
      if (behind) {
        CombineBehind(BitOp::kOr, b.data, words, s);
      } else {
        CombineAhead(BitOp::kOr, b.data, words, s);
      }
    };
    OrOverRun(c + 1, false, step);
    OrOverRun(vsize - c, true, step);
  }
  ++fast_dilated;
  return out;
}

// The opening of 1-bit `pixs` by a line of hsize x 1 or 1 x vsize pixels,
// as a new image.
PIX* OpenByLine(PIX* pixs, int hsize, int vsize) {
  PIX* out = CopyWithoutPadBits(pixs);
  if (out == nullptr) return nullptr;
  const Bits bits{pixGetData(out), pixGetWidth(out), pixGetHeight(out), pixGetWpl(out)};
  if (hsize > 1) {
    OpenRows(bits, hsize);
  } else {
    OpenColumns(bits, vsize);
  }
  ++fast_done;
  return out;
}
}  // namespace

void UseFastLineOpening(bool on) { fast_enabled = on; }
long FastLineOpenings() { return fast_done; }
long FastLineClosings() { return fast_closed; }
long FastBrickDilations() { return fast_dilated; }

}  // namespace sovang::ocr

namespace sovang::ocr {
namespace {

using BrickOperation = PIX* (*)(PIX*, PIX*, l_int32, l_int32);

// Leptonica's own `name`, for what is not answered here.
BrickOperation Leptonicas(const char* name) { return reinterpret_cast<BrickOperation>(dlsym(RTLD_NEXT, name)); }

// Whether a brick operation is answered here: switched on, a new image asked
// for, of a 1-bit image without a colour map.
bool AnsweredHere(PIX* pixd, PIX* pixs) {
  return fast_enabled && pixd == nullptr && pixs != nullptr && pixGetDepth(pixs) == 1 &&
         pixGetColormap(pixs) == nullptr;
}

// A brick one pixel across: hsize x 1 or 1 x vsize.
bool IsLine(l_int32 hsize, l_int32 vsize) { return (hsize == 1) != (vsize == 1) && hsize >= 1 && vsize >= 1; }

}  // namespace
}  // namespace sovang::ocr

// Leptonica opens a binary image with a line (pixOpenBrick(pixd, pixs, n, 1)
// or (.., 1, n)) by eroding with n shifted copies of the image and dilating
// with n more: Tesseract's rule finder opens every page it lays out with 1 x
// 75 and 75 x 1 bricks at 300 dpi, ~300 full-page raster operations, and
// the table finder does the same kind of thing; rasteropLow was ~7% of an
// ingest (perf, the 40 bench pages). An opening by a line keeps exactly the
// pixels that lie in a run of at least n set pixels along it (with
// Leptonica's asymmetric boundary condition, nothing beyond the image is
// set), whatever the brick's origin, and that takes ~2 log2(n) passes
// (OpenRows, OpenColumns). Defined in the executable, ahead of Leptonica's
// for every caller; anything else (a destination given, a 2-D brick, an
// image not 1 bit deep) goes to Leptonica. Pixel for pixel the same
// (tests/ocr/morph_test.cpp).
extern "C" PIX* pixOpenBrick(PIX* pixd, PIX* pixs, l_int32 hsize, l_int32 vsize) {
  using namespace sovang::ocr;
  static const BrickOperation real = Leptonicas("pixOpenBrick");
  if (!AnsweredHere(pixd, pixs) || !IsLine(hsize, vsize)) return real(pixd, pixs, hsize, vsize);
  return OpenByLine(pixs, hsize, vsize);
}

// Leptonica's composite opening by a line (pixOpenCompBrick, the table
// finder's rules) erodes and dilates by a brick of f1 and a comb of f2
// teeth f1 apart (selectComposableSizes): an opening by a line of f1 * f2
// pixels, which may differ a little from the size asked for. Answered the
// same way as pixOpenBrick, with that length.
extern "C" PIX* pixOpenCompBrick(PIX* pixd, PIX* pixs, l_int32 hsize, l_int32 vsize) {
  using namespace sovang::ocr;
  static const BrickOperation real = Leptonicas("pixOpenCompBrick");
  if (!AnsweredHere(pixd, pixs) || !IsLine(hsize, vsize)) return real(pixd, pixs, hsize, vsize);
  l_int32 f1 = 0, f2 = 0;
  if (selectComposableSizes(std::max(hsize, vsize), &f1, &f2) != 0 || f1 < 1 || f2 < 1) {
    return real(pixd, pixs, hsize, vsize);
  }
  const int n = f1 * f2;
  if (n < 2) return real(pixd, pixs, hsize, vsize);
  return OpenByLine(pixs, hsize > 1 ? n : 1, hsize > 1 ? 1 : n);
}

// Leptonica's safe closing by a line (pixCloseSafeBrick(nullptr, pixs, n, 1)
// or (.., 1, n): the table finder bridging breaks in faded rules) dilates
// and erodes with n shifted copies each, on a copy of the page with a
// border added; answered here by doubling (CloseRows, CloseColumns), pixel
// for pixel the same (tests/ocr/morph_test.cpp). Anything else goes to
// Leptonica.
extern "C" PIX* pixCloseSafeBrick(PIX* pixd, PIX* pixs, l_int32 hsize, l_int32 vsize) {
  using namespace sovang::ocr;
  static const BrickOperation real = Leptonicas("pixCloseSafeBrick");
  if (!AnsweredHere(pixd, pixs) || !IsLine(hsize, vsize)) return real(pixd, pixs, hsize, vsize);
  return CloseSafeByLine(pixs, hsize, vsize);
}

// Leptonica dilates a binary image by a brick (pixDilateBrick) with one
// shifted copy per column and per row of the brick; the table finder widens
// its rules by 5 x 5 and Tesseract dilates its line masks. Answered here by
// doubling (DilateByBrick), pixel for pixel the same (tests/ocr/morph_test.cpp);
// anything else goes to Leptonica.
extern "C" PIX* pixDilateBrick(PIX* pixd, PIX* pixs, l_int32 hsize, l_int32 vsize) {
  using namespace sovang::ocr;
  static const BrickOperation real = Leptonicas("pixDilateBrick");
  if (!AnsweredHere(pixd, pixs) || hsize < 1 || vsize < 1 || (hsize == 1 && vsize == 1)) {
    return real(pixd, pixs, hsize, vsize);
  }
  return DilateByBrick(pixs, hsize, vsize);
}
