#include "ocr/internal/cleanup.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <string>
#include <vector>

#include "core/error.h"

namespace sovang::ocr {
namespace {

constexpr int kMinPlausibleDpi = 70;
constexpr int kDefaultDpi = 300;
constexpr int kMaxWorkingDpi = 400;  // above this pages are read at 300 dpi
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

// What pixBackgroundNormMorph(grey, 4, size, 200), then pixGammaTRC(1, 0,
// 200) (levels stretched: paper 200 -> 255) and, when `binary` is given,
// pixThresholdToBinary(160) make, pixel for pixel, in one pass over the page
// instead of three (and without Leptonica's per-tile pixGetPixel). The
// background map is Leptonica's own. Null when Leptonica fails.
PixPtr NormalizeBackground(Pix* grey, int size, PixPtr* binary) {
  constexpr int kReduction = 4;
  Pix* inverse = nullptr;
  if (pixBackgroundNormGrayArrayMorph(grey, nullptr, kReduction, size, kNormalizedBackground, &inverse) != 0 ||
      inverse == nullptr) {
    return nullptr;
  }
  PixPtr map(inverse);
  NumaPtr trc(numaGammaTRC(1.0f, 0, kNormalizedBackground));
  if (!trc || numaGetCount(trc.get()) != 256) return nullptr;
  std::array<l_uint8, 256> stretch{};
  for (int i = 0; i < 256; ++i) {
    l_int32 v = 0;
    numaGetIValue(trc.get(), i, &v);
    stretch[static_cast<std::size_t>(i)] = static_cast<l_uint8>(std::clamp(v, 0, 255));
  }
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const int wm = pixGetWidth(map.get()), hm = pixGetHeight(map.get());
  PixPtr out(pixCreateNoInit(w, h, 8));
  PixPtr ink(binary != nullptr ? pixCreateNoInit(w, h, 1) : nullptr);
  if (!out || (binary != nullptr && !ink)) return nullptr;
  const l_uint32* src = pixGetData(grey);
  const l_uint32* factors = pixGetData(map.get());
  l_uint32* dst = pixGetData(out.get());
  l_uint32* bits = ink ? pixGetData(ink.get()) : nullptr;
  const int wpls = pixGetWpl(grey), wplm = pixGetWpl(map.get()), wpld = pixGetWpl(out.get());
  const int wplb = ink ? pixGetWpl(ink.get()) : 0;
  // Rows are walked in memory order: byte n of a row holds pixel n ^ 3
  // (Leptonica keeps 8-bit pixels big-endian in 32-bit words), and the
  // factors of a row are laid out the same way; the bytes past the page in a
  // row's last word get factor 0. `padded`: the row's bytes, whole words.
  static_assert(std::endian::native == std::endian::little);
  const int padded = (w + 3) / 4 * 4;
  std::vector<l_uint32> row_factor(static_cast<std::size_t>(padded), 0u);
  const auto* src8 = reinterpret_cast<const l_uint8*>(src);
  auto* dst8 = reinterpret_cast<l_uint8*>(dst);
  // The ink words' bits for pixels past the page stay 0.
  const l_uint32 last_word_mask = w % 32 == 0 ? ~0u : ~0u << (32 - w % 32);
  for (int y = 0; y < h; ++y) {
    const l_uint8* s = src8 + static_cast<std::ptrdiff_t>(y) * wpls * 4;
    l_uint8* d = dst8 + static_cast<std::ptrdiff_t>(y) * wpld * 4;
    if (y % kReduction == 0) {
      // Leptonica leaves pixels past the map black (pixCreateTemplate).
      const l_uint32* m = factors + static_cast<std::ptrdiff_t>(y / kReduction) * wplm;
      for (int n = 0; n < padded; ++n) {
        const int x = n ^ 3, j = x / kReduction;
        row_factor[static_cast<std::size_t>(n)] =
            x < w && y / kReduction < hm && j < wm ? GET_DATA_TWO_BYTES(m, j) : 0u;
      }
    }
    for (int n = 0; n < padded; ++n) {
      const l_uint32 v = (s[n] * row_factor[static_cast<std::size_t>(n)]) >> 8;
      d[n] = stretch[std::min<l_uint32>(v, 255)];
    }
    if (bits != nullptr) {
      // Bit 31 - (x % 32) of word x / 32 is pixel x; byte n of the row is
      // pixel n ^ 3, and a word's 32 pixels are its 32 bytes.
      l_uint32* b = bits + static_cast<std::ptrdiff_t>(y) * wplb;
      for (int k = 0; k * 32 < w; ++k) {
        l_uint32 word = 0;
        const l_uint8* g = d + k * 32;
        const int count = std::min(32, padded - k * 32);
        for (int i = 0; i < count; ++i) {
          word |= static_cast<l_uint32>(g[i] < kBinaryThreshold) << (31 - (i ^ 3));
        }
        if ((k + 1) * 32 >= w) word &= last_word_mask;
        b[k] = word;
      }
    }
  }
  pixCopyResolution(out.get(), grey);
  if (ink) {
    pixCopyResolution(ink.get(), grey);
    *binary = std::move(ink);
  }
  return out;
}

}  // namespace

// What pixRotate(grey, angle, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0)
// makes of an 8-bit page, pixel for pixel (Leptonica's rotateAMGrayLow: each
// pixel taken from the four around its source point, weighted in 1/16 px),
// about twice as fast: the products of the column's and the row's offsets
// with the angle's sine and cosine, rounded to float as Leptonica rounds
// them, are computed once a column and once a row instead of once a pixel,
// and the bytes are read without Leptonica's accessors. With `binary`, also
// what pixThresholdToBinary(rotated, kBinaryThreshold) makes, in the same pass.
PixPtr RotateGrey(Pix* grey, float angle, PixPtr* binary) {
  constexpr l_uint8 kFill = 255;  // L_BRING_IN_WHITE
  if (std::fabs(angle) < 0.001f) {  // Leptonica's MIN_ANGLE_TO_ROTATE: not turned
    PixPtr same(pixCopy(nullptr, grey));
    if (same && binary != nullptr) *binary = PixPtr(pixThresholdToBinary(same.get(), kBinaryThreshold));
    return same;
  }
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  PixPtr out(pixCreate(w, h, 8));
  PixPtr ink(binary != nullptr ? pixCreate(w, h, 1) : nullptr);
  if (!out || (binary != nullptr && !ink)) return nullptr;
  pixCopyResolution(out.get(), grey);
  const int xcen = w / 2, ycen = h / 2, wm2 = w - 2, hm2 = h - 2;
  // As Leptonica: the sine and cosine in double, times 16, kept as floats.
  const auto sina = static_cast<l_float32>(16. * std::sin(static_cast<double>(angle)));
  const auto cosa = static_cast<l_float32>(16. * std::cos(static_cast<double>(angle)));
  // Leptonica: xpm = (int)(-xdif * cosa - ydif * sina), ypm = (int)(-ydif *
  // cosa + xdif * sina), xdif = xcen - j, ydif = ycen - i, every product a
  // float. The column's products are the same on every row.
  std::vector<l_float32> col_cos(static_cast<std::size_t>(w)), col_sin(static_cast<std::size_t>(w));
  for (int j = 0; j < w; ++j) {
    const int xdif = xcen - j;
    col_cos[static_cast<std::size_t>(j)] = static_cast<l_float32>(-xdif) * cosa;
    col_sin[static_cast<std::size_t>(j)] = static_cast<l_float32>(xdif) * sina;
  }
  std::vector<l_int32> xpm(static_cast<std::size_t>(w)), ypm(static_cast<std::size_t>(w));
  const auto* src = reinterpret_cast<const l_uint8*>(pixGetData(grey));
  const std::ptrdiff_t bpls = static_cast<std::ptrdiff_t>(pixGetWpl(grey)) * 4;
  auto* dst = reinterpret_cast<l_uint8*>(pixGetData(out.get()));
  const std::ptrdiff_t bpld = static_cast<std::ptrdiff_t>(pixGetWpl(out.get())) * 4;
  l_uint32* bits = ink ? pixGetData(ink.get()) : nullptr;
  const int wplb = ink ? pixGetWpl(ink.get()) : 0;
  // Leptonica keeps 8-bit pixels big-endian in 32-bit words: byte n of a
  // row is at n ^ 3 on this little-endian machine (GET_DATA_BYTE).
  static_assert(std::endian::native == std::endian::little);
  for (int i = 0; i < h; ++i) {
    const int ydif = ycen - i;
    const l_float32 row_sin = static_cast<l_float32>(ydif) * sina;
    const l_float32 row_cos = static_cast<l_float32>(-ydif) * cosa;
    for (int j = 0; j < w; ++j) {
      xpm[static_cast<std::size_t>(j)] = static_cast<l_int32>(col_cos[static_cast<std::size_t>(j)] - row_sin);
      ypm[static_cast<std::size_t>(j)] = static_cast<l_int32>(row_cos + col_sin[static_cast<std::size_t>(j)]);
    }
    l_uint8* d = dst + i * bpld;
    l_uint32* b = bits != nullptr ? bits + static_cast<std::ptrdiff_t>(i) * wplb : nullptr;
    for (int j = 0; j < w; ++j) {
      const l_int32 xm = xpm[static_cast<std::size_t>(j)], ym = ypm[static_cast<std::size_t>(j)];
      const int xp = xcen + (xm >> 4), yp = ycen + (ym >> 4);
      l_uint8 val = kFill;
      if (xp >= 0 && yp >= 0 && xp <= wm2 && yp <= hm2) {
        const int xf = xm & 0x0f, yf = ym & 0x0f;
        const l_uint8* s0 = src + yp * bpls;
        const l_uint8* s1 = s0 + bpls;
        const int v00 = (16 - xf) * (16 - yf) * s0[xp ^ 3];
        const int v10 = xf * (16 - yf) * s0[(xp + 1) ^ 3];
        const int v01 = (16 - xf) * yf * s1[xp ^ 3];
        const int v11 = xf * yf * s1[(xp + 1) ^ 3];
        val = static_cast<l_uint8>((v00 + v01 + v10 + v11 + 128) / 256);
      }
      d[j ^ 3] = val;
      if (b != nullptr && val < kBinaryThreshold) SET_DATA_BIT(b, j);
    }
  }
  if (ink) {
    pixCopyResolution(ink.get(), grey);
    *binary = std::move(ink);
  }
  return out;
}

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
    if (PixPtr norm = NormalizeBackground(grey.get(), size, fixed_threshold ? &binary : nullptr)) grey = std::move(norm);
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
        grey = Checked(RotateGrey(grey.get(), radians, fixed_threshold ? &binary : nullptr).release(), "deskew");
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
