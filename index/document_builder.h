#pragma once
// Turns a Record into the Xapian document that represents it in the index.
// Internal to sovang::index (the Xapian type is only forward-declared here).
//
// Terms (every prefix is upper case and every term body starts with a lower
// case letter or a digit, so no two prefixes can be confused):
//
//   Q    record id, unique (boolean)             Q3f2a…-p1-r4
//   NE   name token, exact NFC lower case        NEthạch
//   NT   name token, tone canonical              NThoà   ("hoà" and "hòa" alike;
//                                                text::CanonicalTone decides)
//        (NE and NT only for a token with marks: queries ask for them only
//        for words typed with marks)
//   NF   name token, folded; WITH POSITIONS      NFthach (phrases "…")
//   NB   name bigram, folded, as one term        NBvan_thach; also skipping a
//        middle Văn/Thị, so "Nguyễn Văn Thạch" has NBnguyen_thach too
//   NW   whole name, folded, '_'-joined          NWnguyen_van_thach (a query
//        naming exactly the printed name ranks it above "Nguyễn Văn Thìn"
//        for "Nguyễn Thìn"; see WholeNameKey)
//   NG   surname and given name (first and last  NGnguyen_thach ("Nguyễn Đức"
//        name word), folded, when there are two  ranks "Nguyễn Công Đức" above
//        or more words                           "Nguyễn Đức Quang")
//   NY   name token, folded, with the birth      NYthach_1932 (boolean; a
//        year                                    nam: filter intersects one
//                                                short list, not a name word's
//                                                with the year's: see
//                                                kTermFamiliesKey)
//   NC   surname and given name (NG) with the    NCnguyen_thach_loc_yen
//        commune (XC), '_'-joined (boolean; a    (the first two words are
//        name + commune query looks up short     the name's ends, the rest
//        lists instead of walking a common       the commune)
//        name's against a commune's: see
//        kTermFamiliesKey)
//   PC   commune word, folded                    PCloc
//   PH   district word, folded                   PHcao
//   PT   province word, folded                   PTlang
//   XC   commune, whole name folded, '_'-joined  XCloc_yen
//   XH   district, whole name                    XHcao_loc
//   XT   province, whole name                    XTlang_son
//   A    award word, folded                      Akhang
//   AB   award bigram, folded                    ABkhang_chien
//   K    award code, lower case                  Khckc-cp-1
//   D    decision number key (DecisionKey,       D803qdctn; with a year also
//        lower case)                             the key without it:
//                                                D1502qdctn and D15022005qdctn
//   DX   decision number key as printed (the     DX803qdctn, DX15022005qdctn
//        first D key only): "1467 QĐ CTN" ranks
//        1467/QĐ-CTN above 1467/2005/QĐ-CTN
//   DN   decision number alone                   DN803, DN6b
//   DY   decision year                           DY1975
//   B    book (golden book / certificate) number B73372
//   Y    birth year                              Y1932
//   G    gender, folded                          Gnam
//
// Value slots:
//   0  birth year, Xapian::sortable_serialise(year)   (ranges, sorting)
//   1  decision date, ISO "1975-08-10"                 (sorting, ranges)
//   2  award as normalised           (sorting; the facets read slot 7)
//   3  district as written
//   4  birth decade "1930"
//   5  province as written
//   6  commune as written
//   7  facets packed: award US district US decade (US = '\x1f'), so one
//      built-in ValueCountMatchSpy reads one slot per document (three spies
//      on three slots thrash the value cursor; a custom spy would not work
//      over the remote backend)
//
// Document data: the record's field values, source and state in the binary
// form of index/hit_data.h, so a hit needs no SQLite (indexes written before
// that form hold the record JSON; both are read).
//
// Changing any of this changes what old indexes hold: run `sovang reindex`.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.h"

namespace Xapian {
class Document;
}

