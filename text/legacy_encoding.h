#pragma once
// Old Vietnamese encodings of born-digital lists, and mojibake repair.

#include <string>
#include <string_view>

namespace sovang::text {

enum class Encoding {
  kUtf8,
  kUtf16Le,
  kUtf16Be,
  kCp1258,          // Windows-1258 (decomposed tone marks)
  kTcvn3,           // TCVN 5712 "ABC" (.VnTime fonts), as bytes
  kVni,             // VNI Windows (letter + separate mark byte), as bytes
  kViqr,            // ASCII: "Nguye^~n"
  kMojibakeCp1252,  // UTF-8 that was read as CP1252 and saved again as UTF-8: "Nguyá»…n"
  kMojibakeTcvn3,   // TCVN3 bytes read as Latin-1 and saved as UTF-8: "B¶o Th¾ng"
};

std::string_view EncodingName(Encoding e);

// Guesses which conversion a byte string needs to become proper Vietnamese.
Encoding DetectEncoding(std::string_view bytes);

// Converts bytes in the given encoding to NFC UTF-8.
std::string ToUnicode(std::string_view bytes, Encoding e);

// DetectEncoding + ToUnicode.
std::string ToUnicodeAuto(std::string_view bytes);

}  // namespace sovang::text
