#include "core/decision_number.h"

#include <catch2/catch.hpp>

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
