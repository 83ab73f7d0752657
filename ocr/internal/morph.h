#pragma once
// Internal to sovang::ocr: Leptonica's opening of a binary image by a line
// (pixOpenBrick, pixOpenCompBrick with a 1 x n or n x 1 brick) done by doubling instead of n
// shifted copies (morph.cpp says why and how).

namespace sovang::ocr {

// On: pixOpenBrick(nullptr, 1-bit pix, n, 1) and (.., 1, n), whoever calls
// it (libtesseract's rule finder), and pixOpenCompBrick likewise (the table
// finder's rules) are answered here, pixel for pixel as Leptonica answers. Off by default; the recognisers switch
// it on. Process-wide.
void UseFastLineOpening(bool on);

// How many openings were answered here so far in this process (for tests).
long FastLineOpenings();

// The same switch answers pixCloseSafeBrick(nullptr, 1-bit pix, n, 1) and
// (.., 1, n) here (the table finder's bridging of faded rules); how many so
// far.
long FastLineClosings();

// And pixDilateBrick(nullptr, 1-bit pix, h, v) (the table finder widening
// its rules, Tesseract its line masks); how many so far.
long FastBrickDilations();

}  // namespace sovang::ocr
