#include "index/searcher.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "core/error.h"
#include "index_test_support.h"

using namespace sovang;
using namespace sovang::index;
using namespace sovang::index::testing;

namespace {

const char* const kHcknNhat = "Huân chương Kháng chiến hạng Nhất";
const char* const kHcknNhi = "Huân chương Kháng chiến hạng Nhì";
const char* const kHuyChuong = "Huy chương Kháng chiến hạng Nhì";
const char* const kChienThang = "Huân chương Chiến thắng hạng Ba";

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::size_t Rank(const std::vector<std::string>& ids, const std::string& id) {
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

// A small archive of Lạng Sơn records used by most tests.
std::vector<RecordSpec> Archive() {
  return {
      {.id = "thach", .name = "Nguyễn Văn Thạch", .birth_year = 1932, .commune = "Lộc Yên", .district = "Cao Lộc",
       .province = "Lạng Sơn", .award = kHcknNhat, .decision = "543/QĐ-CTN", .date = "1975-08-10", .book = "73372"},
      {.id = "thach-plain", .name = "Nguyễn Văn Thach", .birth_year = 1940, .commune = "Hợp Thành",
       .district = "Cao Lộc", .province = "Lạng Sơn", .award = kHcknNhi, .decision = "12/QĐ-CTN",
       .date = "1980-01-02"},
      {.id = "thach-acute", .name = "Nguyễn Văn Thách", .birth_year = 1951, .commune = "Hợp Thành",
       .district = "Cao Lộc", .province = "Lạng Sơn", .award = kHuyChuong},
      {.id = "hoang", .name = "Hoàng Văn Páo", .birth_year = 1925, .commune = "Thạch Đạn", .district = "Cao Lộc",
       .province = "Lạng Sơn", .award = kHcknNhi, .decision = "803/QĐ-CTN", .date = "1985-04-30"},
      {.id = "huynh", .name = "Huỳnh Văn Páo", .birth_year = 1926, .commune = "Gia Cát", .district = "Cao Lộc",
       .province = "Lạng Sơn", .award = kHuyChuong},
      {.id = "vu", .name = "Vũ Thị Mai", .birth_year = 1935, .commune = "Hoàng Đồng", .district = "Lạng Sơn",
       .province = "Lạng Sơn", .award = kHuyChuong, .decision = "1502/2005/QĐ-CTN", .date = "2005-11-02"},
      {.id = "vo", .name = "Võ Thị Mai", .birth_year = 1936, .commune = "Hoàng Đồng", .district = "Lạng Sơn",
       .province = "Lạng Sơn", .award = kHuyChuong},
      {.id = "no-middle", .name = "Lương Nhung", .birth_year = 1929, .commune = "Bắc Sơn", .district = "Bắc Sơn",
       .province = "Lạng Sơn", .award = kHcknNhi, .decision = "47-NQ/HĐNN7", .date = "1983-03-01"},
      {.id = "with-middle", .name = "Bế Văn Đàn", .birth_year = 1930, .commune = "Bắc Sơn", .district = "Bắc Sơn",
       .province = "Lạng Sơn", .award = kHcknNhat},
      {.id = "hoa-old", .name = "Lê Thị Hoà", .birth_year = 1931, .commune = "Bắc Sơn", .district = "Bắc Sơn",
       .province = "Lạng Sơn", .award = kHcknNhi},
      {.id = "cao-lang", .name = "Nông Văn Slương", .birth_year = 1920, .commune = "Tân Thanh",
       .district = "Văn Lãng", .province = "Cao Lạng", .award = kChienThang, .decision = "17-TTg",
       .date = "1977-05-05"},
      {.id = "khang-chien-commune", .name = "Chu Văn Tấn", .birth_year = 1933, .commune = "Kháng Chiến",
       .district = "Tràng Định", .province = "Lạng Sơn", .award = kChienThang},
      {.id = "khang-chien-commune-2", .name = "Chu Thị Hiền", .birth_year = 1934, .commune = "Kháng Chiến",
       .district = "Tràng Định", .province = "Lạng Sơn", .award = "Bằng khen của Thủ tướng Chính phủ"},
      {.id = "new-commune", .name = "Hà Văn Kiên", .birth_year = 1960, .commune = "Tân Liên", .district = "",
       .province = "Lạng Sơn", .award = "Huân chương Lao động hạng Ba"},
      {.id = "thanh", .name = "Nguyễn Văn Thạnh", .birth_year = 1932, .commune = "Hợp Thành", .district = "Cao Lộc",
       .province = "Lạng Sơn", .award = kHcknNhat},
      {.id = "chien-name", .name = "Nguyễn Văn Chiến", .birth_year = 1945, .commune = "Hợp Thành",
       .district = "Cao Lộc", .province = "Lạng Sơn", .award = kChienThang},
  };
}

}  // namespace

TEST_CASE("A query without marks finds the marked name", "[index][search]") {
  TestIndex index(Archive());
  const auto ids = index.ExactIds("nguyen van thach");
  CHECK(Contains(ids, "thach"));
  CHECK(Contains(ids, "thach-plain"));
  CHECK(Contains(ids, "thach-acute"));
  CHECK_FALSE(Contains(ids, "chien-name"));
}

TEST_CASE("A query with marks ranks the exact spelling above folded matches", "[index][search]") {
  TestIndex index(Archive());
  for (const std::string q : {"Thạch", "Nguyễn Văn Thạch", "thạch"}) {
    INFO(q);
    const auto ids = index.ExactIds(q);
    REQUIRE(ids.size() >= 3);
    CHECK(ids[0] == "thach");
    CHECK(Contains(ids, "thach-plain"));
    CHECK(Contains(ids, "thach-acute"));
  }
  const auto acute = index.ExactIds("Nguyễn Văn Thách");
  REQUIRE_FALSE(acute.empty());
  CHECK(acute[0] == "thach-acute");
}

TEST_CASE("Old and new tone placement are one spelling", "[index][search]") {
  TestIndex index(Archive());
  // The record says "Hoà" (old style); the query types "Hòa" (new style).
  const auto ids = index.ExactIds("Lê Thị Hòa");
  REQUIRE_FALSE(ids.empty());
  CHECK(ids[0] == "hoa-old");
}

TEST_CASE("A name one edit away is found and the exact match still comes first", "[index][search]") {
  TestIndex index(Archive());
  SECTION("typo only: the typo hit is found") {
    const auto ids = index.Ids("Nguyễn Văn Thạc");  // missing final h
    CHECK(Contains(ids, "thach"));
  }
  SECTION("long names tolerate one edit; short ones none") {
    CHECK(Contains(index.Ids("Nông Văn Sluong"), "cao-lang"));
    CHECK(Contains(index.Ids("Nông Văn Slưng"), "cao-lang"));
    CHECK(index.Ids("Bế Văn Đà X").empty());
  }
  SECTION("exact hits rank above typo hits") {
    // Three records fold to "thach"; "Thạnh" is one edit away and comes after
    // them, marked approximate, with a lower score.
    for (const std::string q : {"Nguyễn Văn Thach", "nguyen van thach", "Nguyễn Văn Thạch 1932"}) {
      INFO(q);
      const SearchResult r = index.Search(q);
      REQUIRE(r.hits.size() == 4);
      for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.hits[i].id.rfind("thach", 0) == 0);
        CHECK_FALSE(r.hits[i].approximate);
        CHECK(r.hits[i].score > r.hits[3].score);
      }
      CHECK(r.hits[3].id == "thanh");
      CHECK(r.hits[3].approximate);
      CHECK(r.total == 4);
    }
  }
  SECTION("no typo pass when the exact hits fill the page") {
    const SearchResult r = index.Search("nguyen van thach", 3);
    CHECK(r.hits.size() == 3);
    CHECK(r.total == 3);
  }
  SECTION("typo hits are looked for only when exact hits do not fill the page") {
    const SearchResult few = index.Search("Nguyễn Văn Chiếm");  // one edit from Chiến
    REQUIRE(few.hits.size() == 1);
    CHECK(few.hits[0].id == "chien-name");
    CHECK(few.hits[0].snippet.find("<mark>Chiến</mark>") != std::string::npos);
  }
}

