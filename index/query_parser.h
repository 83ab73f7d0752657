#pragma once
// The clerk's query language, parsed without looking at the index.
//
//   free text            Nguyễn Văn Thạch 1932 Lộc Yên 803/QĐ-CTN
//   "quoted text"        a phrase (name words in this order)
//   ten:VALUE            name
//   nam:1930             birth year; nam:1925..1935, nam:..1930, nam:1925..
//                        (also 1925-1935)
//   xa:VALUE huyen:VALUE tinh:VALUE    commune, district, province
//   khen:VALUE           award (words or a catalog code)
//   so:VALUE             decision number or book number
//
// Field names may be typed with marks (tên:, năm:, xã:, huyện:, tỉnh:, số:).
// A field's value is a quoted string or runs to the next field (nam: takes one
// word). The query builder may give the tail of a place or number value back
// to free text when the index does not know it as one place/number.

#include <string>
#include <string_view>
#include <vector>

namespace sovang::index {

enum class PartKind {
  kText,      // free words
  kPhrase,    // "quoted free words"
  kName,      // ten:
  kBirthYear, // nam:
  kCommune,   // xa:
  kDistrict,  // huyen:
  kProvince,  // tinh:
  kAward,     // khen:
  kNumber,    // so:
};

struct QueryPart {
  PartKind kind = PartKind::kText;
  std::string raw;                 // the text as typed (NFC), for number detection
  std::vector<std::string> words;  // Tokenize(raw)
  bool quoted = false;             // the value was quoted
  int year_from = 0, year_to = 0;  // kBirthYear: inclusive, 0 = open
};

struct ParsedQuery {
  std::vector<QueryPart> parts;
  bool empty() const { return parts.empty(); }
};

struct QueryLimits {
  std::size_t max_bytes = 1000;
  std::size_t max_words = 40;
};

// Parses a query. Blank input gives an empty ParsedQuery (the caller decides
// what that means). Throws Error(kInvalidArgument) with a message a clerk can
// act on: unbalanced quote, unknown field, field without value, bad year or
// range, query too long, nothing searchable.
ParsedQuery ParseQuery(std::string_view query, const QueryLimits& limits = {});

}  // namespace sovang::index
