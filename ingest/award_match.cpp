#include "ingest/award_match.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "ingest/field_parse.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

constexpr std::size_t kMaxAwardWords = 16;

bool Near(std::string_view token, std::string_view want) {
  if (token == want) return true;
  if (want.size() < 4 || token.size() < 3) return false;
  return text::EditDistance(token, want, 1) <= 1;
}

// Grave or acute tone in a word as printed (lower case): -1 grave, +1 acute, 0 neither.
int ToneOf(std::string_view printed) {
  static constexpr std::string_view kGrave[] = {"à", "ằ", "ầ", "è", "ề", "ì", "ò", "ồ", "ờ", "ù", "ừ", "ỳ"};
  static constexpr std::string_view kAcute[] = {"á", "ắ", "ấ", "é", "ế", "í", "ó", "ố", "ớ", "ú", "ứ", "ý"};
  for (std::string_view m : kGrave)
    if (printed.find(m) != std::string_view::npos) return -1;
  for (std::string_view m : kAcute)
    if (printed.find(m) != std::string_view::npos) return 1;
  return 0;
}

// Rank named by one word: "nhất" 1, "nhì" 2, "ba" 3, roman and arabic numerals
// (OCR reads "II" as "ll" or "11"). A damaged word counts only when it is close
// to one rank word and not the other, or, one letter off both ("Nhà"), when
// its tone is that of one of them (Nhì grave, Nhất acute): `damaged` is set.
int RankWord(std::string_view t, std::string_view printed, bool* damaged) {
  static const std::pair<std::string_view, int> kExact[] = {{"nhat", 1}, {"nhi", 2}, {"ba", 3}, {"i", 1},  {"ii", 2},
                                                            {"iii", 3},  {"1", 1},   {"2", 2},  {"3", 3},  {"l", 1},
                                                            {"ll", 2},   {"lll", 3}, {"11", 2}, {"111", 3}};
  for (const auto& [word, rank] : kExact)
    if (t == word) return rank;
  // Two strokes a stain or the print fused into an H: "II" read "H", "III" read "HI".
  static const std::pair<std::string_view, int> kFused[] = {{"h", 2}, {"hi", 3}, {"ih", 3}, {"hl", 3}, {"lh", 3}};
  for (const auto& [word, rank] : kFused)
    if (t == word) {
      if (damaged) *damaged = true;
      return rank;
    }
  // A serif I read as a T, two strokes as an H: "III" read "TII", "TH" or
  // "TIT" (DejaVu Serif). Strokes counted: t, i, l, 1 one each, h two.
  if (!t.empty() && t.size() <= 3 && t.find_first_not_of("tihl1") == std::string_view::npos &&
      t.find('t') != std::string_view::npos) {
    int strokes = 0;
    for (char c : t) strokes += c == 'h' ? 2 : 1;
    if (strokes <= 3) {
      if (damaged) *damaged = true;
      return strokes;
    }
  }
  if (t.size() < 3) return 0;
  const int to_nhat = text::EditDistance(t, "nhat", 2);
  const int to_nhi = text::EditDistance(t, "nhi", 2);
  if (to_nhat <= 1 && to_nhi > 1) return 1;
  if (to_nhi <= 1 && to_nhat > 1) return 2;
  if (to_nhi <= 1 && to_nhat <= 1 && t.compare(0, 2, "nh") == 0) {
    const int tone = ToneOf(printed);
    if (tone != 0 && damaged) *damaged = true;
    if (tone < 0) return 2;
    if (tone > 0) return 1;
  }
  return 0;
}

// What one position of a name says.
struct Part {
  int war = 0;  // 1 chống Pháp, 2 chống Mỹ / cứu nước
  int rank = 0;
  bool roman = false;  // the rank in strokes ("I", "II", "III", or bars and ones read for them)
  std::size_t consumed = 0;  // words read
};

Part WarAt(const std::vector<std::string>& t, std::size_t k) {
  Part p;
  auto at = [&](std::size_t i) -> std::string_view { return i < t.size() ? std::string_view(t[i]) : ""; };
  if (Near(at(k), "chong")) {
    const std::string_view next = at(k + 1);
    if (next == "my" || next == "mi" || next == "mv" || next == "ml") {
      p.war = 2;
      p.consumed = 2;
      if (at(k + 2) == "cuu" && Near(at(k + 3), "nuoc")) p.consumed = 4;
    } else if (Near(next, "phap")) {
      p.war = 1;
      p.consumed = 2;
    }
  } else if (at(k) == "cuu" && Near(at(k + 1), "nuoc")) {
    p.war = 2;
    p.consumed = 2;
  }
  return p;
}

Part RankAt(const std::vector<std::string>& t, const std::vector<std::string>* printed, std::size_t k,
            bool have_base) {
  Part p;
  if (k >= t.size()) return p;
  if (Near(t[k], "hang") && k + 1 < t.size()) {
    bool damaged = false;
    const std::string_view shown = printed && k + 1 < printed->size() ? std::string_view((*printed)[k + 1]) : "";
    if (int r = RankWord(t[k + 1], shown, &damaged)) {
      p.rank = r;
      p.consumed = 2;
      const std::string& w = t[k + 1];
      p.roman = damaged || (!w.empty() && w.find_first_not_of("il1") == std::string::npos && w != "1");
    }
    return p;
  }
  // "Huân chương Kháng chiến Nhất": the word "hạng" lost.
  if (have_base && (t[k] == "nhat" || t[k] == "nhi")) {
    p.rank = RankWord(t[k], "", nullptr);
    p.consumed = 1;
  }
  return p;
}

