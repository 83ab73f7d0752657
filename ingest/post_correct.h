#pragma once
// Vietnamese post-correction of names read by OCR, only where it is safe.
//
// Rules (per syllable of a name):
//  - a standard Vietnamese syllable is never changed: it may be a real name,
//    and turning one valid name into another is worse than any OCR error;
//  - except a surname: the surnames are a closed list, and a valid syllable
//    in a surname's place with the letters of exactly one entry ("Lễ",
//    "Định") is that surname with its marks misread: repaired, doubted;
//  - a syllable built like one but outside the standard inventory (Tày and
//    Nùng names: Slương, Sỉư) is never changed either, except when its marks
//    alone are garbled on a surname or middle name the lexicon knows and the
//    fold matches exactly one entry ("Nguyẻn" -> "Nguyễn");
//  - a token that is no syllable at all (digits, symbols, two tone marks:
//    "Ngu1ễn", "Th|ạch") is repaired when exactly one candidate is one edit
//    away: the surname lexicon for the first syllable, middle names (and
//    Nùng generation names) for the middle ones, the Hunspell dictionary
//    (hunspell-vi) and the Tày/Nùng given names for the given name;
//  - a given name no dictionary knows with the letters of one Tày/Nùng name
//    but other marks ("Miu", "Mìu") is left as read and doubted.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "text/spell.h"

namespace sovang::ingest {

class NameCorrector {
 public:
  // Built-in lexicons, plus Hunspell when hunspell-vi is installed. Shared, thread-safe.
  static const NameCorrector& Default();
  // `spell` may be null (lexicons only).
  NameCorrector(std::vector<std::string> surnames, std::vector<std::string> middles,
                std::unique_ptr<text::SpellChecker> spell);
  ~NameCorrector();

  struct Result {
    std::string value;  // the name, repaired where safe
    int repaired = 0;   // syllables changed
    int guessed = 0;    // ... of which by marks alone on a valid syllable: doubtful (surname "Lễ" -> "Lê")
    int doubted = 0;    // syllables left as read but doubtful (given name "Miu": "Mìu" with its grave lost?)
  };
  Result Correct(std::string_view name) const;

  // The built-in lexicons.
  static const std::vector<std::string>& Surnames();
  static const std::vector<std::string>& MiddleNames();
  // Tày and Nùng given and generation names (Slương, Sỉư, Sằn, Lềnh…): they
  // repair only tokens that are no syllable ("Stlao", "Sìà").
  static const std::vector<std::string>& TayNungNames();

 private:
  bool IsWord(const std::string& lower) const;
  std::vector<std::string> Suggest(const std::string& word) const;

  std::vector<std::string> surnames_, middles_;
  std::unique_ptr<text::SpellChecker> spell_;
  mutable std::mutex spell_mutex_;  // Hunspell is not thread-safe
};

}  // namespace sovang::ingest
