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
  std::ptrdiff_t words() const { return static_cast<std::ptrdiff_t>(wpl) * h; }
  // Rows follow each other in memory: a step of one row down a column is
  // a step of 32 * wpl bits through the words.
  std::ptrdiff_t row_step() const { return std::ptrdiff_t{32} * wpl; }
};

// Every pixel x of the `words` at `r` combined by `op` with the n - 1
// pixels that follow it `unit` bits apart (x + unit, x + 2 unit, ...) or,
// `behind`, that precede it; beyond the words counts as unset. By doubling:
// after a step of m each pixel holds the run of 2m from it; with m the
// largest power of two <= n, a last step of n - m makes the run n long.
// ~log2(n) passes for Leptonica's n shifted copies.
void OverRun(BitOp op, bool behind, l_uint32* r, std::ptrdiff_t words, std::ptrdiff_t unit, int n) {
  auto step = [&](int m) {
    if (behind) {
      CombineBehind(op, r, words, unit * m);
    } else {
      CombineAhead(op, r, words, unit * m);
    }
  };
  int m = 1;
  while (2 * m <= n) {
    step(m);
    m *= 2;
  }
  if (n > m) step(n - m);
}

// An opening by a line of n pixels keeps every pixel that lies in a run of
// at least n set pixels along it; beyond the image counts as unset
// (Leptonica's asymmetric boundary condition). The erosion E(x) = AND of x
// .. x + n - 1 (windows counted from their first pixel), then every pixel of
// such a window: the OR of E over x - n + 1 .. x.
void Open(l_uint32* r, std::ptrdiff_t words, std::ptrdiff_t unit, int n) {
  OverRun(BitOp::kAnd, false, r, words, unit, n);
  OverRun(BitOp::kOr, true, r, words, unit, n);
}

// Along rows, a row at a time (pad bits past the row are 0, as is
// everything beyond it); down columns, the whole image at once.
void OpenRows(const Bits& b, int n) {
  for (int y = 0; y < b.h; ++y) Open(b.row(y), b.wpl, 1, n);
}
void OpenColumns(const Bits& b, int n) { Open(b.data, b.words(), b.row_step(), n); }

// A safe closing by a line of n pixels (the image on an unbounded plane of
// unset pixels, so nothing near its edges is lost): the dilation D(s) = OR
// of s .. s + n - 1, then the erosion C(x) = AND of D over x - n + 1 .. x
// (a closing does not depend on the brick's origin). Done on the image with
// `lead` unset units (bits of a row, rows of a column) in front of it,
// where D reaches out: C(x) is read from D down to x - n + 1.
void Close(l_uint32* r, std::ptrdiff_t words, std::ptrdiff_t unit, int n) {
  OverRun(BitOp::kOr, false, r, words, unit, n);
  OverRun(BitOp::kAnd, true, r, words, unit, n);
}

// Rows: each row copied behind `lead` unset words, closed, copied back.
void CloseRows(const Bits& b, int n) {
  const int lead = (n - 1 + 31) / 32;
  const int wpl = lead + b.wpl;
  std::vector<l_uint32> row(static_cast<std::size_t>(wpl));
  for (int y = 0; y < b.h; ++y) {
    std::fill(row.begin(), row.begin() + lead, 0u);
    std::memcpy(row.data() + lead, b.row(y), static_cast<std::size_t>(b.wpl) * sizeof(l_uint32));
    Close(row.data(), wpl, 1, n);
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
  Close(t.data, t.words(), t.row_step(), n);
  std::memcpy(b.data, all.data() + row_words * static_cast<std::size_t>(lead),
              row_words * static_cast<std::size_t>(b.h) * sizeof(l_uint32));
}

// Leptonica's dilation by a brick of `size` along a line (origin at size /
// 2): each pixel becomes the OR of its window [x - (size - 1 - size / 2),
// x + size / 2]; nothing comes in from beyond the image. A run ahead to
// x + size / 2, then a run behind.
void Dilate(l_uint32* r, std::ptrdiff_t words, std::ptrdiff_t unit, int size) {
  const int c = size / 2;
  OverRun(BitOp::kOr, false, r, words, unit, c + 1);
  OverRun(BitOp::kOr, true, r, words, unit, size - c);
}

// `pixs` copied, as a 1-bit image worked on in place, with its pad bits
// cleared (they count as unset), or null.
PIX* CopyWithoutPadBits(PIX* pixs) {
  PIX* out = pixCopy(nullptr, pixs);
  if (out != nullptr) pixSetPadBits(out, 0);
  return out;
}

Bits BitsOf(PIX* pix) { return Bits{pixGetData(pix), pixGetWidth(pix), pixGetHeight(pix), pixGetWpl(pix)}; }

// A copy of 1-bit `pixs` with `rows(bits, hsize)` done to it when hsize > 1,
// else `columns(bits, vsize)`, counted in `done`; null when out of memory.
PIX* AlongLine(PIX* pixs, int hsize, int vsize, void (*rows)(const Bits&, int), void (*columns)(const Bits&, int),
               std::atomic<long>& done) {
  PIX* out = CopyWithoutPadBits(pixs);
  if (out == nullptr) return nullptr;
  if (hsize > 1) {
    rows(BitsOf(out), hsize);
  } else {
    columns(BitsOf(out), vsize);
  }
  ++done;
  return out;
}

// The safe closing of 1-bit `pixs` by a line of hsize x 1 or 1 x vsize
// pixels, as a new image.
PIX* CloseSafeByLine(PIX* pixs, int hsize, int vsize) {
  return AlongLine(pixs, hsize, vsize, CloseRows, CloseColumns, fast_closed);
}

// The opening of 1-bit `pixs` by a line of hsize x 1 or 1 x vsize pixels,
// as a new image.
PIX* OpenByLine(PIX* pixs, int hsize, int vsize) {
  return AlongLine(pixs, hsize, vsize, OpenRows, OpenColumns, fast_done);
}

// Leptonica's dilation of 1-bit `pixs` by an hsize x vsize brick, as a new
// image: along rows, then down columns (the brick is separable).
PIX* DilateByBrick(PIX* pixs, int hsize, int vsize) {
  PIX* out = CopyWithoutPadBits(pixs);
  if (out == nullptr) return nullptr;
  const Bits b = BitsOf(out);
  if (hsize > 1) {
    for (int y = 0; y < b.h; ++y) Dilate(b.row(y), b.wpl, 1, hsize);
    pixSetPadBits(out, 0);  // what ran past a row's last pixel is no pixel
  }
  if (vsize > 1) Dilate(b.data, b.words(), b.row_step(), vsize);
  ++fast_dilated;
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