TEST_CASE("Hoàng and Huỳnh, Vũ and Võ are one surname", "[index][search]") {
  TestIndex index(Archive());
  auto ids = index.ExactIds("Hoàng Văn Páo");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "hoang");
  CHECK(ids[1] == "huynh");
  ids = index.ExactIds("huynh van pao");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "huynh");
  ids = index.ExactIds("Võ Thị Mai");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "vo");
  CHECK(ids[1] == "vu");
}

TEST_CASE("A missing or extra middle name Văn/Thị still matches", "[index][search]") {
  TestIndex index(Archive());
  CHECK(index.ExactIds("Lương Văn Nhung") == std::vector<std::string>{"no-middle"});
  CHECK(index.ExactIds("Bế Đàn") == std::vector<std::string>{"with-middle"});
  CHECK(index.ExactIds("Lê Hoà") == std::vector<std::string>{"hoa-old"});
  // The typed middle name still ranks the record that has it first.
  const auto ids = index.ExactIds("Nguyễn Văn Thạch");
  REQUIRE_FALSE(ids.empty());
  CHECK(ids[0] == "thach");
}

TEST_CASE("Field syntax filters by name, year, year range, places, award and number", "[index][search]") {
  TestIndex index(Archive());
  const struct {
    std::string query;
    std::vector<std::string> expected;  // in any order
  } cases[] = {
      {"ten:Nguyễn Văn Thạch nam:1932", {"thach"}},
      {"nguyen van thach nam:1940", {"thach-plain"}},
      {"nam:1925..1926", {"hoang", "huynh"}},
      {"nam:1925-1926", {"hoang", "huynh"}},
      {"Páo nam:1800..1925", {"hoang"}},  // a wide range is a value range on the birth year slot
      {"tinh:Lạng Sơn nam:1920", {"cao-lang"}},  // Cao Lạng is an old name of Lạng Sơn
      {"Mai huyen:Lạng Sơn khen:huy chương", {"vu", "vo"}},
      {"Páo nam:..1925", {"hoang"}},
      {"Mai nam:1936..", {"vo"}},
      {"thach nam:1930..1945", {"thach", "thach-plain"}},
      {"xa:Lộc Yên", {"thach"}},
      {"xã:\"Lộc Yên\"", {"thach"}},
      {"xa:Hợp Thành Nguyễn Văn Thach", {"thach-plain", "thach-acute"}},
      {"huyen:Bắc Sơn nam:1929..1930", {"no-middle", "with-middle"}},
      {"khen:huy chương kháng chiến nam:1935", {"vu"}},
      {"khen:chiến thắng", {"cao-lang", "khang-chien-commune", "chien-name"}},
      {"so:543/QĐ-CTN", {"thach"}},
      {"so:73372", {"thach"}},
      {"tên:Võ Thị Mai năm:1936", {"vo"}},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    auto ids = index.ExactIds(c.query);
    auto expected = c.expected;
    std::sort(ids.begin(), ids.end());
    std::sort(expected.begin(), expected.end());
    CHECK(ids == expected);
  }
}

