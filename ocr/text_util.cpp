#include <string>
#include <string_view>

#include "ocr/internal/text_util.h"
#include "text/normalize.h"

namespace sovang::ocr {

// Tesseract's vie model mostly emits precomposed letters, text layers of PDFs
// often do not; either way the boundary of sovang is NFC.
std::string Nfc(std::string_view s) { return text::Nfc(s); }

std::string FixLookalikes(std::string s) {
  // In UTF-8 Ð is C3 90 and ð is C3 B0; Đ is C4 90 and đ is C4 91.
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '\xC3') continue;
    if (s[i + 1] == '\x90') {
      s[i] = '\xC4';
    } else if (s[i + 1] == '\xB0') {
      s[i] = '\xC4';
      s[i + 1] = '\x91';
    }
  }
  return s;
}

}  // namespace sovang::ocr
