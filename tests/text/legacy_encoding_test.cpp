#include "text/legacy_encoding.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "text/normalize.h"

using sovang::text::DetectEncoding;
using sovang::text::Encoding;
using sovang::text::EncodingName;
using sovang::text::FromUnicode;
using sovang::text::ToUnicode;
using sovang::text::ToUnicodeAuto;

namespace {

struct Pair {
  std::string unicode;
  std::string bytes;
};

// Checks a table of known pairs both ways.
void CheckPairs(Encoding e, const std::vector<Pair>& pairs) {
  for (const auto& p : pairs) {
    INFO(EncodingName(e) << ": " << p.unicode);
    CHECK(ToUnicode(p.bytes, e) == p.unicode);
    CHECK(FromUnicode(p.unicode, e) == p.bytes);
  }
}

constexpr const char* kLetters[] = {"à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ", "ẫ", "ậ",
                                    "è", "é", "ẻ", "ẽ", "ẹ", "ê", "ề", "ế", "ể", "ễ", "ệ", "ì", "í", "ỉ", "ĩ", "ị", "ò",
                                    "ó", "ỏ", "õ", "ọ", "ô", "ồ", "ố", "ổ", "ỗ", "ộ", "ơ", "ờ", "ớ", "ở", "ỡ", "ợ", "ù",
                                    "ú", "ủ", "ũ", "ụ", "ư", "ừ", "ứ", "ử", "ữ", "ự", "ỳ", "ý", "ỷ", "ỹ", "ỵ"};

// Every Vietnamese letter with a diacritic, each after a consonant (VIQR reads
// a final ? or . as a tone only in words of two letters or more).
std::string AllLetters(bool upper) {
  std::string out = upper ? "ĐI" : "đi";
  for (const char* l : kLetters) out += std::string(upper ? " X" : " x") + (upper ? sovang::text::TitleCase(l) : l);
  return out;
}

const char* const kNames =
    "Nguyễn Văn Thạch, sinh năm 1932; quê quán: xã Lộc Yên, huyện Cao Lộc. "
    "Hoàng Thị Huệ, Lộc Bình. Nông Văn Lượng, Đình Lập. Lương Thị Thuỷ, Bảo Thắng. "
    "Huân chương Kháng chiến hạng Nhất; Huy chương Kháng chiến hạng Nhì.";

}  // namespace

TEST_CASE("TCVN3 (ABC) bytes decode to Unicode and back", "[text][encoding]") {
  CheckPairs(Encoding::kTcvn3, {
                                   {"Nguyễn Văn Thạch",
                                    "Nguy\xD4n V\xA8n Th\xB9"
                                    "ch"},
                                   {"Lộc Bình",
                                    "L\xE9"
                                    "c B\xD7nh"},
                                   {"Đình Lập", "\xA7\xD7nh L\xCBp"},
                                   {"Bảo Thắng", "B\xB6o Th\xBEng"},
                                   {"Hoàng Thị Huệ", "Ho\xB5ng Th\xDE Hu\xD6"},
                                   {"người Mường Khương", "ng\xAD\xEAi M\xAD\xEAng Kh\xAD\xACng"},
                                   {"Ăn Ân Ên Ôn Ơn Ưn", "\xA1n \xA2n \xA3n \xA4n \xA5n \xA6n"},
                                   {"quả ổi ủy ỵ", "qu\xB6 \xE6i \xF1y \xFE"},
                                   {"1932; 803/QĐ-CTN", "1932; 803/Q\xA7-CTN"},
                               });
}

