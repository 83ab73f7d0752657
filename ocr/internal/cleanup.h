#pragma once
// Internal to sovang::ocr: the clean-up of a page before recognition
// (Leptonica): 8-bit grey, plausible dpi, orientation, deskew, background
// normalisation, binarisation, despeckle.

#include <functional>

#include "ocr/internal/geometry.h"
#include "ocr/internal/pix.h"
#include "ocr/internal/rotate_grey.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {

struct CleanedPage {
  PixPtr grey;    // 8 bpp, upright, deskewed, background normalised (as enabled)
  PixPtr binary;  // 1 bpp (1 = ink) of `grey`, despeckled when enabled
  PageGeometry geometry;
  int dpi = 300;
  // The image Tesseract should read: `binary` unless Binarization::kTesseract.
  Pix* ForTesseract(const RecognizerOptions& o) const {
    return o.cleanup && o.binarization != Binarization::kTesseract ? binary.get() : grey.get();
  }
};

// Given an 8-bit upright-unknown page, how many degrees clockwise to turn it to
// read it (0, 90, 180, 270).
using RotationDetector = std::function<int(Pix* grey, int dpi)>;

// Any depth (1/2/4/8/16 bpp, colour map, RGB, RGBA) to 8-bit grey; transparent
// areas become white. Keeps the resolution.
PixPtr ToGrey8(Pix* pix);

// The page's dpi, or 300 when absent or implausible (< 70).
int PlausibleDpi(Pix* pix);

// Runs the clean-up the options ask for. The page is turned by what
// `detect_rotation` says (asked only when the options detect orientation);
// empty: read as it comes.
CleanedPage CleanPage(Pix* page, const RecognizerOptions& options,
                      const RotationDetector& detect_rotation);

}  // namespace sovang::ocr
