#include "render/pdf_canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/error.h"
#include "text/normalize.h"

namespace sovang::render {

namespace {

// Serif faces with complete Vietnamese coverage (precomposed letters and
// combining marks); fontconfig picks the first one installed.
constexpr const char* kFontFamilies = "Noto Serif, DejaVu Serif, serif";

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const noexcept { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const noexcept { pango_font_description_free(f); }
};
struct GFreeDeleter {
  void operator()(char* p) const noexcept { g_free(p); }
};

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void Check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw Error(Errc::kInternal, std::string("cairo: ") + what + ": " + cairo_status_to_string(status));
}

std::string Prepare(std::string_view text, bool upper) {
  std::string nfc = text::Nfc(text);
  if (!upper) return nfc;
  std::unique_ptr<char, GFreeDeleter> up(g_utf8_strup(nfc.c_str(), static_cast<gssize>(nfc.size())));
  // Upper-casing can decompose on some glib versions; recompose.
  return text::Nfc(up ? up.get() : nfc.c_str());
}

}  // namespace

struct PdfCanvas::Impl {
  double width = 0, height = 0;
  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface;
  std::unique_ptr<cairo_t, ContextDeleter> cr;
  bool finished = false;

  std::unique_ptr<PangoLayout, LayoutDeleter> Layout(std::string_view text, double column, const TextStyle& style) {
    std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr.get()));
    std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_from_string(kFontFamilies));
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font.get(), style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(column * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    if (style.line_spacing != 1.0) pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.line_spacing));
    switch (style.align) {
      case Align::kLeft:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
        break;
      case Align::kCenter:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
        break;
      case Align::kRight:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
        break;
    }
    const std::string prepared = Prepare(text, style.upper);
    pango_layout_set_text(layout.get(), prepared.c_str(), static_cast<int>(prepared.size()));
    return layout;
  }

  static double HeightOf(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
};

PdfCanvas::PdfCanvas(double width, double height, const PdfInfo& info) : impl_(std::make_unique<Impl>()) {
  impl_->width = width;
  impl_->height = height;
  impl_->surface.reset(cairo_pdf_surface_create_for_stream(AppendBytes, &impl_->bytes, width, height));
  Check(cairo_surface_status(impl_->surface.get()), "cannot create the PDF surface");
  cairo_pdf_surface_set_metadata(impl_->surface.get(), CAIRO_PDF_METADATA_CREATOR, "sovang");
  if (!info.title.empty())
    cairo_pdf_surface_set_metadata(impl_->surface.get(), CAIRO_PDF_METADATA_TITLE, text::Nfc(info.title).c_str());
  if (!info.subject.empty())
    cairo_pdf_surface_set_metadata(impl_->surface.get(), CAIRO_PDF_METADATA_SUBJECT, text::Nfc(info.subject).c_str());
  impl_->cr.reset(cairo_create(impl_->surface.get()));
  Check(cairo_status(impl_->cr.get()), "cannot draw on the PDF surface");
}

PdfCanvas::~PdfCanvas() = default;

double PdfCanvas::width() const { return impl_->width; }
double PdfCanvas::height() const { return impl_->height; }

double PdfCanvas::Text(std::string_view text, double x, double y, double width, const TextStyle& style) {
  if (text.empty()) return 0;
  auto layout = impl_->Layout(text, width, style);
  cairo_t* cr = impl_->cr.get();
  cairo_set_source_rgb(cr, style.color.r, style.color.g, style.color.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  return Impl::HeightOf(layout.get());
}

double PdfCanvas::Measure(std::string_view text, double width, const TextStyle& style) {
  if (text.empty()) return 0;
  return Impl::HeightOf(impl_->Layout(text, width, style).get());
}

void PdfCanvas::StrokeRect(double x, double y, double w, double h, double line_width, const Color& color) {
  cairo_t* cr = impl_->cr.get();
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
  cairo_set_line_width(cr, line_width);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void PdfCanvas::Line(double x1, double y1, double x2, double y2, double line_width, const Color& color) {
  cairo_t* cr = impl_->cr.get();
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
  cairo_set_line_width(cr, line_width);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

void PdfCanvas::Qr(const QrMatrix& qr, double x, double y, double side) {
  if (qr.size <= 0) return;
  cairo_t* cr = impl_->cr.get();
  const int quiet = 4;  // the quiet zone the QR standard asks for
  const double module = side / (qr.size + 2 * quiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size; ++col) {
      if (!qr.at(col, row)) continue;
      cairo_rectangle(cr, x + (quiet + col) * module, y + (quiet + row) * module, module, module);
    }
  }
  // One fill for all modules, without antialiasing seams between neighbours.
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
}

std::string PdfCanvas::Finish() {
  if (impl_->finished) throw Error(Errc::kInternal, "PdfCanvas::Finish called twice");
  impl_->finished = true;
  cairo_show_page(impl_->cr.get());
  Check(cairo_status(impl_->cr.get()), "drawing the page");
  impl_->cr.reset();
  cairo_surface_finish(impl_->surface.get());
  Check(cairo_surface_status(impl_->surface.get()), "writing the PDF");
  impl_->surface.reset();
  return std::move(impl_->bytes);
}

}  // namespace sovang::render
