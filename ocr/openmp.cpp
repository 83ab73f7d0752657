#include "ocr/internal/openmp.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "ocr/recognizer.h"

namespace sovang::ocr {
namespace {

// Set in a thread whose OpenMP is limited to itself (LimitOpenMpInThisThread).
thread_local bool serial_regions = false;
thread_local long regions_run_inline = 0;

}  // namespace

void LimitOpenMpInThisThread() {
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  if (limit != nullptr && std::strcmp(limit, "1") != 0) return;  // the operator asked for more
  using SetLevels = void (*)(int);
  // Looked up rather than linked: present exactly when libgomp is loaded.
  static const SetLevels set_levels =
      reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set_levels != nullptr) set_levels(0);
  serial_regions = true;
}

void PinOpenMpToOneThread() {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  LimitOpenMpInThisThread();
}

long OpenMpRegionsRunInlineInThisThread() { return regions_run_inline; }

}  // namespace sovang::ocr

// Tesseract's LSTM opens OpenMP parallel regions for every time step of
// every text line (`omp parallel for`, `omp parallel sections`), ~100,000 a
// page. With one thread per team libgomp still builds a team for each and ends
// it with a futex wake-up system call nobody waits for: ~13% of a
// recogniser's CPU (bench/ocr, perf and strace). These definitions, in the
// executable, come before libgomp's for libtesseract. In a thread limited to
// one OpenMP thread a region's body just runs, as a team of one would run it:
// thread 0 of 1, its `for` loops split over one thread, its sections handed out
// one after the other (the GOMP_sections_* calls of its body answered here).
// Any other thread gets libgomp's own.
namespace {

template <typename F>
F Real(const char* name, const char* version) {
  void* f = dlvsym(RTLD_NEXT, name, version);
  if (f == nullptr) f = dlsym(RTLD_NEXT, name);
  return reinterpret_cast<F>(f);
}

// Sections of the regions this thread runs inline, innermost last.
struct InlineSections {
  unsigned next = 1, end = 1;
};
thread_local std::vector<InlineSections> inline_sections;

}  // namespace

extern "C" void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags) {
  using F = void (*)(void (*)(void*), void*, unsigned, unsigned);
  static const F real = Real<F>("GOMP_parallel", "GOMP_4.0");
  if (sovang::ocr::serial_regions || real == nullptr) {
    ++sovang::ocr::regions_run_inline;
    fn(data);
    return;
  }
  real(fn, data, num_threads, flags);
}

extern "C" void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                                       unsigned flags) {
  using F = void (*)(void (*)(void*), void*, unsigned, unsigned, unsigned);
  static const F real = Real<F>("GOMP_parallel_sections", "GOMP_4.0");
  if (sovang::ocr::serial_regions || real == nullptr) {
    ++sovang::ocr::regions_run_inline;
    inline_sections.push_back(InlineSections{1, count + 1});
    fn(data);  // its body asks GOMP_sections_next until 0, then GOMP_sections_end_nowait
    inline_sections.pop_back();
    return;
  }
  real(fn, data, num_threads, count, flags);
}

extern "C" unsigned GOMP_sections_next() {
  if (!inline_sections.empty()) {
    InlineSections& s = inline_sections.back();
    return s.next < s.end ? s.next++ : 0;
  }
  using F = unsigned (*)();
  static const F real = Real<F>("GOMP_sections_next", "GOMP_1.0");
  return real();
}

extern "C" void GOMP_sections_end_nowait() {
  if (!inline_sections.empty()) return;
  using F = void (*)();
  static const F real = Real<F>("GOMP_sections_end_nowait", "GOMP_1.0");
  real();
}
