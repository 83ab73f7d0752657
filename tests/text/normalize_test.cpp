#include "text/normalize.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "text/normalize_internal.h"

using sovang::text::CanonicalTone;
using sovang::text::CollapseSpaces;
using sovang::text::EditDistance;
using sovang::text::Fold;
using sovang::text::Length;
using sovang::text::Lower;
using sovang::text::Nfc;
using sovang::text::TitleCase;
using sovang::text::Tokenize;

TEST_CASE("NFC composes decomposed Vietnamese, whatever the order of the marks", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"Nguye\u0302\u0303n", "Nguyễn"},
      // NFD puts the dot below (class 220) before the circumflex (230).
      {"Tha\u0323ch", "Thạch"},
      {"Lo\u0323\u0302c Bi\u0300nh", "Lộc Bình"},
      {"Lo\u0302\u0323c", "Lộc"},  // marks in the non-canonical order compose too
      {"Tha\u0306\u0301ng", "Thắng"},
      {"\u0110i\u0300nh La\u0323\u0302p", "Đình Lập"},
      {"Nguyễn Văn Thạch", "Nguyễn Văn Thạch"},
      {"plain ascii", "plain ascii"},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Nfc(c.in) == c.out);
  }
}

TEST_CASE("Lower case is full Unicode lower case of the NFC text", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"ĐẶNG VĂN ĐỨC", "đặng văn đức"},
      {"NGUYỄN THỊ ÁNH", "nguyễn thị ánh"},
      {"NGUYE\u0302\u0303N", "nguyễn"},
      {"LO\u0323\u0302C", "lộc"},
      {"ƯỚC ƠN", "ước ơn"},
      {"Hoàng Thị Ánh", "hoàng thị ánh"},
      {"ABC 123", "abc 123"},
      {"ΣΟΦΙΑ", "σοφια"},  // outside the fast path
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Lower(c.in) == c.out);
  }
}

TEST_CASE("Folding removes tone and vowel marks and maps đ to d", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"Nguyễn Thị Ánh", "nguyen thi anh"},
      {"ĐẶNG VĂN ĐỨC", "dang van duc"},
      {"Nguye\u0302\u0303n", "nguyen"},
      {"Tha\u0323ch", "thach"},
      {"LO\u0323\u0302C BI\u0300NH", "loc binh"},
      {"Đình Lập", "dinh lap"},
      {"Bảo Thắng", "bao thang"},
      {"Hoàng Thị Ánh", "hoang thi anh"},
      {"người ƯỚC", "nguoi uoc"},
      {"ÐINH", "dinh"},  // eth standing in for Đ
      {"Slương Sỉư", "sluong siu"},
      {"803/QĐ-CTN", "803/qd-ctn"},
      {"İstanbul", "istanbul"},
      {"café Ωμέγα", "cafe ωμεγα"},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Fold(c.in) == c.out);
  }
}

TEST_CASE("Fast paths of Lower and Fold agree with ICU on every Latin code point", "[text][normalize]") {
  std::vector<char32_t> cps;
  for (char32_t c = 1; c < 0x0400; ++c) cps.push_back(c);
  for (char32_t c = 0x1E00; c < 0x1F00; ++c) cps.push_back(c);
  for (char32_t c : cps) {
    for (const char* context : {"", "a", "A\u0301"}) {
      std::string s = "x";
      sovang::text::detail::AppendUtf8(s, c);
      s += context;
      INFO("U+" << std::hex << static_cast<unsigned>(c) << " + " << context);
      CHECK(Lower(s) == sovang::text::detail::LowerReference(s));
      CHECK(Fold(s) == sovang::text::detail::FoldReference(s));
    }
  }
}

