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

std::optional<DecisionNumber> ParseDecisionNumber(std::string_view text) {
  const std::string s(Trim(text));
  // number (digits, optional one capital letter), optional /year, then an issuer code
  // that starts with a letter ("QĐ", "TTg", "NQ", "VP", "Đ...").
  static const std::regex kPattern(
      R"(^(\d{1,6}(?:[A-Za-z](?=[\s/-]))?)\s*(?:[/-]\s*((?:19|20)\d{2})\s*)?(?:[/-]\s*)?((?:[A-Za-z]|\xC4[\x90\x91])[^\s]*)$)");
  std::smatch m;
  if (!std::regex_match(s, m, kPattern)) return std::nullopt;
  DecisionNumber d;
  d.verbatim = s;
  d.number = m[1].str();
  if (m[2].matched) d.year = std::stoi(m[2].str());
  d.issuer = m[3].str();
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
