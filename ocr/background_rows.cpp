#include "ocr/internal/background_rows.h"

#include <immintrin.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "ocr/internal/simd.h"

namespace sovang::ocr {
namespace {

static_assert(std::endian::native == std::endian::little);

void NormalizeRowPlain(const l_uint8* s, const l_uint16* factor, int from, int padded, const Stretch& stretch,
                       l_uint8* d) {
  for (int n = from; n < padded; ++n) {
    const l_uint32 v = (static_cast<l_uint32>(s[n]) * factor[n]) >> 8;
    d[n] = stretch.table[std::min<l_uint32>(v, 255)];
  }
}

// Levels n .. n + 15 of a row, 16 bits each: min((s * factor) >> 8, 255),
// (s * factor) >> 8 being the high half of (s << 8) * factor.
__attribute__((target("avx2"))) inline __m256i Levels(const l_uint8* s, const l_uint16* factor, int n) {
  const __m256i px = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n)));
  const __m256i f = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(factor + n));
  return _mm256_min_epu16(_mm256_mulhi_epu16(_mm256_slli_epi16(px, 8), f), _mm256_set1_epi16(255));
}

// 32 bytes at a time: the levels 16 at a time (Levels), the stretch looked
// up by the high nibble of each level among 16 shuffles of 16 table entries
// by the low one.
__attribute__((target("avx2"))) int NormalizeRowAvx2(const l_uint8* s, const l_uint16* factor, int padded,
                                                     const Stretch& stretch, l_uint8* d) {
  const __m256i low_nibble = _mm256_set1_epi8(0x0f);
  __m256i tables[16];
  for (int h = 0; h < 16; ++h) {
    tables[h] =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(stretch.table.data() + 16 * h)));
  }
  const int end = padded & ~31;
  for (int n = 0; n < end; n += 32) {
    // packus works within 128-bit lanes: put the 32 levels back in order.
    const __m256i v =
        _mm256_permute4x64_epi64(_mm256_packus_epi16(Levels(s, factor, n), Levels(s, factor, n + 16)), 0xd8);
    const __m256i lo = _mm256_and_si256(v, low_nibble);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low_nibble);
    __m256i out = _mm256_setzero_si256();
    for (int h = 0; h < 16; ++h) {
      const __m256i here = _mm256_cmpeq_epi8(hi, _mm256_set1_epi8(static_cast<char>(h)));
      out = _mm256_or_si256(out, _mm256_and_si256(here, _mm256_shuffle_epi8(tables[h], lo)));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + n), out);
  }
  return end;
}

void InkWordsPlain(const l_uint8* d, int w, int padded, int threshold, int from_word, l_uint32* bits) {
  // Bit 31 - (x % 32) of word x / 32 is pixel x; byte n of the row is
  // pixel n ^ 3, and a word's 32 pixels are its 32 bytes.
  for (int k = from_word; k * 32 < w; ++k) {
    l_uint32 word = 0;
    const l_uint8* g = d + k * 32;
    const int count = std::min(32, padded - k * 32);
    for (int i = 0; i < count; ++i) word |= static_cast<l_uint32>(g[i] < threshold) << (31 - (i ^ 3));
    bits[k] = word;
  }
}

// 32 bytes, one word, at a time: byte i's flag is bit i of the byte mask and
// belongs at bit 31 - (i ^ 3): the mask's nibbles in reverse order.
__attribute__((target("avx2"))) int InkWordsAvx2(const l_uint8* d, int w, int padded, int threshold, l_uint32* bits) {
  const __m256i highest_ink = _mm256_set1_epi8(static_cast<char>(threshold - 1));
  int k = 0;
  for (; (k + 1) * 32 <= padded && k * 32 < w; ++k) {
    const __m256i g = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + k * 32));
    const __m256i ink = _mm256_cmpeq_epi8(_mm256_min_epu8(g, highest_ink), g);
    const auto mask = static_cast<l_uint32>(_mm256_movemask_epi8(ink));
    const l_uint32 swapped = __builtin_bswap32(mask);
    bits[k] = ((swapped & 0x0f0f0f0fu) << 4) | ((swapped >> 4) & 0x0f0f0f0fu);
  }
  return k;
}

}  // namespace

std::optional<Stretch> StretchToWhite(int top) {
  Numa* trc = numaGammaTRC(1.0f, 0, top);
  if (trc == nullptr) return std::nullopt;
  Stretch stretch;
  bool complete = numaGetCount(trc) == 256;
  for (int i = 0; complete && i < 256; ++i) {
    l_int32 v = 0;
    numaGetIValue(trc, i, &v);
    stretch.table[static_cast<std::size_t>(i)] = static_cast<l_uint8>(std::clamp(v, 0, 255));
  }
  numaDestroy(&trc);
  if (!complete) return std::nullopt;
  return stretch;
}

void NormalizeRow(const l_uint8* s, const l_uint16* factor, int padded, const Stretch& stretch, l_uint8* d) {
  int from = 0;
  if (UseAvx2()) from = NormalizeRowAvx2(s, factor, padded, stretch, d);
  NormalizeRowPlain(s, factor, from, padded, stretch, d);
}

void InkRow(const l_uint8* d, int w, int padded, int threshold, l_uint32* bits) {
  const int from_word =
      UseAvx2() && threshold >= 1 && threshold <= 255 ? InkWordsAvx2(d, w, padded, threshold, bits) : 0;
  InkWordsPlain(d, w, padded, threshold, from_word, bits);
  // The bits of pixels past the page stay 0.
  if (w % 32 != 0) bits[(w - 1) / 32] &= ~0u << (32 - w % 32);
}

}  // namespace sovang::ocr
