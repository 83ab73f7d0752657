#include "index/snippet.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/decision_number.h"
#include "index/document_builder.h"
#include "text/html_escape.h"
#include "text/normalize.h"

namespace sovang::index {

using text::HtmlEscape;

namespace {

// ASCII letters and digits and every non-ASCII byte (Vietnamese letters are
// multi-byte) make words; general punctuation U+2000..U+206F does not.
bool WordByte(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return std::isalnum(c) != 0;
  return true;
}

std::size_t PunctuationLength(std::string_view s, std::size_t i) {
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      (static_cast<unsigned char>(s[i + 1]) == 0x80 || static_cast<unsigned char>(s[i + 1]) == 0x81))
    return 3;
  return 0;
}

// Marks every word of `text` whose folded form is in `words`.
std::string MarkWords(std::string_view text, const std::set<std::string>& words) {
  if (words.empty()) return HtmlEscape(text);  // nothing to mark: no word needs folding
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    if (!WordByte(text, i) || PunctuationLength(text, i) > 0) {
      const std::size_t n = std::max<std::size_t>(1, PunctuationLength(text, i));
      text::AppendHtmlEscaped(out, text.substr(i, n));
      i += n;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && WordByte(text, j) && PunctuationLength(text, j) == 0) ++j;
    const std::string_view word = text.substr(i, j - i);
    if (words.count(text::Fold(word))) {
      out += "<mark>";
      text::AppendHtmlEscaped(out, word);
      out += "</mark>";
    } else {
      text::AppendHtmlEscaped(out, word);
    }
    i = j;
  }
  return out;
}

std::string Mark(std::string_view text) { return "<mark>" + HtmlEscape(text) + "</mark>"; }

std::string Place(const Record& r, FieldId id, std::string_view label, std::string_view field_name,
                  const Highlight& h, const std::vector<PlaceNote>& notes) {
  const std::string& value = r.value(id);
  if (value.empty()) return {};
  std::string out = std::string(label) + " " + MarkWords(value, h.words);
  for (const PlaceNote& n : notes) {
    if (n.field != field_name || n.current.empty()) continue;
    out += " (nay: ";
    for (std::size_t i = 0; i < n.current.size(); ++i) {
      if (i) out += ", ";
      out += MarkWords(n.current[i], h.words);
    }
    out += ")";
  }
  return out;
}

}  // namespace

std::string MakeSnippet(const Record& r, const Highlight& h, const std::vector<PlaceNote>& notes) {
  std::vector<std::string> parts;
  std::string head = MarkWords(r.value(FieldId::kFullName), h.words);
  if (const auto year = r.birth_year()) {
    const bool hit = h.years.count(*year) ||
                     ((h.year_from || h.year_to) && (!h.year_from || *year >= h.year_from) &&
                      (!h.year_to || *year <= h.year_to));
    const std::string y = std::to_string(*year);
    head += (head.empty() ? "sinh " : ", sinh ") + (hit ? Mark(y) : y);
  }
  if (!head.empty()) parts.push_back(head);

  std::string place;
  for (const auto& [id, label, name] : {std::tuple{FieldId::kCommune, "xã", "commune"},
                                        std::tuple{FieldId::kDistrict, "huyện", "district"},
                                        std::tuple{FieldId::kProvince, "tỉnh", "province"}}) {
    const std::string p = Place(r, id, label, name, h, notes);
    if (p.empty()) continue;
    if (!place.empty()) place += ", ";
    place += p;
  }
  if (!place.empty()) parts.push_back(place);

  if (const std::string& award = r.value(FieldId::kAward); !award.empty()) parts.push_back(MarkWords(award, h.words));

  if (const std::string& number = r.value(FieldId::kDecisionNumber); !number.empty()) {
    bool hit = false;  // most queries ask for no number: nothing to parse
    if (!h.decision_keys.empty())
      for (const std::string& key : DecisionTermKeys(number)) hit = hit || h.decision_keys.count(key);
    if (!hit && !h.numbers.empty())
      if (const auto parsed = ParseDecisionNumber(number)) hit = h.numbers.count(DecisionTermKey(parsed->number)) > 0;
    std::string d = "QĐ " + (hit ? Mark(number) : HtmlEscape(number));
    if (const std::string& date = r.value(FieldId::kDecisionDate); !date.empty()) d += " ngày " + HtmlEscape(date);
    parts.push_back(d);
  }
  if (const std::string& book = r.value(FieldId::kBookNumber); !book.empty()) {
    const bool hit = h.book_keys.count(DecisionTermKey(book)) > 0;
    parts.push_back("sổ " + (hit ? Mark(book) : HtmlEscape(book)));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += " · ";
    out += parts[i];
  }
  return out;
}

}  // namespace sovang::index
