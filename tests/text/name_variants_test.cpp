#include "text/name_variants.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using sovang::text::IsMiddleNameFiller;
using sovang::text::NameKey;
using sovang::text::NameKeyWithTones;
using sovang::text::SameSurname;
using sovang::text::SplitName;
using sovang::text::SurnameKey;
using sovang::text::SurnameVariants;

TEST_CASE("Names split into surname, middle names and given name", "[text][names]") {
  const struct {
    std::string in, surname;
    std::vector<std::string> middle;
    std::string given;
  } cases[] = {
      {"Nguyễn Văn Thạch", "Nguyễn", {"Văn"}, "Thạch"},
      {"  Hoàng   Thị  Ánh ", "Hoàng", {"Thị"}, "Ánh"},
      {"Lộc Bình", "Lộc", {}, "Bình"},
      {"Nông Thị Minh Slương", "Nông", {"Thị", "Minh"}, "Slương"},
      {"Thạch", "", {}, "Thạch"},
      {"", "", {}, ""},
      {"Nguye\u0302\u0303n A", "Nguyễn", {}, "A"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const auto n = SplitName(c.in);
    CHECK(n.surname == c.surname);
    CHECK(n.middle == c.middle);
    CHECK(n.given == c.given);
  }
}

TEST_CASE("Regional surname variants form one class", "[text][names]") {
  CHECK(SurnameVariants("Huỳnh") == std::vector<std::string>{"Hoàng", "Huỳnh"});
  CHECK(SurnameVariants("HOÀNG") == std::vector<std::string>{"Hoàng", "Huỳnh"});
  CHECK(SurnameVariants("võ") == std::vector<std::string>{"Vũ", "Võ"});
  CHECK(SurnameVariants("nguyễn") == std::vector<std::string>{"Nguyễn"});
  const struct {
    const char *a, *b;
    bool same;      // SameSurname: marks matter
    bool same_key;  // SurnameKey: folded
  } cases[] = {
      {"Hoàng", "Huỳnh", true, true},    {"Vũ", "Võ", true, true},      {"VÕ", "vũ", true, true},
      {"Hoàng", "Hoàng", true, true},    {"Hoàng", "Vũ", false, false}, {"Nguyễn", "Nguyễn", true, true},
      {"Nguyễn", "Nguyên", false, true}, {"Vũ", "Vu", false, true},
  };
  for (const auto& c : cases) {
    INFO(c.a << " / " << c.b);
    CHECK(SameSurname(c.a, c.b) == c.same);
    CHECK((SurnameKey(c.a) == SurnameKey(c.b)) == c.same_key);
  }
  CHECK(SurnameKey("Huỳnh") == "hoang");
  CHECK(SurnameKey("Võ") == "vu");
  CHECK(SurnameKey("Lương") == "luong");
}

TEST_CASE("Văn and Thị are fillers, other words are not", "[text][names]") {
  for (const char* w : {"Văn", "văn", "THỊ", "Thị", "Va\u0306n"}) {
    INFO(w);
    CHECK(IsMiddleNameFiller(w));
  }
  for (const char* w : {"Van", "thi", "Vân", "Thìn", "Minh", ""}) {
    INFO(w);
    CHECK_FALSE(IsMiddleNameFiller(w));
  }
}

TEST_CASE("Two spellings of one name share a key", "[text][names]") {
  const struct {
    const char *a, *b;
  } same[] = {
      {"Nguyễn Văn Thạch", "Nguyễn Thạch"}, {"Huỳnh Văn Thạch", "Hoàng Thạch"}, {"Võ Thị Ánh", "VŨ ÁNH"},
      {"Hoàng Thị Thuỷ", "Huỳnh Thủy"},     {"Nguyễn Thị Văn", "Nguyễn Văn"},  // a given name Văn stays
  };
  for (const auto& c : same) {
    INFO(c.a << " / " << c.b);
    CHECK(NameKey(c.a) == NameKey(c.b));
    CHECK(NameKeyWithTones(c.a) == NameKeyWithTones(c.b));
  }
  CHECK(NameKey("Huỳnh Văn Thạch") == "hoang thach");
  CHECK(NameKeyWithTones("Huỳnh Văn Thạch") == "hoàng thạch");
  CHECK(NameKey("Nguyễn Thị Minh Khai") == "nguyen minh khai");
  // Tone marks are folded away in NameKey, kept in NameKeyWithTones.
  CHECK(NameKey("Lộc Văn Bình") == NameKey("Lộc Văn Bính"));
  CHECK(NameKeyWithTones("Lộc Văn Bình") != NameKeyWithTones("Lộc Văn Bính"));
}
