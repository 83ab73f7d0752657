#pragma once
// Finding and normalising single fields in OCR text: decision numbers and
// dates, birth years, golden-book numbers, authorities. Every finder works on
// the folded text of a TextRun (marks removed, lower case) and tolerates the
// usual OCR confusions (O/0, l/1, Ð/Đ, stray spaces around separators).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/confidence.h"
#include "ingest/extract_text.h"

namespace sovang::ingest {

// A value found in a run: where it is and what it means.
struct Found {
  Span span;                                  // in TextRun::folded()
  std::string value;                          // normalised; empty when the text was found but makes no sense
  bool corrected = false;                     // OCR confusions were repaired to get the value
  bool valid = true;                          // passed validation (year in range, well-formed number, ...)
  Validation validation = Validation::kNone;  // how much passing it says
  double confidence = -1.0;                   // OCR confidence of what carries the value; < 0: the span's
  // The value is OCR's reading with one confusion undone where the reading
  // failed validation ("84/01/1991" -> 04/01/1991): a guess for a person to
  // confirm, capped like a failed value.
  bool guessed = false;
};

// --- Digits -----------------------------------------------------------------

// Replaces letters OCR confuses with digits (O o Q D -> 0, l I i | ! -> 1) in
// every token of folded text that is mostly digits ("l93O" -> "1930",
// "sinh" stays). Same length as the input: spans stay valid.
std::string FixDigits(std::string_view folded);

// The one reading of `digits` with a zero OCR read as 6, 8 or 9 undone
// (dotted and slashed zeros) that `fits`; nullopt when none or several do.
// (A three read as 5 is as common in some fonts, but undoing it turned right
// readings of implausible records into wrong ones.)
std::optional<std::string> UndoDigitConfusion(const std::string& digits,
                                              const std::function<bool(const std::string&)>& fits);

inline constexpr int kMinYear = 1850;
inline constexpr int kMaxYear = 2025;

// --- Decision numbers ---------------------------------------------------------

struct DecisionText {
  std::string value;       // "803/QĐ-CTN": spacing normalised, confusions repaired
  bool corrected = false;  // something other than spacing was repaired
  bool well_formed = false;
  bool known_issuer = false;  // every letter segment is a known code (QĐ, CTN, TTg, HĐNN…)
  bool digits_corrected = false;  // the repair touched the digits ("8O3"), not only the letters ("QĐĐ")
  // A Council of State resolution without its legislature number ("NQ/HĐNN"
  // for "NQ/HĐNN8", the digit read as a letter and dropped): incomplete.
  bool incomplete = false;
};

// Normalises a decision number as printed (original case):
// "8O3 / QÐ-CTN" -> "803/QĐ-CTN", "l2NQ/HDNN8" -> "12NQ/HĐNN8"; issuer codes
// one letter off a known one are repaired ("QB" -> "QĐ", "CTI" -> "CTN").
DecisionText NormalizeDecisionNumber(std::string_view verbatim);

// The legislature of the Council of State (Hội đồng Nhà nước) that issued a
// resolution dated `iso_date` ("1985-03-02" -> '7'): the VIIth sat from July
// 1981 to June 1987, the VIIIth from July 1987 to September 1992; 0 outside.
char CouncilOfStateTerm(std::string_view iso_date);

// A Council of State number read without its legislature ("297-NQ/HĐNN",
// the digit read as a letter, "HĐNNG", or lost) completed from the decision
// date: "297-NQ/HĐNN8". `trusted` when the character read where the digit
// stands looks like it (G, S, B for an 8; T for a 7): the reading and the
// date agree. Nullopt when the number is complete or the date says nothing.
struct CompletedNumber {
  std::string value;
  bool trusted = false;
};
std::optional<CompletedNumber> CompleteCouncilOfStateNumber(const std::string& value, const std::string& verbatim,
                                                            const std::string& iso_date);

// A phrase of folded words found with at most one error per word of four
// letters or more ("quyet dinh so" finds "quyet dinb so", "quvet dinh so").
std::optional<Span> FindPhrase(const TextRun& run, Span within, std::string_view phrase);
// The alphanumeric tokens of folded text within a span.
std::vector<Span> Tokens(const TextRun& run, Span within);

// The decision number after a keyword ("Quyết định số", "QĐ số", "Số quyết
// định", "Số QĐ"), or, with `bare`, at the start of `within` (a table cell) or
// anywhere as a token shaped like one ("543/QĐ-CTN").
std::optional<Found> FindDecisionNumber(const TextRun& run, Span within, bool bare = false);

// The first date in the span: "ngày 10 tháng 8 năm 1975", "10/8/1975", ... -> ISO.
// A decision date before 1945 or after 2025 is found but invalid (empty value).
std::optional<Found> FindDate(const TextRun& run, Span within);

// --- Years, book numbers ----------------------------------------------------------

// A birth year after "sinh năm", "năm sinh", "sinh", "SN", or in brackets after
// the name; with `bare`, the first year-like token of the span (a table cell),
// or a five-digit token with one digit too many (a table rule read as "4").
// A year outside 1850..2025 is found but invalid (empty value).
std::optional<Found> FindBirthYear(const TextRun& run, Span within, bool bare = false);

// The golden-book number after "số sổ vàng" / "sổ vàng số"; with `bare`, the
// first token with a digit (a table cell).
std::optional<Found> FindBookNumber(const TextRun& run, Span within, bool bare = false);

// --- Authorities --------------------------------------------------------------------

// The awarding authority named in the text ("của Chủ tịch nước", "THỦ TƯỚNG
// CHÍNH PHỦ", "Hội đồng Nhà nước"), as the catalog spells it.
std::optional<Found> FindAuthority(const TextRun& run, Span within);

// The authority that issues decisions with this issuer code: "QĐ-CTN" ->
// "Chủ tịch nước", "TTg" -> "Thủ tướng Chính phủ", "NQ/HĐNN7" -> "Hội đồng Nhà
// nước". Empty when unknown.
std::string AuthorityOfIssuer(std::string_view issuer);

}  // namespace sovang::ingest
