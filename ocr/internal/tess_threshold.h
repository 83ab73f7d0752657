#pragma once
// Internal to sovang::ocr: Tesseract's thresholding of a rectangle of a grey
// page, answered in the executable (tess_threshold.cpp says why and how).

namespace sovang::ocr {

// On: libtesseract's ImageThresholder::ThresholdRectToPix on an 8-bit grey
// image is answered here, bit for bit as Tesseract answers it. Off by
// default; the recognisers switch it on. Process-wide.
void UseFastTesseractThreshold(bool on);

// How many rectangles were thresholded here so far in this process (for tests).
long FastTesseractThresholds();

}  // namespace sovang::ocr
