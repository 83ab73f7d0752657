#include "ocr/internal/rotate_grey.h"

#include <immintrin.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "ocr/internal/simd.h"

namespace sovang::ocr {
namespace {

constexpr l_uint8 kFill = 255;  // L_BRING_IN_WHITE

// What every row of one rotation shares. Leptonica (rotateAMGrayLow) takes
// each pixel from the four around its source point, weighted in 1/16 px:
// xpm = (int)(-xdif * cosa - ydif * sina), ypm = (int)(-ydif * cosa + xdif *
// sina), xdif = xcen - j, ydif = ycen - i, every product a float. The
// column's products are the same on every row and are computed once.
struct Frame {
  const l_uint32* src;
  int wpls;  // words a source row
  int w, h, xcen, ycen, wm2, hm2;
  int threshold;
  const l_float32* col_cos;  // (-xdif) * cosa, a column
  const l_float32* col_sin;  // xdif * sina
};

// Leptonica keeps 8-bit pixels big-endian in 32-bit words: byte n of a row
// is at n ^ 3 on this little-endian machine (GET_DATA_BYTE).
static_assert(std::endian::native == std::endian::little);

// Pixels [from, w) of one row, one at a time.
// `xpm`, `ypm`: room for a row's source points (worked out first, in a loop
// of their own, which the compiler vectorises).
void RotateRowPlain(const Frame& f, l_float32 row_sin, l_float32 row_cos, int from, l_int32* xpm, l_int32* ypm,
                    l_uint8* d, l_uint32* b) {
  const auto* src = reinterpret_cast<const l_uint8*>(f.src);
  const std::ptrdiff_t bpls = static_cast<std::ptrdiff_t>(f.wpls) * 4;
  for (int j = from; j < f.w; ++j) {
    xpm[j] = static_cast<l_int32>(f.col_cos[j] - row_sin);
    ypm[j] = static_cast<l_int32>(row_cos + f.col_sin[j]);
  }
  for (int j = from; j < f.w; ++j) {
    const l_int32 xm = xpm[j], ym = ypm[j];
    const int xp = f.xcen + (xm >> 4), yp = f.ycen + (ym >> 4);
    l_uint8 val = kFill;
    if (xp >= 0 && yp >= 0 && xp <= f.wm2 && yp <= f.hm2) {
      const int xf = xm & 0x0f, yf = ym & 0x0f;
      const l_uint8* s0 = src + yp * bpls;
      const l_uint8* s1 = s0 + bpls;
      const int v00 = (16 - xf) * (16 - yf) * s0[xp ^ 3];
      const int v10 = xf * (16 - yf) * s0[(xp + 1) ^ 3];
      const int v01 = (16 - xf) * yf * s1[xp ^ 3];
      const int v11 = xf * yf * s1[(xp + 1) ^ 3];
      val = static_cast<l_uint8>((v00 + v01 + v10 + v11 + 128) / 256);
    }
    d[j ^ 3] = val;
    if (b != nullptr && val < f.threshold) SET_DATA_BIT(b, j);
  }
}

// Bit k of a byte to bit 7 - k.
constexpr std::array<l_uint8, 256> kReversedBits = [] {
  std::array<l_uint8, 256> r{};
  for (int v = 0; v < 256; ++v) {
    int x = 0;
    for (int k = 0; k < 8; ++k) x |= ((v >> k) & 1) << (7 - k);
    r[static_cast<std::size_t>(v)] = static_cast<l_uint8>(x);
  }
  return r;
}();

// Byte shuffles that take pixels r .. r + 7 (and r + 1 .. r + 8) of 16 bytes
// of a row in memory order (pixel q at byte q ^ 3), for r = 0 .. 3.
struct Picks {
  alignas(16) l_int8 at[4][2][16];
};
constexpr Picks kPicks = [] {
  Picks p{};
  for (int r = 0; r < 4; ++r) {
    for (int k = 0; k < 16; ++k) {
      p.at[r][0][k] = static_cast<l_int8>(k < 8 ? (r + k) ^ 3 : -1);
      p.at[r][1][k] = static_cast<l_int8>(k < 8 ? (r + k + 1) ^ 3 : -1);
    }
  }
  return p;
}();

// Pixels [0, w rounded down to 8) of one row, eight at a time: the same
// float products and truncations as RotateRowPlain. At a small angle the
// eight usually come from one pair of rows and eight columns side by side:
// their neighbours are two 16-byte loads; otherwise they are gathered as
// the 32-bit words that hold them (never a byte past the page). Returns
// where RotateRowPlain must go on.
__attribute__((target("avx2"))) int RotateRowAvx2(const Frame& f, l_float32 row_sin, l_float32 row_cos, l_uint8* d,
                                                  l_uint32* b) {
  const __m256 vrow_sin = _mm256_set1_ps(row_sin);
  const __m256 vrow_cos = _mm256_set1_ps(row_cos);
  const __m256i xcen = _mm256_set1_epi32(f.xcen), ycen = _mm256_set1_epi32(f.ycen);
  const __m256i wm2 = _mm256_set1_epi32(f.wm2), hm2 = _mm256_set1_epi32(f.hm2);
  const __m256i minus1 = _mm256_set1_epi32(-1), one = _mm256_set1_epi32(1), three = _mm256_set1_epi32(3);
  const __m256i fifteen = _mm256_set1_epi32(15), sixteen = _mm256_set1_epi32(16);
  const __m256i low_byte = _mm256_set1_epi32(0xff), fill = _mm256_set1_epi32(kFill);
  const __m256i half = _mm256_set1_epi32(128), wpls = _mm256_set1_epi32(f.wpls);
  const __m256i threshold = _mm256_set1_epi32(f.threshold);
  // Each half's four pixels, low bytes of its lanes, to memory order (j ^ 3).
  const __m256i to_memory = _mm256_setr_epi8(12, 8, 4, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  //
                                             12, 8, 4, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const auto* words = reinterpret_cast<const int*>(f.src);
  const int end = f.w & ~7;
  for (int j = 0; j < end; j += 8) {
    const __m256i xm = _mm256_cvttps_epi32(_mm256_sub_ps(_mm256_loadu_ps(f.col_cos + j), vrow_sin));
    const __m256i ym = _mm256_cvttps_epi32(_mm256_add_ps(vrow_cos, _mm256_loadu_ps(f.col_sin + j)));
    const __m256i xp = _mm256_add_epi32(xcen, _mm256_srai_epi32(xm, 4));
    const __m256i yp = _mm256_add_epi32(ycen, _mm256_srai_epi32(ym, 4));
    const __m256i inside =
        _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpgt_epi32(xp, wm2), _mm256_cmpgt_epi32(yp, hm2)),
                            _mm256_and_si256(_mm256_cmpgt_epi32(xp, minus1), _mm256_cmpgt_epi32(yp, minus1)));
    __m256i val = fill;
    if (!_mm256_testz_si256(inside, inside)) {
      __m256i p00, p10, p01, p11;
      const int x0 = _mm256_cvtsi256_si32(xp), y0 = _mm256_cvtsi256_si32(yp);
      // Eight columns side by side from one pair of rows (y0, y0 + 1) or,
      // where the source crosses a row, from two pairs (y0 and y0 + 1 for
      // the first lanes, y0 + 1 and y0 + 2 for the rest): 16 bytes of each
      // row at the same place, the lanes taken from them by shuffles.
      const int y7 = _mm256_extract_epi32(yp, 7);
      const int rows = y7 - y0 + 2;  // source rows read
      const bool side_by_side = _mm256_movemask_ps(_mm256_castsi256_ps(inside)) == 0xff &&
                                _mm256_extract_epi32(xp, 7) - x0 == 7 && (rows == 2 || rows == 3) &&
                                ((x0 >> 2) + 4 <= f.wpls || y0 + rows < f.h);  // the 16 bytes are in the page
      if (side_by_side) {
        const int* at = words + static_cast<std::ptrdiff_t>(y0) * f.wpls + (x0 >> 2);
        const auto* pick = kPicks.at[x0 & 3];
        const __m128i left = _mm_load_si128(reinterpret_cast<const __m128i*>(pick[0]));
        const __m128i right = _mm_load_si128(reinterpret_cast<const __m128i*>(pick[1]));
        auto row_at = [&](int k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + k * f.wpls)); };
        const __m128i upper = row_at(0), lower = row_at(1);
        p00 = _mm256_cvtepu8_epi32(_mm_shuffle_epi8(upper, left));
        p10 = _mm256_cvtepu8_epi32(_mm_shuffle_epi8(upper, right));
        p01 = _mm256_cvtepu8_epi32(_mm_shuffle_epi8(lower, left));
        p11 = _mm256_cvtepu8_epi32(_mm_shuffle_epi8(lower, right));
        if (rows == 3) {
          const __m256i next = _mm256_cmpgt_epi32(yp, _mm256_set1_epi32(y0));  // lanes one row down
          const __m128i third = row_at(2);
          p00 = _mm256_blendv_epi8(p00, p01, next);
          p10 = _mm256_blendv_epi8(p10, p11, next);
          p01 = _mm256_blendv_epi8(p01, _mm256_cvtepu8_epi32(_mm_shuffle_epi8(third, left)), next);
          p11 = _mm256_blendv_epi8(p11, _mm256_cvtepu8_epi32(_mm_shuffle_epi8(third, right)), next);
        }
      } else {
        const __m256i xp1 = _mm256_add_epi32(xp, one);
        const __m256i row = _mm256_mullo_epi32(yp, wpls);
        // Word indices of the four neighbours; 0 outside, so every read is in the page.
        const __m256i i00 = _mm256_and_si256(inside, _mm256_add_epi32(row, _mm256_srli_epi32(xp, 2)));
        const __m256i i10 = _mm256_and_si256(inside, _mm256_add_epi32(row, _mm256_srli_epi32(xp1, 2)));
        const __m256i down = _mm256_and_si256(inside, wpls);
        const __m256i w00 = _mm256_i32gather_epi32(words, i00, 4);
        const __m256i w10 = _mm256_i32gather_epi32(words, i10, 4);
        const __m256i w01 = _mm256_i32gather_epi32(words, _mm256_add_epi32(i00, down), 4);
        const __m256i w11 = _mm256_i32gather_epi32(words, _mm256_add_epi32(i10, down), 4);
        // Pixel x is byte 3 - x % 4 of its word.
        const __m256i shift0 = _mm256_slli_epi32(_mm256_sub_epi32(three, _mm256_and_si256(xp, three)), 3);
        const __m256i shift1 = _mm256_slli_epi32(_mm256_sub_epi32(three, _mm256_and_si256(xp1, three)), 3);
        p00 = _mm256_and_si256(_mm256_srlv_epi32(w00, shift0), low_byte);
        p10 = _mm256_and_si256(_mm256_srlv_epi32(w10, shift1), low_byte);
        p01 = _mm256_and_si256(_mm256_srlv_epi32(w01, shift0), low_byte);
        p11 = _mm256_and_si256(_mm256_srlv_epi32(w11, shift1), low_byte);
      }
      const __m256i xf = _mm256_and_si256(xm, fifteen), yf = _mm256_and_si256(ym, fifteen);
      const __m256i xg = _mm256_sub_epi32(sixteen, xf), yg = _mm256_sub_epi32(sixteen, yf);
      __m256i sum = _mm256_add_epi32(_mm256_mullo_epi32(_mm256_mullo_epi32(xg, yg), p00),
                                     _mm256_mullo_epi32(_mm256_mullo_epi32(xf, yg), p10));
      sum = _mm256_add_epi32(sum, _mm256_mullo_epi32(_mm256_mullo_epi32(xg, yf), p01));
      sum = _mm256_add_epi32(sum, _mm256_mullo_epi32(_mm256_mullo_epi32(xf, yf), p11));
      sum = _mm256_srli_epi32(_mm256_add_epi32(sum, half), 8);
      val = _mm256_blendv_epi8(fill, sum, inside);
    }
    const __m256i bytes = _mm256_shuffle_epi8(val, to_memory);
    const auto lo = static_cast<l_uint32>(_mm_cvtsi128_si32(_mm256_castsi256_si128(bytes)));
    const auto hi = static_cast<l_uint32>(_mm256_extract_epi32(bytes, 4));
    std::memcpy(d + j, &lo, 4);
    std::memcpy(d + j + 4, &hi, 4);
    if (b != nullptr) {
      // Pixel j + k is bit 31 - (j + k) % 32 of word (j + k) / 32.
      const int ink = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(threshold, val)));
      b[j >> 5] |= static_cast<l_uint32>(kReversedBits[static_cast<std::size_t>(ink)]) << (24 - (j & 31));
    }
  }
  return end;
}

}  // namespace

