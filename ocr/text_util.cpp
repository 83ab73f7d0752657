#include <string>
#include <string_view>

#include "ocr/internal/text_util.h"

namespace sovang::ocr {

// Tesseract's vie model emits precomposed letters; text-layer PDFs may not.
// TODO(ocr): route through sovang::text::Nfc once text/normalize.cpp lands.
std::string Nfc(std::string_view s) { return std::string(s); }

}  // namespace sovang::ocr
