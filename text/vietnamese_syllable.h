#pragma once
// The structure of a Vietnamese written syllable: onset, rhyme, tone.
//
// Used to judge OCR and legacy-encoding output: a token that is a standard
// Vietnamese syllable is text; one that is built like a syllable but lies
// outside the standard inventory (Tày and Nùng names such as Slương, Sỉư,
// loanwords such as xoong) is plausible and must be kept as written, never
// "corrected"; anything else (two vowel groups, symbols, two tone marks) is
// not a syllable.

#include <optional>
#include <string>
#include <string_view>

namespace sovang::text {

// The six tones, in the order Vietnamese grammars list them.
enum class Tone {
  kLevel,     // ngang: a
  kGrave,     // huyền: à
  kHook,      // hỏi: ả
  kTilde,     // ngã: ã
  kAcute,     // sắc: á
  kDotBelow,  // nặng: ạ
};

enum class SyllableClass {
  kVietnamese,    // standard orthography: onset, rhyme, spelling and tone agree
  kPlausible,     // consonants, one vowel group, a final consonant: a name or loanword
  kNotASyllable,  // anything else
};

struct Syllable {
  std::string onset;  // lower case NFC: "", "ng", "qu", "gi", "sl"…
  std::string rhyme;  // lower case NFC without the tone mark: "uyên", "ương", "iư"
  Tone tone = Tone::kLevel;
  SyllableClass kind = SyllableClass::kNotASyllable;
};

// Splits one token (any case, NFC or NFD, no spaces) into onset, rhyme and
// tone. Returns nullopt when the token is not a syllable.
std::optional<Syllable> ParseSyllable(std::string_view token);

SyllableClass ClassifySyllable(std::string_view token);

// kVietnamese only.
bool IsVietnameseSyllable(std::string_view token);

// kVietnamese or kPlausible: a token a spelling corrector must leave alone.
bool IsPlausibleSyllable(std::string_view token);

}  // namespace sovang::text
