#pragma once
// Private to text/ and its tests: the reference (all-ICU) implementations the
// fast paths of normalize.cpp must agree with, and small UTF-8 helpers shared by
// the .cpp files of text/. Not a contract for other modules.

#include <cstdint>
#include <string>
#include <string_view>

namespace sovang::text::detail {

// The slow, obviously-correct versions of Lower and Fold (ICU on the whole
// string). The public functions take a table-driven path for Latin and
// Vietnamese text and must give byte-identical results.
std::string NfcReference(std::string_view s);
std::string LowerReference(std::string_view s);
std::string FoldReference(std::string_view s);

// Appends the UTF-8 encoding of a code point (U+FFFD for anything invalid).
void AppendUtf8(std::string& out, char32_t cp);

// Decodes the code point at s[i] and advances i. Ill-formed sequences give
// U+FFFD and advance past the maximal ill-formed subpart (at least one byte).
char32_t NextCodePoint(std::string_view s, std::size_t& i);

// Vietnamese vowels as (base, tone). Bases 0..11 are a ă â e ê i o ô ơ u ư y;
// tones 0..5 are none, grave, hook, tilde, acute, dot below (the order of
// sovang::text::Tone). Lower case NFC code points only.
inline constexpr int kNotAVowel = -1;
int VowelBase(char32_t c);  // kNotAVowel for anything else
int VowelTone(char32_t c);  // 0 for anything else
char32_t ComposeVowel(int base, int tone);
char16_t VowelBaseLetter(int base);  // u'a' .. u'y'
bool VowelHasQualityMark(int base);  // ă â ê ô ơ ư

}  // namespace sovang::text::detail