TEST_CASE("Invalid UTF-8 is replaced, never thrown on", "[text][normalize]") {
  const std::string bad[] = {
      std::string("Nguy\xE1\xBB", 6),  // truncated sequence
      std::string("\xFF\xFE"
                  "abc",
                  5),                      // bytes that never occur in UTF-8
      std::string("\xC0\xAF", 2),          // overlong
      std::string("\xED\xA0\x80", 3),      // surrogate
      std::string("a\0b", 3),              // NUL is valid and kept
      std::string("B\xB6o Th\xBEng", 10),  // TCVN3 bytes, not UTF-8
  };
  for (const auto& s : bad) {
    INFO(s);
    CHECK_NOTHROW(Nfc(s));
    CHECK_NOTHROW(Tokenize(s));
    CHECK_NOTHROW(TitleCase(s));
    CHECK_NOTHROW(CanonicalTone(s));
    CHECK_NOTHROW(EditDistance(s, "abc", 2));
    CHECK(Fold(s) == sovang::text::detail::FoldReference(s));
    CHECK(Lower(s) == sovang::text::detail::LowerReference(s));
  }
  CHECK(Lower(std::string("B\xB6o", 3)) == "b\uFFFDo");
  CHECK(Fold(std::string("B\xB6o", 3)) == "b\uFFFDo");
  CHECK(CollapseSpaces(std::string("a \xFF b", 5)) == "a \uFFFD b");
  CHECK(Length(std::string("a\xFF"
                           "b",
                           3)) == 3);
}

TEST_CASE("Old and new tone placement give one key, in the new style", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      // oa, oe, uy without a final consonant: tone on the second vowel.
      {"hòa", "hoà"},
      {"hoà", "hoà"},
      {"thủy", "thuỷ"},
      {"thuỷ", "thuỷ"},
      {"khỏe", "khoẻ"},
      {"khoẻ", "khoẻ"},
      {"Thúy", "thuý"},
      {"ủy ban", "uỷ ban"},
      // qu and gi are onsets.
      {"qúy", "quý"},
      {"quý", "quý"},
      {"QÚY", "quý"},
      {"quạ", "quạ"},
      {"quỳnh", "quỳnh"},
      {"gìa", "già"},
      {"già", "già"},
      {"gì", "gì"},
      {"gìn", "gìn"},
      {"giữa", "giữa"},
      // With a final consonant the second vowel of two takes it.
      {"hòang", "hoàng"},
      {"Hoàng", "hoàng"},
      {"tóan", "toán"},
      {"hoạch", "hoạch"},
      // A vowel with a quality mark takes it; ươ: the ơ.
      {"Nguyễn", "nguyễn"},
      {"ngừơi", "người"},
      {"người", "người"},
      {"tủân", "tuẩn"},
      {"thuở", "thuở"},
      {"cứu", "cứu"},
      {"rượu", "rượu"},
      // Other open pairs: the first; three vowels: the middle.
      {"mùa", "mùa"},
      {"muà", "mùa"},
      {"của", "của"},
      {"kìa", "kìa"},
      {"tài", "tài"},
      {"hoài", "hoài"},
      {"hòai", "hoài"},
      {"khuỷu", "khuỷu"},
      {"ngoẹo", "ngoẹo"},
      // Upper case and decomposed input.
      {"HÒA BÌNH", "hoà bình"},
      {"THỦY", "thuỷ"},
      {"tho\u0309a", "thoả"},
      {"NGUYE\u0302\u0303N Văn Thạch", "nguyễn văn thạch"},
      // Not touched: no tone, two tones, non-words, punctuation kept.
      {"hoa", "hoa"},
      {"Slương", "slương"},
      {"1932, Lộc Bình.", "1932, lộc bình."},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(CanonicalTone(c.in) == c.out);
  }
}

TEST_CASE("Unusual Tay and Nung syllables keep a stable key in either spelling", "[text][normalize]") {
  CHECK(CanonicalTone("Sỉư") == CanonicalTone("Siử"));
  CHECK(Fold(CanonicalTone("Sỉư")) == "siu");
}

TEST_CASE("Tokenize splits on anything that is not a letter or digit", "[text][normalize]") {
  const struct {
    std::string in;
    std::vector<std::string> out;
  } cases[] = {
      {"Nguyễn Văn Thạch, 1932", {"nguyễn", "văn", "thạch", "1932"}},
      {"  ĐẶNG-VĂN  ĐỨC. ", {"đặng", "văn", "đức"}},
      {"Nguye\u0302\u0303n", {"nguyễn"}},
      {"803/QĐ-CTN", {"803", "qđ", "ctn"}},
      {"xã Lộc Yên; huyện Cao Lộc", {"xã", "lộc", "yên", "huyện", "cao", "lộc"}},
      {"", {}},
      {" ,.; ", {}},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Tokenize(c.in) == c.out);
  }
}

TEST_CASE("Title case capitalises each word", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"NGUYỄN VĂN A", "Nguyễn Văn A"},   {"đặng văn đức", "Đặng Văn Đức"},
      {"lộc bình", "Lộc Bình"},           {"nguye\u0302\u0303n thị ánh", "Nguyễn Thị Ánh"},
      {"HOÀNG-THỊ ÁNH", "Hoàng-Thị Ánh"}, {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(TitleCase(c.in) == c.out);
  }
}