// Leptonica's rotateAMGrayLow, about twice as fast one pixel at a time (the
// column's and the row's products computed once, the bytes read without
// Leptonica's accessors) and faster still eight at a time where the
// processor has AVX2; the fixed threshold in the same pass.
PixPtr RotateGrey(Pix* grey, float angle, int threshold, PixPtr* binary) {
  if (std::fabs(angle) < 0.001f) {  // Leptonica's MIN_ANGLE_TO_ROTATE: not turned
    PixPtr same(pixCopy(nullptr, grey));
    if (same && binary != nullptr) *binary = PixPtr(pixThresholdToBinary(same.get(), threshold));
    return same;
  }
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  // Every pixel of the turned page is written below (the bytes past a row's
  // end are set to 0 here): no zeroing of 8 MB first.
  PixPtr out(pixCreateNoInit(w, h, 8));
  PixPtr ink(binary != nullptr ? pixCreate(w, h, 1) : nullptr);
  if (!out || (binary != nullptr && !ink)) return nullptr;
  pixCopyResolution(out.get(), grey);
  // As Leptonica: the sine and cosine in double, times 16, kept as floats.
  const auto sina = static_cast<l_float32>(16. * std::sin(static_cast<double>(angle)));
  const auto cosa = static_cast<l_float32>(16. * std::cos(static_cast<double>(angle)));
  const int xcen = w / 2, ycen = h / 2;
  std::vector<l_float32> col_cos(static_cast<std::size_t>(w)), col_sin(static_cast<std::size_t>(w));
  for (int j = 0; j < w; ++j) {
    const int xdif = xcen - j;
    col_cos[static_cast<std::size_t>(j)] = static_cast<l_float32>(-xdif) * cosa;
    col_sin[static_cast<std::size_t>(j)] = static_cast<l_float32>(xdif) * sina;
  }
  const Frame frame{pixGetData(grey), pixGetWpl(grey), w, h, xcen, ycen, w - 2, h - 2, threshold,
                    col_cos.data(),   col_sin.data()};
  auto* dst = reinterpret_cast<l_uint8*>(pixGetData(out.get()));
  const std::ptrdiff_t bpld = static_cast<std::ptrdiff_t>(pixGetWpl(out.get())) * 4;
  l_uint32* bits = ink ? pixGetData(ink.get()) : nullptr;
  const int wplb = ink ? pixGetWpl(ink.get()) : 0;
  std::vector<l_int32> xpm(static_cast<std::size_t>(w)), ypm(static_cast<std::size_t>(w));
  if (w % 4 != 0) {
    for (int i = 0; i < h; ++i) {
      for (int j = w; j < (w + 3) / 4 * 4; ++j) dst[i * bpld + (j ^ 3)] = 0;
    }
  }
  const bool avx2 = UseAvx2();
  for (int i = 0; i < h; ++i) {
    const int ydif = ycen - i;
    const l_float32 row_sin = static_cast<l_float32>(ydif) * sina;
    const l_float32 row_cos = static_cast<l_float32>(-ydif) * cosa;
    l_uint8* d = dst + i * bpld;
    l_uint32* b = bits != nullptr ? bits + static_cast<std::ptrdiff_t>(i) * wplb : nullptr;
    const int from = avx2 ? RotateRowAvx2(frame, row_sin, row_cos, d, b) : 0;
    RotateRowPlain(frame, row_sin, row_cos, from, xpm.data(), ypm.data(), d, b);
  }
  if (ink) {
    pixCopyResolution(ink.get(), grey);
    *binary = std::move(ink);
  }
  return out;
}

}  // namespace sovang::ocr