TEST_CASE("TCVN3 capitals with tone marks follow the H-font convention", "[text][encoding]") {
  // Written from the lower-case byte; read back as a capital only where the
  // whole word is in capitals.
  CHECK(FromUnicode("Hoàng Thị Ánh", Encoding::kTcvn3) == "Ho\xB5ng Th\xDE \xB8nh");
  CHECK(ToUnicode("Ho\xB5ng Th\xDE \xB8nh", Encoding::kTcvn3) == "Hoàng Thị ánh");
  CHECK(FromUnicode("NGUYỄN VĂN THẠCH", Encoding::kTcvn3) ==
        "NGUY\xD4N V\xA1N TH\xB9"
        "CH");  // Ă exists
  CHECK(ToUnicode("NGUY\xD4N V\xA1N TH\xB9"
                  "CH",
                  Encoding::kTcvn3) == "NGUYỄN VĂN THẠCH");
  CHECK(ToUnicode("NGUY\xD4N V\xA8N TH\xB9"
                  "CH",
                  Encoding::kTcvn3) == "NGUYỄN VĂN THẠCH");
  CHECK(ToUnicode("\xA7\xC6NG V\xA8N \xA7\xF8"
                  "C",
                  Encoding::kTcvn3) == "ĐẶNG VĂN ĐỨC");
}

TEST_CASE("VNI Windows bytes decode to Unicode and back", "[text][encoding]") {
  CheckPairs(Encoding::kVni, {
                                 {"Nguyễn Văn Thạch",
                                  "Nguye\xE3n Va\xEAn Tha\xEF"
                                  "ch"},
                                 {"Hoàng Thị Ánh", "Hoa\xF8ng Th\xF2 A\xD9nh"},
                                 {"Lộc Bình",
                                  "Lo\xE4"
                                  "c B\xECnh"},
                                 {"Đình Lập", "\xD1\xECnh La\xE4p"},
                                 {"Bảo Thắng", "Ba\xFBo Tha\xE9ng"},
                                 {"người Khương", "ng\xF6\xF4\xF8i Kh\xF6\xF4ng"},
                                 {"NGUYỄN VĂN THẠCH",
                                  "NGUYE\xC3N VA\xCAN THA\xCF"
                                  "CH"},
                                 {"Xin chào các bạn",
                                  "Xin cha\xF8o ca\xF9"
                                  "c ba\xEFn"},
                                 {"ỉ ĩ ị ỵ Ỵ Ĩ", "\xE6 \xF3 \xF2 \xEE \xCE \xD3"},
                             });
}

TEST_CASE("VNI that was read as CP1252 and saved as UTF-8 is still VNI", "[text][encoding]") {
  CHECK(ToUnicode("Xin chaøo caùc baïn", Encoding::kVni) == "Xin chào các bạn");
  CHECK(DetectEncoding("Xin chaøo caùc baïn") == Encoding::kVni);
  CHECK(ToUnicodeAuto("Nguyeãn Vaên Thaïch") == "Nguyễn Văn Thạch");
}

TEST_CASE("VIQR decodes marks inside words only", "[text][encoding]") {
  CheckPairs(Encoding::kViqr, {
                                  {"Nguyễn Văn Thạch", "Nguye^~n Va(n Tha.ch"},
                                  {"Hoàng Thị Ánh", "Hoa`ng Thi. A'nh"},
                                  {"Lộc Bình", "Lo^.c Bi`nh"},
                                  {"Đình Lập", "DDi`nh La^.p"},
                                  {"Bảo Thắng", "Ba?o Tha('ng"},
                                  {"Người Khương", "Ngu+o+`i Khu+o+ng"},
                              });
  const struct {
    std::string in, out;
  } cases[] = {
      {"Ha` No^.i.", "Hà Nội."},  // the last dot ends the sentence
      {"Thi. Ha`.", "Thị Hà."},
      {"ddi.a chi?", "địa chỉ"},
      {"Thi\\.", "Thi."},  // escaped
      {"C++ a+b x^2 (ghi chu')", "C++ a+b x^2 (ghi chú)"},
      {"Ngu+o+`i Ha` No^.i?", "Người Hà Nội?"},
      {"add odd", "add odd"},  // dd only starts a word
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ToUnicode(c.in, Encoding::kViqr) == c.out);
  }
}

