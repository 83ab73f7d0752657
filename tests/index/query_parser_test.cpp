#include "index/query_parser.h"

#include <catch2/catch.hpp>

#include "core/error.h"

using namespace sovang;
using namespace sovang::index;

namespace {

std::string Describe(const ParsedQuery& q) {
  std::string out;
  for (const QueryPart& p : q.parts) {
    if (!out.empty()) out += " | ";
    switch (p.kind) {
      case PartKind::kText: out += "text"; break;
      case PartKind::kPhrase: out += "phrase"; break;
      case PartKind::kName: out += "ten"; break;
      case PartKind::kBirthYear: out += "nam"; break;
      case PartKind::kCommune: out += "xa"; break;
      case PartKind::kDistrict: out += "huyen"; break;
      case PartKind::kProvince: out += "tinh"; break;
      case PartKind::kAward: out += "khen"; break;
      case PartKind::kNumber: out += "so"; break;
    }
    if (p.kind == PartKind::kBirthYear) {
      out += "=" + std::to_string(p.year_from) + ".." + std::to_string(p.year_to);
    } else {
      out += "=" + p.raw;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Queries split into free text, phrases and fields", "[index][parser]") {
  const struct {
    std::string query, parts;
  } cases[] = {
      {"Nguyễn Văn Thạch", "text=Nguyễn Văn Thạch"},
      {"  nguyen   van  thach ", "text=nguyen van thach"},
      {"ten:Nguyễn Văn Thạch nam:1932", "ten=Nguyễn Văn Thạch | nam=1932..1932"},
      {"nam:1932 Nguyễn Văn Thạch", "nam=1932..1932 | text=Nguyễn Văn Thạch"},
      {"Thạch nam:1925..1935", "text=Thạch | nam=1925..1935"},
      {"nam:1925-1935", "nam=1925..1935"},
      {"nam:..1930", "nam=0..1930"},
      {"nam:1930..", "nam=1930..0"},
      {"xa:\"Lộc Yên\" Thạch", "xa=Lộc Yên | text=Thạch"},
      {"xa: Lộc Yên huyen:Cao Lộc", "xa=Lộc Yên | huyen=Cao Lộc"},
      {"tên:Thạch năm:1932 xã:Lộc Yên huyện:Cao Lộc tỉnh:Lạng Sơn", "ten=Thạch | nam=1932..1932 | xa=Lộc Yên | huyen=Cao Lộc | tinh=Lạng Sơn"},
      {"TEN:Thạch KHEN:kháng chiến", "ten=Thạch | khen=kháng chiến"},
      {"so:803/QĐ-CTN", "so=803/QĐ-CTN"},
      {"\"nguyen van thach\" 1932", "phrase=nguyen van thach | text=1932"},
      {"\u201cnguyen van\u201d", "phrase=nguyen van"},  // typographic quotes
      {"10:30 thach", "text=10:30 thach"},             // not a field
      {"", ""},
      {"   ", ""},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    CHECK(Describe(ParseQuery(c.query)) == c.parts);
  }
}

TEST_CASE("Field values keep their words for the builder", "[index][parser]") {
  const ParsedQuery q = ParseQuery("ten:NGUYỄN Văn-Thạch");
  REQUIRE(q.parts.size() == 1);
  CHECK(q.parts[0].words == std::vector<std::string>{"nguyễn", "văn", "thạch"});
}

TEST_CASE("Malformed queries throw invalid-argument errors that say what is wrong", "[index][parser]") {
  const struct {
    std::string query, message;
  } cases[] = {
      {"\"nguyen van", "quote"},
      {"nam:abc", "4-digit"},
      {"nam:193", "4-digit"},
      {"nam:1935..1925", "backwards"},
      {"nam:..", "at least one year"},
      {"nam:1700", "out of range"},
      {"nam:", "no value"},
      {"ten:", "no value"},
      {"ten: nam:1930", "no value"},
      {"xa:\"  \"", "no value"},
      {"khen:!!!", "nothing searchable"},
      {"abc:xyz", "unknown field"},
      {"?!", "nothing to search"},
      {std::string(1001, 'x'), "bytes"},
      {"a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo", "words"},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    try {
      ParseQuery(c.query);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::kInvalidArgument);
      CHECK_THAT(e.what(), Catch::Contains(c.message));
    }
  }
}
