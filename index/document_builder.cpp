#include "index/document_builder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include <xapian.h>

#include "core/decision_number.h"
#include "index/hit_data.h"
#include "text/name_variants.h"
#include "text/normalize.h"

namespace sovang::index {

namespace {

std::string Term(std::string_view prefix, std::string_view body) {
  std::string t;
  t.reserve(prefix.size() + body.size());
  t.append(prefix);
  t.append(body);
  return t;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Folded words of a field, without tokens too long to be words.
std::vector<std::string> FoldedWords(std::string_view value) {
  std::vector<std::string> out;
  for (const std::string& t : text::Tokenize(value)) {
    if (t.size() > kMaxTokenBytes) continue;
    out.push_back(text::Fold(t));
  }
  return out;
}

// Whether `ok` holds for every space-separated word of `words` (an empty
// string is one empty word); stops at the first that fails.
template <typename Predicate>
bool EveryWord(std::string_view words, Predicate ok) {
  for (std::size_t start = 0; start <= words.size();) {
    const std::size_t end = std::min(words.find(' ', start), words.size());
    if (!ok(words.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

void AddPlace(Xapian::Document& doc, std::string_view value, std::string_view word_prefix,
              std::string_view whole_prefix) {
  if (value.empty()) return;
  for (const std::string& w : FoldedWords(value)) doc.add_term(Term(word_prefix, w));
  const std::string key = PlaceKey(value);
  if (!key.empty() && key.size() <= 200) doc.add_boolean_term(Term(whole_prefix, key));
}

}  // namespace

TokenKeys KeysOf(std::string_view token) {
  TokenKeys k;
  k.exact = text::Lower(token);
  k.tone = text::CanonicalTone(k.exact);
  k.folded = text::Fold(k.exact);
  return k;
}

bool IsOptionalMiddle(std::string_view token) {
  const std::string folded = text::Fold(token);
  if (folded != "van" && folded != "thi") return false;
  return text::Lower(token) == folded || text::IsMiddleNameFiller(token);
}

std::vector<std::pair<std::size_t, std::size_t>> NameBigramPairs(std::size_t n, const std::vector<bool>& skippable) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    out.emplace_back(i, i + 1);
    if (i + 2 < n && i + 1 < skippable.size() && skippable[i + 1]) out.emplace_back(i, i + 2);
  }
  return out;
}

std::vector<std::string> NameBigrams(const std::vector<std::string>& folded, const std::vector<bool>& skippable) {
  std::vector<std::string> out;
  for (const auto& [a, b] : NameBigramPairs(folded.size(), skippable)) out.push_back(folded[a] + "_" + folded[b]);
  return out;
}

std::string WholeNameKey(const std::vector<std::string>& folded) {
  std::string key;
  for (const std::string& w : folded) {
    if (!key.empty()) key.push_back('_');
    key += w;
  }
  return key.size() <= 200 ? key : std::string();
}

std::string NameEndsKey(const std::vector<std::string>& folded) {
  if (folded.size() < 2) return {};
  return folded.front() + "_" + folded.back();
}

bool HasTermFamily(std::string_view families, std::string_view family) {
  return !EveryWord(families, [&](std::string_view word) { return word != family; });
}

bool HasEveryTermFamily(std::string_view families) {
  return EveryWord(kTermFamilies, [&](std::string_view family) { return HasTermFamily(families, family); });
}

std::string NameYearKey(std::string_view folded, int year) {
  std::string key(folded);
  key.push_back('_');
  key += std::to_string(year);
  return key;
}

std::string NameCommuneKey(std::string_view ends, std::string_view commune) {
  if (ends.empty() || commune.empty() || ends.size() + commune.size() > 200) return {};
  std::string key(ends);
  key.push_back('_');
  key.append(commune);
  return key;
}

std::string PlaceKey(std::string_view name) {
  std::string key;
  for (const std::string& w : FoldedWords(name)) {
    if (!key.empty()) key.push_back('_');
    key += w;
  }
  return key;
}

std::string DecisionTermKey(std::string_view text) { return AsciiLower(DecisionKey(text)); }

std::vector<std::string> DecisionTermKeys(std::string_view value) {
  std::vector<std::string> keys;
  const std::string full = DecisionTermKey(value);
  if (full.empty()) return keys;
  keys.push_back(full);
  if (const auto parsed = ParseDecisionNumber(value); parsed && parsed->year) {
    const std::string short_key = DecisionTermKey(parsed->number + parsed->issuer);
    if (short_key != full) keys.push_back(short_key);
  }
  return keys;
}

std::string DecadeOf(int year) { return std::to_string(year / 10 * 10); }

void BuildDocument(const Record& r, Xapian::Document& doc) {
  doc.set_data(EncodeHitData(r));
  doc.add_boolean_term(Term(prefix::kId, r.id));

  // Name: up to three keys per token; positions on the folded key for phrases;
  // bigrams as single terms so that most name queries need no positions.
  std::vector<std::string> folded_name;
  std::vector<bool> skippable;
  Xapian::termpos pos = 0;
  for (const std::string& token : text::Tokenize(r.value(FieldId::kFullName))) {
    if (token.size() > kMaxTokenBytes) continue;
    const TokenKeys k = KeysOf(token);
    doc.add_posting(Term(prefix::kNameFolded, k.folded), ++pos);
    // A word without marks ("Minh") needs no exact or tone key: queries ask
    // for those only for words typed with marks, whose keys have marks too.
    if (k.exact != k.folded) {
      doc.add_term(Term(prefix::kNameExact, k.exact));
      doc.add_term(Term(prefix::kNameTone, k.tone));
    }
    folded_name.push_back(k.folded);
    skippable.push_back(IsOptionalMiddle(k.exact));
  }
  for (const std::string& b : NameBigrams(folded_name, skippable)) doc.add_term(Term(prefix::kNameBigram, b));
  if (const std::string whole = WholeNameKey(folded_name); !whole.empty())
    doc.add_term(Term(prefix::kNameWhole, whole));
  if (const std::string ends = NameEndsKey(folded_name); !ends.empty()) doc.add_term(Term(prefix::kNameEnds, ends));
  const auto year = r.birth_year();
  if (year)
    for (const std::string& word : folded_name) doc.add_boolean_term(Term(prefix::kNameYear, NameYearKey(word, *year)));

  AddPlace(doc, r.value(FieldId::kCommune), prefix::kCommuneWord, prefix::kCommune);
  if (const std::string key = NameCommuneKey(NameEndsKey(folded_name), PlaceKey(r.value(FieldId::kCommune)));
      !key.empty())
    doc.add_boolean_term(Term(prefix::kNameCommune, key));
  AddPlace(doc, r.value(FieldId::kDistrict), prefix::kDistrictWord, prefix::kDistrict);
  AddPlace(doc, r.value(FieldId::kProvince), prefix::kProvinceWord, prefix::kProvince);

  const std::vector<std::string> award_words = FoldedWords(r.value(FieldId::kAward));
  for (std::size_t i = 0; i < award_words.size(); ++i) {
    doc.add_term(Term(prefix::kAwardWord, award_words[i]));
    if (i + 1 < award_words.size())
      doc.add_term(Term(prefix::kAwardBigram, award_words[i] + "_" + award_words[i + 1]));
  }
  if (const std::string& code = r.value(FieldId::kAwardCode); !code.empty())
    doc.add_boolean_term(Term(prefix::kAwardCode, AsciiLower(code)));

  if (const std::string& number = r.value(FieldId::kDecisionNumber); !number.empty()) {
    const std::vector<std::string> keys = DecisionTermKeys(number);
    for (const std::string& key : keys) doc.add_boolean_term(Term(prefix::kDecision, key));
    if (!keys.empty()) doc.add_term(Term(prefix::kDecisionExact, keys.front()));  // weighted: ranks as printed
    if (const auto parsed = ParseDecisionNumber(number))
      doc.add_boolean_term(Term(prefix::kDecisionNumber, AsciiLower(parsed->number)));
  }
  if (const std::string& date = r.value(FieldId::kDecisionDate); !date.empty()) {
    if (date.size() >= 4 && std::isdigit(static_cast<unsigned char>(date[0])))
      doc.add_term(Term(prefix::kDecisionYear, date.substr(0, 4)));  // weighted: a year in free text boosts
  }
  if (const std::string& book = r.value(FieldId::kBookNumber); !book.empty()) {
    const std::string key = DecisionTermKey(book);
    if (!key.empty()) doc.add_boolean_term(Term(prefix::kBook, key));
  }
  if (year) {
    doc.add_term(Term(prefix::kBirthYear, std::to_string(*year)));  // weighted: a year in free text boosts
    doc.add_value(slot::kBirthYear, Xapian::sortable_serialise(*year));
  }
  if (const std::string& gender = r.value(FieldId::kGender); !gender.empty())
    doc.add_boolean_term(Term(prefix::kGender, text::Fold(gender)));

  // The award by its catalog code when it has one (a few bytes instead of a
  // long name; facets show the catalog's name).
  const std::string& code = r.value(FieldId::kAwardCode);
  doc.add_value(slot::kFacets, (code.empty() ? r.value(FieldId::kAward) : code) + kFacetSeparator +
                                   r.value(FieldId::kDistrict) + kFacetSeparator +
                                   (year ? DecadeOf(*year) : std::string()));
}

}  // namespace sovang::index