TEST_CASE("Windows-1258 with combining tone marks decodes to NFC", "[text][encoding]") {
  CheckPairs(Encoding::kCp1258, {
                                    {"Nguyễn Văn Thạch",
                                     "Nguy\xEA\xDEn V\xE3n Tha\xF2"
                                     "ch"},
                                    {"Hoàng Thị Ánh",
                                     "Hoa\xCCng Thi\xF2 A\xEC"
                                     "nh"},
                                    {"Lộc Bình",
                                     "L\xF4\xF2"
                                     "c Bi\xCC"
                                     "nh"},
                                    {"Đình Lập",
                                     "\xD0i\xCC"
                                     "nh L\xE2\xF2p"},
                                    {"Bảo Thắng",
                                     "Ba\xD2o Th\xE3\xEC"
                                     "ng"},
                                    {"Người", "Ng\xFD\xF5\xCCi"},
                                });
  // Precomposed letters that Windows-1258 has are read too.
  CHECK(ToUnicode("\xC1nh", Encoding::kCp1258) == "Ánh");
}

TEST_CASE("UTF-16 with or without a byte order mark", "[text][encoding]") {
  const std::string le = FromUnicode("Nguyễn Văn Thạch", Encoding::kUtf16Le);
  const std::string be = FromUnicode("Nguyễn Văn Thạch", Encoding::kUtf16Be);
  CHECK(le == std::string("N\0g\0u\0y\0\xC5\x1En\0 \0V\0\x03\x01n\0 \0T\0h\0\xA1\x1E"
                          "c\0h\0",
                          32));
  CHECK(DetectEncoding(le) == Encoding::kUtf16Le);
  CHECK(DetectEncoding(be) == Encoding::kUtf16Be);
  CHECK(ToUnicode(le, Encoding::kUtf16Le) == "Nguyễn Văn Thạch");
  CHECK(ToUnicodeAuto(be) == "Nguyễn Văn Thạch");
  CHECK(ToUnicodeAuto("\xFF\xFE" + le) == "Nguyễn Văn Thạch");
  CHECK(ToUnicodeAuto("\xFE\xFF" + be) == "Nguyễn Văn Thạch");
  CHECK(ToUnicode(le.substr(0, 7), Encoding::kUtf16Le) == "Ngu\uFFFD");  // odd length
}

TEST_CASE("Mojibake of UTF-8 read as CP1252 is repaired", "[text][encoding]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"Nguyá»…n", "Nguyễn"},
      {"Nguyá»…n VÄƒn Tháº¡ch", "Nguyễn Văn Thạch"},
      {"HoÃ\u00A0ng Thá»‹ Ã\u0081nh", "Hoàng Thị Ánh"},  // à = C3 A0, Á = C3 81 (undefined in CP1252)
      {"Nguyễn Nguyá»…n", "Nguyễn Nguyễn"},              // partly damaged: the good part stays
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ToUnicode(c.in, Encoding::kMojibakeCp1252) == c.out);
    CHECK(DetectEncoding(c.in) == Encoding::kMojibakeCp1252);
    CHECK(ToUnicodeAuto(c.in) == c.out);
  }
  CHECK(FromUnicode("Nguyễn", Encoding::kMojibakeCp1252) == "Nguyá»…n");
}

TEST_CASE("Mojibake of TCVN3 read as Latin-1 is repaired", "[text][encoding]") {
  const struct {
    std::string in, out;
  } cases[] = {
      {"B¶o Th¾ng", "Bảo Thắng"},
      {"L\u00E9c B\u00D7nh", "Lộc Bình"},
      {"§×nh L\u00CBp", "Đình Lập"},
      {"Nguy\u00D4n V¨n Th¹ch", "Nguyễn Văn Thạch"},
      {"M\u00AD\u00EAng Kh\u00AD¬ng", "Mường Khương"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ToUnicode(c.in, Encoding::kMojibakeTcvn3) == c.out);
    CHECK(DetectEncoding(c.in) == Encoding::kMojibakeTcvn3);
    CHECK(ToUnicodeAuto(c.in) == c.out);
  }
  CHECK(FromUnicode("Bảo Thắng", Encoding::kMojibakeTcvn3) == "B¶o Th¾ng");
}

