#pragma once
// Internal to sovang::ocr: Tesseract's table of confusable characters, which
// only its legacy engine uses, left unloaded at Init (legacy_ambigs.cpp).

namespace sovang::ocr {

// On: TessBaseAPI::Init skips the table, process-wide (recognisers switch it on).
void SkipLegacyAmbigs(bool on);

// How many Inits skipped it so far (for tests).
long LegacyAmbigsSkipped();

// While alive, Inits in this thread load the table (the OSD engine).
class KeepLegacyAmbigs {
 public:
  KeepLegacyAmbigs();
  ~KeepLegacyAmbigs();
  KeepLegacyAmbigs(const KeepLegacyAmbigs&) = delete;
  KeepLegacyAmbigs& operator=(const KeepLegacyAmbigs&) = delete;

 private:
  bool was_;
};

}  // namespace sovang::ocr
