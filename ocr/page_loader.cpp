// LoadPages / LoadPage / CountPages: files on disk to page images (and, for
// PDFs that carry text, their text layer).

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/error.h"
#include "ocr/internal/pix.h"
#include "ocr/internal/text_util.h"
#include "ocr/page_loader.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {
namespace {

namespace fs = std::filesystem;

constexpr double kPdfDpi = 300.0;
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{2} << 30;  // 2 GiB
constexpr int kMaxTiffPages = 10000;

std::string ReadWholeFile(const fs::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) throw Error(Errc::kIo, name + ": no such file");
  if (fs::is_directory(status)) throw Error(Errc::kInvalidArgument, name + ": is a directory");
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) throw Error(Errc::kIo, name + ": cannot read size: " + ec.message());
  if (size == 0) throw Error(Errc::kCorruptInput, name + ": empty file (0 bytes)");
  if (size > kMaxFileBytes) {
    throw Error(Errc::kCorruptInput, name + ": file too large (" + std::to_string(size) + " bytes)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(Errc::kIo, name + ": cannot open for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    throw Error(Errc::kIo, name + ": short read");
  }
  return bytes;
}

const std::uint8_t* Bytes(const std::string& s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

// PDF readers accept junk before the header; so do we (within the first KiB).
bool LooksLikePdf(const std::string& bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string::npos;
}

bool LooksLikeTiff(const std::string& bytes) {
  return bytes.size() >= 4 && (bytes.compare(0, 4, "II*\0", 4) == 0 ||
                               bytes.compare(0, 4, "MM\0*", 4) == 0 ||
                               bytes.compare(0, 4, "II+\0", 4) == 0 ||
                               bytes.compare(0, 4, "MM\0+", 4) == 0);
}

// Number of directories (pages) of a TIFF in memory; 0 when the first one is
// unreadable.
int CountTiffPages(const std::string& bytes) {
  QuietImageLibraries();
  int n = 0;
  while (n < kMaxTiffPages) {
    l_int32 w, h, bps, spp, res, cmap, format;
    if (readHeaderMemTiff(Bytes(bytes), bytes.size(), n, &w, &h, &bps, &spp, &res, &cmap,
                          &format) != 0) {
      break;
    }
    ++n;
  }
  return n;
}

// --- PDF ---------------------------------------------------------------------

void IgnorePopplerMessage(const std::string&, void*) {}

struct Pdf {
  std::string bytes;  // poppler keeps pointing into these
  std::unique_ptr<poppler::document> doc;
};

Pdf OpenPdf(std::string bytes, const std::string& name) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(Errc::kCorruptInput, name + ": PDF too large");
  }
  Pdf pdf;
  pdf.bytes = std::move(bytes);
  pdf.doc.reset(poppler::document::load_from_raw_data(pdf.bytes.data(),
                                                      static_cast<int>(pdf.bytes.size())));
  if (!pdf.doc) throw Error(Errc::kCorruptInput, name + ": damaged PDF (cannot be opened)");
  if (pdf.doc->is_locked()) throw Error(Errc::kCorruptInput, name + ": PDF is password-protected");
  if (pdf.doc->pages() <= 0) throw Error(Errc::kCorruptInput, name + ": PDF has no pages");
  return pdf;
}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array a = s.to_utf8();
  return std::string(a.begin(), a.end());
}

