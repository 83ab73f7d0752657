#include "ocr/internal/cleanup.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ocr/internal/background_rows.h"
#include "ocr/internal/grey_closing.h"

namespace sovang::ocr {
namespace {

constexpr int kMinPlausibleDpi = 70;
constexpr int kDefaultDpi = 300;
constexpr int kMaxWorkingDpi = 400;         // above this pages are read at 300 dpi
constexpr int kNormalizedBackground = 200;  // where background normalisation puts the paper
constexpr int kBinaryThreshold = 160;       // ink below it on the stretched page (skew, tables)

// SOVANG_LEPTONICA_ROTATE=1: deskew by Leptonica's pixRotate (for comparing).
bool UseLeptonicaRotation() {
  static const bool on = [] {
    const char* v = std::getenv("SOVANG_LEPTONICA_ROTATE");
    return v != nullptr && std::string(v) == "1";
  }();
  return on;
}

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
  return Checked(pixThresholdToBinary(grey, kBinaryThreshold), "threshold");
}

// Whether an 8-bit image has a pixel of 0 (its least value, by Leptonica).
bool HasBlack(Pix* pix) {
  l_int32 least = 1;
  return pixGetExtremeValue(pix, 1, L_SELECT_MIN, nullptr, nullptr, nullptr, &least) == 0 && least == 0;
}

// What pixBackgroundNormGrayArrayMorph(grey, nullptr, kReduction, size,
// kNormalizedBackground, &map) makes, pixel for pixel (Leptonica's
// pixGetBackgroundGrayMapMorph without a mask, then pixGetInvBackgroundMap),
// with the grey closing by CloseGrey, and pixFillMapHoles asked only when
// the map has a hole (a black pixel) to fill: without one it changes
// nothing, and its pixel-by-pixel walk cost as much as the closing. Null
// when Leptonica fails.
constexpr int kReduction = 4;
PixPtr InverseBackgroundMap(Pix* grey, int size) {
  const l_float32 scale = 1.0f / static_cast<l_float32>(kReduction);
  PixPtr reduced(pixScaleBySampling(grey, scale, scale));
  if (!reduced) return nullptr;
  PixPtr closed = CloseGrey(reduced.get(), size);
  if (!closed) return nullptr;
  PixPtr map(pixExtendByReplication(closed.get(), 1, 1));
  if (!map) return nullptr;
  const int nx = pixGetWidth(grey) / kReduction, ny = pixGetHeight(grey) / kReduction;
  if (HasBlack(map.get()) && pixFillMapHoles(map.get(), nx, ny, L_FILL_BLACK) != 0) return nullptr;
  pixCopyResolution(map.get(), grey);
  PixPtr inverse(pixGetInvBackgroundMap(map.get(), kNormalizedBackground, 0, 0));
  if (inverse) pixCopyResolution(inverse.get(), grey);
  return inverse;
}

// What pixBackgroundNormMorph(grey, 4, size, 200), then pixGammaTRC(1, 0,
// 200) (levels stretched: paper 200 -> 255) and, when `binary` is given,
// pixThresholdToBinary(160) make, pixel for pixel, in one pass over the page
// instead of three. Null when Leptonica fails.
PixPtr NormalizeBackground(Pix* grey, int size, PixPtr* binary) {
  PixPtr map = InverseBackgroundMap(grey, size);
  if (!map) return nullptr;
  const std::optional<Stretch> stretch = StretchToWhite(kNormalizedBackground);
  if (!stretch) return nullptr;
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const int wm = pixGetWidth(map.get()), hm = pixGetHeight(map.get());
  PixPtr out(pixCreateNoInit(w, h, 8));
  PixPtr ink(binary != nullptr ? pixCreateNoInit(w, h, 1) : nullptr);
  if (!out || (binary != nullptr && !ink)) return nullptr;
  const l_uint32* factors = pixGetData(map.get());
  const int wpls = pixGetWpl(grey), wplm = pixGetWpl(map.get()), wpld = pixGetWpl(out.get());
  const int wplb = ink ? pixGetWpl(ink.get()) : 0;
  // Rows are walked in memory order: byte n of a row holds pixel n ^ 3
  // (Leptonica keeps 8-bit pixels big-endian in 32-bit words), and pixels
  // 4k .. 4k + 3 (bytes 4k .. 4k + 3) share factor k of the 4x reduced map.
  // The bytes past the page in a row's last word get factor 0.
  static_assert(std::endian::native == std::endian::little);
  const int padded = (w + 3) / 4 * 4;
  std::vector<l_uint16> row_factor(static_cast<std::size_t>(padded), 0);
  const auto* src8 = reinterpret_cast<const l_uint8*>(pixGetData(grey));
  auto* dst8 = reinterpret_cast<l_uint8*>(pixGetData(out.get()));
  for (int y = 0; y < h; ++y) {
    l_uint8* d = dst8 + static_cast<std::ptrdiff_t>(y) * wpld * 4;
    if (y % kReduction == 0) {
      // Leptonica leaves pixels past the map black (pixCreateTemplate).
      const l_uint32* m = factors + static_cast<std::ptrdiff_t>(y / kReduction) * wplm;
      const int mapped = y / kReduction < hm ? std::min(wm, padded / kReduction) : 0;
      std::fill(row_factor.begin(), row_factor.end(), l_uint16{0});
      for (int j = 0; j < mapped; ++j) {
        const auto f = static_cast<l_uint16>(GET_DATA_TWO_BYTES(m, j));
        std::fill_n(row_factor.begin() + static_cast<std::ptrdiff_t>(j) * kReduction, kReduction, f);
      }
      for (int n = w; n < padded; ++n) row_factor[static_cast<std::size_t>(n ^ 3)] = 0;  // past the page
    }
    NormalizeRow(src8 + static_cast<std::ptrdiff_t>(y) * wpls * 4, row_factor.data(), padded, *stretch, d);
    if (ink) InkRow(d, w, padded, kBinaryThreshold, pixGetData(ink.get()) + static_cast<std::ptrdiff_t>(y) * wplb);
  }
  pixCopyResolution(out.get(), grey);
  if (ink) {
    pixCopyResolution(ink.get(), grey);
    *binary = std::move(ink);
  }
  return out;
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

CleanedPage CleanPage(Pix* page, const RecognizerOptions& options, const RotationDetector& detect_rotation) {
  QuietImageLibraries();
  CleanedPage out;
  out.geometry.width = pixGetWidth(page);
  out.geometry.height = pixGetHeight(page);
  out.dpi = PlausibleDpi(page);
  const bool normalize = options.cleanup && options.normalize_background;
  // An 8-bit page that background normalisation will write anew anyway is
  // read where it is, not copied first (never changed: a clone shares it).
  const bool plain_grey = pixGetDepth(page) == 8 && pixGetColormap(page) == nullptr;
  PixPtr grey = normalize && plain_grey ? PixPtr(pixClone(page)) : ToGrey8(page);
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

  PixPtr binary;
  if (normalize) {
    // Yellowed, stained or unevenly lit paper: the background, estimated by
    // a grey closing (a max filter) larger than a letter on a 4x reduced
    // copy, is brought to an even 200. No ink threshold to guess, so faint,
    // blurred type is not taken for paper (pixBackgroundNormSimple's fixed
    // threshold of 60 does that and washes such text out). Then the levels
    // are stretched so that paper is white (255) like everything painted
    // later (deskew corners, removed rules): Tesseract's Otsu would otherwise
    // split 200 from 255 instead of ink from paper.
    const int size = std::max(5, (out.dpi / 4 / 4) | 1);  // ~1/4 in, odd
    const bool fixed_threshold = options.binarization == Binarization::kTesseract;
    if (PixPtr norm = NormalizeBackground(grey.get(), size, fixed_threshold ? &binary : nullptr))
      grey = std::move(norm);
  }
  if (grey.get() == page) grey = ToGrey8(page);  // normalisation failed: a copy of our own
  pixSetResolution(grey.get(), out.dpi, out.dpi);
  if (!binary) binary = Binarize(grey.get(), options, out.dpi);
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
      // Leptonica's area-mapped rotation, bringing in white (RotateGrey),
      // and the fixed threshold for skew and tables in the same pass.
      const bool fixed_threshold = options.binarization == Binarization::kTesseract;
      if (UseLeptonicaRotation()) {
        grey = Checked(pixRotate(grey.get(), radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0), "deskew");
        binary.reset();
      } else {
        grey = Checked(RotateGrey(grey.get(), radians, kBinaryThreshold, fixed_threshold ? &binary : nullptr).release(),
                       "deskew");
      }
      if (!fixed_threshold || !binary) binary = Binarize(grey.get(), options, out.dpi);
      out.geometry.skew_degrees = skew;
    }
  }
  if (options.cleanup && options.despeckle) {
    // Specks of at most s x s pixels (s = 2 at 300 dpi), from the binary page
    // and from the grey one. A dot below a Vietnamese vowel is larger than
    // that at any usable resolution.
    const int s = std::max(1, out.dpi / 150);
    if (Pix* kept = pixSelectBySize(binary.get(), s + 1, s + 1, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr)) {
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
