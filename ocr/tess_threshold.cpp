#include "ocr/internal/tess_threshold.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>

#include <array>
#include <atomic>
#include <vector>

namespace sovang::ocr {
namespace {

std::atomic<bool> fast_enabled{false};
std::atomic<long> fast_done{0};

}  // namespace

void UseFastTesseractThreshold(bool on) { fast_enabled = on; }
long FastTesseractThresholds() { return fast_done; }

}  // namespace sovang::ocr

// Every Recognize call thresholds its rectangle of the page again
// (TessBaseAPI::Threshold -> OtsuThresholdRectToPix -> ThresholdRectToPix):
// each cell of a ledger, each region around its table, each whole page. The
// last step, one pixel at a time through a loop over channels, two vector
// look-ups and a branch, was ~1.8% of an ingest (perf, the 40 bench pages).
// Debian's libtesseract 5.3 calls it through its PLT, so this definition in
// the executable comes first. For a grey image (one channel) it sets the
// same bits from a 256-entry table, 32 pixels to a word; anything else goes
// to Tesseract's. Tesseract's rule, pixel p of channel 0: ink when
// hi_values[0] >= 0 and (p > thresholds[0]) == (hi_values[0] == 0).
// The rectangle comes from the thresholder's public GetImageSizes.
// tesseract::Image is one Pix* and trivially copied: passed as a Pix*.
extern "C" void SovangTessGetImageSizes(void* self, int* left, int* top, int* width, int* height, int* image_width,
                                        int* image_height) __asm__("_ZN9tesseract16ImageThresholder13GetImageSizesEPiS1_S1_S1_S1_S1_");

extern "C" void SovangTessThresholdRectToPix(const void* self, PIX* src, int num_channels,
                                             const std::vector<int>* thresholds, const std::vector<int>* hi_values,
                                             PIX** out) __asm__("_ZNK9tesseract16ImageThresholder18ThresholdRectToPixENS_5ImageEiRKSt6vectorIiSaIiEES6_PS1_");

extern "C" void SovangTessThresholdRectToPix(const void* self, PIX* src, int num_channels,
                                             const std::vector<int>* thresholds, const std::vector<int>* hi_values,
                                             PIX** out) {
  using F = void (*)(const void*, PIX*, int, const std::vector<int>*, const std::vector<int>*, PIX**);
  static const F real =
      reinterpret_cast<F>(dlsym(RTLD_NEXT, "_ZNK9tesseract16ImageThresholder18ThresholdRectToPixENS_5ImageEiRKSt6vectorIiSaIiEES6_PS1_"));
  if (!sovang::ocr::fast_enabled || num_channels != 1 || src == nullptr || pixGetDepth(src) != 8 ||
      thresholds == nullptr || hi_values == nullptr || thresholds->empty() || hi_values->empty()) {
    real(self, src, num_channels, thresholds, hi_values, out);
    return;
  }
  int left = 0, top = 0, width = 0, height = 0, image_width = 0, image_height = 0;
  SovangTessGetImageSizes(const_cast<void*>(self), &left, &top, &width, &height, &image_width, &image_height);
  if (left < 0 || top < 0 || left + width > pixGetWidth(src) || top + height > pixGetHeight(src)) {
    real(self, src, num_channels, thresholds, hi_values, out);
    return;
  }
  PIX* pix = pixCreate(width, height, 1);
  *out = pix;
  if (pix == nullptr) return;
  pixSetXRes(pix, pixGetXRes(src));
  pixSetYRes(pix, pixGetYRes(src));
  const int threshold = (*thresholds)[0], hi = (*hi_values)[0];
  if (hi < 0) {  // no ink anywhere: all clear, as pixCreate leaves it
    ++sovang::ocr::fast_done;
    return;
  }
  std::array<l_uint32, 256> ink{};
  for (int p = 0; p < 256; ++p) ink[static_cast<std::size_t>(p)] = (p > threshold) == (hi == 0) ? 1u : 0u;
  const auto* src_bytes = reinterpret_cast<const l_uint8*>(pixGetData(src));
  const std::ptrdiff_t src_bpl = static_cast<std::ptrdiff_t>(pixGetWpl(src)) * 4;
  l_uint32* dst = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < height; ++y) {
    // Byte n of a Leptonica row is pixel n ^ 3 (8-bit pixels big-endian in 32-bit words).
    const l_uint8* line = src_bytes + (y + top) * src_bpl;
    l_uint32* d = dst + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int k = 0; k * 32 < width; ++k) {
      l_uint32 word = 0;
      const int count = width - k * 32 < 32 ? width - k * 32 : 32;
      for (int i = 0; i < count; ++i) {
        const int x = left + k * 32 + i;
        word |= ink[line[x ^ 3]] << (31 - i);
      }
      d[k] = word;
    }
  }
  ++sovang::ocr::fast_done;
}
