#include "ocr/internal/cleanup.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/error.h"

namespace sovang::ocr {
namespace {

constexpr int kMinPlausibleDpi = 70;
constexpr int kDefaultDpi = 300;
constexpr int kMaxWorkingDpi = 400;  // above this pages are read at 300 dpi
constexpr int kNormalizedBackground = 200;  // where background normalisation puts the paper

PixPtr Checked(Pix* pix, const char* step) {
  if (pix == nullptr) throw Error(Errc::kOcr, std::string("page clean-up failed at ") + step);
  return PixPtr(pix);
}

// Skew of the text lines in degrees (clockwise positive, Leptonica's sign),
// or 0 when Leptonica is not confident.
double FindSkew(Pix* binary) {
  l_float32 angle = 0.0f, conf = 0.0f;
  if (pixFindSkew(binary, &angle, &conf) != 0) return 0.0;
  // Leptonica's own thresholds (pixDeskew): confidence >= 3, angle >= 0.1 deg.
  if (conf < 3.0f || std::fabs(angle) < 0.1f) return 0.0;
  return angle;
}

PixPtr Binarize(Pix* grey, const RecognizerOptions& options, int dpi) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  if (options.cleanup && options.binarization == Binarization::kOtsu) {
    Pix* out = nullptr;
    const int tile = std::max(16, dpi);  // ~1 inch tiles
    if (pixOtsuAdaptiveThreshold(grey, tile, tile, 0, 0, 0.1f, nullptr, &out) == 0 && out) {
      return PixPtr(out);
    }
  } else if (options.cleanup && options.binarization == Binarization::kSauvola) {
    Pix* out = nullptr;
    // Window a little larger than a letter; tiles keep the sums in range.
    const int half = std::max(7, dpi / 12);
    const int nx = std::max(1, w / 1200), ny = std::max(1, h / 1200);
    if (pixSauvolaBinarizeTiled(grey, half, 0.34f, nx, ny, nullptr, &out) == 0 && out) {
      return PixPtr(out);
    }
  }
  // Tesseract will threshold the grey page itself; this binary image is only
  // for skew and table detection, where a fixed threshold is good enough
  // (after background normalisation the paper is white).
  return Checked(pixThresholdToBinary(grey, 160), "threshold");
}

}  // namespace

PixPtr ToGrey8(Pix* pix) {
  PixPtr cur(pixClone(pix));
  if (pixGetColormap(cur.get()) != nullptr) {
    cur = Checked(pixRemoveColormap(cur.get(), REMOVE_CMAP_BASED_ON_SRC), "colour map");
  }
  const int d = pixGetDepth(cur.get());
  if (d == 32 && pixGetSpp(cur.get()) == 4) {
    cur = Checked(pixAlphaBlendUniform(cur.get(), 0xffffff00), "alpha");
  }
  PixPtr out;
  switch (pixGetDepth(cur.get())) {
    case 8:
      out = Checked(pixCopy(nullptr, cur.get()), "copy");
      break;
    case 16:
      out = Checked(pixConvert16To8(cur.get(), L_AUTO_BYTE), "16 to 8 bpp");
      break;
    case 32:
      out = Checked(pixConvertRGBToLuminance(cur.get()), "RGB to grey");
      break;
    default:  // 1, 2, 4 bpp
      out = Checked(pixConvertTo8(cur.get(), 0), "to 8 bpp");
      break;
  }
  pixCopyResolution(out.get(), pix);
  return out;
}

int PlausibleDpi(Pix* pix) {
  const int x = pixGetXRes(pix);
  return x < kMinPlausibleDpi ? kDefaultDpi : x;
}

CleanedPage CleanPage(Pix* page, const RecognizerOptions& options,
                      const RotationDetector& detect_rotation) {
  QuietImageLibraries();
  CleanedPage out;
  out.geometry.width = pixGetWidth(page);
  out.geometry.height = pixGetHeight(page);
  out.dpi = PlausibleDpi(page);
  PixPtr grey = ToGrey8(page);
  if (out.dpi > kMaxWorkingDpi) {
    // Archival scans at 400-600 dpi: Tesseract reads best at about 300 dpi and
    // its time grows with the pixels. Area-mapped reduction keeps thin strokes.
    const float scale = static_cast<float>(kDefaultDpi) / static_cast<float>(out.dpi);
    if (Pix* smaller = pixScale(grey.get(), scale, scale)) {
      grey.reset(smaller);
      out.dpi = kDefaultDpi;
    }
  }
  out.geometry.scaled_width = pixGetWidth(grey.get());
  out.geometry.scaled_height = pixGetHeight(grey.get());
  pixSetResolution(grey.get(), out.dpi, out.dpi);

  if (options.cleanup && options.normalize_background) {
    // Yellowed, stained or unevenly lit paper: the background, estimated by
    // a grey closing (a max filter) larger than a letter on a 4x reduced
    // copy, is brought to an even 200. No ink threshold to guess, so faint,
    // blurred type is not taken for paper (pixBackgroundNormSimple's fixed
    // threshold of 60 does that and washes such text out). Then the levels
    // are stretched so that paper is white (255) like everything painted
    // later (deskew corners, removed rules): Tesseract's Otsu would otherwise
    // split 200 from 255 instead of ink from paper.
    const int size = std::max(5, (out.dpi / 4 / 4) | 1);  // ~1/4 in, odd
    if (Pix* norm = pixBackgroundNormMorph(grey.get(), nullptr, 4, size, kNormalizedBackground)) {
      grey.reset(norm);
      pixGammaTRC(grey.get(), grey.get(), 1.0f, 0, kNormalizedBackground);
    }
  }
  PixPtr binary = Binarize(grey.get(), options, out.dpi);
  if (options.cleanup && options.detect_orientation && detect_rotation) {
    const int rotation = ((detect_rotation(grey.get(), out.dpi) % 360) + 360) % 360;
    if (rotation != 0) {
      const int quads = rotation / 90;
      grey = Checked(pixRotateOrth(grey.get(), quads), "orientation");
      binary = Checked(pixRotateOrth(binary.get(), quads), "orientation");
      out.geometry.rotation = rotation;
    }
  }
  if (options.cleanup && options.deskew) {
    const double skew = FindSkew(binary.get());
    if (skew != 0.0) {
      const float radians = static_cast<float>(skew * std::numbers::pi / 180.0);
      grey = Checked(pixRotate(grey.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0),
                     "deskew");
      binary = Binarize(grey.get(), options, out.dpi);
      out.geometry.skew_degrees = skew;
    }
  }
  if (options.cleanup && options.despeckle) {
    // Specks of at most s x s pixels (s = 2 at 300 dpi), from the binary page
    // and from the grey one. A dot below a Vietnamese vowel is larger than
    // that at any usable resolution.
    const int s = std::max(1, out.dpi / 150);
    if (Pix* kept = pixSelectBySize(binary.get(), s + 1, s + 1, 8, L_SELECT_IF_EITHER,
                                    L_SELECT_IF_GTE, nullptr)) {
      PixPtr specks(pixXor(nullptr, binary.get(), kept));
      if (specks) pixPaintThroughMask(grey.get(), specks.get(), 0, 0, 255);
      binary.reset(kept);
    }
  }
  pixSetResolution(grey.get(), out.dpi, out.dpi);
  pixSetResolution(binary.get(), out.dpi, out.dpi);
  out.grey = std::move(grey);
  out.binary = std::move(binary);
  return out;
}

}  // namespace sovang::ocr
