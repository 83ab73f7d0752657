#include "ocr/internal/geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sovang::ocr {

Box PageGeometry::ToPage(const Box& box) const {
  if (box.empty()) return box;
  // Corners in continuous coordinates.
  double xs[4] = {double(box.x), double(box.x + box.w), double(box.x), double(box.x + box.w)};
  double ys[4] = {double(box.y), double(box.y), double(box.y + box.h), double(box.y + box.h)};
  const double uw = upright_width(), uh = upright_height();
  if (skew_degrees != 0.0) {
    // Undo the deskew: rotate back by -skew about the centre.
    const double a = -skew_degrees * std::numbers::pi / 180.0;
    const double c = std::cos(a), s = std::sin(a), cx = uw / 2.0, cy = uh / 2.0;
    for (int i = 0; i < 4; ++i) {
      const double dx = xs[i] - cx, dy = ys[i] - cy;
      xs[i] = cx + dx * c - dy * s;
      ys[i] = cy + dx * s + dy * c;
    }
  }
  const double sw = scaled_width, sh = scaled_height;
  for (int i = 0; i < 4; ++i) {
    const double x1 = xs[i], y1 = ys[i];
    switch (((rotation % 360) + 360) % 360) {
      case 90:  // (x0, y0) went to (h0 - y0, x0)
        xs[i] = y1;
        ys[i] = sh - x1;
        break;
      case 180:
        xs[i] = sw - x1;
        ys[i] = sh - y1;
        break;
      case 270:  // (x0, y0) went to (y0, w0 - x0)
        xs[i] = sw - y1;
        ys[i] = x1;
        break;
      default:
        break;
    }
    // Undo the scaling.
    if (scaled_width > 0 && scaled_width != width) xs[i] *= double(width) / sw;
    if (scaled_height > 0 && scaled_height != height) ys[i] *= double(height) / sh;
  }
  const double x0 = std::max(0.0, *std::min_element(xs, xs + 4));
  const double y0 = std::max(0.0, *std::min_element(ys, ys + 4));
  const double x1 = std::min(double(width), *std::max_element(xs, xs + 4));
  const double y1 = std::min(double(height), *std::max_element(ys, ys + 4));
  const int bx = static_cast<int>(std::floor(x0)), by = static_cast<int>(std::floor(y0));
  return Box{bx, by, std::max(0, static_cast<int>(std::ceil(x1)) - bx),
             std::max(0, static_cast<int>(std::ceil(y1)) - by)};
}

}  // namespace sovang::ocr
