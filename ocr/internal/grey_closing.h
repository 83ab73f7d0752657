#pragma once
// Internal to sovang::ocr: the grey closing behind background normalisation.

#include "ocr/internal/pix.h"

namespace sovang::ocr {

// What pixCloseGray(pix, size, size) makes of an 8-bit page, pixel for
// pixel: the largest value in each size x size window, then the smallest of
// those, windows centred and clipped to the page (an even size is made odd,
// as Leptonica does). Faster: each pass takes ~2 log2(size) sweeps of whole
// rows, 16 bytes at a time, instead of Leptonica's column-by-column walks.
// Null when out of memory or not 8 bits deep.
PixPtr CloseGrey(Pix* pix, int size);

}  // namespace sovang::ocr
