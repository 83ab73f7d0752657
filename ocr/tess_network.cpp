#include "ocr/internal/tess_network.h"
#include "ocr/step_aside.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <emmintrin.h>
#include <tesseract/baseapi.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

// The first layer of Tesseract's LSTM models (`Ct3,3,16`: a 3x3 convolution)
// first stacks, for every pixel of a line image, the pixel and its eight
// neighbours into one 9-byte time step (Convolve::Forward); the weights come
// after, in the next layer. Tesseract does it with a StrideMap::Index copied
// and moved, range-checked and turned back into an array index for each of
// the nine neighbours, and a call to NetworkIO::CopyTimeStepGeneral (memcpy)
// for each byte, every call through libtesseract's PLT: ~15% of an ingest's
// CPU (perf, the 40 bench pages at 6dcb4d6), for a copy of ~9 bytes a pixel.
//
// Debian's libtesseract 5.3 calls Convolve::Forward through its vtable, whose
// entry is bound by symbol, so this definition in the executable comes first.
// It writes the same bytes in the same places: neighbours inside the line
// image copied, those outside it drawn from the layer's random generator by
// Tesseract's own NetworkIO::Randomize, called with the same arguments in the
// same order (so the generator's state after the layer is Tesseract's too).
// Anything it does not expect (a float network, a batch of more than one
// image, an empty image, debug display, another libtesseract) goes to
// Tesseract's own code.
//
// The class layouts below were read off libtesseract.so.5.3.0's machine code
// (Convolve::Forward, NetworkIO::CopyTimeStepGeneral, NetworkIO::Randomize,
// StrideMap::Index::MaxIndexOfDim); they are used only with that very build
// (its version and GNU build id).

namespace sovang::ocr {
namespace {

std::atomic<bool> fast_enabled{false};
std::atomic<bool> verify_enabled{false};
std::atomic<long> fast_done{0};
std::atomic<bool> steps_enabled{false};
thread_local long steps_done = 0;  // counted per thread: the calls come by the million
std::atomic<long> mismatches{0};

#if defined(__x86_64__)
constexpr bool kLayoutKnown = true;
#else
constexpr bool kLayoutKnown = false;
#endif

// The GNU build id of the libtesseract.so.5.3.0 whose layouts were read
// (Debian 12's libtesseract5 5.3.0-2, amd64). The version string alone would
// also let in a rebuild with other compiler flags or a patched header; any
// other build runs Tesseract's own code (and the hooks' test says so).
constexpr std::string_view kReadBuildId = "8e691dc2817d3b40ba9e85e2980f66e34282c7d9";

// The build id (hex) of the loaded object whose path holds `name`, or "".
std::string LoadedBuildId(const char* name) {
  struct Search {
    const char* name;
    std::string id;
  } search{name, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        auto* s = static_cast<Search*>(data);
        if (info->dlpi_name == nullptr || std::strstr(info->dlpi_name, s->name) == nullptr) return 0;
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const auto* at = reinterpret_cast<const unsigned char*>(info->dlpi_addr + segment.p_vaddr);
          const unsigned char* end = at + segment.p_memsz;
          while (at + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(at);
            const unsigned char* desc = at + sizeof(ElfW(Nhdr)) + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                std::memcmp(at + sizeof(ElfW(Nhdr)), "GNU", 4) == 0 && desc + note->n_descsz <= end) {
              static const char kHex[] = "0123456789abcdef";
              for (ElfW(Word) k = 0; k < note->n_descsz; ++k) {
                s->id += kHex[desc[k] >> 4];
                s->id += kHex[desc[k] & 15];
              }
              return 1;
            }
            at = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &search);
  return search.id;
}

bool VersionMatches() {
  static const bool matches = kLayoutKnown && std::string_view(tesseract::TessBaseAPI::Version()) == "5.3.0" &&
                              LoadedBuildId("libtesseract.so") == kReadBuildId;
  return matches;
}

// tesseract::StrideMap: shape_[3], t_increments_[3], heights_, widths_.
struct IntVector {
  const int* begin;
  const int* end;
  const int* capacity;
};
struct StrideMapLayout {
  int shape[3];         // batch, height, width
  int t_increments[3];  // array rows a step in each
  IntVector heights;    // of each image of the batch
  IntVector widths;
};
static_assert(offsetof(StrideMapLayout, heights) == 0x18 && offsetof(StrideMapLayout, widths) == 0x30);

// tesseract::GENERIC_2D_ARRAY<int8_t>: vtable, array_, empty_, dim1_, dim2_, size_allocated_.
struct Int8ArrayLayout {
  const void* vtable;
  int8_t* array;
  int8_t empty;
  int dim1;  // rows (time steps)
  int dim2;  // bytes a row (features and padding)
  int size_allocated;
};

// tesseract::NetworkIO: f_ (a GENERIC_2D_ARRAY<float>), i_, int_mode_, stride_map_.
struct NetworkIOLayout {
  unsigned char float_array[32];
  Int8ArrayLayout i;
  bool int_mode;
  StrideMapLayout stride_map;
};
static_assert(offsetof(NetworkIOLayout, i) == 0x20 && offsetof(Int8ArrayLayout, dim2) == 0x18);
static_assert(offsetof(NetworkIOLayout, int_mode) == 0x40 && offsetof(NetworkIOLayout, stride_map) == 0x48);

// tesseract::Convolve (a Network): ni_, no_, randomizer_, half_x_, half_y_.
constexpr std::size_t kNi = 0x18, kNo = 0x1c, kRandomizer = 0x58, kHalfX = 0x60, kHalfY = 0x64;
// tesseract::TRand: one std::minstd_rand (8 bytes of state).
constexpr std::size_t kRandomState = 8;

template <typename T>
T Field(const void* object, std::size_t offset) {
  T value;
  std::memcpy(&value, static_cast<const unsigned char*>(object) + offset, sizeof(T));
  return value;
}

// StrideMap::Index::MaxIndexOfDim of batch image 0, plus one.
int Extent(const StrideMapLayout& map, int dim) {
  const IntVector& sizes = dim == 1 ? map.heights : map.widths;
  const int whole = map.shape[dim];
  if (sizes.end - sizes.begin < 1 || sizes.begin[0] >= whole) return whole;
  return sizes.begin[0];
}

}  // namespace

void UseFastTesseractConvolve(bool on) { fast_enabled = on; }
bool FastTesseractConvolveAvailable() { return VersionMatches(); }
long FastTesseractConvolves() { return fast_done; }
void UseFastTesseractTimeSteps(bool on) { steps_enabled = on; }
long FastTesseractTimeSteps() { return steps_done; }
void VerifyTesseractNetworkHooks(bool on) { verify_enabled = on; }
long TesseractNetworkMismatches() { return mismatches; }

}  // namespace sovang::ocr