TEST_CASE("A bare year in free text ranks the person born that year first", "[index][search]") {
  TestIndex index(Archive());
  auto ids = index.ExactIds("nguyen van thach 1951");
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == "thach-acute");
  // The birth year counts more than the marks (OCR loses marks; a different
  // year is more likely a different person)...
  ids = index.ExactIds("Nguyễn Văn Thạch 1940");
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == "thach-plain");
  // ...and without a year the marks decide.
  ids = index.ExactIds("Nguyễn Văn Thạch 1999");
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == "thach");
  // A year alone is a year.
  CHECK(index.ExactIds("1925") == std::vector<std::string>{"hoang"});
}

TEST_CASE("Decision numbers match whatever their separators", "[index][search]") {
  TestIndex index(Archive());
  for (const std::string q : {"803/QĐ-CTN", "803 QD CTN", "803 qđ ctn", "803-QD/CTN", "803QDCTN", "so:803 QĐ CTN"}) {
    INFO(q);
    CHECK(index.ExactIds(q) == std::vector<std::string>{"hoang"});
  }
  CHECK(index.ExactIds("47 NQ HĐNN7") == std::vector<std::string>{"no-middle"});
  CHECK(index.ExactIds("17-TTg") == std::vector<std::string>{"cao-lang"});
  // With and without the year of the number.
  CHECK(index.ExactIds("1502/QĐ-CTN") == std::vector<std::string>{"vu"});
  CHECK(index.ExactIds("1502/2005/QĐ-CTN") == std::vector<std::string>{"vu"});
  // Mixed with a name, and a number nobody has.
  CHECK(index.ExactIds("Hoàng Páo 803/QĐ-CTN") == std::vector<std::string>{"hoang"});
  CHECK(index.ExactIds("Hoàng Páo 543/QĐ-CTN").empty());
  CHECK(index.ExactIds("999/QĐ-CTN").empty());
  // The number alone finds the decision; the hit marks it.
  const SearchResult r = index.Search("543");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "thach");
  CHECK(r.hits[0].snippet.find("<mark>543/QĐ-CTN</mark>") != std::string::npos);
}

