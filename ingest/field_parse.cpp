#include "ingest/field_parse.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <regex>
#include <set>

#include "core/decision_number.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsTokenByte(char c) { return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

// Letters OCR reads instead of digits (folded text is lower case).
char DigitFor(char c) {
  switch (c) {
    case 'o':
    case 'O':
      return '0';
    case 'l':
    case 'i':
    case 'I':
    case '|':
    case '!':
      return '1';
    default:
      return 0;
  }
}

void Replace(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// Skips spaces and light punctuation from `pos`.
std::size_t SkipFiller(std::string_view s, std::size_t pos, std::size_t end) {
  while (pos < end && (s[pos] == ' ' || s[pos] == ':' || s[pos] == '.' || s[pos] == ',')) ++pos;
  return pos;
}

bool WordBoundaryBefore(std::string_view s, std::size_t pos) { return pos == 0 || !IsTokenByte(s[pos - 1]); }

bool HasLetterIn(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; });
}

// Reads a decision number starting at `pos` of the digit-fixed folded text:
// a digit, then letters, digits and separators; spaces only next to a separator.
Span ReadDecisionAt(std::string_view fx, std::size_t pos, std::size_t end) {
  pos = SkipFiller(fx, pos, end);
  if (pos >= end || !IsDigit(fx[pos])) return {};
  std::size_t i = pos;
  bool seen_separator = false;
  while (i < end) {
    const char c = fx[i];
    if (IsTokenByte(c) || c == '/' || c == '-') {
      ++i;
      continue;
    }
    if (c == ' ' && !seen_separator && i > pos && IsDigit(fx[i - 1])) {
      // "151 1/2000/QĐ-CTN": a number OCR cut in two, when the next token
      // goes on as a decision number (digits, then a separator and letters).
      std::size_t j = i;
      while (j < end && fx[j] == ' ') ++j;
      std::size_t k = j;
      while (k < end && IsDigit(fx[k])) ++k;
      if (k > j && k < end && (fx[k] == '/' || fx[k] == '-')) {
        std::size_t t = k;
        while (t < end && (IsTokenByte(fx[t]) || fx[t] == '/' || fx[t] == '-')) ++t;
        if (HasLetterIn(fx.substr(k, t - k))) {
          i = j;
          continue;
        }
      }
    }
    // "28:QĐ-CTN", "1753 QĐ-CTN": the slash after the number read as a
    // colon or lost, before the issuer's QĐ.
    if ((c == ':' || c == ' ') && !seen_separator && i > pos && IsDigit(fx[i - 1])) {
      std::size_t j = i + 1;
      while (j < end && fx[j] == ' ') ++j;
      if (j + 2 < end && fx.compare(j, 2, "qd") == 0 && (fx[j + 2] == '-' || fx[j + 2] == '/')) {
        i = j;
        continue;
      }
    }
    if (c == '/' || c == '-') seen_separator = true;
    if (c == ' ') {
      // "803 /QĐ-CTN", "803/ QĐ - CTN": a space next to a separator is spacing;
      // but "…/QĐ/ ngày 3/2/2003" goes on to the date.
      std::size_t j = i;
      while (j < end && fx[j] == ' ') ++j;
      const bool sep_before = i > pos && (fx[i - 1] == '/' || fx[i - 1] == '-');
      const bool sep_after = j < end && (fx[j] == '/' || fx[j] == '-');
      const std::string_view next = fx.substr(j, std::min<std::size_t>(4, end - j));
      const bool keyword = next.substr(0, 4) == "ngay" || next.substr(0, 3) == "nam" || next.substr(0, 4) == "thang";
      if ((sep_before || sep_after) && j < end && !keyword) {
        i = j;
        continue;
      }
    }
    // "HĐNN?7": a stray mark between letters and digits.
    if ((c == '?' || c == '\'') && i > pos && IsTokenByte(fx[i - 1]) && i + 1 < end && IsAsciiAlnum(fx[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  while (i > pos && (fx[i - 1] == '/' || fx[i - 1] == '-' || fx[i - 1] == ' ')) --i;
  return Span{pos, i};
}

bool HasLetter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// Known issuer codes: matching key (upper ASCII, Đ->D) -> as printed.
struct IssuerCode {
  const char* key;
  const char* printed;
};
constexpr std::array<IssuerCode, 17> kIssuerCodes = {{
    {"QD", "QĐ"},
    {"HDNN", "HĐNN"},
    {"HDBT", "HĐBT"},
    {"HDCP", "HĐCP"},
    {"CTN", "CTN"},
    {"TTG", "TTg"},
    {"UBND", "UBND"},
    {"NQ", "NQ"},
    {"CP", "CP"},
    {"VP", "VP"},
    {"BQP", "BQP"},
    {"BNV", "BNV"},
    {"KT", "KT"},
    {"UB", "UB"},
    {"TW", "TW"},
    {"KTCT", "KTCT"},
    {"MT", "MT"},
}};

// Canonical spelling of an issuer segment ("QD" -> "QĐ", "HDNN7" -> "HĐNN7",
// "TTG" -> "TTg"); the segment unchanged when it is not a known code.
std::string CanonicalIssuerSegment(const std::string& segment) {
  // Letters, then optional digits (a legislature number: HĐNN7).
  std::size_t digits_at = segment.size();
  while (digits_at > 0 && IsDigit(segment[digits_at - 1])) --digits_at;
  const std::string letters = segment.substr(0, digits_at);
  const std::string key = DecisionKey(letters);
  for (const auto& code : kIssuerCodes)
    if (key == code.key) return std::string(code.printed) + segment.substr(digits_at);
  // One letter misread, doubled or added ("QB", "CTI", "QĐĐ", "HĐĐNN",
  // "HĐNNS", "ZMT"): the one known code it can be.
  const IssuerCode* only = nullptr;
  int found = 0;
  for (const auto& code : kIssuerCodes) {
    const std::string_view k(code.key);
    bool near = false;
    if (k.size() == key.size() && key.size() >= 2) {
      int diff = 0;
      for (std::size_t i = 0; i < k.size(); ++i) diff += k[i] != key[i];
      near = diff == 1 && (key.size() >= 3 || k[0] == key[0]);
    } else if (k.size() + 1 == key.size() && k.size() >= 2) {
      for (std::size_t i = 0; i < key.size() && !near; ++i) near = key.substr(0, i) + key.substr(i + 1) == k;
    }
    if (near) {
      only = &code;
      ++found;
    }
  }
  if (found == 1) return std::string(only->printed) + segment.substr(digits_at);
  // A letter read three times ("QĐĐĐ").
  std::string single;
  for (char c : key)
    if (single.empty() || single.back() != c) single.push_back(c);
  for (const auto& code : kIssuerCodes)
    if (single == code.key) return std::string(code.printed) + segment.substr(digits_at);
  return segment;
}

bool IsKnownIssuerSegment(const std::string& segment) {
  std::size_t digits_at = segment.size();
  while (digits_at > 0 && IsDigit(segment[digits_at - 1])) --digits_at;
  const std::string letters = segment.substr(0, digits_at);
  for (const auto& code : kIssuerCodes)
    if (letters == code.printed) return true;
  return false;
}

// Repairs a run of characters that should be digits ("8O3" -> "803") when it
// holds at least one real digit and only confusable letters besides.
bool FixDigitRun(std::string& s) {
  bool any_digit = false;
  for (char c : s) {
    if (IsDigit(c))
      any_digit = true;
    else if (!DigitFor(c))
      return false;
  }
  if (!any_digit) return false;
  bool changed = false;
  for (char& c : s)
    if (!IsDigit(c)) {
      c = DigitFor(c);
      changed = true;
    }
  return changed;
}

}  // namespace

std::string FixDigits(std::string_view folded) {
  std::string out(folded);
  std::size_t i = 0;
  while (i < out.size()) {
    if (!IsAsciiAlnum(out[i]) && out[i] != '|' && out[i] != '!') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < out.size() && (IsAsciiAlnum(out[j]) || out[j] == '|' || out[j] == '!')) ++j;
    int digits = 0, confusable = 0, other = 0;
    for (std::size_t k = i; k < j; ++k) {
      if (IsDigit(out[k]))
        ++digits;
      else if (DigitFor(out[k]))
        ++confusable;
      else
        ++other;
    }
    // "l93O" -> "1930"; "qd", "sinh", "6b" stay.
    if (digits > 0 && other == 0 && digits >= confusable)
      for (std::size_t k = i; k < j; ++k)
        if (!IsDigit(out[k])) out[k] = DigitFor(out[k]);
    i = j;
  }
  return out;
}

DecisionText NormalizeDecisionNumber(std::string_view verbatim) {
  std::string s = text::Nfc(text::CollapseSpaces(verbatim));
  Replace(s, "\xE2\x80\x93", "-");  // en dash
  Replace(s, "\xE2\x80\x94", "-");  // em dash
  Replace(s, "\xE2\x80\x90", "-");  // hyphen
  Replace(s, "\\", "/");
  Replace(s, "\xE2\x81\x84", "/");  // fraction slash
  Replace(s, "\xE2\x88\x95", "/");  // division slash
  // Spaces next to a separator are spacing, not content.
  std::string spaced;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      const bool sep_before = !spaced.empty() && (spaced.back() == '/' || spaced.back() == '-');
      const bool sep_after = i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '-');
      if (sep_before || sep_after) continue;
      // "803/QĐ CTN": the dash after QĐ was read as a space.
      const std::size_t seg = spaced.find_last_of("/-");
      std::string last = spaced.substr(seg == std::string::npos ? 0 : seg + 1);
      Replace(last, "\xC3\x90", "D");  // Ð (eth)
      if (DecisionKey(last) == "QD") {
        spaced.push_back('-');
        continue;
      }
    }
    spaced.push_back(s[i]);
  }
  s = spaced;
  const std::string spacing_only = s;
  // "28:QĐ-CTN", "1753 QĐ-CTN": the number's slash read as a colon or lost.
  for (std::size_t at = s.find_first_of(": "); at != std::string::npos; at = s.find_first_of(": ", at + 1)) {
    if (at == 0 || !IsDigit(s[at - 1])) continue;
    std::size_t j = at;
    while (j < s.size() && (s[j] == ' ' || s[j] == ':')) ++j;
    std::string next = s.substr(j, 4);
    Replace(next, "\xC3\x90", "D");
    if (DecisionKey(next).rfind("QD", 0) == 0 && next.size() >= 3) s.replace(at, j - at, "/");
  }
  // "151 1/2000": a space between the digits of the number is a cut, not spacing.
  bool digits_joined = false;
  for (std::size_t at = s.find(' '); at != std::string::npos && at < s.find_first_of("/-"); at = s.find(' ', at)) {
    if (at > 0 && at + 1 < s.size() && IsDigit(s[at - 1]) && IsDigit(s[at + 1])) {
      s.erase(at, 1);
      digits_joined = true;
    } else {
      ++at;
    }
  }
  Replace(s, "?", "");  // specks
  Replace(s, "'", "");
  // A separator read twice ("946//QĐ-CTN").
  for (std::size_t at; (at = s.find("//")) != std::string::npos || (at = s.find("--")) != std::string::npos;)
    s.erase(at, 1);
  Replace(s, "\xC3\x90", "\xC4\x90");  // Ð (eth) -> Đ
  Replace(s, "\xC3\xB0", "\xC4\x91");  // ð -> đ
  Replace(s, "\xC6\x89", "\xC4\x90");  // Ɖ -> Đ

  // Segments between separators.
  std::vector<std::string> segments;
  std::vector<char> separators;
  std::string current;
  for (char c : s) {
    if (c == '/' || c == '-') {
      segments.push_back(current);
      separators.push_back(c);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  segments.push_back(current);

  // The number: leading digits (with confusions), maybe glued to an issuer ("12NQ").
  if (!segments.empty()) {
    std::string& first = segments[0];
    std::size_t n = 0;
    while (n < first.size() && (IsDigit(first[n]) || DigitFor(first[n]))) ++n;
    // "12lNQ": a confusable right before the issuer letters belongs to them.
    while (n > 0 && n < first.size() && !IsDigit(first[n - 1])) --n;
    std::string digits = first.substr(0, n);
    std::string rest = first.substr(n);  // "6B": one letter after the digits is part of the number
    FixDigitRun(digits);
    if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0])) && rest.size() > 1)
      rest = CanonicalIssuerSegment(rest);
    first = digits + rest;
  }
  // A year segment: 4 characters, digits with confusions.
  if (segments.size() > 2 && segments[1].size() == 4) {
    std::string year = segments[1];
    if (FixDigitRun(year)) segments[1] = year;
  }
  bool known = true, any_letters = false, incomplete = false;
  for (std::size_t k = 1; k < segments.size(); ++k)
    if (HasLetter(segments[k])) {
      segments[k] = CanonicalIssuerSegment(segments[k]);
      known = known && IsKnownIssuerSegment(segments[k]);
      any_letters = true;
      if (segments[k] == "HĐNN") incomplete = true;
    }

  DecisionText out;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    out.value += segments[k];
    if (k < separators.size()) out.value.push_back(separators[k]);
  }
  out.corrected = out.value != spacing_only;
  auto digits_of = [](const std::string& v) {
    std::string d;
    for (char c : v)
      if (IsDigit(c)) d.push_back(c);
    return d;
  };
  // Letters read for digits ("8O3" -> "803") change the digits, and so count.
  out.digits_corrected = digits_joined || digits_of(out.value) != digits_of(spacing_only);
  out.known_issuer = known && any_letters;
  out.incomplete = incomplete;
  const auto parsed = ParseDecisionNumber(out.value);
  out.well_formed = parsed.has_value() && std::any_of(parsed->number.begin(), parsed->number.end(), IsDigit);
  return out;
}

