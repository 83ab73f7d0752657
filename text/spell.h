#pragma once
// Vietnamese spelling (Hunspell with hunspell-vi) plus domain lexicons, used to
// repair OCR output only where the repair is confident.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sovang::text {

class SpellChecker {
 public:
  // Opens Debian's hunspell-vi dictionary (/usr/share/hunspell/vi_VN.*).
  // Throws Error(kNotFound) when it is missing.
  static SpellChecker OpenDefault();
  SpellChecker(SpellChecker&&) noexcept;
  SpellChecker& operator=(SpellChecker&&) noexcept;
  ~SpellChecker();

  bool IsWord(std::string_view word) const;
  std::vector<std::string> Suggest(std::string_view word) const;
  // Adds words (names, places, award words) the dictionary lacks.
  void AddWords(const std::vector<std::string>& words);

 private:
  struct Impl;
  explicit SpellChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sovang::text