TEST_CASE("A search by a place's new name finds records that carry the old one, and hits show both",
          "[index][search][places]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index(Archive(), &gazetteer);
  // Lộc Yên and Thạch Đạn merged into Tân Liên.
  auto ids = index.ExactIds("xa:Tân Liên");
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"hoang", "new-commune", "thach"});
  // The record that carries the name as typed comes first.
  CHECK(index.ExactIds("xa:Tân Liên")[0] == "new-commune");
  // Free text too.
  CHECK(Contains(index.ExactIds("Nguyễn Văn Thạch Tân Liên"), "thach"));
  // And the old name finds the new one.
  CHECK(Contains(index.ExactIds("xa:Lộc Yên"), "new-commune"));
  // Cao Lạng is an old name of Lạng Sơn (and of Cao Bằng), not the other way round.
  CHECK(Contains(index.ExactIds("tinh:Lạng Sơn"), "cao-lang"));
  // A search by the old name finds its own records first.
  CHECK(index.ExactIds("tinh:Cao Lạng")[0] == "cao-lang");
  const SearchResult r = index.Search("xa:Tân Liên nam:1932");
  REQUIRE(r.hits.size() == 1);
  REQUIRE(r.hits[0].places.size() == 1);
  CHECK(r.hits[0].places[0].field == "commune");
  CHECK(r.hits[0].places[0].written == "Lộc Yên");
  CHECK(r.hits[0].places[0].current == std::vector<std::string>{"Tân Liên"});
  CHECK(r.hits[0].snippet.find("<mark>Lộc</mark> <mark>Yên</mark> (nay: <mark>Tân</mark> <mark>Liên</mark>)") !=
        std::string::npos);
}

TEST_CASE("The commune Kháng Chiến does not drown the award words kháng chiến", "[index][search]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index(Archive(), &gazetteer);
  const auto ids = index.ExactIds("kháng chiến", 50);
  // Every Kháng chiến medal, ranked above the two people from the commune.
  const std::vector<std::string> medals = {"thach", "thach-plain", "thach-acute", "hoang", "huynh", "vu", "vo",
                                           "no-middle", "with-middle", "hoa-old"};
  for (const std::string& id : medals) {
    INFO(id);
    REQUIRE(Contains(ids, id));
    if (Contains(ids, "khang-chien-commune")) CHECK(Rank(ids, id) < Rank(ids, "khang-chien-commune"));
    if (Contains(ids, "khang-chien-commune-2")) CHECK(Rank(ids, id) < Rank(ids, "khang-chien-commune-2"));
  }
  // A given name that is also an award word is a name.
  CHECK(index.ExactIds("Nguyễn Văn Chiến") == std::vector<std::string>{"chien-name"});
  // The commune is still there when asked for.
  auto commune = index.ExactIds("xa:Kháng Chiến");
  std::sort(commune.begin(), commune.end());
  CHECK(commune == std::vector<std::string>{"khang-chien-commune", "khang-chien-commune-2"});
  CHECK(index.ExactIds("Chu Văn Tấn Kháng Chiến") == std::vector<std::string>{"khang-chien-commune"});
}

TEST_CASE("A quoted phrase keeps its words in order", "[index][search]") {
  TestIndex index(Archive());
  CHECK(index.ExactIds("\"nguyen van thach\"").size() == 3);
  CHECK(index.ExactIds("\"thach van nguyen\"").empty());
}

TEST_CASE("Malformed queries are invalid arguments with a message, never a crash", "[index][search]") {
  TestIndex index(Archive());
  for (const std::string& q : std::vector<std::string>{"\"nguyen van", "nam:abc", "nam:19", "nam:1935..1925", "nam:..", "ten:", "xa: ",
                              "foo:bar", "ten:\"\"", "nam:3000", "!!!", std::string(2000, 'a')}) {
    INFO(q);
    try {
      index.Search(q);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::kInvalidArgument);
      CHECK(std::string(e.what()).size() > 5);
    }
  }
  SearchRequest bad_limit{.query = "thach", .limit = -1};
  Searcher searcher = Searcher::Open(index.dir());
  CHECK_THROWS_AS(searcher.Search(bad_limit), Error);
}