// A name read from word `start`: base words until a war or rank phrase or a
// delimiter (delimited[k]: punctuation ends the name before word k).
struct Reading {
  std::vector<std::string> base;
  int war = 0;
  int rank = 0;
  bool roman = false;
  bool terminated = false;  // the base ended at a war or rank phrase
  std::size_t end = 0;      // one past the last word read
};

// `printed`: the words as printed, lower case (tones tell damaged rank words apart), or null.
Reading Read(const std::vector<std::string>& t, const std::vector<bool>& delimited, std::size_t start,
             const std::vector<std::string>* printed = nullptr) {
  Reading r;
  r.end = start;
  for (std::size_t k = start; k < t.size() && k - start < kMaxAwardWords;) {
    const bool continues = t[k] == "cuu" || Near(t[k], "hang");  // "chống Mỹ, cứu nước", ", hạng Nhất"
    if (k > start && delimited[k] && !continues) break;
    if (Part w = WarAt(t, k); w.war) {
      r.war = w.war;
      r.terminated = true;
      k += w.consumed;
      r.end = k;
      continue;
    }
    if (Part rk = RankAt(t, printed, k, !r.base.empty()); rk.rank) {
      r.rank = rk.rank;
      r.roman = rk.roman;
      r.terminated = true;
      r.end = k + rk.consumed;
      break;
    }
    if (r.terminated) break;  // a word after the war phrase that is no rank
    r.base.push_back(t[k]);
    ++k;
    r.end = k;
  }
  return r;
}

std::vector<std::string> FoldedWords(std::string_view s) {
  const std::string f = text::Fold(s);
  std::vector<std::string> words;
  std::string current;
  for (char c : f) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

std::string Join(const std::vector<std::string>& words, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n && i < words.size(); ++i) {
    if (i) out.push_back(' ');
    out += words[i];
  }
  return out;
}

// Words [from, to) joined by spaces.
std::string JoinFrom(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (i > from) out.push_back(' ');
    out += words[i];
  }
  return out;
}

double Similarity(const std::string& a, const std::string& b) {
  const int len = static_cast<int>(std::max(a.size(), b.size()));
  if (len == 0) return 1.0;
  const int d = text::EditDistance(a, b, len);
  return 1.0 - static_cast<double>(d) / len;
}

bool WarCompatible(int read, int variant, const std::string& form_war) {
  if (read == variant) return true;
  if (variant == 1 && read == 0) return true;  // anti-French names rarely say so
  if (variant != 0) return false;              // the variant names a war the text does not
  if (read == 2) return form_war != "chong_phap";
  if (read == 1) return form_war != "chong_my";
  return true;
}

}  // namespace

AwardMatcher::AwardMatcher(const AwardCatalog& catalog) {
  std::set<std::tuple<const AwardForm*, std::string, int>> seen;
  for (const AwardForm& form : catalog.forms()) {
    std::vector<std::string> spellings{form.name};
    spellings.insert(spellings.end(), form.aliases.begin(), form.aliases.end());
    for (const std::string& spelling : spellings) {
      const auto words = FoldedWords(spelling);
      const Reading r = Read(words, std::vector<bool>(words.size(), false), 0);
      if (r.base.empty()) continue;
      Variant v{&form, r.base, Join(r.base, r.base.size()), r.war};
      if (!seen.insert({&form, v.base_text, v.war}).second) continue;
      variants_.push_back(std::move(v));
    }
  }
}

