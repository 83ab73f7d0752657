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
std::string LowerReference(std::string_view s);
std::string FoldReference(std::string_view s);

// Appends the UTF-8 encoding of a code point (U+FFFD for anything invalid).
void AppendUtf8(std::string& out, char32_t cp);

// Decodes the code point at s[i] and advances i. Ill-formed sequences give
// U+FFFD and advance past the maximal ill-formed subpart (at least one byte).
char32_t NextCodePoint(std::string_view s, std::size_t& i);

}  // namespace sovang::text::detail