extern "C" void SovangTessNetworkIOResizeToMap(void* self, bool int_mode, const void* stride_map, int num_features)
    __asm__("_ZN9tesseract9NetworkIO11ResizeToMapEbRKNS_9StrideMapEi");
extern "C" void SovangTessNetworkIORandomize(void* self, int t, int offset, int num_features, void* randomizer)
    __asm__("_ZN9tesseract9NetworkIO9RandomizeEiiiPNS_5TRandE");

extern "C" void SovangTessConvolveForward(void* self, bool debug, const void* input, const void* input_transpose,
                                          void* scratch, void* output)
    __asm__("_ZN9tesseract8Convolve7ForwardEbRKNS_9NetworkIOEPKNS_15TransposedArrayEPNS_14NetworkScratchEPS1_");

namespace {

using sovang::ocr::NetworkIOLayout;

// The layer's output, as Convolve::Forward leaves it.
void Convolve(void* self, const NetworkIOLayout& in, void* output) {
  using sovang::ocr::Field;
  const int ni = Field<int>(self, sovang::ocr::kNi), no = Field<int>(self, sovang::ocr::kNo);
  const int half_x = Field<int>(self, sovang::ocr::kHalfX), half_y = Field<int>(self, sovang::ocr::kHalfY);
  void* randomizer = Field<void*>(self, sovang::ocr::kRandomizer);
  SovangTessNetworkIOResizeToMap(output, in.int_mode, &in.stride_map, no);
  const auto& out = *static_cast<const NetworkIOLayout*>(output);
  // The output's map is a copy of the input's: a time step is the same pixel in both.
  const int height = sovang::ocr::Extent(in.stride_map, 1), width = sovang::ocr::Extent(in.stride_map, 2);
  const int dy = in.stride_map.t_increments[1], dx = in.stride_map.t_increments[2];
  const std::ptrdiff_t in_row = in.i.dim2, out_row = out.i.dim2;
  const int column = (2 * half_y + 1) * ni;  // bytes of one neighbouring column
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const int t = y * dy + x * dx;
      int8_t* dest = out.i.array + t * out_row;
      int at = 0;
      for (int nx = x - half_x; nx <= x + half_x; ++nx, at += column) {
        if (nx < 0 || nx >= width) {
          SovangTessNetworkIORandomize(output, t, at, column, randomizer);
          continue;
        }
        int part = at;
        for (int ny = y - half_y; ny <= y + half_y; ++ny, part += ni) {
          if (ny < 0 || ny >= height) {
            SovangTessNetworkIORandomize(output, t, part, ni, randomizer);
          } else {
            const int8_t* src = in.i.array + (ny * dy + nx * dx) * in_row;
            if (ni == 1)
              dest[part] = src[0];
            else
              std::memcpy(dest + part, src, static_cast<std::size_t>(ni));
          }
        }
      }
    }
  }
}

}  // namespace