char CouncilOfStateTerm(std::string_view iso_date) {
  if (iso_date.size() < 10) return 0;
  if (iso_date >= "1981-07-01" && iso_date <= "1987-06-30") return '7';
  if (iso_date >= "1987-07-01" && iso_date <= "1992-09-30") return '8';
  return 0;
}

std::optional<CompletedNumber> CompleteCouncilOfStateNumber(const std::string& value, const std::string& verbatim,
                                                            const std::string& iso_date) {
  static constexpr std::string_view kCode = "HĐNN";
  if (value.size() < kCode.size() || value.compare(value.size() - kCode.size(), kCode.size(), kCode) != 0)
    return std::nullopt;
  const char term = CouncilOfStateTerm(iso_date);
  if (term == 0) return std::nullopt;
  CompletedNumber out{value + term, false};
  // The one character after the code's last N as printed: the digit misread.
  const std::size_t n = verbatim.find_last_of("Nn");
  if (n != std::string::npos && n + 2 == verbatim.size()) {
    const char read = static_cast<char>(std::toupper(static_cast<unsigned char>(verbatim[n + 1])));
    static constexpr std::string_view kLikeEight = "8BSG&$3", kLikeSeven = "7T?/Z";
    out.trusted = (term == '8' ? kLikeEight : kLikeSeven).find(read) != std::string_view::npos;
  }
  return out;
}