TEST_CASE("Words no record can hold match nothing, not everything", "[index][search]") {
  TestIndex index(Archive());
  for (const std::string& q : {std::string(300, 'a'), "Nguyễn " + std::string(100, 'x'), "\"" + std::string(300, 'a') + " b\"",
                               "xa:" + std::string(300, 'a'), "so:" + std::string(300, '1')}) {
    INFO(q);
    const SearchResult r = index.Search(q);
    CHECK(r.total == 0);
    CHECK(r.hits.empty());
  }
}

TEST_CASE("A blank query lists every record", "[index][search]") {
  TestIndex index(Archive());
  CHECK(index.Search("", 100).total == static_cast<std::int64_t>(Archive().size()));
  CHECK(index.Search("   ", 5).hits.size() == 5);
}

TEST_CASE("Facets count awards, districts and decades of the matches", "[index][search]") {
  TestIndex index(Archive());
  // Three exact hits and Thạnh (1932, a typo hit): facets count what is returned.
  const SearchResult r = index.Search("nguyen van thach");
  REQUIRE(r.facets.count("award"));
  REQUIRE(r.facets.count("district"));
  REQUIRE(r.facets.count("decade"));
  const auto& decades = r.facets.at("decade");
  REQUIRE(decades.size() == 3);
  CHECK(decades[0].value == "1930");
  CHECK(decades[0].count == 2);
  CHECK(decades[2].value == "1950");
  const auto& districts = r.facets.at("district");
  REQUIRE(districts.size() == 1);
  CHECK(districts[0].value == "Cao Lộc");
  CHECK(districts[0].count == 4);
  CHECK(r.facets.at("award").size() == 3);
}

TEST_CASE("The award facet counts a catalog award under its name, however it was read", "[index][search]") {
  // One award printed two ways (an OCR slip in the second), both matched to
  // the catalog, and a third record whose award the catalog does not know.
  TestIndex index({{.id = "a", .name = "Hoàng Văn Páo", .birth_year = 1930, .award = kHcknNhat, .award_code = "HCKC-CP-1"},
                   {.id = "b", .name = "Hoàng Văn Páo", .birth_year = 1931, .award = "Huân chương Kháng chiên hạng Nhất",
                    .award_code = "HCKC-CP-1"},
                   {.id = "c", .name = "Hoàng Văn Páo", .birth_year = 1932, .award = "Bằng khen Tỉnh đội"}});
  const SearchResult r = index.Search("hoang van pao");
  REQUIRE(r.hits.size() == 3);
  const auto& awards = r.facets.at("award");
  REQUIRE(awards.size() == 2);
  CHECK(awards[0].value == kHcknNhat);
  CHECK(awards[0].count == 2);
  CHECK(awards[1].value == "Bằng khen Tỉnh đội");
  CHECK(awards[1].count == 1);
  // The hits still carry the award as it was read.
  for (const SearchHit& hit : r.hits)
    if (hit.id == "b") CHECK(hit.record.value(FieldId::kAward) == "Huân chương Kháng chiên hạng Nhất");
}

TEST_CASE("Snippets mark the matched words and escape HTML", "[index][search]") {
  TestIndex index({{.id = "x", .name = "Nguyễn Văn <b>Thạch</b>", .birth_year = 1932, .commune = "Lộc Yên",
                    .award = kHcknNhat}});
  const SearchResult r = index.Search("nguyen thach 1932");
  REQUIRE(r.hits.size() == 1);
  const std::string& s = r.hits[0].snippet;
  CHECK(s.find("<mark>Nguyễn</mark>") != std::string::npos);
  CHECK(s.find("&lt;b&gt;<mark>Thạch</mark>&lt;/b&gt;") != std::string::npos);
  CHECK(s.find("<mark>1932</mark>") != std::string::npos);
  CHECK(s.find("<b>") == std::string::npos);
  CHECK(r.hits[0].score == Approx(1.0));
}