extern "C" void SovangTessConvolveForward(void* self, bool debug, const void* input, const void* input_transpose,
                                          void* scratch, void* output) {
  using F = void (*)(void*, bool, const void*, const void*, void*, void*);
  static const F real = reinterpret_cast<F>(
      dlsym(RTLD_NEXT, "_ZN9tesseract8Convolve7ForwardEbRKNS_9NetworkIOEPKNS_15TransposedArrayEPNS_14NetworkScratchEPS1_"));
  const auto& in = *static_cast<const NetworkIOLayout*>(input);
  const bool ours = sovang::ocr::fast_enabled && !debug && sovang::ocr::VersionMatches() && in.int_mode &&
                    in.stride_map.shape[0] == 1 && sovang::ocr::Extent(in.stride_map, 1) >= 1 &&
                    sovang::ocr::Extent(in.stride_map, 2) >= 1;
  if (!ours) {
    real(self, debug, input, input_transpose, scratch, output);
    return;
  }
  if (!sovang::ocr::verify_enabled) {
    Convolve(self, in, output);
    ++sovang::ocr::fast_done;
    return;
  }
  // Both ways from the same random state: the same bytes, the same state after.
  void* randomizer = sovang::ocr::Field<void*>(self, sovang::ocr::kRandomizer);
  unsigned char state[sovang::ocr::kRandomState], ours_state[sovang::ocr::kRandomState];
  std::memcpy(state, randomizer, sizeof state);
  Convolve(self, in, output);
  ++sovang::ocr::fast_done;
  const auto& out = *static_cast<const NetworkIOLayout*>(output);
  const std::vector<int8_t> mine(out.i.array, out.i.array + static_cast<std::ptrdiff_t>(out.i.dim1) * out.i.dim2);
  std::memcpy(ours_state, randomizer, sizeof ours_state);
  std::memcpy(randomizer, state, sizeof state);
  real(self, debug, input, input_transpose, scratch, output);
  const bool same = static_cast<std::size_t>(out.i.dim1) * static_cast<std::size_t>(out.i.dim2) == mine.size() &&
                    std::memcmp(mine.data(), out.i.array, mine.size()) == 0 &&
                    std::memcmp(ours_state, randomizer, sizeof ours_state) == 0;
  if (!same) ++sovang::ocr::mismatches;
}

// NetworkIO::WriteTimeStepPart and NetworkIO::MaxpoolTimeStep: called once a
// time step by every LSTM layer (its outputs, rounded to 8 bits) and by the
// max-pooling layer nine times a time step, each a loop of a branch per value
// (the sign for the rounding, the comparison for the maximum) through the
// PLT: ~9% of an ingest's CPU after the convolution above (perf). Here
// 16 values at a time (SSE2, which every x86-64 has), the same results:
// rounding x = value * 127 half away from zero (Tesseract's IntCastRounded:
// (int)(x + 0.5) from 0 up, -(int)(0.5 - x) below, x - 0.5 being 0.5 - x
// negated exactly) then clipped to [-127, 127], an out-of-range or NaN x
// (INT_MIN from the conversion) giving -127 as Tesseract's clip does; the
// maximum taken where the source is strictly greater, and its time step
// recorded at exactly those places.
extern "C" void SovangTessWriteTimeStepPart(void* self, int t, int offset, int num_features, const float* input)
    __asm__("_ZN9tesseract9NetworkIO17WriteTimeStepPartEiiiPKf");
extern "C" void SovangTessMaxpoolTimeStep(void* self, int dest_t, const void* src, int src_t, int* max_line)
    __asm__("_ZN9tesseract9NetworkIO15MaxpoolTimeStepEiRKS0_iPi");

namespace {

void WriteRounded(int8_t* line, int n, const float* input) {
  const __m128 scale = _mm_set1_ps(127.0f), half = _mm_set1_ps(0.5f), sign = _mm_set1_ps(-0.0f);
  const __m128i lo = _mm_set1_epi16(-127), hi = _mm_set1_epi16(127);
  auto round4 = [&](const float* p) {
    const __m128 x = _mm_mul_ps(_mm_loadu_ps(p), scale);
    return _mm_cvttps_epi32(_mm_add_ps(x, _mm_or_ps(half, _mm_and_ps(x, sign))));
  };
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i a = _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(round4(input + i), round4(input + i + 4)), lo), hi);
    const __m128i b =
        _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(round4(input + i + 8), round4(input + i + 12)), lo), hi);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(line + i), _mm_packs_epi16(a, b));
  }
  for (; i < n; ++i) {
    const float x = input[i] * 127.0f;
    int v = x >= 0.0f ? static_cast<int>(x + 0.5f) : -static_cast<int>(0.5f - x);
    v = v > 127 ? 127 : v;
    v = v < -127 ? -127 : v;
    line[i] = static_cast<int8_t>(v);
  }
}

