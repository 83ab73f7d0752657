#pragma once
// Internal to sovang::ocr: Tesseract's line images kept as raw pixels
// instead of PNG bytes (line_images.cpp says why and how).

namespace sovang::ocr {

// On: a PNG that libtesseract asks Leptonica to write in memory is the raw
// pixels behind a header, read back by pixReadMem (same pixels). Off by
// default; the recognisers switch it on. Process-wide.
void KeepTesseractLineImagesRaw(bool on);

// How many images were kept raw so far in this process (for tests).
long TesseractLineImagesKeptRaw();

}  // namespace sovang::ocr
