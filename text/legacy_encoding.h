#pragma once
// Old Vietnamese encodings of born-digital lists, and mojibake repair.
//
// Tables are written from TCVN 5712:1993 (VN3, the "ABC" .VnTime fonts) and
// VNI Windows; iconv's "TCVN" is the VN1 variant (capitals in control
// positions, combining marks at 0xB0-0xB4) and must not be used for .Vn fonts.
//
// TCVN3 capitals: VN3 has only Ă Â Ê Ô Ơ Ư Đ as capitals (0xA1-0xA7);
// capitals with tone marks exist only in the "H" fonts (.VnTimeH), which draw
// the lower-case byte as a capital. The bytes do not say which font was used,
// so a tone letter decodes to lower case, except inside a word whose ASCII
// letters are all capitals ("NGUYÔN" -> "NGUYỄN"). A capital tone letter at
// the start of a mixed-case word ("¸nh" for "Ánh") comes out lower case:
// title-case names afterwards.

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

// Converts bytes in the given encoding to NFC UTF-8, without a byte order
// mark. Never throws on bad input: what cannot be decoded is replaced.
// kVni also accepts VNI bytes that were read as CP1252 and saved as UTF-8
// ("chaøo" for "chào"), which DetectEncoding reports as kVni too.
std::string ToUnicode(std::string_view bytes, Encoding e);

// The reverse: NFC UTF-8 to bytes in the given encoding (for tests, sample
// data and exports to old systems). Characters the encoding lacks become '?'.
// TCVN3 writes capitals with tone marks as the lower-case byte (the H-font
// convention); VIQR escapes literal marks after a vowel with a backslash
// (RFC 1456); UTF-16 is written without a byte order mark.
std::string FromUnicode(std::string_view utf8, Encoding e);

// DetectEncoding + ToUnicode.
std::string ToUnicodeAuto(std::string_view bytes);

}  // namespace sovang::text