void MaxInto(int8_t* dest, const int8_t* src, int n, int src_t, int* max_line) {
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(dest + i));
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i greater = _mm_cmpgt_epi8(s, d);
    unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(greater));
    if (bits == 0) continue;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dest + i),
                     _mm_or_si128(_mm_and_si128(greater, s), _mm_andnot_si128(greater, d)));
    for (; bits != 0; bits &= bits - 1) max_line[i + __builtin_ctz(bits)] = src_t;
  }
  for (; i < n; ++i) {
    if (dest[i] < src[i]) {
      dest[i] = src[i];
      max_line[i] = src_t;
    }
  }
}

}  // namespace

extern "C" void SovangTessWriteTimeStepPart(void* self, int t, int offset, int num_features, const float* input) {
  sovang::ocr::StepAsideIfAsked();  // once a time step of every LSTM layer: a fine-grained point
  using F = void (*)(void*, int, int, int, const float*);
  static const F real = reinterpret_cast<F>(dlsym(RTLD_NEXT, "_ZN9tesseract9NetworkIO17WriteTimeStepPartEiiiPKf"));
  const auto& io = *static_cast<const NetworkIOLayout*>(self);
  if (!sovang::ocr::steps_enabled.load(std::memory_order_relaxed) || !sovang::ocr::VersionMatches() || !io.int_mode ||
      num_features <= 0) {
    real(self, t, offset, num_features, input);
    return;
  }
  int8_t* line = io.i.array + static_cast<std::ptrdiff_t>(t) * io.i.dim2 + offset;
  ++sovang::ocr::steps_done;
  if (!sovang::ocr::verify_enabled.load(std::memory_order_relaxed)) {
    WriteRounded(line, num_features, input);
    return;
  }
  std::vector<int8_t> mine(static_cast<std::size_t>(num_features));
  WriteRounded(mine.data(), num_features, input);
  real(self, t, offset, num_features, input);
  if (std::memcmp(mine.data(), line, mine.size()) != 0) ++sovang::ocr::mismatches;
}

extern "C" void SovangTessMaxpoolTimeStep(void* self, int dest_t, const void* src, int src_t, int* max_line) {
  using F = void (*)(void*, int, const void*, int, int*);
  static const F real = reinterpret_cast<F>(dlsym(RTLD_NEXT, "_ZN9tesseract9NetworkIO15MaxpoolTimeStepEiRKS0_iPi"));
  const auto& io = *static_cast<const NetworkIOLayout*>(self);
  const auto& from = *static_cast<const NetworkIOLayout*>(src);
  if (!sovang::ocr::steps_enabled.load(std::memory_order_relaxed) || !sovang::ocr::VersionMatches() || !io.int_mode ||
      !from.int_mode) {
    real(self, dest_t, src, src_t, max_line);
    return;
  }
  const int n = io.i.dim2;  // Tesseract's loop runs over the destination's whole row
  int8_t* dest = io.i.array + static_cast<std::ptrdiff_t>(dest_t) * n;
  const int8_t* line = from.i.array + static_cast<std::ptrdiff_t>(src_t) * from.i.dim2;
  ++sovang::ocr::steps_done;
  if (!sovang::ocr::verify_enabled.load(std::memory_order_relaxed)) {
    MaxInto(dest, line, n, src_t, max_line);
    return;
  }
  const std::vector<int8_t> dest_before(dest, dest + n);
  const std::vector<int> max_before(max_line, max_line + n);
  MaxInto(dest, line, n, src_t, max_line);
  const std::vector<int8_t> dest_mine(dest, dest + n);
  const std::vector<int> max_mine(max_line, max_line + n);
  std::memcpy(dest, dest_before.data(), dest_before.size());
  std::memcpy(max_line, max_before.data(), max_before.size() * sizeof(int));
  real(self, dest_t, src, src_t, max_line);
  if (std::memcmp(dest_mine.data(), dest, dest_mine.size()) != 0 ||
      std::memcmp(max_mine.data(), max_line, max_mine.size() * sizeof(int)) != 0)
    ++sovang::ocr::mismatches;
}
