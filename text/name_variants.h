#pragma once
// Vietnamese personal names as they vary between documents: a surname written
// in its regional variant (Hoàng/Huỳnh, Vũ/Võ), the middle name Văn or Thị
// dropped or added. Small pure functions; UTF-8 in and out, any case, NFC or
// not.

#include <string>
#include <string_view>
#include <vector>

namespace sovang::text {

// Surname, middle names and given name, as written (NFC, spaces collapsed).
// "Nguyễn Văn Thạch" -> {"Nguyễn", {"Văn"}, "Thạch"}. One word is a given
// name; two are surname and given name. Compound surnames (Tôn Thất, Âu
// Dương) are not recognised: their second word lands in `middle`.
struct PersonName {
  std::string surname;
  std::vector<std::string> middle;
  std::string given;
};
PersonName SplitName(std::string_view full_name);

// The variants of a surname, itself included, title case NFC, in a fixed
// order: "Huỳnh" -> {"Hoàng", "Huỳnh"}; a surname without variants -> itself.
std::vector<std::string> SurnameVariants(std::string_view surname);

// One folded key per class of surname variants: Hoàng and Huỳnh give
// "hoang", Vũ and Võ give "vu"; others their Fold ("Nguyễn" -> "nguyen").
std::string SurnameKey(std::string_view surname);

bool SameSurname(std::string_view a, std::string_view b);

// Văn and Thị, the middle names that documents drop or add (any case and
// tone style; folded "van" / "thi" without marks are not fillers: they may
// be other words).
bool IsMiddleNameFiller(std::string_view word);

// A key two spellings of one person's name share: folded, surname mapped to
// its class key, Văn/Thị in middle position dropped.
// "Huỳnh Văn Thạch" and "Hoàng Thạch" -> "hoang thach". Names that differ
// only in tone marks share it too; compare with tones before trusting it.
std::string NameKey(std::string_view full_name);

// Like NameKey but keeps the tone marks (canonical placement, lower case):
// "Huỳnh Văn Thạch" -> "hoàng thạch".
std::string NameKeyWithTones(std::string_view full_name);

}  // namespace sovang::text
