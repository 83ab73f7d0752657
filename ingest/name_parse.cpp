#include "ingest/name_parse.h"

#include <algorithm>
#include <array>
#include <vector>

#include "ingest/field_parse.h"
#include "ingest/post_correct.h"
#include "text/normalize.h"
#include "text/vietnamese_syllable.h"

namespace sovang::ingest {

namespace {

struct HonorificForm {
  std::string_view folded;  // words, folded
  std::string_view gender;
  std::string_view required;  // the exact lower-case spelling needed when the fold is ambiguous, or ""
};

// Longest first: "cụ bà" before "cụ".
constexpr std::array<HonorificForm, 15> kHonorifics = {{
    {"gia dinh ong", "nam", ""},  // a household award names its head
    {"gia dinh ba", "nữ", ""},
    {"cu ong", "nam", ""},
    {"cu ba", "nữ", ""},
    {"dong chi", "", ""},
    {"liet si", "", ""},
    {"ong", "nam", ""},
    {"0ng", "nam", ""},  // O read as zero
    {"ba", "nữ", ""},
    {"cu", "", "cụ"},
    {"anh", "nam", "anh"},
    {"chi", "nữ", "chị"},
    {"me", "nữ", "mẹ"},
    {"bo", "nam", "bố"},
    {"em", "", "em"},
}};

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// A folded word with the digits OCR reads for letters undone ("g1a" -> "gia").
std::string AsLetters(std::string_view folded) {
  std::string out(folded);
  for (char& c : out) {
    if (c == '1') c = 'i';
    if (c == '0') c = 'o';
  }
  return out;
}

// Words that end a name when they follow it without punctuation.
bool EndsName(const TextRun& run, const std::vector<Span>& tokens, std::size_t k) {
  const std::string_view t = run.FoldedOf(tokens[k]);
  auto next = [&](std::string_view want) { return k + 1 < tokens.size() && run.FoldedOf(tokens[k + 1]) == want; };
  // "Sinh" and "Quế" are given names too: they end a name only before what follows them.
  auto next_is_number = [&] {
    if (k + 1 >= tokens.size()) return false;
    const std::string_view n = run.FoldedOf(tokens[k + 1]);
    return !n.empty() && n[0] >= '0' && n[0] <= '9';
  };
  if ((t == "sinh" || t == "sn") && (next("nam") || next("ngay") || next("thang") || next_is_number())) return true;
  if (t == "que" && (next("quan") || (tokens[k].end < run.folded().size() && run.folded()[tokens[k].end] == ':')))
    return true;
  if ((t == "tru" && next("quan")) || (t == "chuc" && next("vu")) || (t == "don" && next("vi")) ||
      (t == "dan" && next("toc")))
    return true;
  // "năm sinh" ends a name; "Nam" is also a given name: only the breve tells.
  if (t == "nam" && next("sinh") && text::Lower(run.TextOf(tokens[k])) != "nam") return true;
  // "Nguyên quán" ends a name; "Nguyễn" starts one: only the marks tell.
  if (t == "nguyen" && next("quan") && text::Lower(run.TextOf(tokens[k])) == "nguyên") return true;
  // A number is never part of a name ("S1ẩy" is a name misread, not a
  // number, and so is "0anh" for "Oanh": more letters than digits).
  if (t[0] < '0' || t[0] > '9') return false;
  const auto letters = std::count_if(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return letters < 2 || letters * 2 <= static_cast<long>(t.size());
}

std::size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

std::optional<Honorific> HonorificAt(const TextRun& run, Span within) {
  const auto tokens = Tokens(run, within);
  if (tokens.empty()) return std::nullopt;
  for (const auto& h : kHonorifics) {
    const auto want = Split(h.folded);
    if (want.size() > tokens.size()) continue;
    bool ok = true;
    for (std::size_t k = 0; k < want.size() && ok; ++k) ok = AsLetters(run.FoldedOf(tokens[k])) == want[k];
    if (!ok) continue;
    const Span span{tokens.front().begin, tokens[want.size() - 1].end};
    if (!h.required.empty() && text::Lower(run.TextOf(span)) != h.required) continue;
    // A name must follow: "Ông" alone is not an honorific.
    if (want.size() >= tokens.size()) return std::nullopt;
    return Honorific{span, std::string(h.gender)};
  }
  // "Đ/c" folds to "d/c": two tokens "d" "c" with a slash between.
  if (tokens.size() >= 3 && run.FoldedOf(tokens[0]) == "d" && run.FoldedOf(tokens[1]) == "c" &&
      run.FoldedOf(Span{tokens[0].end, tokens[1].begin}) == "/")
    return Honorific{Span{tokens[0].begin, tokens[1].end}, ""};
  return std::nullopt;
}

Span NameAt(const TextRun& run, Span within, std::size_t max_words) {
  auto tokens = Tokens(run, within);
  // Quotes and specks before the name ("“ ' Chu Hữu Huy") are no part of it.
  auto has_letter = [&](const Span& t) {
    const std::string_view f = run.FoldedOf(t);
    return std::any_of(f.begin(), f.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  std::size_t skip = 0;
  while (skip + 1 < tokens.size() && skip < 3 && !has_letter(tokens[skip])) ++skip;
  if (skip > 0 && has_letter(tokens[skip])) tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(skip));
  if (tokens.empty()) return {};
  const std::string& f = run.folded();
  std::size_t last = 0;  // one past the last name token
  for (std::size_t k = 0; k < tokens.size() && k < max_words; ++k) {
    if (k > 0) {
      bool stop = false;
      for (std::size_t b = tokens[k - 1].end; b < tokens[k].begin; ++b) {
        const char c = f[b];
        if (c == ',' || c == ';' || c == ':' || c == '(' || c == '.' || c == ')') stop = true;
      }
      if (stop) break;
    }
    if (EndsName(run, tokens, k)) break;
    last = k + 1;
  }
  if (last == 0) return {};
  return Span{tokens.front().begin, tokens[last - 1].end};
}

bool LooksCollective(std::string_view folded_name) {
  static constexpr std::array<std::string_view, 16> kStarts = {
      "tap the", "nhan dan",   "can bo",  "dai doi", "tieu doan", "trung doan", "su doan",  "doi ",
      "to ",     "hop tac xa", "truong ", "uy ban",  "xa ",       "huyen ",     "gia dinh", "co quan"};
  for (std::string_view s : kStarts)
    if (folded_name.substr(0, s.size()) == s) return true;
  return false;
}

NameCheck CheckName(std::string_view name) {
  NameCheck check;
  const auto words = Split(name);
  check.syllables = static_cast<int>(words.size());
  bool all_plausible = true;
  for (std::string_view w : words) all_plausible = all_plausible && text::IsPlausibleSyllable(w);
  check.plausible = all_plausible && check.syllables >= 2 && check.syllables <= 5;
  return check;
}

std::string NormalizeName(std::string_view verbatim) {
  const std::string name = text::Nfc(text::CollapseSpaces(verbatim));
  // Capitals after the first letter of a word: printed (or read) in capitals.
  bool shouting = false;
  for (std::string_view w : Split(name)) {
    if (w.empty()) continue;
    const std::size_t first = Utf8Len(static_cast<unsigned char>(w[0]));
    if (first >= w.size()) continue;
    const std::string_view tail = w.substr(first);
    if (text::Lower(tail) != tail) shouting = true;
  }
  if (shouting) return text::TitleCase(name);
  if (LooksCollective(text::Fold(name))) return name;  // "Nhân dân xã …" keeps its small letters
  // Words starting with a small letter among capitalised ones: OCR lost a capital.
  int capitalised = 0, small = 0;
  for (std::string_view w : Split(name)) {
    const std::string_view first = w.substr(0, Utf8Len(static_cast<unsigned char>(w[0])));
    if (text::Lower(first) == first)
      ++small;
    else
      ++capitalised;
  }
  if (small > 0 && capitalised > 0) {
    std::string out;
    for (std::string_view w : Split(name)) {
      if (!out.empty()) out.push_back(' ');
      const std::string_view first = w.substr(0, Utf8Len(static_cast<unsigned char>(w[0])));
      const bool letter = text::Fold(first) != first || (first[0] >= 'a' && first[0] <= 'z');
      out += letter ? text::TitleCase(w) : std::string(w);
    }
    return out;
  }
  return name;
}

std::vector<bool> DoubtfulSyllableMask(std::string_view name) {
  // A tilde over a breve or circumflex, a hook over a breve, the bare breve.
  // And the grave over a circumflex: "ì" and "ề" are read "ầ" ("Lìn" -> "Lần").
  static constexpr std::string_view kStacked[] = {"ẵ", "ẫ", "ễ", "ỗ", "ẳ", "ă", "ầ",
                                                  "Ẵ", "Ẫ", "Ễ", "Ỗ", "Ẳ", "Ă", "Ầ"};
  const auto words = Split(name);
  std::vector<bool> doubtful(words.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    const auto* lexicon = i == 0 && words.size() >= 2 ? &NameCorrector::Surnames()
                          : i + 1 < words.size()      ? &NameCorrector::MiddleNames()
                                                      : nullptr;
    const bool known = lexicon && std::find(lexicon->begin(), lexicon->end(), w) != lexicon->end();
    if (known) continue;  // read against its lexicon
    // A surname or middle name one mark off a lexicon entry ("Bể" for Bế,
    // "Định" for Đinh): a mark misread more likely than a rare name.
    if (lexicon) {
      const std::string fold = text::Fold(w);
      if (std::any_of(lexicon->begin(), lexicon->end(), [&](const std::string& e) { return text::Fold(e) == fold; })) {
        doubtful[i] = true;
        continue;
      }
    }
    bool stacked = false;
    for (std::string_view mark : kStacked) stacked = stacked || w.find(mark) != std::string_view::npos;
    // A tilde over a bare a before n: the breve of "ằn" lost and its grave
    // read as a tilde ("Mằn" read "Mãn"); "Mão" is read right.
    for (std::string_view mark : {"ãn", "Ãn", "ÃN"}) stacked = stacked || w.find(mark) != std::string_view::npos;
    doubtful[i] = stacked;
  }
  return doubtful;
}

int DoubtfulSyllables(std::string_view name) {
  const std::vector<bool> mask = DoubtfulSyllableMask(name);
  return static_cast<int>(std::count(mask.begin(), mask.end(), true));
}

}  // namespace sovang::ingest
