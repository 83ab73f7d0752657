// Xapian deflates (zlib, level 6) every document's term list before it
// writes it. On sovang's records that was a quarter of a rebuild's CPU
// (bench/RESULTS.md section 2), and an inflate for each term list a search
// reads back (index/ranked_page.h), to save little: a record's ~400 bytes of
// terms shrink by a quarter. Xapian has no setting for it, so this
// deflateInit2_, in the executable, comes before zlib's for libxapian. For a
// stream libxapian starts it asks for level 0 (stored blocks, and the
// smallest hash table, which zlib clears for every tag): the output never
// comes out smaller than the tag, so Xapian writes the tag as it is. Either
// way an index reads the same (each tag says whether it was compressed).
// Every other deflate in the process (gzip answers, PNG pages) gets zlib's
// own, untouched.

#include "index/internal/raw_tags.h"

#include <dlfcn.h>
#include <zlib.h>

#include <cstring>

namespace {

bool CalledFromXapian(const void* return_address) {
  Dl_info info;
  if (dladdr(return_address, &info) == 0 || info.dli_fname == nullptr) return false;
  return std::strstr(info.dli_fname, "libxapian") != nullptr;
}

}  // namespace

extern "C" int deflateInit2_(z_streamp stream, int level, int method, int window_bits, int mem_level, int strategy,
                             const char* version, int stream_size) {
  using F = int (*)(z_streamp, int, int, int, int, int, const char*, int);
  static const F real = reinterpret_cast<F>(dlsym(RTLD_NEXT, "deflateInit2_"));
  if (real == nullptr) return Z_VERSION_ERROR;
  if (CalledFromXapian(__builtin_return_address(0))) {
    level = 0;
    mem_level = 1;
  }
  return real(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}

namespace sovang::index::internal {

void StoreXapianTagsRaw() {}

}  // namespace sovang::index::internal
