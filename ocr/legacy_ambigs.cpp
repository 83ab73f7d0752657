#include "ocr/internal/legacy_ambigs.h"

#include <dlfcn.h>

#include <atomic>

namespace sovang::ocr {
namespace {

std::atomic<bool> skip_enabled{false};
std::atomic<long> skipped{0};
thread_local bool keep_in_this_thread = false;

}  // namespace

void SkipLegacyAmbigs(bool on) { skip_enabled = on; }
long LegacyAmbigsSkipped() { return skipped; }
KeepLegacyAmbigs::KeepLegacyAmbigs() : was_(keep_in_this_thread) { keep_in_this_thread = true; }
KeepLegacyAmbigs::~KeepLegacyAmbigs() { keep_in_this_thread = was_; }

}  // namespace sovang::ocr

// Every TessBaseAPI::Init parses Tesseract's built-in "universal" table of
// confusable characters (UnicharAmbigs::LoadUniversal, by insertion into
// sorted lists): ~70% of an Init, ~0.1 s of CPU per engine (perf, an ingest
// of one page, four engines). Only the legacy engine's word checks use the
// table; the recognisers read with the LSTM alone. This definition, in the
// executable, comes before libtesseract's own (called through its PLT):
// while skipping is on it leaves the table empty, except in a thread that
// asked to keep it (the OSD engine, a legacy classifier).
extern "C" void SovangLoadUniversalAmbigs(void* self, const void* encoder_set, void* unicharset) __asm__(
    "_ZN9tesseract13UnicharAmbigs13LoadUniversalERKNS_10UNICHARSETEPS1_");
extern "C" void SovangLoadUniversalAmbigs(void* self, const void* encoder_set, void* unicharset) {
  if (sovang::ocr::skip_enabled && !sovang::ocr::keep_in_this_thread) {
    ++sovang::ocr::skipped;
    return;
  }
  using F = void (*)(void*, const void*, void*);
  static const F real =
      reinterpret_cast<F>(dlsym(RTLD_NEXT, "_ZN9tesseract13UnicharAmbigs13LoadUniversalERKNS_10UNICHARSETEPS1_"));
  if (real != nullptr) real(self, encoder_set, unicharset);
}
