#include "ocr/internal/bit_rows.h"

#include <immintrin.h>

#include "ocr/internal/simd.h"

namespace sovang::ocr {
namespace {

template <BitOp op>
l_uint32 Apply(l_uint32 a, l_uint32 b) {
  return op == BitOp::kAnd ? a & b : a | b;
}

// Words [from, n), ascending.
template <BitOp op>
void AheadPlain(l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t q, int k, std::ptrdiff_t from) {
  for (std::ptrdiff_t i = from; i < n; ++i) {
    const l_uint32 a = i + q < n ? r[i + q] : 0u;
    const l_uint32 c = i + q + 1 < n ? r[i + q + 1] : 0u;
    r[i] = Apply<op>(r[i], k == 0 ? a : (a << k) | (c >> (32 - k)));
  }
}

// Words [0, to), descending.
template <BitOp op>
void BehindPlain(l_uint32* r, std::ptrdiff_t q, int k, std::ptrdiff_t to) {
  for (std::ptrdiff_t i = to - 1; i >= 0; --i) {
    const l_uint32 a = i - q >= 0 ? r[i - q] : 0u;
    const l_uint32 c = i - q - 1 >= 0 ? r[i - q - 1] : 0u;
    r[i] = Apply<op>(r[i], k == 0 ? a : (a >> k) | (c << (32 - k)));
  }
}

template <BitOp op>
__attribute__((target("avx2"))) __m256i ApplyAvx2(__m256i a, __m256i b) {
  return op == BitOp::kAnd ? _mm256_and_si256(a, b) : _mm256_or_si256(a, b);
}

// Eight words at a time where both words read lie in the row (each block
// is read before it is written, and what it reads beyond itself is not yet
// written); returns where AheadPlain goes on.
template <BitOp op>
__attribute__((target("avx2"))) std::ptrdiff_t AheadAvx2(l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t q, int k) {
  const std::ptrdiff_t end = n - q - 1 > 0 ? (n - q - 1) / 8 * 8 : 0;
  const __m128i left = _mm_cvtsi32_si128(k), right = _mm_cvtsi32_si128(32 - k);
  for (std::ptrdiff_t i = 0; i < end; i += 8) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + i + q));
    __m256i v = a;
    if (k != 0) {
      const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + i + q + 1));
      v = _mm256_or_si256(_mm256_sll_epi32(a, left), _mm256_srl_epi32(c, right));
    }
    __m256i* at = reinterpret_cast<__m256i*>(r + i);
    _mm256_storeu_si256(at, ApplyAvx2<op>(_mm256_loadu_si256(at), v));
  }
  return end;
}

// Blocks of eight from the top down while both words read lie in the row;
// returns the words BehindPlain still has to do, [0, that).
template <BitOp op>
__attribute__((target("avx2"))) std::ptrdiff_t BehindAvx2(l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t q, int k) {
  const __m128i right = _mm_cvtsi32_si128(k), left = _mm_cvtsi32_si128(32 - k);
  std::ptrdiff_t i = n - 8;
  for (; i >= q + 1; i -= 8) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + i - q));
    __m256i v = a;
    if (k != 0) {
      const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + i - q - 1));
      v = _mm256_or_si256(_mm256_srl_epi32(a, right), _mm256_sll_epi32(c, left));
    }
    __m256i* at = reinterpret_cast<__m256i*>(r + i);
    _mm256_storeu_si256(at, ApplyAvx2<op>(_mm256_loadu_si256(at), v));
  }
  return i + 8;
}

template <BitOp op>
void Ahead(l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s) {
  const std::ptrdiff_t q = s / 32;
  const int k = static_cast<int>(s % 32);
  const std::ptrdiff_t from = UseAvx2() ? AheadAvx2<op>(r, n, q, k) : 0;
  AheadPlain<op>(r, n, q, k, from);
}

template <BitOp op>
void Behind(l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s) {
  const std::ptrdiff_t q = s / 32;
  const int k = static_cast<int>(s % 32);
  const std::ptrdiff_t to = UseAvx2() ? BehindAvx2<op>(r, n, q, k) : n;
  BehindPlain<op>(r, q, k, to);
}

}  // namespace

void CombineAhead(BitOp op, l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s) {
  if (op == BitOp::kAnd) {
    Ahead<BitOp::kAnd>(r, n, s);
  } else {
    Ahead<BitOp::kOr>(r, n, s);
  }
}

void CombineBehind(BitOp op, l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s) {
  if (op == BitOp::kAnd) {
    Behind<BitOp::kAnd>(r, n, s);
  } else {
    Behind<BitOp::kOr>(r, n, s);
  }
}

}  // namespace sovang::ocr
