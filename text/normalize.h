#pragma once
// Vietnamese text at the boundary: NFC, lower case, folding, tone placement,
// tokens. All functions take and return UTF-8; invalid UTF-8 is replaced
// (U+FFFD), never an exception. Implemented with ICU.

#include <string>
#include <string_view>
#include <vector>

namespace sovang::text {

// Unicode NFC (composes "Nguye\u0302\u0303n" into "Nguyễn").
std::string Nfc(std::string_view s);

// NFC + full Unicode lower case ("ĐẶNG" -> "đặng").
std::string Lower(std::string_view s);

// Lower case, tone and vowel marks removed, đ -> d: "Nguyễn Thị Ánh" -> "nguyen thi anh".
// Ð/ð (eth, which OCR and Western fonts produce for Đ/đ) fold to d too.
// Fast (~15 ns per token): safe to call on every token at index and query time.
std::string Fold(std::string_view s);

// Lower case with the tone mark placed the modern way on each syllable, so
// "hoà" and "hòa", "thuỷ" and "thủy", "quý" and "qúy" give one key.
// The convention is the "new style" (tone on the main vowel), which is also
// hunspell-vi's: hoà, hoè, thuỷ, khoẻ, quý, già, hoàng, người. A key, not a
// display form: syllables outside Vietnamese (Sỉư) get a deterministic but
// possibly odd placement ("siử"), the same for either spelling.
std::string CanonicalTone(std::string_view s);

// Words of a text: NFC lower case, split on anything that is not a letter or
// digit. "Nguyễn Văn Thạch, 1932" -> {"nguyễn", "văn", "thạch", "1932"}.
std::vector<std::string> Tokenize(std::string_view s);

// Title case per word, NFC: "NGUYỄN VĂN A" -> "Nguyễn Văn A".
std::string TitleCase(std::string_view s);

// Trims and collapses runs of white space to one ASCII space.
std::string CollapseSpaces(std::string_view s);

// Number of Unicode code points.
std::size_t Length(std::string_view s);

// The code points of `s`, each as its UTF-8 bytes ("Sằn" -> {"S", "ằ", "n"}).
std::vector<std::string> CodePoints(std::string_view s);

// Edit distance (Levenshtein, on code points), stopping early once it exceeds
// max_distance (returns max_distance + 1 then).
int EditDistance(std::string_view a, std::string_view b, int max_distance);

// The distance a typist's slip makes: like EditDistance, but two adjacent
// letters swapped ("nguyne" for "nguyen") count as one edit, not two (optimal
// string alignment: no letter is edited twice). Bounded the same way.
int TypoDistance(std::string_view a, std::string_view b, int max_distance);

}  // namespace sovang::text
