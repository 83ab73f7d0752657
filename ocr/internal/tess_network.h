#pragma once
// Internal to sovang::ocr: the LSTM's convolution layer (Convolve::Forward of
// Debian's libtesseract 5.3.0), answered in the executable with the same
// bytes (tess_network.cpp says why and how).

namespace sovang::ocr {

// On: libtesseract's Convolve::Forward on 8-bit (integer) network inputs is
// answered here, byte for byte and random draw for random draw as Tesseract
// answers it. Off by default; the recognisers switch it on. Process-wide.
// Only for the libtesseract whose layout was read (5.3.0 on x86-64): with any
// other, Tesseract's own runs.
void UseFastTesseractConvolve(bool on);

// Whether this process's libtesseract is the one the layout was read from.
bool FastTesseractConvolveAvailable();

// How many convolutions were answered here so far in this process (for tests).
long FastTesseractConvolves();

// For tests: every convolution answered here is run again by Tesseract's own
// code from the same random state and the two outputs compared byte for byte;
// the count of those that differed.
void VerifyTesseractConvolve(bool on);
long TesseractConvolveMismatches();

}  // namespace sovang::ocr
