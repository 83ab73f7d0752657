#include <string>
#include <string_view>

#include "ocr/internal/text_util.h"
#include "text/normalize.h"

namespace sovang::ocr {

// Tesseract's vie model mostly emits precomposed letters, text layers of PDFs
// often do not; either way the boundary of sovang is NFC.
std::string Nfc(std::string_view s) { return text::Nfc(s); }

std::string FixLookalikes(std::string s) {
  // UTF-8: Đ C4 90, đ C4 91, Ð C3 90, ð C3 B0.
  static constexpr std::string_view kPairs[][2] = {
      // The LSTM sometimes emits both look-alikes for one glyph ("QĐÐ-CTN"):
      // a mixed pair is that, never Vietnamese (a real "ĐĐ" is kept).
      {"\xC4\x90\xC3\x90", "\xC4\x90"}, {"\xC3\x90\xC4\x90", "\xC4\x90"},
      {"\xC4\x91\xC3\xB0", "\xC4\x91"}, {"\xC3\xB0\xC4\x91", "\xC4\x91"},
      {"\xC3\x90", "\xC4\x90"},           {"\xC3\xB0", "\xC4\x91"},
  };
  for (const auto& [from, to] : kPairs) {
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
      s.replace(pos, from.size(), to);
      pos += to.size();
    }
  }
  return s;
}

}  // namespace sovang::ocr