namespace sovang::index {

namespace prefix {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kNameExact = "NE";
inline constexpr std::string_view kNameTone = "NT";
inline constexpr std::string_view kNameFolded = "NF";
inline constexpr std::string_view kNameBigram = "NB";
inline constexpr std::string_view kNameWhole = "NW";
inline constexpr std::string_view kNameEnds = "NG";
inline constexpr std::string_view kNameYear = "NY";
inline constexpr std::string_view kNameCommune = "NC";
inline constexpr std::string_view kCommuneWord = "PC";
inline constexpr std::string_view kDistrictWord = "PH";
inline constexpr std::string_view kProvinceWord = "PT";
inline constexpr std::string_view kCommune = "XC";
inline constexpr std::string_view kDistrict = "XH";
inline constexpr std::string_view kProvince = "XT";
inline constexpr std::string_view kAwardWord = "A";
inline constexpr std::string_view kAwardBigram = "AB";
inline constexpr std::string_view kAwardCode = "K";
inline constexpr std::string_view kDecision = "D";
inline constexpr std::string_view kDecisionNumber = "DN";
inline constexpr std::string_view kDecisionExact = "DX";
inline constexpr std::string_view kDecisionYear = "DY";
inline constexpr std::string_view kBook = "B";
inline constexpr std::string_view kBirthYear = "Y";
inline constexpr std::string_view kGender = "G";
}  // namespace prefix

// Values hold only what a query reads: every byte a document carries costs
// ~10 MB at 10 million records (target: the index in <= 10 GB). Slots 1-6
// held award, places and dates that nothing read; they are left unused so
// that older indexes stay readable.
namespace slot {
inline constexpr unsigned kBirthYear = 0;  // sortable year: birth-year ranges
inline constexpr unsigned kFacets = 7;     // award code (or name), district, decade
}  // namespace slot

inline constexpr char kFacetSeparator = '\x1f';

// Index metadata naming the term families added after the first index format
// that every document of the index holds. An index is marked when it is
// created empty (a new archive, `sovang reindex`); one that already held
// documents keeps its mark, or lacks it, so that no query asks for terms its
// older documents do not have.
inline constexpr std::string_view kTermFamiliesKey = "term_families";
inline constexpr std::string_view kNameYearFamily = "name_year";        // NY terms
inline constexpr std::string_view kNameCommuneFamily = "name_commune";  // NC terms
inline constexpr std::string_view kTermFamilies = "name_year name_commune";

// Whether the families of an index's kTermFamiliesKey metadata (words
// separated by spaces) include `family`.
bool HasTermFamily(std::string_view families, std::string_view family);
// Whether they include every family of kTermFamilies.
bool HasEveryTermFamily(std::string_view families);

// Longest token indexed (bytes); longer runs are OCR garbage and would only
// bloat the vocabulary (Xapian's own limit is 245 bytes per term).
inline constexpr std::size_t kMaxTokenBytes = 64;

// The search keys of one name token (already NFC lower case, from Tokenize).
struct TokenKeys {
  std::string exact;   // NFC lower case
  std::string tone;    // tone placed the modern way
  std::string folded;  // marks removed, đ -> d
};
TokenKeys KeysOf(std::string_view token);

// Whether a name token (NFC lower case, as typed or printed) is Văn or Thị,
// the middle names documents drop or add. With marks it must be exactly that
// (text::IsMiddleNameFiller: "Vân" is not); without marks "van"/"thi" count,
// since a query typed without marks means folded keys.
bool IsOptionalMiddle(std::string_view token);

// Bigrams of folded name tokens: adjacent pairs, plus pairs that skip one
// optional middle name (skippable[i]). {"nguyen","van","thach"} ->
// {"nguyen_van", "nguyen_thach", "van_thach"}.
std::vector<std::string> NameBigrams(const std::vector<std::string>& folded, const std::vector<bool>& skippable);

// The positions of the bigrams' words of an n-word name, in the same order:
// {0,1}, {0,2}, {1,2} for the example above.
std::vector<std::pair<std::size_t, std::size_t>> NameBigramPairs(std::size_t n, const std::vector<bool>& skippable);

// Whole-name key: the folded name words joined by '_' ({"nguyen", "thin"} ->
// "nguyen_thin"); empty when it would be too long for a term.
std::string WholeNameKey(const std::vector<std::string>& folded);

// Surname-and-given-name key: first and last folded name words joined by '_'
// ({"nguyen", "van", "thach"} -> "nguyen_thach"); empty for fewer than two.
std::string NameEndsKey(const std::vector<std::string>& folded);

// Name-and-year key: a folded name word and a birth year ("thach", 1932 ->
// "thach_1932").
std::string NameYearKey(std::string_view folded, int year);

// Name-and-commune key: a surname-and-given-name key (NameEndsKey) and a
// whole-place key (PlaceKey): ("nguyen_thach", "loc_yen") ->
// "nguyen_thach_loc_yen"; empty when either is, or when it would be too long
// for a term.
std::string NameCommuneKey(std::string_view ends, std::string_view commune);

// Whole-place key: folded words joined by '_' ("Lộc Yên" -> "loc_yen").
std::string PlaceKey(std::string_view name);

// Decision-number key as used in terms: DecisionKey() in lower case ASCII.
std::string DecisionTermKey(std::string_view text);

// Every D term body for a decision number value: the full key and, when the
// number carries a year ("1502/2005/QĐ-CTN"), the key without the year.
std::vector<std::string> DecisionTermKeys(std::string_view value);

// The decade facet value of a birth year: 1932 -> "1930".
std::string DecadeOf(int year);

// Fills doc (which should be empty) with the terms, values and data of record.
void BuildDocument(const Record& record, Xapian::Document& doc);

}  // namespace sovang::index