std::vector<Span> Tokens(const TextRun& run, Span within) {
  const std::string& f = run.folded();
  within.end = std::min(within.end, f.size());
  std::vector<Span> out;
  std::size_t i = within.begin;
  while (i < within.end) {
    if (!IsTokenByte(f[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < within.end && IsTokenByte(f[j])) ++j;
    out.push_back(Span{i, j});
    i = j;
  }
  return out;
}

namespace {

std::vector<std::string> SplitWords(std::string_view phrase) {
  std::vector<std::string> words;
  std::string current;
  for (char c : phrase) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

bool TokenMatches(std::string_view token, std::string_view want) {
  if (token == want) return true;
  if (want.size() < 4) return false;
  return text::EditDistance(token, want, 1) <= 1;
}

}  // namespace

std::optional<Span> FindPhrase(const TextRun& run, Span within, std::string_view phrase) {
  const auto want = SplitWords(phrase);
  if (want.empty()) return std::nullopt;
  const auto tokens = Tokens(run, within);
  for (std::size_t i = 0; i + want.size() <= tokens.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < want.size() && ok; ++k) ok = TokenMatches(run.FoldedOf(tokens[i + k]), want[k]);
    if (ok) return Span{tokens[i].begin, tokens[i + want.size() - 1].end};
  }
  return std::nullopt;
}

std::optional<Found> FindDecisionNumber(const TextRun& run, Span within, bool bare) {
  const std::string fx = FixDigits(run.folded());
  within.end = std::min(within.end, fx.size());
  auto read = [&](std::size_t pos) -> std::optional<Found> {
    const Span span = ReadDecisionAt(fx, pos, within.end);
    if (span.empty()) return std::nullopt;
    const DecisionText d = NormalizeDecisionNumber(run.Verbatim(span));
    if (!HasLetter(std::string_view(fx).substr(span.begin, span.size()))) return std::nullopt;
    Found f;
    f.span = span;
    f.corrected = d.corrected;
    f.valid = d.well_formed;
    if (d.well_formed) f.value = d.value;
    // Tesseract is as unsure of right numbers as of wrong ones: on 1,200
    // generated decision numbers, 485 of the 490 read with a word confidence
    // under 0.8 were right (a fraction slash "⁄" for "/" alone costs half the
    // confidence). A well-formed number whose issuer is a known code is taken
    // as validated like a lexicon entry; the rest only for its shape.
    if (d.well_formed && !d.corrected) f.validation = d.known_issuer ? Validation::kLexicon : Validation::kPattern;
    // Only the issuer's letters repaired ("QĐĐ-CTN", "QB-CTN"): the digits are as read.
    if (d.well_formed && d.corrected && !d.digits_corrected && d.known_issuer) {
      f.corrected = false;
      f.validation = Validation::kLexicon;
    }
    // Below one half, Tesseract's confidence says nothing more of a well-formed
    // number of a known issuer (none of 120 such was wrong): a person is asked
    // when the shape or the issuer is off, not for the italic of a title.
    if (f.validation == Validation::kLexicon) f.confidence = std::max(run.ConfidenceOf(span), 0.5);
    f.guessed = d.incomplete;  // kept as read, for a person to complete
    return f;
  };

  // Keywords, strongest first; a number must follow directly.
  static constexpr std::array<std::string_view, 6> kKeywords = {"quyet dinh so", "so quyet dinh", "qd so",
                                                                "so qd",         "quyet dinh",    "so"};
  std::optional<Found> weak;
  for (std::string_view keyword : kKeywords) {
    Span from = within;
    while (auto hit = FindPhrase(run, from, keyword)) {
      if (auto f = read(hit->end)) {
        if (f->valid) return f;
        if (!weak) weak = f;
      } else if (keyword.size() > 2 && !weak) {
        // "Quyết định số 803" with the issuer lost: found, but not a number.
        const Span rest = ReadDecisionAt(fx, hit->end, within.end);
        if (!rest.empty()) weak = Found{rest, "", false, false};
      }
      from.begin = hit->end;
    }
  }
  if (weak) return weak;
  if (!bare) return std::nullopt;
  if (auto f = read(within.begin)) return f;
  // A token shaped like a decision number anywhere in the span.
  // A number shaped like one anywhere in the span (after junk: "Đ557NQ/HĐNN7").
  for (std::size_t i = within.begin; i < within.end; ++i) {
    if (!IsDigit(fx[i]) || (i > within.begin && IsDigit(fx[i - 1]))) continue;
    if (auto f = read(i); f && f->valid) {
      f->corrected = f->corrected || !WordBoundaryBefore(fx, i);
      return f;
    }
  }
  return std::nullopt;
}

namespace {

// A fraction slash ("7⁄2/1993") as a slash and two spaces: same length, so
// spans stay valid.
std::string SlashesAsSlash(std::string s) {
  for (std::size_t at = s.find("\xE2\x81\x84"); at != std::string::npos; at = s.find("\xE2\x81\x84", at))
    s.replace(at, 3, "/  ");
  return s;
}

}  // namespace

std::optional<std::string> UndoDigitConfusion(const std::string& digits,
                                              const std::function<bool(const std::string&)>& fits) {
  std::optional<std::string> only;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    char to = 0;
    const char c = digits[i];
    if (c == '6' || c == '8' || c == '9') to = '0';
    if (!to) continue;
    std::string candidate = digits;
    candidate[i] = to;
    if (!fits(candidate)) continue;
    if (only) return std::nullopt;  // two readings fit: no telling
    only = candidate;
  }
  return only;
}

std::optional<Found> FindDate(const TextRun& run, Span within) {
  const std::string fx = SlashesAsSlash(FixDigits(run.folded()));
  within.end = std::min(within.end, fx.size());
  if (within.empty()) return std::nullopt;
  const std::string sub = fx.substr(within.begin, within.size());
  static const std::regex kWords(R"((?:ngay\s*)?\b(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})\b)");
  static const std::regex kNumeric(R"((?:ngay\s*)?\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b)");
  static const std::regex kIso(R"(\b(\d{4})-(\d{2})-(\d{2})\b)");
  // "ngày 9 thớng 10 năm 1972": the words of a date one letter off.
  static const std::regex kLoose(R"((?:ngay\s*)?\b(\d{1,2})\s*,?\s*([a-z]{3,6})\s*(\d{1,2})\s*,?\s*([a-z]{2,4})\s*(\d{4})\b)");
  // "21/21966", "2310/ 2002": one separator not read. Split where exactly
  // one reading is a possible date; a guess, for review.
  static const std::regex kJoined(R"((?:ngay\s*)?\b(\d{1,2})\s*[/.\-]\s*(\d{5,6})\b|\b(\d{3,4})\s*[/.\-]\s*(\d{4})\b)");
  std::optional<std::smatch> best;
  std::string best_text;  // what ParseDate reads
  bool best_loose = false;
  for (const std::regex* re : {&kWords, &kNumeric, &kIso}) {
    std::smatch m;
    if (std::regex_search(sub, m, *re) && (!best || m.position(0) < best->position(0))) {
      best = m;
      best_text = m.str(0);
    }
  }
  for (auto it = std::sregex_iterator(sub.begin(), sub.end(), kLoose); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (best && m.position(0) >= best->position(0)) break;
    if (m.str(2) == "thang" && m.str(4) == "nam") break;  // kWords has it
    if (text::EditDistance(m.str(2), "thang", 1) > 1 || text::EditDistance(m.str(4), "nam", 1) > 1) continue;
    best = m;
    best_text = m.str(1) + "/" + m.str(3) + "/" + m.str(5);
    best_loose = true;
    break;
  }
  bool joined = false;
  if (!best) {
    std::smatch m;
    if (!std::regex_search(sub, m, kJoined)) return std::nullopt;
    // Not part of a decision number ("1502/2005/QĐ-CTN").
    const std::size_t after = static_cast<std::size_t>(m.position(0) + m.length(0));
    if (after < sub.size() && (sub[after] == '/' || sub[after] == '-' || std::isalpha(static_cast<unsigned char>(sub[after]))))
      return std::nullopt;
    std::set<std::string> readings;
    if (m[1].matched) {  // day / month+year
      const std::string d = m.str(1), rest = m.str(2);
      for (std::size_t k = 1; k + 4 <= rest.size() && k <= 2; ++k)
        if (rest.size() - k == 4)
          if (auto iso = ParseDate(d + "/" + rest.substr(0, k) + "/" + rest.substr(k)); iso && *iso >= "1945-01-01")
            readings.insert(*iso);
    } else {  // day+month / year
      const std::string dm = m.str(3), y = m.str(4);
      for (std::size_t k = 1; k < dm.size() && k <= 2; ++k)
        if (dm.size() - k <= 2)
          if (auto iso = ParseDate(dm.substr(0, k) + "/" + dm.substr(k) + "/" + y); iso && *iso >= "1945-01-01")
            readings.insert(*iso);
    }
    if (readings.size() != 1 || std::stoi(readings.begin()->substr(0, 4)) > kMaxYear) return std::nullopt;
    best = m;
    best_text = *readings.begin();
    joined = true;
  }
  Found f;
  f.span = Span{within.begin + static_cast<std::size_t>(best->position(0)),
                within.begin + static_cast<std::size_t>(best->position(0) + best->length(0))};
  const std::string matched = best->str(0);
  const std::string as_read = SlashesAsSlash(run.folded()).substr(f.span.begin, f.span.size());
  // A decision is no older than the Republic and no younger than today.
  // The value is in the day, month and year: their words' confidence, not
  // that of a damaged month word ("tháóng") around them.
  std::vector<double> digits;
  const int groups = best_loose ? 5 : 3;
  for (int g = 1; g <= groups; ++g) {
    if (best_loose && (g == 2 || g == 4)) continue;
    if ((*best)[static_cast<std::size_t>(g)].matched) {
      const std::size_t at = within.begin + static_cast<std::size_t>(best->position(static_cast<std::size_t>(g)));
      digits.push_back(run.ConfidenceOf(Span{at, at + static_cast<std::size_t>(best->length(static_cast<std::size_t>(g)))}));
    }
  }
  if (!digits.empty()) f.confidence = BlendConfidence(digits);
  // Digits repaired ("l975") weigh; a month word one letter off does not.
  const bool digits_fixed = matched != as_read;  // FixDigits touches digits only
  f.corrected = best_loose || digits_fixed;
  auto possible = [](const std::optional<std::string>& iso) {
    return iso && *iso >= "1945-01-01" && std::stoi(iso->substr(0, 4)) <= kMaxYear;
  };
  const auto iso = ParseDate(best_text);
  if (joined) {
    f.value = *iso;
    f.corrected = true;
    f.guessed = true;
  } else if (possible(iso)) {
    f.value = *iso;
    f.validation = digits_fixed ? Validation::kNone : Validation::kPattern;
  } else if (auto guess = UndoDigitConfusion(best_text, [&](const std::string& t) { return possible(ParseDate(t)); })) {
    // "84/01/1991", "7/4/2061": a zero read as 8, 9 or 6.
    f.value = *ParseDate(*guess);
    f.corrected = true;
    f.guessed = true;
  } else {
    f.valid = false;
  }
  return f;
}

namespace {

// A 4-digit year token at `t` of the digit-fixed text.
std::optional<Found> YearAt(const TextRun& run, const std::string& fx, Span t) {
  if (t.size() != 4) return std::nullopt;
  const std::string_view token(fx.data() + t.begin, 4);
  if (!std::all_of(token.begin(), token.end(), IsDigit)) return std::nullopt;
  Found f;
  f.span = t;
  f.corrected = token != run.FoldedOf(t);
  const int year = std::stoi(std::string(token));
  if (year >= kMinYear && year <= kMaxYear) {
    f.value = std::string(token);
    if (!f.corrected) f.validation = Validation::kPattern;
  } else {
    f.valid = false;
  }
  return f;
}

// A table rule or a speck read as a digit next to the year ("41951",
// "Sinh năm: 41955"): the one four-digit reading in range, as repaired.
std::optional<Found> FiveDigitYear(const TextRun& run, const std::string& fx, Span t) {
  const std::string_view token(fx.data() + t.begin, t.size());
  if (t.size() != 5 || !std::all_of(token.begin(), token.end(), IsDigit)) return std::nullopt;
  std::optional<Found> only;
  int in_range = 0;
  for (const Span sub : {Span{t.begin + 1, t.end}, Span{t.begin, t.end - 1}}) {
    auto y = YearAt(run, fx, sub);
    if (y && y->valid) {
      ++in_range;
      only = y;
    }
  }
  if (in_range != 1) return std::nullopt;
  only->span = t;
  only->corrected = true;
  only->validation = Validation::kNone;
  return only;
}

}  // namespace

std::optional<Found> FindBirthYear(const TextRun& run, Span within, bool bare) {
  const std::string fx = FixDigits(run.folded());
  within.end = std::min(within.end, fx.size());
  static constexpr std::array<std::string_view, 5> kKeywords = {"sinh nam", "nam sinh", "sinh ngay", "sinh", "sn"};
  for (std::string_view keyword : kKeywords) {
    Span from = within;
    while (auto hit = FindPhrase(run, from, keyword)) {
      from.begin = hit->end;
      // "hy sinh năm 1968" is a death, not a birth.
      const auto before = Tokens(run, Span{within.begin, hit->begin});
      if (!before.empty() && run.FoldedOf(before.back()) == "hy") continue;
      // The year is among the next few tokens ("sinh năm: 1930", "sinh ngày 3/2/1930").
      const auto next = Tokens(run, Span{hit->end, within.end});
      for (std::size_t k = 0; k < next.size() && k < 5; ++k) {
        if (auto y = YearAt(run, fx, next[k])) return y;
        if (auto y = FiveDigitYear(run, fx, next[k])) return y;
      }
    }
  }
  static const std::regex kBracket(R"(\(\s*(\d{4})\s*\))");
  std::smatch m;
  const std::string sub = fx.substr(within.begin, within.size());
  if (std::regex_search(sub, m, kBracket)) {
    const std::size_t b = within.begin + static_cast<std::size_t>(m.position(1));
    return YearAt(run, fx, Span{b, b + 4});
  }
  if (!bare) return std::nullopt;
  for (const Span& t : Tokens(run, within))
    if (auto y = YearAt(run, fx, t)) return y;
  for (const Span& t : Tokens(run, within))
    if (auto y = FiveDigitYear(run, fx, t)) return y;
  // A year cell of three digits from 8 or 9 on ("898"): its "1" lost (a
  // digit lost elsewhere leaves "19x", "18x", no year of the 1100s). The
  // one year it can be, a guess for review (fresh seed 61 p014).
  if (const auto tokens = Tokens(run, within); tokens.size() == 1 && tokens[0].size() == 3 &&
                                               run.Trim(within).size() == 3) {
    const std::string token = fx.substr(tokens[0].begin, 3);
    if (std::all_of(token.begin(), token.end(), IsDigit) && (token[0] == '8' || token[0] == '9') &&
        std::stoi("1" + token) >= kMinYear) {
      Found f;
      f.span = tokens[0];
      f.value = "1" + token;
      f.corrected = true;
      f.guessed = true;
      return f;
    }
  }
  // Text in a year cell that is no year.
  const Span trimmed = run.Trim(within);
  if (!trimmed.empty()) return Found{trimmed, "", false, false};
  return std::nullopt;
}

std::optional<Found> FindBookNumber(const TextRun& run, Span within, bool bare) {
  const std::string fx = FixDigits(run.folded());
  within.end = std::min(within.end, fx.size());
  auto read = [&](std::size_t pos) -> std::optional<Found> {
    pos = SkipFiller(fx, pos, within.end);
    // "Sổ vàng số 73372": skip the "số".
    if (fx.compare(pos, 3, "so ") == 0 || fx.compare(pos, 3, "so:") == 0) pos = SkipFiller(fx, pos + 3, within.end);
    std::size_t end = pos;
    while (end < within.end && (IsTokenByte(fx[end]) || fx[end] == '/' || fx[end] == '-')) ++end;
    while (end > pos && (fx[end - 1] == '/' || fx[end - 1] == '-')) --end;
    const std::string token = fx.substr(pos, end - pos);
    if (token.empty() || !std::any_of(token.begin(), token.end(), IsDigit)) return std::nullopt;
    Found f;
    f.span = Span{pos, end};
    const bool all_digits = std::all_of(token.begin(), token.end(), IsDigit);
    f.value = all_digits ? token : text::Nfc(run.Verbatim(f.span));
    f.corrected = all_digits && token != run.FoldedOf(f.span);
    return f;
  };
  for (std::string_view keyword : {"so so vang", "so vang so", "so vang"})
    if (auto hit = FindPhrase(run, within, keyword))
      if (auto f = read(hit->end)) return f;
  if (!bare) return std::nullopt;
  for (const Span& t : Tokens(run, within))
    if (auto f = read(t.begin)) return f;
  return std::nullopt;
}

namespace {

struct AuthorityPhrase {
  std::string_view folded;
  std::string_view authority;
};
constexpr std::array<AuthorityPhrase, 12> kAuthorities = {{
    {"chu tich hoi dong nha nuoc", "Hội đồng Nhà nước"},
    {"hoi dong nha nuoc", "Hội đồng Nhà nước"},
    {"chu tich nuoc", "Chủ tịch nước"},
    {"thu tuong chinh phu", "Thủ tướng Chính phủ"},
    {"thu tuong", "Thủ tướng Chính phủ"},
    {"hoi dong bo truong", "Hội đồng Bộ trưởng"},
    {"chu tich uy ban nhan dan tinh", "Chủ tịch UBND tỉnh"},
    {"chu tich ubnd tinh", "Chủ tịch UBND tỉnh"},
    {"uy ban nhan dan tinh", "Chủ tịch UBND tỉnh"},
    {"ubnd tinh", "Chủ tịch UBND tỉnh"},
    {"mat tran dan toc giai phong", "Mặt trận Dân tộc Giải phóng miền Nam Việt Nam"},
    {"bo truong bo quoc phong", "Bộ trưởng Bộ Quốc phòng"},
}};

}  // namespace

std::optional<Found> FindAuthority(const TextRun& run, Span within) {
  std::optional<Found> best;
  for (const auto& a : kAuthorities) {
    const auto hit = FindPhrase(run, within, a.folded);
    if (!hit) continue;
    // The earliest mention wins; at one place, the longer phrase (listed first).
    if (best && best->span.begin <= hit->begin) continue;
    best = Found{*hit, std::string(a.authority), false, true, Validation::kLexicon};
  }
  return best;
}

std::string AuthorityOfIssuer(std::string_view issuer) {
  const std::string key = DecisionKey(issuer);
  auto has = [&](std::string_view code) { return key.find(code) != std::string::npos; };
  if (has("HDNN")) return "Hội đồng Nhà nước";
  if (has("HDBT")) return "Hội đồng Bộ trưởng";
  if (has("CTN")) return "Chủ tịch nước";
  if (has("TTG")) return "Thủ tướng Chính phủ";
  if (has("UBND")) return "Chủ tịch UBND tỉnh";
  return "";
}

}  // namespace sovang::ingest
