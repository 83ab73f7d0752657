#include "core/decision_number.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <random>
#include <regex>
#include <string>
#include <vector>

using sovang::DecisionKey;
using sovang::ParseDate;
using sovang::ParseDecisionNumber;

TEST_CASE("Decision numbers of every shape in the legal texts parse", "[core][decision]") {
  const struct {
    const char* in;
    const char* number;
    int year;  // 0: none
    const char* issuer;
  } cases[] = {
      {"803/QĐ-CTN", "803", 0, "QĐ-CTN"},          {"1502/2005/QĐ-CTN", "1502", 2005, "QĐ-CTN"},
      {"205/2005/QĐ/CTN", "205", 2005, "QĐ/CTN"},  {"345/QĐ-TTg", "345", 0, "QĐ-TTg"},
      {"163/QĐ-UBND", "163", 0, "QĐ-UBND"},        {"17-TTg", "17", 0, "TTg"},
      {"47-NQ/HĐNN7", "47", 0, "NQ/HĐNN7"},        {"12NQ/HĐNN8", "12", 0, "NQ/HĐNN8"},
      {"6B-VP/MT", "6B", 0, "VP/MT"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const auto d = ParseDecisionNumber(c.in);
    REQUIRE(d);
    CHECK(d->number == c.number);
    CHECK(d->year.value_or(0) == c.year);
    CHECK(d->issuer == c.issuer);
    CHECK(d->verbatim == c.in);
  }
}

TEST_CASE("Text that is not a decision number is refused", "[core][decision]") {
  for (const char* in : {"", "QĐ-CTN", "Nguyễn Văn A", "803/"}) {
    INFO(in);
    CHECK_FALSE(ParseDecisionNumber(in));
  }
}

// ParseDecisionNumber scans by hand; the grammar it documents is this
// expression, which the scanner must agree with on every string, including
// the backtracking corners ("12A-" is number 12, issuer "A-").
TEST_CASE("The decision number scanner agrees with its grammar on random strings", "[core][decision]") {
  static const std::regex kGrammar(
      R"(^(\d{1,6}(?:[A-Za-z](?=[\s/-]))?)\s*(?:[/-]\s*((?:19|20)\d{2})\s*)?(?:[/-]\s*)?((?:[A-Za-z]|\xC4[\x90\x91])[^\s]*)$)");
  const std::vector<std::string> pieces = {"1", "2", "9", "0", "7", "19", "20", "1975", "2005", "A", "B", "q",
                                           "T", "Đ", "đ", "Ă", "/", "-", " ", "  ", "\t", ".", ",", "QĐ", "TTg", "x"};
  std::mt19937 random(20261204);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(1, 9);
  int parsed = 0;
  for (int n = 0; n < 40000; ++n) {
    std::string text;
    for (std::size_t k = length(random); k > 0; --k) text += pieces[piece(random)];
    // The scanner trims as the old code did before matching.
    std::string_view trimmed = text;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
    while (!trimmed.empty() && (std::isspace(static_cast<unsigned char>(trimmed.back())) || trimmed.back() == '.' ||
                                trimmed.back() == ',' || trimmed.back() == ';'))
      trimmed.remove_suffix(1);
    const std::string s(trimmed);
    std::smatch m;
    const bool expected = std::regex_match(s, m, kGrammar);
    const auto d = ParseDecisionNumber(text);
    INFO('"' << text << '"');
    REQUIRE(d.has_value() == expected);
    if (!expected) continue;
    ++parsed;
    CHECK(d->number == m[1].str());
    CHECK(d->year.value_or(0) == (m[2].matched ? std::stoi(m[2].str()) : 0));
    CHECK(d->issuer == m[3].str());
    CHECK(d->verbatim == s);
  }
  CHECK(parsed > 1000);  // the alphabet does reach the grammar's accepting paths
}

TEST_CASE("Decision keys treat separators, spaces and Đ/D as equal", "[core][decision]") {
  CHECK(DecisionKey("803/QĐ-CTN") == "803QDCTN");
  CHECK(DecisionKey("803 QD CTN") == DecisionKey("803/QĐ-CTN"));
  CHECK(DecisionKey("205/2005/QĐ/CTN") == DecisionKey("205-2005-QD-CTN"));
  CHECK(DecisionKey("345/qđ-ttg") == DecisionKey("345/QĐ-TTg"));
}

TEST_CASE("Dates parse in the forms printed on documents", "[core][date]") {
  const struct { const char* in; const char* iso; } cases[] = {
      {"10/8/1975", "1975-08-10"},           {"10-08-1975", "1975-08-10"},
      {"10.8.1975", "1975-08-10"},           {"ngày 10 tháng 8 năm 1975", "1975-08-10"},
      {"Ngày 01 tháng 12 năm 1988", "1988-12-01"}, {"1975-08-10", "1975-08-10"},
      {"ngay 3 thang 2 nam 1960", "1960-02-03"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ParseDate(c.in).value_or("") == c.iso);
  }
  CHECK_FALSE(ParseDate("31/02/1975"));
  CHECK_FALSE(ParseDate("no date here"));
}
