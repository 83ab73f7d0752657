#include "ocr/internal/simd.h"

#include <atomic>

namespace sovang::ocr {
namespace {

bool ProcessorHasAvx2() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return has;
#else
  return false;
#endif
}

std::atomic<bool> allowed{true};

}  // namespace

bool UseAvx2() { return allowed.load(std::memory_order_relaxed) && ProcessorHasAvx2(); }

void AllowAvx2(bool allow) { allowed.store(allow, std::memory_order_relaxed); }

}  // namespace sovang::ocr
