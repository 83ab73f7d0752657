#pragma once
// Internal to sovang::ocr: the deskew rotation of an 8-bit page.

#include "ocr/internal/pix.h"

namespace sovang::ocr {

// The page turned by `angle` radians (clockwise positive) about its centre,
// white brought in at the corners: pixel for pixel what pixRotate(grey,
// angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0) makes of an 8-bit page,
// faster. With `binary`, also its fixed-threshold ink (pixels below
// `threshold`). Null when out of memory.
PixPtr RotateGrey(Pix* grey, float angle, int threshold, PixPtr* binary = nullptr);

}  // namespace sovang::ocr