TEST_CASE("Pages concatenate to the same list as one big page, across exact and typo hits", "[index][search]") {
  TestIndex index(Archive());
  for (const std::string q : {"nguyen van thach", "Nguyễn Văn Thạch", "kháng chiến", "Văn", "Nguyễn Văn Thạc"}) {
    INFO(q);
    const SearchResult all = index.Search(q, 50);
    for (int size : {1, 2, 3}) {
      INFO(size);
      std::vector<std::string> paged;
      for (int offset = 0; offset < static_cast<int>(all.hits.size()) + size; offset += size) {
        SearchRequest request{.query = q, .limit = size, .offset = offset, .facets = false};
        Searcher searcher = Searcher::Open(index.dir());
        for (const SearchHit& h : searcher.Search(request).hits) paged.push_back(h.id);
      }
      std::vector<std::string> expected;
      for (const SearchHit& h : all.hits) expected.push_back(h.id);
      CHECK(paged == expected);
    }
  }
}

TEST_CASE("A name typed in order ranks above the same words scattered", "[index][search]") {
  TestIndex index({{.id = "scattered", .name = "Lan Trần"},
                   {.id = "ordered-middle", .name = "Trần Thị Lan"},
                   {.id = "ordered", .name = "Trần Lan"}});
  const auto ids = index.ExactIds("tran lan");
  REQUIRE(ids.size() == 3);
  CHECK(ids[2] == "scattered");
  CHECK(index.ExactIds("Trần Thị Lan")[0] == "ordered-middle");
}

TEST_CASE("A zero limit gives the total and the facets without hits", "[index][search]") {
  TestIndex index(Archive());
  const SearchResult r = index.Search("nguyen van thach", 0);
  CHECK(r.hits.empty());
  CHECK(r.total == 3);
  CHECK(r.facets.at("district").at(0).count == 3);
}

TEST_CASE("An exact full name ranks above the same words with an extra Văn/Thị", "[index][search]") {
  // The longer name is indexed first: without the whole-name evidence the two
  // would tie and index order would put it first.
  TestIndex index({{.id = "with-middle", .name = "Nguyễn Văn Thìn"},
                   {.id = "exact", .name = "Nguyễn Thìn"},
                   {.id = "other-marks", .name = "Nguyễn Thịn"}});
  for (const std::string q : {"Nguyễn Thìn", "nguyen thin"}) {
    INFO(q);
    const auto ids = index.ExactIds(q);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == "exact");
  }
  // Marks still weigh more than the whole name: the typed spelling comes
  // before a folded-only whole-name match.
  CHECK(index.ExactIds("Nguyễn Thìn")[1] == "with-middle");
  CHECK(index.ExactIds("Nguyễn Văn Thìn")[0] == "with-middle");
  CHECK(index.ExactIds("Nguyễn Thịn")[0] == "other-marks");
}

TEST_CASE("Typos at the first letter and swapped letters are found, below exact hits", "[index][search]") {
  TestIndex index(Archive());
  const struct {
    const char* query;
    const char* id;
  } cases[] = {
      {"ngyuen van thach", "thach"},  // two letters swapped
      {"nguyen van thahc", "thach"},
      {"hguyen van thach", "thach"},  // first letter substituted
      {"le thi oha", "hoa-old"},      // first two letters swapped
      {"bbe van dan", "with-middle"},  // a letter before the first
      {"Nguyễn Văn Hiến", "chien-name"},  // the first letter lost
  };
  for (const auto& c : cases) {
    INFO(c.query);
    const SearchResult r = index.Search(c.query);
    bool found = false;
    for (const SearchHit& h : r.hits)
      if (h.id == c.id) {
        found = true;
        CHECK(h.approximate);
      }
    CHECK(found);
  }
  // Exact hits first, typo hits after them.
  const SearchResult r = index.Search("nguyen van thach");
  REQUIRE(r.hits.size() >= 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK_FALSE(r.hits[i].approximate);
}

TEST_CASE("A name with a place the gazetteer does not link still finds the person, after the linked records",
          "[index][search][places]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index(Archive(), &gazetteer);
  // Nguyễn Văn Chiến is from Hợp Thành, not Lộc Yên nor Tân Liên.
  SearchResult r = index.Search("Nguyễn Văn Chiến Lộc Yên");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "chien-name");
  CHECK(r.hits[0].approximate);
  // The record at the typed place (or a place linked to it) comes first and
  // is exact; the same name elsewhere follows, approximate.
  r = index.Search("Nguyễn Văn Thạch Tân Liên");
  REQUIRE(r.hits.size() == 3);
  CHECK(r.hits[0].id == "thach");
  CHECK_FALSE(r.hits[0].approximate);
  CHECK(r.hits[1].approximate);
  CHECK(r.hits[2].approximate);
  CHECK(r.total == 3);
  // A place alone is not relaxed into every record (Thạch Đạn, merged with
  // Lộc Yên into Tân Liên, was never Lộc Yên).
  auto ids = index.Ids("Lộc Yên");
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"new-commune", "thach"});
  // Places typed as fields always restrict.
  CHECK(index.Ids("Nguyễn Văn Chiến xa:Lộc Yên").empty());
  // Award words are not a place to drop.
  CHECK(index.ExactIds("Chu Văn Tấn Kháng Chiến") == std::vector<std::string>{"khang-chien-commune"});
}

