#include "text/vietnamese_syllable.h"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

#include "text/normalize.h"
#include "text/normalize_internal.h"

namespace sovang::text {
namespace {

using detail::AppendUtf8;
using detail::NextCodePoint;

// Every rhyme of standard Vietnamese orthography, without tone marks.
constexpr std::string_view kRhymes[] = {
    "a",    "ac",   "ach",  "ai",  "am",   "an",   "ang",  "anh",  "ao",  "ap",  "at",   "au",  "ay",  "ăc",  "ăm",
    "ăn",   "ăng",  "ăp",   "ăt",  "âc",   "âm",   "ân",   "âng",  "âp",  "ât",  "âu",   "ây",  "e",   "ec",  "em",
    "en",   "eng",  "eo",   "ep",  "et",   "ê",    "êch",  "êm",   "ên",  "ênh", "êp",   "êt",  "êu",  "i",   "ia",
    "ich",  "im",   "in",   "inh", "ip",   "it",   "iu",   "iêc",  "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "yêm",
    "yên",  "yêng", "yêt",  "yêu", "y",    "o",    "oc",   "oi",   "om",  "on",  "ong",  "op",  "ot",  "ooc", "oong",
    "oa",   "oac",  "oach", "oai", "oam",  "oan",  "oang", "oanh", "oao", "oap", "oat",  "oay", "oăc", "oăm", "oăn",
    "oăng", "oăt",  "oe",   "oen", "oeo",  "oet",  "ô",    "ôc",   "ôi",  "ôm",  "ôn",   "ông", "ôp",  "ôt",  "ơ",
    "ơi",   "ơm",   "ơn",   "ơp",  "ơt",   "u",    "ua",   "uc",   "ui",  "um",  "un",   "ung", "up",  "ut",  "uân",
    "uâng", "uât",  "uây",  "uê",  "uêch", "uênh", "uôc",  "uôi",  "uôm", "uôn", "uông", "uôt", "uơ",  "uy",  "uya",
    "uych", "uyên", "uyêt", "uyn", "uynh", "uyp",  "uyt",  "uyu",  "ư",   "ưa",  "ưc",   "ưi",  "ưm",  "ưn",  "ưng",
    "ưt",   "ưu",   "ươc",  "ươi", "ươm",  "ươn",  "ương", "ươp",  "ươt", "ươu",
};

constexpr std::string_view kOnsets[] = {"",  "b",  "c",   "ch", "d", "đ",  "g",  "gh", "gi", "h", "k",  "kh", "l", "m",
                                        "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x"};

// Final consonants; the glides i, y, o, u are part of the vowel group.
constexpr std::string_view kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

// Vowel groups of Tày and Nùng written in Vietnamese letters that Vietnamese
// itself lacks (Sỉư; long vowels oo, ôô).
constexpr std::string_view kExtraVowelGroups[] = {"iư", "âư", "ăư", "aư", "eư", "êư", "oư", "ôư",
                                                  "ơư", "ưư", "uư", "oo", "ôô", "ee", "êê", "ơơ"};

bool IsStop(std::string_view coda) { return coda == "c" || coda == "ch" || coda == "p" || coda == "t"; }

std::string_view CodaOf(std::string_view rhyme) {
  for (std::string_view c : {"ch", "ng", "nh", "c", "m", "n", "p", "t"})
    if (rhyme.size() > c.size() && rhyme.substr(rhyme.size() - c.size()) == c) return c;
  return "";
}

struct Inventory {
  std::set<std::string, std::less<>> rhymes;
  std::set<std::string, std::less<>> onsets;
  std::set<std::string, std::less<>> codas;
  std::set<std::string, std::less<>> vowel_groups;  // rhymes without their final consonant, plus extras
  Inventory() {
    for (auto r : kRhymes) {
      rhymes.emplace(r);
      vowel_groups.emplace(r.substr(0, r.size() - CodaOf(r).size()));
    }
    for (auto o : kOnsets) onsets.emplace(o);
    for (auto c : kCodas) codas.emplace(c);
    for (auto v : kExtraVowelGroups) vowel_groups.emplace(v);
  }
};

const Inventory& Inv() {
  static const Inventory inv;
  return inv;
}

bool IsConsonantLetter(char32_t c) {
  if (c == U'đ') return true;
  return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y';
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return s.substr(0, p.size()) == p; });
}

