#pragma once
// A straight line through points by least squares, y = intercept + slope * x:
// how the text of a page that is still tilted runs (header lines, a column's
// first words). Inside extraction, not a contract for other modules.

namespace sovang::ingest {

class LineFit {
 public:
  void Add(double x, double y) {
    n_ += 1;
    sx_ += x;
    sy_ += y;
    sxx_ += x * x;
    sxy_ += x * y;
  }
  double count() const { return n_; }
  // 0 without points or when the x's do not spread.
  double slope() const {
    const double var = n_ > 0 ? sxx_ - sx_ * sx_ / n_ : 0.0;
    return var > 1e-9 ? (sxy_ - sx_ * sy_ / n_) / var : 0.0;
  }
  // The line's y at x (0 without points).
  double At(double x) const { return n_ > 0 ? (sy_ - slope() * sx_) / n_ + slope() * x : 0.0; }

 private:
  double n_ = 0, sx_ = 0, sy_ = 0, sxx_ = 0, sxy_ = 0;
};

}  // namespace sovang::ingest