TEST_CASE("Surname and given name typed with a commune rank the person who has them first",
          "[index][search][places]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  // Indexed first, so that a tie would put them first.
  TestIndex index({{.id = "duc-middle", .name = "Nguyễn Đức Quang", .commune = "Lộc Yên"},
                   {.id = "minh", .name = "Lăng Minh Minh", .commune = "Lộc Yên"},
                   {.id = "duc-given", .name = "Nguyễn Công Đức", .commune = "Lộc Yên"},
                   {.id = "loc-thanh", .name = "Lộc Slương Thành", .commune = "Lộc Yên"},
                   {.id = "at-loc-thanh", .name = "Hà Văn Tú", .commune = "Lộc Thanh"}},
                  &gazetteer);
  // "Đức" typed last is the given name.
  auto ids = index.ExactIds("Nguyễn Đức Lộc Yên");
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "duc-given");
  // "Lộc Thành" typed with marks is a name, not the commune Lộc Thanh.
  ids = index.ExactIds("Lộc Thành Lộc Yên");
  REQUIRE_FALSE(ids.empty());
  CHECK(ids[0] == "loc-thanh");
  // Spelled as the commune, it is the commune (and the name words).
  CHECK(Contains(index.ExactIds("Lộc Thanh"), "at-loc-thanh"));
  CHECK(Contains(index.ExactIds("loc thanh"), "at-loc-thanh"));
}

TEST_CASE("A decision number typed without its year ranks the number printed that way first", "[index][search]") {
  TestIndex index({{.id = "with-year", .name = "Lương Như Thịnh", .decision = "1467/2005/QĐ-CTN", .date = "2005-04-20"},
                   {.id = "no-year", .name = "Lý Thị Tống", .decision = "1467/QĐ-CTN", .date = "1978-02-01"}});
  for (const std::string q : {"1467 QD CTN", "1467/QĐ-CTN", "so:1467 QĐ CTN"}) {
    INFO(q);
    CHECK(index.ExactIds(q) == std::vector<std::string>{"no-year", "with-year"});
  }
  CHECK(index.ExactIds("1467/2005/QĐ-CTN") == std::vector<std::string>{"with-year"});
}

TEST_CASE("Among typo variants, one edit away from the first letter on comes first", "[index][search]") {
  TestIndex index({{.id = "huu", .name = "Nguyễn Hữu Khang"}, {.id = "duc", .name = "Nguyễn Đức Khang"}});
  const SearchResult r = index.Search("Nguyễn Đứu Khang");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "duc");  // Đứu -> Đức is a slip in the middle; -> Hữu would change the first letter
  CHECK(r.hits[0].approximate);
  CHECK(r.hits[1].id == "huu");
}

TEST_CASE("An award word pair does not cut a commune in two", "[index][search][places]") {
  // "toàn quốc" is an award word pair (Chiến sĩ thi đua toàn quốc); here
  // "Toàn" ends the name and "Quốc Việt" is the commune.
  TestIndex index({{.id = "toan", .name = "Võ Trọng Toàn", .commune = "Quốc Việt"},
                   {.id = "other", .name = "Võ Trọng Toàn", .commune = "Hùng Sơn"},
                   {.id = "award", .name = "Lê Văn Việt", .award = "Chiến sĩ thi đua toàn quốc"}});
  const SearchResult r = index.Search("Võ Trọng Toàn Quốc Việt");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].id == "toan");
  CHECK_FALSE(r.hits[0].approximate);
  // The award phrase alone is still the award.
  CHECK(index.ExactIds("chiến sĩ thi đua toàn quốc") == std::vector<std::string>{"award"});
}

