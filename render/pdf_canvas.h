#pragma once
// Internal to render/: a one-page PDF drawn with Cairo and laid out with
// Pango, written to memory. Units are PDF points (1/72 inch), origin top left.

#include <memory>
#include <string>
#include <string_view>

#include "render/qr_code.h"

namespace sovang::render {

struct Color {
  double r = 0, g = 0, b = 0;
};

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 12;  // points
  bool bold = false;
  bool italic = false;
  bool upper = false;  // print in capitals (Unicode-aware)
  Align align = Align::kLeft;
  Color color;
  double line_spacing = 1.0;
};

struct PdfInfo {
  std::string title;
  std::string subject;
};

class PdfCanvas {
 public:
  // Starts a page of width x height points. Throws Error(kInternal).
  PdfCanvas(double width, double height, const PdfInfo& info);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  double width() const;
  double height() const;

  // Lays `text` out in a column `width` wide whose top is at (x, y), wrapping
  // at word boundaries. Returns the height used.
  double Text(std::string_view text, double x, double y, double width, const TextStyle& style);
  // The height `text` would use, without drawing it.
  double Measure(std::string_view text, double width, const TextStyle& style);

  void StrokeRect(double x, double y, double w, double h, double line_width, const Color& color);
  void Line(double x1, double y1, double x2, double y2, double line_width, const Color& color);
  // The QR code in a square of `side` points at (x, y), with a white quiet
  // zone of four modules inside that square.
  void Qr(const QrMatrix& qr, double x, double y, double side);

  // Ends the page and returns the PDF bytes. The canvas is spent afterwards.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::render
