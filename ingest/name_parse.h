#pragma once
// People's names in award texts: the honorific before them (Ông, Bà, Cụ,
// Đồng chí…) which gives the gender as printed, where the name ends, and
// whether what OCR read is plausibly a Vietnamese (or Tày/Nùng) name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract_text.h"

namespace sovang::ingest {

struct Honorific {
  Span span;           // the honorific's words
  std::string gender;  // "nam", "nữ" or "" when the honorific does not say
};

// An honorific at the start of `within` ("Ông", "Bà", "Cụ bà", "Đồng chí",
// "Liệt sĩ", "Anh", "Chị"), nullopt when the text starts otherwise.
std::optional<Honorific> HonorificAt(const TextRun& run, Span within);

// The name that starts at within.begin: words up to a comma, semicolon,
// bracket, a number or a keyword ("sinh", "năm sinh", "quê quán"…), at most
// `max_words`.
Span NameAt(const TextRun& run, Span within, std::size_t max_words = 7);

// Collective recipients ("Tập thể …", "Nhân dân và cán bộ xã …", "Đại đội …").
bool LooksCollective(std::string_view folded_name);

struct NameCheck {
  int syllables = 0;
  bool plausible = false;  // 2..5 syllables, each a plausible syllable
};
NameCheck CheckName(std::string_view name);

// Spacing collapsed, NFC, and title case when OCR or the print used capitals
// ("NGUYỄN VĂN THẠCH" -> "Nguyễn Văn Thạch"), or when OCR read one word's
// capital as a small letter ("Nguyễn Đức cần" -> "Nguyễn Đức Cần": every
// word of a Vietnamese name starts with a capital); otherwise as printed.
std::string NormalizeName(std::string_view verbatim);

// How many syllables of a name OCR reads wrong all too often, with
// confidence: Tesseract's Vietnamese model confuses the marks stacked on a
// breve or circumflex ("Sằn" read "Sẵn" or "Săn", "Lềnh" read "Lễnh"), so a
// syllable with a tilde over ă/â/ê/ô, a hook over ă, a bare ă, ầ (read
// for "ì" and "ề": "Lìn" read "Lần") or "ãn" (read for "ằn") is doubtful
// unless it is a surname or middle name of the lexicons (Nguyễn, Văn).
// Measured on generated pages (three fonts): such readings were wrong every
// time; hooks over â/ê ("Slẩy", "Hiển") were read right. A surname or middle
// name that is no lexicon entry but has the letters of one ("Bể", "Định") is
// doubtful too.
int DoubtfulSyllables(std::string_view name);
// Which of the name's words (split at spaces) DoubtfulSyllables counts.
std::vector<bool> DoubtfulSyllableMask(std::string_view name);

}  // namespace sovang::ingest
