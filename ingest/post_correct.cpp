#include "ingest/post_correct.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/error.h"
#include "text/normalize.h"
#include "text/spell.h"
#include "text/vietnamese_syllable.h"

namespace sovang::ingest {

namespace {

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (char c : s) {
    if (c == ' ') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

bool AcceptableRepair(const std::string& word) {
  const auto syllable = text::ParseSyllable(word);
  if (!syllable) return false;
  return syllable->kind == text::SyllableClass::kVietnamese ||
         (syllable->kind == text::SyllableClass::kPlausible && syllable->onset == "sl");
}

std::optional<std::string> UndoDigitConfusions(const std::string& word) {
  std::string letters = word, without_bars;
  bool changed = false;
  for (char c : word) {
    if (c != '|') without_bars.push_back(c);
  }
  for (char& c : letters) {
    if (c == '1' || c == '|')
      c = 'l', changed = true;
    else if (c == '0')
      c = 'o', changed = true;
  }
  // "Stao", "Siằn": the l of the Tày/Nùng onset "sl" read as t or i.
  if (!changed && word.size() > 2 && (word[0] == 'S' || word[0] == 's') && (word[1] == 't' || word[1] == 'i')) {
    std::string sl = word;
    sl[1] = 'l';
    if (AcceptableRepair(sl)) return sl;
  }
  if (!changed) return std::nullopt;
  if (AcceptableRepair(letters)) return letters;
  // "Th1": a one read for an i.
  std::string with_i = word;
  for (char& c : with_i)
    if (c == '1') c = 'i';
  if (with_i != word && AcceptableRepair(with_i)) return with_i;
  if (without_bars != word && !without_bars.empty() && AcceptableRepair(without_bars)) return without_bars;
  return std::nullopt;
}

// How many marks a letter carries (breve, circumflex, horn and tone): "ầ" 2, "ă" 1, "a" 0.
std::size_t Marks(const std::string& letter) {
  const auto v = text::ParseSyllable(letter);
  if (!v) return 0;
  return (text::Fold(v->rhyme) != v->rhyme ? 1 : 0) + (v->tone != text::Tone::kLevel ? 1 : 0);
}

struct DoubledRepair {
  std::string word;
  bool guessed = false;  // the two letters carried as many marks: which one is right is a guess
};

// "Lêềnh", "Măằn", "Mìùu": one vowel read twice, with different marks.
// Dropping one of two neighbouring vowels of the same letter gives the
// syllable; the one with more marks stays (the extra reading is the one
// that lost marks), the last when they carry as many ("Slấẩy" -> "Slẩy").
// Only where both readings carry marks, or the word two tones: a bare vowel
// next to a marked one may be a letter of its own ("Mùu" is "Mìu" misread,
// not "Mù").
std::optional<DoubledRepair> UndoDoubledVowel(const std::string& word) {
  const auto cps = text::CodePoints(word);
  int tones = 0;
  for (const auto& cp : cps)
    if (const auto v = text::ParseSyllable(cp); v && v->tone != text::Tone::kLevel) ++tones;
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    const std::string a = text::Fold(cps[i]), b = text::Fold(cps[i + 1]);
    if (a != b || a.size() != 1 || std::string_view("aeiouy").find(a[0]) == std::string_view::npos) continue;
    if (tones < 2 && (Marks(cps[i]) == 0 || Marks(cps[i + 1]) == 0)) continue;
    auto without = [&](std::size_t k) {
      std::string out;
      for (std::size_t j = 0; j < cps.size(); ++j)
        if (j != k) out += cps[j];
      return out;
    };
    const std::string drop_first = without(i), drop_second = without(i + 1);
    const bool first_ok = text::IsPlausibleSyllable(drop_first), second_ok = text::IsPlausibleSyllable(drop_second);
    if (!first_ok && !second_ok) continue;
    if (first_ok != second_ok) return DoubledRepair{first_ok ? drop_first : drop_second, false};
    const std::size_t ma = Marks(cps[i]), mb = Marks(cps[i + 1]);
    if (ma > mb) return DoubledRepair{drop_second, false};
    return DoubledRepair{drop_first, ma == mb};
  }
  return std::nullopt;
}

// Whether exactly one Tày/Nùng name has the letters of `word`, with other marks.
bool OneTayNungByLetters(const std::string& word) {
  const std::string fold = text::Fold(word), lower = text::Lower(word);
  int same = 0;
  bool exact = false;
  for (const auto& entry : NameCorrector::TayNungNames()) {
    if (text::Fold(entry) != fold) continue;
    ++same;
    exact = exact || text::Lower(entry) == lower;
  }
  return same == 1 && !exact;
}

// The one entry that fits, or "" when none or several do.
std::string Unique(const std::set<std::string>& candidates) {
  return candidates.size() == 1 ? *candidates.begin() : std::string();
}

}  // namespace

const std::vector<std::string>& NameCorrector::Surnames() {
  // The common Kinh surnames, and those of the Tày, Nùng, Dao, Thái, H'Mông of the north.
  static const std::vector<std::string> kSurnames = {
      "Nguyễn", "Trần", "Lê",    "Phạm",  "Hoàng", "Huỳnh",  "Phan",  "Vũ",    "Võ",    "Đặng",   "Bùi",   "Đỗ",
      "Hồ",     "Ngô",  "Dương", "Lý",    "Đinh",  "Đào",    "Đoàn",  "Vương", "Trịnh", "Trương", "Lâm",   "Mai",
      "Tô",     "Hà",   "Tạ",    "Cao",   "Lương", "Lục",    "Nông",  "Lộc",   "Bế",    "Vi",     "Vy",    "La",
      "Sầm",    "Hứa",  "Chu",   "Triệu", "Mã",    "Lăng",   "Đàm",   "Lành",  "Mông",  "Phùng",  "Quách", "Khúc",
      "Kiều",   "Thân", "Tăng",  "Âu",    "Lưu",   "Lò",     "Lường", "Quàng", "Cầm",   "Tòng",   "Điêu",  "Giàng",
      "Thào",   "Sùng", "Vàng",  "Hầu",   "Ma",    "Tống",   "Nịnh",  "Hoàng", "Đồng",  "Đường",  "Tạ",    "Văn",
      "Lạc",    "Linh", "Mạc",   "Thạch", "Hà",    "Nghiêm", "Văn",   "Khổng", "Diệp",  "Bạch",   "Tiêu",  "Ninh",
      "Đàm",    "Lã",   "Lữ",    "Trưng", "Bàn",   "Chẩu",   "Hứa",   "Lèo",   "Sằm",   "Pò",     "Dương", "Vòng"};
  return kSurnames;
}

const std::vector<std::string>& NameCorrector::TayNungNames() {
  // Given names and Nùng generation names of Lạng Sơn's Tày and Nùng, whose
  // syllables no Vietnamese dictionary holds. Used only to repair a token
  // that is no syllable at all; a syllable is never changed into one.
  static const std::vector<std::string> kNames = {
      "Slương", "Sỉư", "Slằn", "Pác",  "Slinh", "Sì",  "Pả",  "Mìu",  "Nọi", "Sính", "Lềnh",
      "Tấu",    "Sỉu", "Slẩy", "Phủ",  "Nhì",   "Sằn", "Khe", "Lìn",  "Pằn", "Slao", "Nàng",
      "Mằn",    "Slìn", "Slấu", "Pẻn", "Cọi",   "Nông", "Lủng", "Phấy"};
  return kNames;
}

const std::vector<std::string>& NameCorrector::MiddleNames() {
  static const std::vector<std::string> kMiddles = {
      "Văn",   "Thị",   "Đức",   "Hữu",  "Minh",  "Xuân", "Quang", "Ngọc", "Đình", "Công", "Thanh",  "Kim",
      "Bá",    "Trọng", "Quốc",  "Mạnh", "Tiến",  "Duy",  "Hồng",  "Thế",  "Đăng", "Như",  "Phương", "Hoài",
      "Thu",   "Thúy",  "Bích",  "Khắc", "Viết",  "Phúc", "Tuấn",  "Anh",  "Hải",  "Sỹ",   "Sĩ",     "Thành",
      "Chí",   "Gia",   "Hoàng", "Huy",  "Khánh", "Lan",  "Mỹ",    "Nhật", "Phú",  "Quý",  "Tất",    "Thái",
      "Thiện", "Trung", "Tuệ",   "Vĩnh", "Xuân",  "Yên",  "Đắc",   "Tài",  "Cẩm",  "Diệu", "Hùng",   "Ích"};
  return kMiddles;
}

NameCorrector::NameCorrector(std::vector<std::string> surnames, std::vector<std::string> middles,
                             std::unique_ptr<text::SpellChecker> spell)
    : surnames_(std::move(surnames)), middles_(std::move(middles)), spell_(std::move(spell)) {
  if (spell_) {
    // Names the dictionary lacks would otherwise look misspelled.
    std::vector<std::string> words;
    for (const auto* lex : {&surnames_, &middles_})
      for (const auto& w : *lex) words.push_back(text::Lower(w));
    spell_->AddWords(words);
  }
}

NameCorrector::~NameCorrector() = default;

const NameCorrector& NameCorrector::Default() {
  static const NameCorrector corrector = [] {
    std::unique_ptr<text::SpellChecker> spell;
    try {
      spell = std::make_unique<text::SpellChecker>(text::SpellChecker::OpenDefault());
    } catch (const Error&) {
      // Without hunspell-vi the lexicons still repair surnames and middle names.
    }
    return NameCorrector(Surnames(), MiddleNames(), std::move(spell));
  }();
  return corrector;
}

bool NameCorrector::IsWord(const std::string& lower) const {
  if (!spell_) return false;
  std::lock_guard lock(spell_mutex_);
  return spell_->IsWord(lower);
}

std::vector<std::string> NameCorrector::Suggest(const std::string& word) const {
  if (!spell_) return {};
  std::lock_guard lock(spell_mutex_);
  return spell_->Suggest(word);
}

NameCorrector::Result NameCorrector::Correct(std::string_view name) const {
  Result out;
  auto words = SplitSpaces(name);
  const std::size_t n = words.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::string& w = words[i];
    const text::SyllableClass kind = text::ClassifySyllable(w);
    // A given name Hunspell does not know, with the letters of one Tày/Nùng
    // name but other marks ("Miu" for "Mìu", seed 47 at 0.91): the marks
    // lost more likely than a rare name. Either may be right: doubted, kept.
    if (i + 1 == n && n >= 2 && spell_ && kind != text::SyllableClass::kNotASyllable && OneTayNungByLetters(w) &&
        !IsWord(text::Lower(w)))
      ++out.doubted;
    // A surname is one of a closed list: a word in its place with the
    // letters of exactly one entry but other marks ("Lễ", "Bể", "Định") is
    // that surname misread, not a surname of its own; repaired, and doubted.
    if (kind == text::SyllableClass::kVietnamese && n >= 2 && i == 0 &&
        std::find(surnames_.begin(), surnames_.end(), w) == surnames_.end()) {
      std::set<std::string> same;
      const std::string fold = text::Fold(w);
      for (const auto& entry : surnames_)
        if (text::Fold(entry) == fold) same.insert(entry);
      if (same.size() == 1 && text::Lower(*same.begin()) != text::Lower(w)) {
        w = *same.begin();
        ++out.repaired;
        ++out.guessed;
      }
      continue;
    }
    if (kind == text::SyllableClass::kVietnamese) continue;
    // Digits and bars inside a word are letters misread ("S1ẩy", "Ng0c") or
    // specks ("Th|ạch"): undone when that gives a Vietnamese syllable, or a
    // Tày/Nùng one with the onset "sl".
    const std::vector<std::string>* lexicon = nullptr;
    if (n >= 2 && i == 0)
      lexicon = &surnames_;
    else if (n >= 3 && i + 1 < n)
      lexicon = &middles_;
    // "Stao": no syllable starts with "st"; the l of "sl" read as a t.
    if (kind == text::SyllableClass::kPlausible && w.size() > 2 && (w[0] == 'S' || w[0] == 's') && w[1] == 't') {
      std::string sl = w;
      sl[1] = 'l';
      if (AcceptableRepair(sl)) {
        w = sl;
        ++out.repaired;
        continue;
      }
    }
    // (A syllable built like a Tày/Nùng one may hold a vowel read twice too:
    // "Lêềnh"; no spelling has one letter twice with marks on both.)
    if (kind != text::SyllableClass::kVietnamese && !lexicon) {
      if (auto doubled = UndoDoubledVowel(w)) {
        w = doubled->word;
        out.repaired += doubled->guessed ? 2 : 1;
        continue;
      }
    }
    if (kind == text::SyllableClass::kNotASyllable) {
      if (auto repaired = UndoDigitConfusions(w)) {
        // "0anh": a name word starts with a capital.
        const bool digit_first = w[0] >= '0' && w[0] <= '9';
        w = digit_first ? text::TitleCase(*repaired) : *repaired;
        ++out.repaired;
        // "Th1" -> "Thi": in a surname's or middle name's place, the one
        // lexicon entry with those letters ("Thị").
        if (lexicon) {
          std::set<std::string> same;
          for (const auto& entry : *lexicon)
            if (text::Fold(entry) == text::Fold(w)) same.insert(entry);
          if (same.size() == 1) w = *same.begin();
        }
        continue;
      }
    }
    const std::string lower = text::Lower(w);
    std::set<std::string> candidates;
    if (kind == text::SyllableClass::kPlausible) {
      // Built like a syllable: a Tày/Nùng name unless its marks alone are off
      // on a known surname or middle name.
      if (!lexicon || IsWord(lower)) continue;
      const std::string fold = text::Fold(w);
      for (const auto& entry : *lexicon)
        if (text::Fold(entry) == fold) candidates.insert(entry);
    } else if (lexicon) {
      for (const auto& entry : *lexicon)
        if (text::EditDistance(lower, text::Lower(entry), 1) <= 1) candidates.insert(entry);
      // A Nùng generation name in a middle name's place ("Sìà" for "Sì").
      if (lexicon == &middles_)
        for (const auto& entry : TayNungNames())
          if (text::EditDistance(lower, text::Lower(entry), 1) <= 1) candidates.insert(entry);
    } else {
      for (const auto& s : Suggest(lower)) {
        if (s.find(' ') != std::string::npos || !text::IsVietnameseSyllable(s)) continue;
        if (text::EditDistance(lower, text::Lower(s), 1) <= 1) candidates.insert(text::TitleCase(s));
      }
      // Tày and Nùng names Hunspell does not know ("Stlao" for "Slao").
      for (const auto& entry : TayNungNames())
        if (text::EditDistance(lower, text::Lower(entry), 1) <= 1) candidates.insert(entry);
    }
    const std::string repair = Unique(candidates);
    if (repair.empty() || repair == w) continue;
    w = text::TitleCase(repair);
    ++out.repaired;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out.value.push_back(' ');
    out.value += words[i];
  }
  return out;
}

}  // namespace sovang::ingest
