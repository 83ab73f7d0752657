#pragma once
// Internal to sovang::ocr: small text helpers shared by the loaders and the
// recogniser.

#include <string>
#include <string_view>
#include <vector>

#include "ocr/recognizer.h"

namespace sovang::ocr {

// Unicode NFC of recognised text (through sovang::text).
std::string Nfc(std::string_view s);

// Tesseract's vie model sometimes reads Đ/đ as the look-alike Icelandic
// Ð/ð (U+00D0/U+00F0), which Vietnamese never uses, or as both at once
// ("QĐÐ"): map them back to one Đ/đ.
std::string FixLookalikes(std::string s);

// True when s holds nothing but white space.
bool IsBlank(std::string_view s);

// A line made of words (its box is the union of theirs).
Line MakeLine(std::vector<Word> words);

// Groups words given in reading order into lines: a word starts a new line when
// it does not overlap the current line vertically or goes back to the left.
std::vector<Line> GroupWordsIntoLines(std::vector<Word> words);

}  // namespace sovang::ocr