// Spelling rules that tie the onset to the rhyme: k/c, gh/g, ngh/ng, qu.
bool SpellingAgrees(std::string_view onset, std::string_view rhyme) {
  const bool front = StartsWithAny(rhyme, {"i", "e", "ê", "y"});
  if (onset == "k") return front;
  if (onset == "c") return !front;
  if (onset == "gh" || onset == "ngh") return StartsWithAny(rhyme, {"i", "e", "ê"});
  if (onset == "ng") return !StartsWithAny(rhyme, {"i", "e", "ê"});
  if (onset == "g") return !StartsWithAny(rhyme, {"e", "ê"});
  if (onset == "qu") return !StartsWithAny(rhyme, {"o", "u", "ư"});
  return true;
}

}  // namespace

std::optional<Syllable> ParseSyllable(std::string_view token) {
  const std::string lower = Lower(token);
  std::u32string onset;
  std::u32string vowels;
  std::u32string coda;
  int tone = 0;
  int tones = 0;
  for (std::size_t i = 0; i < lower.size();) {
    const char32_t c = NextCodePoint(lower, i);
    const int base = detail::VowelBase(c);
    if (base != detail::kNotAVowel) {
      if (!coda.empty()) return std::nullopt;  // a second vowel group
      if (const int t = detail::VowelTone(c); t != 0) {
        tone = t;
        ++tones;
      }
      vowels.push_back(detail::VowelBaseLetter(base));
    } else if (IsConsonantLetter(c)) {
      (vowels.empty() ? onset : coda).push_back(c);
    } else {
      return std::nullopt;
    }
  }
  if (vowels.empty() || tones > 1) return std::nullopt;
  // gi and qu are onsets when another vowel follows (gia, qua; but gì, gìn).
  if (onset == U"g" && vowels.size() >= 2 && vowels[0] == U'i') {
    onset = U"gi";
    vowels.erase(0, 1);
  } else if (onset == U"q" && vowels.size() >= 2 && vowels[0] == U'u') {
    onset = U"qu";
    vowels.erase(0, 1);
  }

  Syllable s;
  s.onset = Utf8(onset);
  s.rhyme = Utf8(vowels + coda);
  s.tone = static_cast<Tone>(tone);
  const Inventory& inv = Inv();
  const std::string vowel_group = Utf8(vowels);
  const std::string coda_str = Utf8(coda);

  // After gi an initial i is not written (giêng = gi + iêng), after qu the
  // medial u is not written twice (quỳnh = qu + uynh).
  const bool rhyme_ok = inv.rhymes.count(s.rhyme) > 0 || (s.onset == "gi" && inv.rhymes.count("i" + s.rhyme) > 0) ||
                        (s.onset == "qu" && inv.rhymes.count("u" + s.rhyme) > 0);
  const bool tone_ok = !IsStop(coda_str) || s.tone == Tone::kAcute || s.tone == Tone::kDotBelow;
  if (inv.onsets.count(s.onset) > 0 && rhyme_ok && tone_ok && SpellingAgrees(s.onset, s.rhyme)) {
    s.kind = SyllableClass::kVietnamese;
    return s;
  }
  // Built like a syllable: up to three consonants, a known vowel group, a
  // final consonant of the language.
  if (onset.size() <= 3 && inv.vowel_groups.count(vowel_group) > 0 && inv.codas.count(coda_str) > 0) {
    s.kind = SyllableClass::kPlausible;
    return s;
  }
  return std::nullopt;
}

SyllableClass ClassifySyllable(std::string_view token) {
  const auto s = ParseSyllable(token);
  return s ? s->kind : SyllableClass::kNotASyllable;
}

bool IsVietnameseSyllable(std::string_view token) { return ClassifySyllable(token) == SyllableClass::kVietnamese; }

bool IsPlausibleSyllable(std::string_view token) { return ClassifySyllable(token) != SyllableClass::kNotASyllable; }

}  // namespace sovang::text
