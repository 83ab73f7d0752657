#include "text/vietnamese_syllable.h"

#include <string>

#include <catch2/catch.hpp>

using sovang::text::ClassifySyllable;
using sovang::text::IsPlausibleSyllable;
using sovang::text::IsVietnameseSyllable;
using sovang::text::ParseSyllable;
using sovang::text::SyllableClass;
using sovang::text::Tone;

TEST_CASE("Standard syllables split into onset, rhyme and tone", "[text][syllable]") {
  const struct {
    std::string in, onset, rhyme;
    Tone tone;
  } cases[] = {
      {"Nguyễn", "ng", "uyên", Tone::kTilde},  {"Văn", "v", "ăn", Tone::kLevel},
      {"Thạch", "th", "ach", Tone::kDotBelow}, {"Hoàng", "h", "oang", Tone::kGrave},
      {"Ánh", "", "anh", Tone::kAcute},        {"Lộc", "l", "ôc", Tone::kDotBelow},
      {"Bình", "b", "inh", Tone::kGrave},      {"Đình", "đ", "inh", Tone::kGrave},
      {"Lập", "l", "âp", Tone::kDotBelow},     {"Bảo", "b", "ao", Tone::kHook},
      {"Thắng", "th", "ăng", Tone::kAcute},    {"người", "ng", "ươi", Tone::kGrave},
      {"quý", "qu", "y", Tone::kAcute},        {"quỳnh", "qu", "ynh", Tone::kGrave},
      {"quốc", "qu", "ôc", Tone::kAcute},      {"già", "gi", "a", Tone::kGrave},
      {"gì", "g", "i", Tone::kGrave},          {"giêng", "gi", "êng", Tone::kLevel},
      {"giữa", "gi", "ưa", Tone::kTilde},      {"khuỷu", "kh", "uyu", Tone::kHook},
      {"yêu", "", "yêu", Tone::kLevel},        {"nghiêng", "ngh", "iêng", Tone::kLevel},
      {"NGUYỄN", "ng", "uyên", Tone::kTilde},  {"Nguye\u0302\u0303n", "ng", "uyên", Tone::kTilde},
      {"hoà", "h", "oa", Tone::kGrave},        {"hòa", "h", "oa", Tone::kGrave},
      {"thuở", "th", "uơ", Tone::kHook},       {"xoong", "x", "oong", Tone::kLevel},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const auto s = ParseSyllable(c.in);
    REQUIRE(s);
    CHECK(s->onset == c.onset);
    CHECK(s->rhyme == c.rhyme);
    CHECK(s->tone == c.tone);
    CHECK(s->kind == SyllableClass::kVietnamese);
  }
}

TEST_CASE("Tay and Nung names are plausible, not junk", "[text][syllable]") {
  for (const char* w : {"Slương", "Sỉư", "slam", "Slíp", "Pjạ", "Bjoóc"}) {
    INFO(w);
    CHECK(ClassifySyllable(w) == SyllableClass::kPlausible);
    CHECK(IsPlausibleSyllable(w));
    CHECK_FALSE(IsVietnameseSyllable(w));
  }
}

TEST_CASE("Spelling and tone rules separate standard from merely plausible", "[text][syllable]") {
  const struct {
    const char* in;
    SyllableClass kind;
  } cases[] = {
      {"kính", SyllableClass::kVietnamese}, {"cính", SyllableClass::kPlausible},  // k before i
      {"ghế", SyllableClass::kVietnamese},  {"gế", SyllableClass::kPlausible},    // gh before ê
      {"nghỉ", SyllableClass::kVietnamese}, {"ngỉ", SyllableClass::kPlausible},
      {"cá", SyllableClass::kVietnamese},   {"ká", SyllableClass::kPlausible},
      {"thác", SyllableClass::kVietnamese}, {"thàc", SyllableClass::kPlausible},  // stop final: sắc or nặng
      {"tháp", SyllableClass::kVietnamese}, {"thãp", SyllableClass::kPlausible},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ClassifySyllable(c.in) == c.kind);
  }
}

TEST_CASE("Tokens that are not syllables are recognised", "[text][syllable]") {
  for (const char* w :
       {"", "hello", "B¶o", "chaứo", "nguyờịn", "1932", "QĐ-CTN", "ng", "hóà", "abc", "Nguyá»…n", "strength"}) {
    INFO(w);
    CHECK(ClassifySyllable(w) == SyllableClass::kNotASyllable);
    CHECK_FALSE(IsPlausibleSyllable(w));
  }
}
