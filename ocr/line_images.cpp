#include "ocr/internal/line_images.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <link.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <utility>
#include <vector>

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

// The address ranges libtesseract is loaded at (its PT_LOAD segments),
// found once: asking dladdr on every line image cost ~0.5% of an ingest
// (it walks the loaded objects). Empty without libtesseract.
struct Segments {
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> ranges;  // [begin, end)
};

const Segments& TesseractSegments() {
  static const Segments segments = [] {
    Segments out;
    void* f = dlsym(RTLD_DEFAULT, "TessVersion");
    Dl_info info{};
    if (f == nullptr || dladdr(f, &info) == 0) return out;
    struct Search {
      const void* base;
      Segments* out;
    } search{info.dli_fbase, &out};
    dl_iterate_phdr(
        [](dl_phdr_info* object, std::size_t, void* data) -> int {
          auto* s = static_cast<Search*>(data);
          // dli_fbase is where the object's first segment is mapped.
          std::uintptr_t lowest = UINTPTR_MAX;
          for (int i = 0; i < object->dlpi_phnum; ++i)
            if (object->dlpi_phdr[i].p_type == PT_LOAD)
              lowest = std::min<std::uintptr_t>(lowest, object->dlpi_addr + object->dlpi_phdr[i].p_vaddr);
          if (lowest != reinterpret_cast<std::uintptr_t>(s->base)) return 0;
          for (int i = 0; i < object->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = object->dlpi_phdr[i];
            if (ph.p_type != PT_LOAD) continue;
            const std::uintptr_t begin = object->dlpi_addr + ph.p_vaddr;
            s->out->ranges.emplace_back(begin, begin + ph.p_memsz);
          }
          return 1;
        },
        &search);
    return out;
  }();
  return segments;
}

bool CalledFromTesseract(const void* return_address) {
  const auto at = reinterpret_cast<std::uintptr_t>(return_address);
  for (const auto& [begin, end] : TesseractSegments().ranges)
    if (at >= begin && at < end) return true;
  return false;
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