std::optional<AwardMatch> AwardMatcher::MatchAt(const std::vector<Span>& tokens, const std::vector<std::string>& words,
                                                const std::vector<std::string>& printed,
                                                const std::vector<bool>& delimited, std::size_t start) const {
  const Reading r = Read(words, delimited, start, &printed);
  if (r.base.empty()) return std::nullopt;

  struct Candidate {
    const Variant* variant = nullptr;
    double score = -1.0;
    std::size_t words = 0;  // base words of the text used
  };
  Candidate best;
  std::map<const AwardForm*, double> form_best;  // for ambiguity
  for (const Variant& v : variants_) {
    if (!Near(r.base[0], v.base[0])) continue;
    if (!WarCompatible(r.war, v.war, v.form->war)) continue;
    double penalty = 0.0;
    if (v.form->rank != 0) {
      if (r.rank == 0)
        penalty += 0.3;  // which rank? nobody can tell
      else if (r.rank != v.form->rank)
        continue;
    } else if (r.rank != 0) {
      penalty += 0.2;
    }
    const std::size_t n = v.base.size();
    const std::size_t lo = n > 2 ? n - 2 : 1;
    const std::size_t hi = std::min(r.base.size(), n + 2);
    for (std::size_t k = lo; k <= hi; ++k) {
      const std::string read = Join(r.base, k);
      const int len = static_cast<int>(std::max(read.size(), v.base_text.size()));
      const int limit = len / 3 + 1;
      const int d = text::EditDistance(read, v.base_text, limit);
      if (d > limit) continue;
      double score = 1.0 - static_cast<double>(d) / len;
      // "Huân chương …" starts half the catalog: what follows the first two
      // words must match on its own ("Huân chương Kháng…" is no "Sao vàng").
      if (n > 2) score = std::min(score, Similarity(JoinFrom(r.base, 2, k), JoinFrom(v.base, 2, n)));
      score -= penalty;
      // Words left between the base and the rank are words the name does not have.
      if (r.terminated) score -= 0.05 * static_cast<double>(r.base.size() - k);
      auto& fb = form_best[v.form];
      fb = std::max(fb, score);
      const bool better = score > best.score + 1e-9 || (score > best.score - 1e-9 && best.variant &&
                                                        v.base_text.size() > best.variant->base_text.size());
      if (better) best = Candidate{&v, score, k};
    }
  }
  if (!best.variant || best.score < kMinScore) return std::nullopt;
  double best_other = -1.0;
  for (const auto& [form, score] : form_best)
    if (form != best.variant->form) best_other = std::max(best_other, score);
  AwardMatch m;
  m.form = best.variant->form;
  m.score = std::min(1.0, best.score);
  m.ambiguous = best_other >= best.score - 0.04;
  m.roman_rank = r.roman;
  const std::size_t last = r.terminated ? r.end : start + best.words;
  m.span = Span{tokens[start].begin, tokens[std::min(last, tokens.size()) - 1].end};
  return m;
}

namespace {

// Words for award names: letters and digits, and the bars OCR reads for a
// roman I ("hạng |", "hạng ||").
std::vector<Span> AwardTokens(const TextRun& run, Span within) {
  const std::string& f = run.folded();
  within.end = std::min(within.end, f.size());
  auto kind = [](char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) return 1;
    if (c == '|' || c == '!') return 2;
    return 0;
  };
  std::vector<Span> out;
  for (std::size_t i = within.begin; i < within.end;) {
    const int k = kind(f[i]);
    if (!k) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < within.end && kind(f[j]) == k) ++j;
    out.push_back(Span{i, j});
    i = j;
  }
  return out;
}

}  // namespace

std::optional<AwardMatch> AwardMatcher::Find(const TextRun& run, Span within) const {
  std::vector<Span> tokens;
  // "KChạng Nhì": "hạng" glued to the word before it, a rank word after.
  const auto read = AwardTokens(run, within);
  for (std::size_t k = 0; k < read.size(); ++k) {
    const Span t = read[k];
    const std::string_view f = run.FoldedOf(t);
    const bool glued = f.size() >= 6 && f.compare(f.size() - 4, 4, "hang") == 0 && k + 1 < read.size() &&
                       RankWord(run.FoldedOf(read[k + 1]), "", nullptr) != 0;
    if (glued) {
      tokens.push_back(Span{t.begin, t.end - 4});
      tokens.push_back(Span{t.end - 4, t.end});
    } else {
      tokens.push_back(t);
    }
  }
  std::vector<std::string> words, printed;
  std::vector<bool> delimited, digit_letters;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    std::string w(run.FoldedOf(tokens[k]));
    for (char& c : w)
      if (c == '|' || c == '!') c = 'i';
    // "G1ả1": ones and zeros among letters are letters ("1", "11" alone are ranks).
    const bool letters = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    bool repaired = false;
    if (letters)
      for (char& c : w) {
        if (c == '1' || c == '0') repaired = true;
        if (c == '1') c = 'i';
        if (c == '0') c = 'o';
      }
    digit_letters.push_back(repaired);
    words.push_back(std::move(w));
    printed.push_back(text::Lower(run.TextOf(tokens[k])));
    bool delim = false;
    if (k > 0)
      for (std::size_t b = tokens[k - 1].end; b < tokens[k].begin; ++b) {
        const char c = run.folded()[b];
        if (c == ';' || c == ':' || c == '.' || c == ',') delim = true;
      }
    delimited.push_back(delim);
  }
  std::optional<AwardMatch> best;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto m = MatchAt(tokens, words, printed, delimited, i);
    // Letters repaired from digits: a match, not an exact one.
    if (m)
      for (std::size_t k = i; k < tokens.size() && tokens[k].begin < m->span.end; ++k)
        if (digit_letters[k]) m->score = std::min(m->score, 0.95);
    if (m && (!best || m->score > best->score + 1e-9)) best = m;
    if (best && best->score >= 1.0) break;
  }
  return best;
}

std::optional<AwardMatch> AwardMatcher::MatchText(std::string_view text_in) const {
  std::vector<ocr::Word> words;
  std::string current;
  for (char c : text_in) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(ocr::Word{current, Box{}, 1.0});
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(ocr::Word{current, Box{}, 1.0});
  const TextRun run(std::move(words));
  return Find(run, run.all());
}

}  // namespace sovang::ingest
