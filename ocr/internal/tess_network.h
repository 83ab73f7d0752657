#pragma once
// Internal to sovang::ocr: parts of the LSTM's forward pass in Debian's
// libtesseract 5.3.0 (Convolve::Forward, NetworkIO::WriteTimeStepPart and
// NetworkIO::MaxpoolTimeStep), answered in the executable with the same bytes
// (tess_network.cpp says why and how).

namespace sovang::ocr {

// On: libtesseract's Convolve::Forward on 8-bit (integer) network inputs is
// answered here, byte for byte and random draw for random draw as Tesseract
// answers it. Off by default; the recognisers switch it on. Process-wide.
// Only for the libtesseract whose layout was read (Debian 12's 5.3.0-2 on
// x86-64, told by its GNU build id): with any other, Tesseract's own runs.
void UseFastTesseractConvolve(bool on);

// Whether this process's libtesseract is the one the layout was read from.
bool FastTesseractConvolveAvailable();

// How many convolutions were answered here so far in this process (for tests).
long FastTesseractConvolves();

// On: NetworkIO::WriteTimeStepPart (an LSTM's outputs rounded to 8 bits) and
// NetworkIO::MaxpoolTimeStep (the max-pooling layer's running maximum) on
// 8-bit networks are answered here, 16 values at a time, with the same bytes
// and the same maxima's positions. Off by default, on in the recognisers.
void UseFastTesseractTimeSteps(bool on);

// How many time steps were written or max-pooled here so far (for tests).
long FastTesseractTimeSteps();

// For tests: every call answered here is run again by Tesseract's own code
// from the same state (the random generator's for the convolution) and the
// two results compared byte for byte; the count of those that differed.
void VerifyTesseractNetworkHooks(bool on);
long TesseractNetworkMismatches();

}  // namespace sovang::ocr
