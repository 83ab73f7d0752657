#include "text/name_variants.h"

#include "text/normalize.h"

namespace sovang::text {
namespace {

// Regional variants of one surname (the southern forms arose from naming
// taboos of the Nguyễn lords). The first entry of a class is its key.
const std::vector<std::vector<std::string>>& SurnameClasses() {
  static const std::vector<std::vector<std::string>> classes = {
      {"Hoàng", "Huỳnh"},
      {"Vũ", "Võ"},
  };
  return classes;
}

const std::vector<std::string>* ClassOf(std::string_view surname) {
  const std::string key = CanonicalTone(surname);
  for (const auto& c : SurnameClasses())
    for (const auto& member : c)
      if (CanonicalTone(member) == key) return &c;
  return nullptr;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  const std::string collapsed = CollapseSpaces(Nfc(s));
  std::size_t begin = 0;
  while (begin < collapsed.size()) {
    std::size_t end = collapsed.find(' ', begin);
    if (end == std::string::npos) end = collapsed.size();
    words.push_back(collapsed.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

// The words of a name with the surname replaced by its class's first member
// and fillers dropped from the middle, joined after `key` maps each word.
template <typename KeyFn>
std::string Key(std::string_view full_name, KeyFn key) {
  const PersonName n = SplitName(full_name);
  std::string out;
  auto add = [&](const std::string& w) {
    if (w.empty()) return;
    if (!out.empty()) out.push_back(' ');
    out += key(w);
  };
  if (const auto* c = ClassOf(n.surname))
    add(c->front());
  else
    add(n.surname);
  for (const auto& m : n.middle)
    if (!IsMiddleNameFiller(m)) add(m);
  add(n.given);
  return out;
}

}  // namespace

PersonName SplitName(std::string_view full_name) {
  std::vector<std::string> words = Words(full_name);
  PersonName n;
  if (words.empty()) return n;
  n.given = words.back();
  if (words.size() >= 2) n.surname = words.front();
  if (words.size() >= 3) n.middle.assign(words.begin() + 1, words.end() - 1);
  return n;
}

std::vector<std::string> SurnameVariants(std::string_view surname) {
  if (const auto* c = ClassOf(surname)) return *c;
  return {TitleCase(surname)};
}

std::string SurnameKey(std::string_view surname) {
  if (const auto* c = ClassOf(surname)) return Fold(c->front());
  return Fold(surname);
}

bool SameSurname(std::string_view a, std::string_view b) {
  const auto* ca = ClassOf(a);
  if (ca != nullptr) return ca == ClassOf(b);
  return CanonicalTone(a) == CanonicalTone(b);
}

bool IsMiddleNameFiller(std::string_view word) {
  const std::string w = CanonicalTone(word);
  return w == "văn" || w == "thị";
}

std::string NameKey(std::string_view full_name) {
  return Key(full_name, [](const std::string& w) { return Fold(w); });
}

std::string NameKeyWithTones(std::string_view full_name) {
  return Key(full_name, [](const std::string& w) { return CanonicalTone(w); });
}

}  // namespace sovang::text
