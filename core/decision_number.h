#pragma once
// Decision numbers as printed on award documents: "803/QĐ-CTN",
// "1502/2005/QĐ-CTN", "205/2005/QĐ/CTN", "17-TTg", "47-NQ/HĐNN7",
// "12NQ/HĐNN8", "6B-VP/MT". Numbers restart every year per issuer, so a
// decision is identified by (issuer, number, date), never the number alone.

#include <optional>
#include <string>
#include <string_view>

namespace sovang {

struct DecisionNumber {
  std::string verbatim;  // as written, trimmed
  std::string number;    // "803", "6B"
  std::optional<int> year;  // "1502/2005/..." -> 2005
  std::string issuer;    // the code after the number and year: "QĐ-CTN", "TTg", "NQ/HĐNN7"
  std::string key;       // matching key: separators removed, upper case, Đ->D: "803QDCTN"
};

// Parses a decision number; nullopt when the text does not start with a number
// followed by an issuer code.
std::optional<DecisionNumber> ParseDecisionNumber(std::string_view text);

// The matching key of any text that may be a decision number: upper case,
// Đ/đ -> D, '-', '/', '.', spaces removed. "803/QĐ-CTN" and "803 QD CTN" agree.
std::string DecisionKey(std::string_view text);

// Parses dates as printed: "10/8/1975", "10-08-1975", "10.8.1975",
// "ngày 10 tháng 8 năm 1975", "1975-08-10". Returns ISO "1975-08-10" or nullopt
// for impossible dates.
std::optional<std::string> ParseDate(std::string_view text);

}  // namespace sovang
