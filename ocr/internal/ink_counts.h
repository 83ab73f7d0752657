#pragma once
// Internal to sovang::ocr: set pixels of a 1-bit image counted by row and by
// column over an area, a word at a time (Leptonica's pixCountPixelsByColumn
// reads pixel by pixel, and both want the area clipped out first).

#include <vector>

#include "core/record.h"
#include "ocr/internal/pix.h"

namespace sovang::ocr {

// Set pixels in each row of `area` clipped to the image, top row first:
// pixCountPixelsByRow of the clipped area.
std::vector<int> InkByRow(Pix* binary, const Box& area);

// Set pixels in each column of `area` clipped to the image, left column
// first: pixCountPixelsByColumn of the clipped area.
std::vector<int> InkByColumn(Pix* binary, const Box& area);

}  // namespace sovang::ocr
