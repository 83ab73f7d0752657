#pragma once
// Internal to sovang::ocr: how the cleaned image relates to the page it came
// from, so that boxes found on the cleaned image can be given in the page's
// own pixel coordinates.

#include "core/record.h"

namespace sovang::ocr {

struct PageGeometry {
  int width = 0, height = 0;  // of the page as loaded
  // First the page may be scaled (high-resolution scans down to ~300 dpi) to
  // scaled_width x scaled_height,
  int scaled_width = 0, scaled_height = 0;
  int rotation = 0;           // then turned clockwise by quarter turns, in degrees,
  double skew_degrees = 0.0;  // then rotated by this (clockwise positive) about the centre.

  // Width and height after the quarter turns (deskew keeps the size).
  int upright_width() const { return rotation % 180 == 0 ? scaled_width : scaled_height; }
  int upright_height() const { return rotation % 180 == 0 ? scaled_height : scaled_width; }

  // A box on the cleaned image -> the smallest box holding it on the page.
  Box ToPage(const Box& box) const;
};

}  // namespace sovang::ocr
