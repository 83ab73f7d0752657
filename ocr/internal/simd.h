#pragma once
// Internal to sovang::ocr: which vector instructions the clean-up's per-pixel
// loops may use. Debian builds for the x86-64 baseline (SSE2), so the loops
// that dominate the clean-up (deskew rotation, background normalisation) also
// have AVX2 versions, compiled for AVX2 alone and chosen at run time on
// processors that have it; both give the same pixels.

namespace sovang::ocr {

// True when the AVX2 versions run: the processor has AVX2 and they were not
// switched off.
bool UseAvx2();

// Off: the plain versions run even where AVX2 is present (tests compare the
// two). Process-wide; on unless the environment says SOVANG_NO_AVX2=1.
void AllowAvx2(bool allow);

}  // namespace sovang::ocr
