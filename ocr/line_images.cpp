#include "ocr/internal/line_images.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>

namespace sovang::ocr {
namespace {

std::atomic<bool> raw_enabled{false};
std::atomic<long> raw_written{0};

// Marks a buffer written here: a magic word and a number drawn once per
// process, so no file that happens to start with the magic is taken for one.
struct RawHeader {
  char magic[8];
  std::uint64_t token;
  std::int32_t w, h, d, wpl, spp, xres, yres;
};

constexpr char kMagic[8] = {'\0', 'S', 'V', 'R', 'A', 'W', '\n', '\0'};

std::uint64_t Token() {
  static const std::uint64_t token = [] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ 1u;
  }();
  return token;
}

// The load base of libtesseract, found once (null without it).
const void* TesseractBase() {
  static const void* base = [] () -> const void* {
    void* f = dlsym(RTLD_DEFAULT, "TessVersion");
    Dl_info info{};
    if (f == nullptr || dladdr(f, &info) == 0) return nullptr;
    return info.dli_fbase;
  }();
  return base;
}

bool CalledFromTesseract(const void* return_address) {
  const void* base = TesseractBase();
  Dl_info info{};
  return base != nullptr && dladdr(return_address, &info) != 0 && info.dli_fbase == base;
}

template <typename F>
F Real(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

void KeepTesseractLineImagesRaw(bool on) { raw_enabled = on; }
long TesseractLineImagesKeptRaw() { return raw_written; }

}  // namespace sovang::ocr

// Tesseract (5.3, as Debian builds it) keeps every text line image it hands
// to the LSTM as PNG bytes (ImageData::SetPix -> pixWriteMem(IFF_PNG)) and
// decodes them again right away (ImageData::GetPix -> pixReadMem): zlib and
// libpng took ~6% of a page's CPU (perf, bench/ocr pages). Tesseract only
// ever reads those bytes back itself, so here, in the executable and ahead of
// Leptonica's, a PNG asked for by libtesseract is the pixels copied as they
// are behind a small header, and pixReadMem copies them back: the same
// pixels, no compression. Every other call goes to Leptonica.
extern "C" l_ok pixWriteMem(l_uint8** pdata, size_t* psize, PIX* pix, l_int32 format) {
  using F = l_ok (*)(l_uint8**, size_t*, PIX*, l_int32);
  static const F real = sovang::ocr::Real<F>("pixWriteMem");
  using sovang::ocr::RawHeader;
  if (sovang::ocr::raw_enabled && format == IFF_PNG && pdata != nullptr && psize != nullptr && pix != nullptr &&
      pixGetColormap(pix) == nullptr && sovang::ocr::CalledFromTesseract(__builtin_return_address(0))) {
    const std::size_t bytes = static_cast<std::size_t>(pixGetWpl(pix)) * 4u * static_cast<std::size_t>(pixGetHeight(pix));
    auto* out = static_cast<l_uint8*>(std::malloc(sizeof(RawHeader) + bytes));  // freed by lept_free
    if (out != nullptr) {
      RawHeader h{};
      std::memcpy(h.magic, sovang::ocr::kMagic, sizeof h.magic);
      h.token = sovang::ocr::Token();
      h.w = pixGetWidth(pix);
      h.h = pixGetHeight(pix);
      h.d = pixGetDepth(pix);
      h.wpl = pixGetWpl(pix);
      h.spp = pixGetSpp(pix);
      h.xres = pixGetXRes(pix);
      h.yres = pixGetYRes(pix);
      std::memcpy(out, &h, sizeof h);
      std::memcpy(out + sizeof h, pixGetData(pix), bytes);
      *pdata = out;
      *psize = sizeof h + bytes;
      ++sovang::ocr::raw_written;
      return 0;
    }
  }
  return real(pdata, psize, pix, format);
}

extern "C" PIX* pixReadMem(const l_uint8* data, size_t size) {
  using F = PIX* (*)(const l_uint8*, size_t);
  static const F real = sovang::ocr::Real<F>("pixReadMem");
  using sovang::ocr::RawHeader;
  RawHeader h{};
  if (data != nullptr && size >= sizeof h && std::memcmp(data, sovang::ocr::kMagic, sizeof h.magic) == 0) {
    std::memcpy(&h, data, sizeof h);
    const std::size_t bytes = static_cast<std::size_t>(h.wpl) * 4u * static_cast<std::size_t>(h.h);
    if (h.token == sovang::ocr::Token() && size == sizeof h + bytes) {
      PIX* pix = pixCreateNoInit(h.w, h.h, h.d);
      if (pix == nullptr || pixGetWpl(pix) != h.wpl) {
        pixDestroy(&pix);
        return nullptr;
      }
      std::memcpy(pixGetData(pix), data + sizeof h, bytes);
      pixSetSpp(pix, h.spp);
      pixSetResolution(pix, h.xres, h.yres);
      return pix;
    }
  }
  return real(data, size);
}