TEST_CASE("The name as typed with the place left out ranks above typo variants at the place",
          "[index][search][places]") {
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index({{.id = "typo-at-place", .name = "Nguyễn Văn Thạnh", .commune = "Lộc Yên"},
                   {.id = "name-elsewhere", .name = "Nguyễn Văn Thạch", .commune = "Hợp Thành"}},
                  &gazetteer);
  const SearchResult r = index.Search("Nguyễn Văn Thạch Lộc Yên");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "name-elsewhere");
  CHECK(r.hits[1].id == "typo-at-place");
  CHECK(r.hits[0].approximate);
  CHECK(r.hits[1].approximate);
}

TEST_CASE("A decision number whose issuer OCR damaged is found, after the exact ones", "[index][search]") {
  TestIndex index({{.id = "damaged", .name = "Lộc Thị Tấu", .decision = "2127/QĐ-DÚB", .date = "1990-05-02"},
                   {.id = "exact", .name = "Nguyễn Thị Mận", .decision = "2127/QĐ-UB", .date = "1990-05-02"},
                   {.id = "other-issuer", .name = "Hà Văn Tú", .decision = "2127/QĐ-CTN", .date = "1990-05-02"},
                   {.id = "other-number", .name = "Lê Văn Tám", .decision = "21270/QĐ-UB", .date = "1990-05-02"}});
  for (const std::string q : {"2127 QĐ UB", "2127 QD UB", "2127/QĐ-UB"}) {
    INFO(q);
    const SearchResult r = index.Search(q);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].id == "exact");
    CHECK_FALSE(r.hits[0].approximate);
    CHECK(r.hits[1].id == "damaged");
    CHECK(r.hits[1].approximate);
  }
}

TEST_CASE("Surname and given name with a typo still find the name with a middle name between", "[index][search]") {
  TestIndex index({{.id = "lanh", .name = "Hà Đức Lầnh"}, {.id = "other", .name = "Hà Văn Tú"}});
  const SearchResult r = index.Search("Hà Lềnh");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "lanh");
  CHECK(r.hits[0].approximate);
}

TEST_CASE("A place phrase read as name words needs them next to each other", "[index][search][places]") {
  // "Lộc Yên" is a commune; as name words it means a name that has them in
  // that order ("Lộc Văn Yên": across one Văn), not the words anywhere.
  TempDir tmp;
  const Gazetteer gazetteer = TestGazetteer(tmp.path());
  TestIndex index({{.id = "at-place", .name = "Nguyễn Văn Ba", .commune = "Lộc Yên"},
                   {.id = "in-name", .name = "Lộc Văn Yên"},
                   {.id = "scattered", .name = "Yên Văn Lộc"}},
                  &gazetteer);
  std::vector<std::string> ids = index.ExactIds("Lộc Yên");
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"at-place", "in-name"});
}

TEST_CASE("Words two places share are read both ways, the longest from the left first", "[index][search][places]") {
  // "Nguyễn Bình Gia Lộc": Nguyễn … Lộc of the district Bình Gia, or Nguyễn
  // Bình of the commune Gia Lộc. At 10M records the second reading was
  // never asked, and the query found nothing.
  TestIndex index({{.id = "of-district", .name = "Nguyễn Văn Lộc", .commune = "Hồng Phong", .district = "Bình Gia"},
                   {.id = "of-commune", .name = "Nguyễn Bình", .commune = "Gia Lộc", .district = "Tứ Kỳ"},
                   {.id = "elsewhere", .name = "Nguyễn Bình", .commune = "Tân Liên", .district = "Cao Lộc"},
                   {.id = "words-only", .name = "Nguyễn Bình Gia Lộc"}});
  const SearchResult both = index.Search("Nguyễn Bình Gia Lộc");
  std::vector<std::string> ids;
  for (const SearchHit& hit : both.hits) ids.push_back(hit.id);
  REQUIRE(Contains(ids, "of-district"));
  REQUIRE(Contains(ids, "of-commune"));
  CHECK_FALSE(Contains(ids, "elsewhere"));
  CHECK(Rank(ids, "of-district") < Rank(ids, "of-commune"));
  // The other reading's hits match what was typed: not approximate.
  for (const SearchHit& hit : both.hits)
    if (hit.id == "of-commune") CHECK_FALSE(hit.approximate);
  CHECK(both.total >= 2);
  // One reading only: Nguyễn of the district Bình Gia (or the words in a name).
  std::vector<std::string> one = index.ExactIds("Nguyễn Bình Gia");
  std::sort(one.begin(), one.end());
  CHECK(one == std::vector<std::string>{"of-district", "words-only"});
}