TEST_CASE("Every Vietnamese letter survives a round trip through each encoding", "[text][encoding]") {
  const std::string lower = AllLetters(false);
  const std::string upper = AllLetters(true);
  for (Encoding e : {Encoding::kUtf16Le, Encoding::kUtf16Be, Encoding::kCp1258, Encoding::kVni, Encoding::kViqr,
                     Encoding::kMojibakeCp1252, Encoding::kTcvn3, Encoding::kMojibakeTcvn3}) {
    INFO(EncodingName(e));
    CHECK(ToUnicode(FromUnicode(lower, e), e) == lower);
    // TCVN3 has no capitals with tone marks outside words in capitals.
    if (e != Encoding::kTcvn3 && e != Encoding::kMojibakeTcvn3) CHECK(ToUnicode(FromUnicode(upper, e), e) == upper);
  }
}

TEST_CASE("Detection names the encoding of a real list in each encoding", "[text][encoding]") {
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be, Encoding::kCp1258, Encoding::kTcvn3,
                     Encoding::kVni, Encoding::kViqr, Encoding::kMojibakeCp1252, Encoding::kMojibakeTcvn3}) {
    INFO(EncodingName(e));
    const std::string bytes = FromUnicode(kNames, e);
    CHECK(DetectEncoding(bytes) == e);
    CHECK(ToUnicodeAuto(bytes) == kNames);
  }
}

TEST_CASE("Detection leaves good UTF-8 and plain ASCII alone", "[text][encoding]") {
  for (const std::string s : {"Nguyễn Văn Thạch", "Tám", "Hà Nam", "café", "Nguyen Van Thach", "", "a+b=c. Ai?",
                              "Hoàng Thị Ánh, Đình Lập", "\xEF\xBB\xBFNguyễn"}) {
    INFO(s);
    CHECK(DetectEncoding(s) == Encoding::kUtf8);
  }
  CHECK(ToUnicodeAuto("\xEF\xBB\xBFNguyễn") == "Nguyễn");  // no BOM in the output
  CHECK(ToUnicodeAuto("Nguye\u0302\u0303n") == "Nguyễn");  // NFC
}

TEST_CASE("Short legacy byte strings are told apart", "[text][encoding]") {
  const struct {
    std::string in;
    Encoding e;
    std::string out;
  } cases[] = {
      {"Nguy\xD4n V\xA8n Th\xB9"
       "ch",
       Encoding::kTcvn3, "Nguyễn Văn Thạch"},
      {"B\xB6o Th\xBEng", Encoding::kTcvn3, "Bảo Thắng"},
      {"Nguye\xE3n Va\xEAn Tha\xEF"
       "ch",
       Encoding::kVni, "Nguyễn Văn Thạch"},
      {"Ba\xFBo Tha\xE9ng", Encoding::kVni, "Bảo Thắng"},
      {"Nguy\xEA\xDEn V\xE3n Tha\xF2"
       "ch",
       Encoding::kCp1258, "Nguyễn Văn Thạch"},
      {"Nguye^~n Va(n Tha.ch", Encoding::kViqr, "Nguyễn Văn Thạch"},
  };
  for (const auto& c : cases) {
    INFO(c.out);
    CHECK(DetectEncoding(c.in) == c.e);
    CHECK(ToUnicodeAuto(c.in) == c.out);
  }
}

TEST_CASE("Garbage does not crash any decoder", "[text][encoding]") {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be, Encoding::kCp1258, Encoding::kTcvn3,
                     Encoding::kVni, Encoding::kViqr, Encoding::kMojibakeCp1252, Encoding::kMojibakeTcvn3}) {
    INFO(EncodingName(e));
    CHECK_NOTHROW(ToUnicode(all, e));
    CHECK_NOTHROW(ToUnicode(all.substr(0, 3), e));
    CHECK_NOTHROW(ToUnicode("", e));
    CHECK_NOTHROW(FromUnicode(all, e));
  }
  CHECK_NOTHROW(DetectEncoding(all));
  CHECK_NOTHROW(ToUnicodeAuto(all));
}