TEST_CASE("Spaces are trimmed and collapsed, Unicode spaces included", "[text][normalize]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"  Nguyễn   Văn\tThạch \n", "Nguyễn Văn Thạch"},
      {"a\u00A0\u00A0b", "a b"},
      {"\u3000x\u2003y ", "x y"},
      {"", ""},
      {"   ", ""},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(CollapseSpaces(c.in) == c.out);
  }
}

TEST_CASE("Length counts code points", "[text][normalize]") {
  CHECK(Length("") == 0);
  CHECK(Length("abc") == 3);
  CHECK(Length("Nguyễn") == 6);
  CHECK(Length("Nguye\u0302\u0303n") == 8);
}

TEST_CASE("Edit distance is Levenshtein on code points, bounded", "[text][normalize]") {
  const struct {
    std::string a, b;
    int max, out;
  } cases[] = {
      {"", "", 2, 0},
      {"nguyễn", "nguyễn", 2, 0},
      {"nguyễn", "nguyên", 2, 1},  // one code point, three bytes
      {"nguyễn", "nguyen", 2, 1},
      {"thạch", "thach", 2, 1},
      {"kitten", "sitting", 5, 3},
      {"kitten", "sitting", 2, 3},  // stops early: max + 1
      {"abc", "", 5, 3},
      {"abc", "", 1, 2},
      {"hoàng", "huỳnh", 3, 3},
      {"ab", "ba", 3, 2},
      {"abcdefgh", "xyzabcdefgh", 2, 3},
  };
  for (const auto& c : cases) {
    INFO(c.a << " / " << c.b << " max " << c.max);
    CHECK(EditDistance(c.a, c.b, c.max) == c.out);
    CHECK(EditDistance(c.b, c.a, c.max) == c.out);
  }
}

TEST_CASE("Typo distance counts two swapped neighbours as one edit", "[text][normalize]") {
  const struct {
    std::string a, b;
    int max, out;
  } cases[] = {
      {"ab", "ba", 3, 1},
      {"nguyen", "nguyne", 2, 1},
      {"tuan", "utan", 2, 1},
      {"nang", "nagn", 1, 1},
      {"chien", "chine", 1, 1},
      {"nguyễn", "ngyuễn", 1, 1},  // on code points
      {"ca", "abc", 3, 3},          // optimal string alignment: no letter edited twice
      {"kitten", "sitting", 5, 3},
      {"kitten", "sitting", 2, 3},
      {"thach", "thahc", 0, 1},
      {"", "", 1, 0},
      {"abc", "", 1, 2},
      {"abcdefgh", "badcfehg", 4, 4},
  };
  for (const auto& c : cases) {
    INFO(c.a << " / " << c.b << " max " << c.max);
    CHECK(sovang::text::TypoDistance(c.a, c.b, c.max) == c.out);
    CHECK(sovang::text::TypoDistance(c.b, c.a, c.max) == c.out);
  }
}

TEST_CASE("NFC fast path agrees with ICU on every Latin code point", "[text][normalize]") {
  std::vector<char32_t> cps;
  for (char32_t c = 1; c < 0x0400; ++c) cps.push_back(c);
  for (char32_t c = 0x1E00; c < 0x1F00; ++c) cps.push_back(c);
  for (char32_t c : cps) {
    for (const char* after : {"", "a", "\u0301", "\u0323\u0302"}) {
      std::string s = "x";
      sovang::text::detail::AppendUtf8(s, c);
      s += after;
      INFO("U+" << std::hex << static_cast<unsigned>(c) << " + " << after);
      CHECK(Nfc(s) == sovang::text::detail::NfcReference(s));
    }
  }
}

TEST_CASE("CodePoints splits UTF-8 into its code points, a bad byte alone", "[text]") {
  using sovang::text::CodePoints;
  CHECK(CodePoints("Sằn") == std::vector<std::string>{"S", "ằ", "n"});
  CHECK(CodePoints("").empty());
  CHECK(CodePoints("a\xff" "b") == std::vector<std::string>{"a", "\xff", "b"});
  CHECK(CodePoints("\xe1\xba") == std::vector<std::string>{"\xe1\xba"});  // truncated at the end: one piece
}
