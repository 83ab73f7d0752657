#pragma once
// For ocr tests: the AVX2 loops (ocr/internal/simd.h) allowed or not for a
// test's life, so each test can compare both with Leptonica.

#include "ocr/internal/simd.h"

namespace sovang::ocr {

class Avx2Allowed {
 public:
  explicit Avx2Allowed(bool allowed) { AllowAvx2(allowed); }
  ~Avx2Allowed() { AllowAvx2(true); }
  Avx2Allowed(const Avx2Allowed&) = delete;
  Avx2Allowed& operator=(const Avx2Allowed&) = delete;
};

}  // namespace sovang::ocr
