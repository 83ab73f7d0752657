#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "core/error.h"
#include "crypto/verification_code.h"

using namespace sovang::crypto;

TEST_CASE("Generated codes are 16 Crockford symbols in groups of four plus a check symbol", "[crypto]") {
  const std::regex shape("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z*~$=U]$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string code = GenerateVerificationCode();
    INFO(code);
    CHECK(std::regex_match(code, shape));
    CHECK(ParseVerificationCode(code) == code);
    seen.insert(code);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("The check symbol is the value mod 37 in Crockford's check alphabet", "[crypto]") {
  const struct {
    std::string data;
    char check;
  } cases[] = {
      {"0000000000000000", '0'}, {"0000000000000001", '1'}, {"000000000000000Z", 'Z'},  // 31
      {"0000000000000010", '*'},                                                        // 32
      {"0000000000000014", 'U'},                                                        // 36
      {"0000000000000015", '0'},                                                        // 37
  };
  for (const auto& c : cases) {
    INFO(c.data);
    CHECK(CodeCheckSymbol(c.data) == c.check);
  }
  CHECK(FormatVerificationCode("7KQ2M9XD4TPWC8R3").substr(0, 20) == "7KQ2-M9XD-4TPW-C8R3-");
  CHECK_THROWS_AS(FormatVerificationCode("7KQ2M9XD4TPWC8R"), sovang::Error);
  CHECK_THROWS_AS(FormatVerificationCode("7KQ2M9XD4TPWC8RU"), sovang::Error);
}

TEST_CASE("Parsing forgives case, separators and I/L/O confusions", "[crypto]") {
  const std::string code = FormatVerificationCode("7KQ21M9XD4TPW0R3");
  const std::string check(1, code.back());
  const std::string lower_check = check == "U" ? "u" : std::string(1, static_cast<char>(std::tolower(check[0])));
  const std::string typed[] = {
      code,
      "7kq2-1m9x-d4tp-w0r3-" + lower_check,
      "7KQ21M9XD4TPW0R3" + check,
      "7KQ2 IM9X D4TP WOR3 " + check,
      "7kq2lm9xd4tpwor3" + lower_check,
      " 7KQ2--1M9X-D4TP-W0R3-" + check + " ",
  };
  for (const auto& t : typed) {
    INFO(t);
    CHECK(ParseVerificationCode(t) == code);
  }
}

TEST_CASE("Parsing refuses wrong lengths, foreign symbols and wrong check symbols", "[crypto]") {
  const std::string code = GenerateVerificationCode();
  std::string no_check = code.substr(0, code.size() - 2);
  CHECK_FALSE(ParseVerificationCode(""));
  CHECK_FALSE(ParseVerificationCode(no_check));
  CHECK_FALSE(ParseVerificationCode(code + "0"));
  CHECK_FALSE(ParseVerificationCode("7KQ2-M9XD-4TPW-C8R#-0"));
  CHECK_FALSE(ParseVerificationCode("7KQ2-M9XD-4TPW-C8RU-0"));  // U is only a check symbol
}

TEST_CASE("Every single wrong symbol and every neighbour swap is caught", "[crypto]") {
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  for (int n = 0; n < 20; ++n) {
    const std::string code = GenerateVerificationCode();
    std::string data;
    for (char c : code.substr(0, code.size() - 2))
      if (c != '-') data += c;
    const char check = code.back();
    for (std::size_t i = 0; i < data.size(); ++i) {
      for (char sub : alphabet) {
        if (sub == data[i]) continue;
        std::string wrong = data;
        wrong[i] = sub;
        CHECK_FALSE(ParseVerificationCode(wrong + check));
      }
      if (i + 1 < data.size() && data[i] != data[i + 1]) {
        std::string swapped = data;
        std::swap(swapped[i], swapped[i + 1]);
        CHECK_FALSE(ParseVerificationCode(swapped + check));
      }
    }
  }
}
