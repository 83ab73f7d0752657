#include "ocr/internal/openmp.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

#include "ocr/recognizer.h"

namespace sovang::ocr {

void LimitOpenMpInThisThread() {
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  if (limit != nullptr && std::strcmp(limit, "1") != 0) return;  // the operator asked for more
  using SetLevels = void (*)(int);
  // Looked up rather than linked: present exactly when libgomp is loaded.
  static const SetLevels set_levels =
      reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set_levels != nullptr) set_levels(0);
}

void PinOpenMpToOneThread() {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  LimitOpenMpInThisThread();
}

}  // namespace sovang::ocr
