#pragma once
// Internal to sovang::ocr: a row of 1-bit pixels (Leptonica's words: pixel x
// is bit 31 - x % 32 of word x / 32) combined with itself shifted, the step
// of the line openings and closings by doubling (morph.cpp). With AVX2
// eight words at a time where the processor has it (ocr/internal/simd.h).

#include <leptonica/allheaders.h>

#include <cstddef>

namespace sovang::ocr {

enum class BitOp { kAnd, kOr };

// r(x) op= r(x + s) for every pixel x of the `n` words; pixels beyond the
// words count as unset. In place.
void CombineAhead(BitOp op, l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s);

// r(x) op= r(x - s); pixels before the words count as unset. In place.
void CombineBehind(BitOp op, l_uint32* r, std::ptrdiff_t n, std::ptrdiff_t s);

}  // namespace sovang::ocr
