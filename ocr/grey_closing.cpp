#include "ocr/internal/grey_closing.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sovang::ocr {
namespace {

enum class Op { kMax, kMin };

// out[i] = op(a[i], b[i]) for i < n; `out` may be `a` (each block of 16 is
// read before it is written, and `b` lies at or after `a`).
template <Op op>
void Combine(std::uint8_t* out, const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), op == Op::kMax ? _mm_max_epu8(x, y) : _mm_min_epu8(x, y));
  }
#endif
  for (; i < n; ++i) out[i] = op == Op::kMax ? std::max(a[i], b[i]) : std::min(a[i], b[i]);
}

// The page in natural byte order with `pad` pixels of margin on every side,
// the margin holding the pass's identity (0 for max, 255 for min): a window
// reaching past the page then sees only the page (Leptonica's border).
struct Canvas {
  int w, h, pad, stride;
  std::vector<std::uint8_t> px;
  std::uint8_t* row(int y) {
    return px.data() + static_cast<std::size_t>(y + pad) * static_cast<std::size_t>(stride) + pad;
  }
  void FillMargins(std::uint8_t identity) {
    for (int y = -pad; y < h + pad; ++y) {
      std::uint8_t* r = row(y) - pad;
      if (y < 0 || y >= h) {
        std::memset(r, identity, static_cast<std::size_t>(stride));
      } else {
        std::memset(r, identity, static_cast<std::size_t>(pad));
        std::memset(r + pad + w, identity, static_cast<std::size_t>(stride - pad - w));
      }
    }
  }
};

// The largest power of two not above n.
int PowerOfTwoBelow(int n) {
  int m = 1;
  while (2 * m <= n) m *= 2;
  return m;
}

// Along rows: every page pixel becomes op over its row's [x - r, x + r].
// By doubling on a copy of the row (`run`): after the sweeps run[p] is op
// over [p, p + m - 1] (m the largest power of two <= 2r + 1), and two such
// runs cover the window.
template <Op op>
void SweepRows(Canvas& c, int r, std::vector<std::uint8_t>& run) {
  const int size = 2 * r + 1, m = PowerOfTwoBelow(size);
  const auto len = static_cast<std::size_t>(c.stride);
  for (int y = 0; y < c.h; ++y) {
    std::uint8_t* line = c.row(y) - c.pad;
    std::memcpy(run.data(), line, len);
    for (int j = 1; 2 * j <= size; j *= 2)
      Combine<op>(run.data(), run.data(), run.data() + j, len - static_cast<std::size_t>(j));
    // Page pixel x is at p = x + pad; its window [p - r, p + r].
    Combine<op>(line + c.pad, run.data() + c.pad - r, run.data() + c.pad + r - m + 1, static_cast<std::size_t>(c.w));
  }
}

// Along columns, whole rows at a time: the same doubling over rows of a
// copy of the canvas (`runs`).
template <Op op>
void SweepColumns(Canvas& c, int r, std::vector<std::uint8_t>& runs) {
  const int size = 2 * r + 1, m = PowerOfTwoBelow(size);
  const auto stride = static_cast<std::size_t>(c.stride);
  const int rows = c.h + 2 * c.pad;
  runs = c.px;
  for (int j = 1; 2 * j <= size; j *= 2) {
    for (int y = 0; y + j < rows; ++y) {
      std::uint8_t* a = runs.data() + static_cast<std::size_t>(y) * stride;
      Combine<op>(a, a, a + static_cast<std::size_t>(j) * stride, stride);
    }
  }
  for (int y = 0; y < c.h; ++y) {
    const int p = y + c.pad;
    const std::uint8_t* above = runs.data() + static_cast<std::size_t>(p - r) * stride;
    const std::uint8_t* below = runs.data() + static_cast<std::size_t>(p + r - m + 1) * stride;
    Combine<op>(c.row(y) - c.pad, above, below, stride);
  }
}

}  // namespace

PixPtr CloseGrey(Pix* pix, int size) {
  if (pix == nullptr || pixGetDepth(pix) != 8 || pixGetColormap(pix) != nullptr || size < 1) return nullptr;
  if (size % 2 == 0) ++size;  // as pixCloseGray
  if (size == 1) return PixPtr(pixCopy(nullptr, pix));
  const int w = pixGetWidth(pix), h = pixGetHeight(pix), r = size / 2;
  Canvas c{w, h, r, w + 2 * r, {}};
  c.px.resize(static_cast<std::size_t>(c.stride) * static_cast<std::size_t>(h + 2 * r));
  const l_uint32* src = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = src + static_cast<std::ptrdiff_t>(y) * wpl;
    std::uint8_t* out = c.row(y);
    for (int x = 0; x < w; ++x) out[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
  }
  std::vector<std::uint8_t> scratch(static_cast<std::size_t>(c.stride));
  std::vector<std::uint8_t> runs;
  c.FillMargins(0);
  SweepRows<Op::kMax>(c, r, scratch);
  c.FillMargins(0);
  SweepColumns<Op::kMax>(c, r, runs);
  c.FillMargins(255);
  SweepRows<Op::kMin>(c, r, scratch);
  c.FillMargins(255);
  SweepColumns<Op::kMin>(c, r, runs);

  PixPtr out(pixCreateTemplate(pix));
  if (!out) return nullptr;
  l_uint32* dst = pixGetData(out.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = dst + static_cast<std::ptrdiff_t>(y) * wpl;
    const std::uint8_t* in = c.row(y);
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, in[x]);
  }
  return out;
}

}  // namespace sovang::ocr
