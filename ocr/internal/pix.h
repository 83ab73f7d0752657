#pragma once
// Internal to sovang::ocr (never include from another module): owned Leptonica
// handles, the PageImage implementation and the checked decoder.

#include <leptonica/allheaders.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/record.h"
#include "ocr/page_image.h"

namespace sovang::ocr {

struct PixDeleter {
  void operator()(Pix* p) const noexcept { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct LeptBoxDeleter {
  void operator()(::Box* b) const noexcept { boxDestroy(&b); }
};
using LeptBoxPtr = std::unique_ptr<::Box, LeptBoxDeleter>;

struct NumaDeleter {
  void operator()(Numa* n) const noexcept { numaDestroy(&n); }
};
using NumaPtr = std::unique_ptr<Numa, NumaDeleter>;

struct PixaDeleter {
  void operator()(Pixa* p) const noexcept { pixaDestroy(&p); }
};
using PixaPtr = std::unique_ptr<Pixa, PixaDeleter>;

struct PageImage::Impl {
  PixPtr pix;
  // The PNG file the page was decoded from, when it holds exactly these
  // pixels (8-bit grey, no palette): EncodePng gives it back instead of
  // compressing the page again.
  std::shared_ptr<const std::string> png;
  // "png" or "jpeg" when the file the page was decoded from is a single
  // image of that format (see PageImage::WholeFileFormat).
  std::string whole_file_format;
};

// Leptonica (and the image libraries under it) report problems on stderr;
// we report them as exceptions instead. Idempotent and thread-safe.
void QuietImageLibraries();

// The limits a page image must respect before we allocate its pixels.
inline constexpr int kMaxSide = 20000;                      // pixels
inline constexpr std::int64_t kMaxPixels = 400'000'000;     // 400 MP

// Throws Error(kCorruptInput, "<name>: <reason>") when w x h breaks the limits.
void CheckDimensions(int w, int h, const std::string& name);

// Everything DecodeRaster checks before it decodes (format, header, size
// limits, a PNG or JPEG cut short), without decoding; returns Leptonica's
// format. Throws as DecodeRaster does.
int CheckRaster(const std::uint8_t* data, std::size_t size, const std::string& name, int page = 0);

// How a colour JPEG is decoded: as stored (RGB), or its luminance alone,
// which is all the recogniser reads: libjpeg then skips the colour
// components' inverse DCT, upsampling and conversion (a colour A4 scan at
// 300 dpi: ~120 ms of a worker, then 15 ms to grey, as stored; ~20 ms as
// luminance).
enum class JpegColour { kAsStored, kLuminance };

// Decodes one raster image (PNG, JPEG, TIFF page `page`, BMP, GIF, WebP,
// JPEG 2000, PNM) after checking its header. Throws Error(kCorruptInput,
// "<name>: <reason>").
PixPtr DecodeRaster(const std::uint8_t* data, std::size_t size, const std::string& name, int page = 0,
                    JpegColour jpeg = JpegColour::kAsStored);

// Wraps an owned Pix (must not be null).
PageImage MakePageImage(PixPtr pix);

// The Pix of a page (null when the image is invalid). The page keeps ownership.
inline Pix* PixOf(const PageImage& image) {
  return image.impl() != nullptr ? image.impl()->pix.get() : nullptr;
}

inline LeptBoxPtr MakeLeptBox(const Box& b) { return LeptBoxPtr(boxCreate(b.x, b.y, b.w, b.h)); }

}  // namespace sovang::ocr
