#include <string>
#include <string_view>

#include "ocr/internal/text_util.h"
#include "text/normalize.h"

namespace sovang::ocr {

// Tesseract's vie model mostly emits precomposed letters, text layers of PDFs
// often do not; either way the boundary of sovang is NFC.
std::string Nfc(std::string_view s) { return text::Nfc(s); }

}  // namespace sovang::ocr
