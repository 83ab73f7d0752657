// The archived page as PNG, written with libpng directly: 8-bit grey pages
// with the "up" filter and zlib's run-length strategy. Leptonica's writer
// (zlib level 1, libpng's default adaptive filtering: five trial filters a
// row) cost ~0.1 s of an ingest worker's CPU a page; this costs about half on
// noisy scans and a quarter on clean ones, for files of about the same size
// (bench/ocr, 40 generated pages).

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>
#include <string>
#include <vector>

#include "ocr/internal/pix.h"
#include "ocr/internal/png_writer.h"

namespace sovang::ocr {
namespace {

void Append(png_structp png, png_bytep data, png_size_t size) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), size);
}

void Flush(png_structp) {}

void Silent(png_structp, png_const_charp) {}

// libpng reports errors by longjmp: nothing with a destructor lives in this
// frame past setjmp, and the caller's buffers are only appended to.
bool Write(Pix* pix, std::string& out, std::vector<png_byte>& row) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, Silent, Silent);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  const int w = pixGetWidth(pix), h = pixGetHeight(pix);
  png_set_write_fn(png, &out, Append, Flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  const int xres = pixGetXRes(pix), yres = pixGetYRes(pix);
  if (xres > 0 && yres > 0) {
    // Pixels per metre, as Leptonica writes them.
    png_set_pHYs(png, info, static_cast<png_uint_32>(xres / 0.0254 + 0.5),
                 static_cast<png_uint_32>(yres / 0.0254 + 0.5), PNG_RESOLUTION_METER);
  }
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_compression_level(png, 1);
  png_set_compression_strategy(png, Z_RLE);
  png_write_info(png, info);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) row[static_cast<std::size_t>(x)] = static_cast<png_byte>(GET_DATA_BYTE(line, x));
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::optional<std::string> EncodeGreyPng(Pix* pix) {
  if (pix == nullptr || pixGetDepth(pix) != 8 || pixGetColormap(pix) != nullptr) return std::nullopt;
  std::string out;
  out.reserve(static_cast<std::size_t>(pixGetWidth(pix)) * static_cast<std::size_t>(pixGetHeight(pix)) / 4);
  std::vector<png_byte> row(static_cast<std::size_t>(pixGetWidth(pix)));
  if (!Write(pix, out, row)) return std::nullopt;
  return out;
}

}  // namespace sovang::ocr
