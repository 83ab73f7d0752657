#pragma once
// Internal to sovang::ocr: the per-pixel part of background normalisation,
// a row at a time (cleanup.cpp's NormalizeBackground says what it makes).

#include <leptonica/allheaders.h>

#include <array>
#include <optional>

namespace sovang::ocr {

// Leptonica's level stretch, numaGammaTRC(1, 0, top): paper at `top` to
// white, as a table.
struct Stretch {
  std::array<l_uint8, 256> table{};
};
std::optional<Stretch> StretchToWhite(int top);

// One row in memory order (Leptonica's bytes, `padded` of them, a whole
// number of words): d[n] = stretch[min((s[n] * factor[n]) >> 8, 255)].
void NormalizeRow(const l_uint8* s, const l_uint16* factor, int padded, const Stretch& stretch, l_uint8* d);

// The 1-bit ink of a normalised row of `w` pixels: pixel x is set when it is
// below `threshold`; the bits past the page stay 0.
void InkRow(const l_uint8* d, int w, int padded, int threshold, l_uint32* bits);

}  // namespace sovang::ocr
