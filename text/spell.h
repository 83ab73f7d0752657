#pragma once
// Vietnamese spelling (Hunspell with hunspell-vi) plus domain lexicons, used to
// repair OCR output only where the repair is confident.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sovang::text {

//
// hunspell-vi is a list of single syllables with the tone placed the new way
// (hoà, thuỷ, khoẻ); IsWord accepts the old placement too. It lacks most
// Tày and Nùng syllables (Slương, Sỉư): "not a word" does not mean "wrong";
// ask IsPlausibleSyllable (text/vietnamese_syllable.h) before correcting.
//
// All calls are serialised by a mutex (Hunspell itself is not thread-safe):
// share one checker, or give each worker thread its own for throughput.
class SpellChecker {
 public:
  // Opens Debian's hunspell-vi dictionary (/usr/share/hunspell/vi_VN.*).
  // Throws Error(kNotFound) when it is missing.
  static SpellChecker OpenDefault();
  // Opens a Hunspell dictionary by its two files, in any encoding Hunspell
  // and ICU know. Throws Error(kNotFound) when a file is missing.
  static SpellChecker Open(const std::filesystem::path& aff, const std::filesystem::path& dic);
  SpellChecker(SpellChecker&&) noexcept;
  SpellChecker& operator=(SpellChecker&&) noexcept;
  ~SpellChecker();

  // One word (syllable), UTF-8, any case, NFC or not.
  bool IsWord(std::string_view word) const;
  // Hunspell's suggestions, best first, NFC, without duplicates.
  std::vector<std::string> Suggest(std::string_view word) const;
  // Adds words (names, places, award words) the dictionary lacks.
  void AddWords(const std::vector<std::string>& words);

 private:
  struct Impl;
  explicit SpellChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::text