Box ScaleBox(const poppler::rectf& r, double scale) {
  const int x0 = static_cast<int>(std::floor(r.left() * scale));
  const int y0 = static_cast<int>(std::floor(r.top() * scale));
  const int x1 = static_cast<int>(std::ceil(r.right() * scale));
  const int y1 = static_cast<int>(std::ceil(r.bottom() * scale));
  return Box{x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

// The page's own words, when it has any, as a RecognizedPage in 300-dpi pixels.
std::optional<RecognizedPage> TextLayer(const poppler::page& page, int width, int height) {
  std::vector<Word> words;
  for (const poppler::text_box& tb : page.text_list()) {
    Word w;
    w.text = Nfc(Utf8(tb.text()));
    if (IsBlank(w.text)) continue;
    w.box = ScaleBox(tb.bbox(), kPdfDpi / 72.0);
    w.confidence = 1.0;
    words.push_back(std::move(w));
  }
  if (words.empty()) return std::nullopt;
  RecognizedPage out;
  out.width = width;
  out.height = height;
  out.from_text_layer = true;
  out.lines = GroupWordsIntoLines(std::move(words));
  out.mean_confidence = 1.0;
  return out;
}

LoadedPage RenderPdfPage(const Pdf& pdf, int index, const std::string& name) {
  const std::string where = name + ": page " + std::to_string(index + 1);
  std::unique_ptr<poppler::page> page(pdf.doc->create_page(index));
  if (!page) throw Error(Errc::kCorruptInput, where + " cannot be read");
  const poppler::rectf r = page->page_rect();
  const double w_px = r.width() * kPdfDpi / 72.0, h_px = r.height() * kPdfDpi / 72.0;
  if (!(w_px >= 1.0 && h_px >= 1.0 && w_px <= kMaxSide && h_px <= kMaxSide &&
        w_px * h_px <= static_cast<double>(kMaxPixels))) {
    throw Error(Errc::kCorruptInput, where + " is too large to rasterise at 300 dpi (" +
                                         std::to_string(static_cast<long long>(w_px)) + "x" +
                                         std::to_string(static_cast<long long>(h_px)) + " px)");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image img = renderer.render_page(page.get(), kPdfDpi, kPdfDpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    throw Error(Errc::kCorruptInput, where + " cannot be rendered");
  }
  const int w = img.width(), h = img.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) throw Error(Errc::kInternal, where + ": out of memory");
  const char* src = img.const_data();
  l_uint32* dst = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    std::memcpy(dst + static_cast<std::ptrdiff_t>(y) * wpl, src + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row(),
                static_cast<std::size_t>(w));
  }
  // Leptonica keeps 8-bit pixels big-endian within 32-bit words.
  pixEndianByteSwap(pix.get());
  pixSetResolution(pix.get(), static_cast<int>(kPdfDpi), static_cast<int>(kPdfDpi));
  LoadedPage out;
  out.text_layer = TextLayer(*page, w, h);
  out.image = MakePageImage(std::move(pix));
  return out;
}

// --- dispatch ----------------------------------------------------------------

enum class Kind { kPdf, kTiff, kImage };

Kind Classify(const std::string& bytes) {
  if (LooksLikePdf(bytes)) return Kind::kPdf;
  if (LooksLikeTiff(bytes)) return Kind::kTiff;
  return Kind::kImage;
}

int TiffPagesOrThrow(const std::string& bytes, const std::string& name) {
  const int n = CountTiffPages(bytes);
  if (n == 0) throw Error(Errc::kCorruptInput, name + ": damaged TIFF header");
  return n;
}

// Page `index` (0-based) of a raster file; only TIFFs have more than one.
LoadedPage DecodePage(const std::string& bytes, int index, const std::string& name, bool single_image) {
  LoadedPage out;
  // A JPEG as its luminance: the recogniser reads nothing else, and the
  // archive shows the page from the file itself (a JPEG whose name does not
  // say so gets a grey page PNG).
  out.image = MakePageImage(DecodeRaster(Bytes(bytes), bytes.size(), name, index, JpegColour::kLuminance));
  Pix* pix = PixOf(out.image);
  static constexpr char kPngSignature[] = "\x89PNG\r\n\x1a\n";
  const bool png = bytes.compare(0, 8, kPngSignature, 8) == 0;
  const bool jpeg = bytes.compare(0, 3, "\xff\xd8\xff", 3) == 0;
  // A single PNG or JPEG shows its page as it is: an archive keeping the
  // file needs no PNG of the page (encoding one costs ~40 ms of a worker).
  if (single_image && (png || jpeg)) out.image.impl()->whole_file_format = png ? "png" : "jpeg";
  // An 8-bit grey PNG is already the archived page's PNG: kept, not encoded
  // again when one is asked for.
  if (png && pixGetDepth(pix) == 8 && pixGetColormap(pix) == nullptr) {
    out.image.impl()->png = std::make_shared<const std::string>(bytes);
  }
  return out;
}

}  // namespace

std::vector<LoadedPage> LoadPages(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::string bytes = ReadWholeFile(file);
  std::vector<LoadedPage> pages;
  switch (Classify(bytes)) {
    case Kind::kPdf: {
      const Pdf pdf = OpenPdf(std::move(bytes), name);
      for (int i = 0; i < pdf.doc->pages(); ++i) pages.push_back(RenderPdfPage(pdf, i, name));
      break;
    }
    case Kind::kTiff: {
      const int n = TiffPagesOrThrow(bytes, name);
      for (int i = 0; i < n; ++i) pages.push_back(DecodePage(bytes, i, name, false));
      break;
    }
    case Kind::kImage:
      pages.push_back(DecodePage(bytes, 0, name, true));
      break;
  }
  return pages;
}

LoadedPage LoadPage(const std::filesystem::path& file, int page) {
  const std::string name = file.string();
  std::string bytes = ReadWholeFile(file);
  auto check = [&](int count) {
    if (page < 1 || page > count) {
      throw Error(Errc::kInvalidArgument, name + ": no page " + std::to_string(page) +
                                              " (it has " + std::to_string(count) + ")");
    }
  };
  switch (Classify(bytes)) {
    case Kind::kPdf: {
      const Pdf pdf = OpenPdf(std::move(bytes), name);
      check(pdf.doc->pages());
      return RenderPdfPage(pdf, page - 1, name);
    }
    case Kind::kTiff:
      check(TiffPagesOrThrow(bytes, name));
      return DecodePage(bytes, page - 1, name, false);
    case Kind::kImage:
      check(1);
      break;
  }
  return DecodePage(bytes, page - 1, name, true);
}

int CountPages(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::string bytes = ReadWholeFile(file);
  switch (Classify(bytes)) {
    case Kind::kPdf:
      return OpenPdf(std::move(bytes), name).doc->pages();
    case Kind::kTiff:
      return TiffPagesOrThrow(bytes, name);
    case Kind::kImage:
      break;
  }
  // Header, size limits and a file cut short are checked here; damage inside
  // the pixel data shows when the page is decoded (decoding it here as well
  // cost an ingest worker two extra decodes of every single-image file).
  (void)CheckRaster(Bytes(bytes), bytes.size(), name);
  return 1;
}

}  // namespace sovang::ocr
