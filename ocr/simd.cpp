#include "ocr/internal/simd.h"

#include <atomic>
#include <cstdlib>
#include <string_view>

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

// SOVANG_NO_AVX2=1: the plain loops, for comparing on one machine.
std::atomic<bool> allowed{[] {
  const char* v = std::getenv("SOVANG_NO_AVX2");
  return v == nullptr || std::string_view(v) != "1";
}()};

}  // namespace

bool UseAvx2() { return allowed.load(std::memory_order_relaxed) && ProcessorHasAvx2(); }

void AllowAvx2(bool allow) { allowed.store(allow, std::memory_order_relaxed); }

}  // namespace sovang::ocr
