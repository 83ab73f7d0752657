#include "core/decision_number.h"

#include <cctype>
#include <cstdio>
#include <regex>

namespace sovang {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '.' || s.back() == ',' ||
                        s.back() == ';'))
    s.remove_suffix(1);
  return s;
}

bool ValidDate(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::optional<std::string> Iso(int y, int m, int d) {
  if (!ValidDate(y, m, d)) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

}  // namespace

std::string DecisionKey(std::string_view text) {
  std::string key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Đ is U+0110 (C4 90), đ is U+0111 (C4 91).
    if (c == 0xC4 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) == 0x90 || static_cast<unsigned char>(text[i + 1]) == 0x91)) {
      key.push_back('D');
      ++i;
      continue;
    }
    if (c == '-' || c == '/' || c == '.' || c == '_' || std::isspace(c)) continue;
    key.push_back(c < 0x80 ? static_cast<char>(std::toupper(c)) : static_cast<char>(c));
  }
  return key;
}

// The grammar (as a regular expression; scanned by hand because std::regex
// cost 4% of a decision-number search and runs twice per record indexed):
//   ^(\d{1,6}(?:[A-Za-z](?=[\s/-]))?)\s*(?:[/-]\s*((?:19|20)\d{2})\s*)?(?:[/-]\s*)?
//    ((?:[A-Za-z]|Đ|đ)\S*)$
// i.e. a number (digits, optionally one letter followed by a separator), an
// optional /year, then an issuer code that starts with a letter and holds no
// white space. tests/core/decision_number_test.cpp checks the scanner against
// that expression on random strings.
namespace {

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool AsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool Separator(char c) { return c == '/' || c == '-'; }

std::size_t SkipSpaces(std::string_view s, std::size_t i) {
  while (i < s.size() && Space(s[i])) ++i;
  return i;
}

// Whether s[i..] is an issuer: a letter (ASCII, Đ or đ) then no white space.
bool IssuerAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const bool d_stroke = s[i] == '\xC4' && i + 1 < s.size() && (s[i + 1] == '\x90' || s[i + 1] == '\x91');
  if (!AsciiLetter(s[i]) && !d_stroke) return false;
  for (std::size_t j = i; j < s.size(); ++j)
    if (Space(s[j])) return false;
  return true;
}

// The rest after the number ends at `i`: [/year] [/] issuer. Fills year and
// the issuer's start; false when the rest does not fit.
bool RestFits(std::string_view s, std::size_t i, std::optional<int>& year, std::size_t& issuer) {
  i = SkipSpaces(s, i);
  if (i < s.size() && Separator(s[i])) {
    const std::size_t y = SkipSpaces(s, i + 1);
    if (y + 4 <= s.size() && ((s[y] == '1' && s[y + 1] == '9') || (s[y] == '2' && s[y + 1] == '0')) &&
        Digit(s[y + 2]) && Digit(s[y + 3])) {
      std::size_t k = SkipSpaces(s, y + 4);
      if (k < s.size() && Separator(s[k])) k = SkipSpaces(s, k + 1);
      if (IssuerAt(s, k)) {
        year = std::stoi(std::string(s.substr(y, 4)));
        issuer = k;
        return true;
      }
    }
    // No year: the separator may still stand before the issuer.
    i = SkipSpaces(s, i + 1);
  }
  if (!IssuerAt(s, i)) return false;
  year.reset();
  issuer = i;
  return true;
}

}  // namespace

std::optional<DecisionNumber> ParseDecisionNumber(std::string_view text) {
  const std::string_view s = Trim(text);
  std::size_t digits = 0;
  while (digits < s.size() && Digit(s[digits])) ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  std::optional<int> year;
  std::size_t issuer = 0;
  std::size_t number_end = digits;
  // "6B-VP": a letter right after the digits belongs to the number when a
  // separator follows it; otherwise (or when the rest does not fit then) it
  // starts the issuer, as the expression's backtracking would have it.
  const bool lettered = digits + 1 < s.size() && AsciiLetter(s[digits]) &&
                        (Space(s[digits + 1]) || Separator(s[digits + 1]));
  if (lettered && RestFits(s, digits + 1, year, issuer)) {
    number_end = digits + 1;
  } else if (!RestFits(s, digits, year, issuer)) {
    return std::nullopt;
  }
  DecisionNumber d;
  d.verbatim = std::string(s);
  d.number = std::string(s.substr(0, number_end));
  d.year = year;
  d.issuer = std::string(s.substr(issuer));
  d.key = DecisionKey(s);
  return d;
}

std::optional<std::string> ParseDate(std::string_view text) {
  const std::string s(Trim(text));
  std::smatch m;
  static const std::regex kIso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const std::regex kNumeric(R"((\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))");
  // "ngày 10 tháng 8 năm 1975" (and with the marks lost: "ngay 10 thang 8 nam 1975").
  static const std::regex kWords(R"((\d{1,2})\s*th\S*ng\s*(\d{1,2})\s*n\S*m\s*(\d{4}))", std::regex::icase);
  if (std::regex_search(s, m, kIso)) return Iso(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  if (std::regex_search(s, m, kNumeric)) return Iso(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
  if (std::regex_search(s, m, kWords)) return Iso(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
  return std::nullopt;
}

}  // namespace sovang
