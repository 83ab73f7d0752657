#pragma once
// How sure a field is, and when a record needs a person to look at it.
//
// A field's confidence starts from the OCR confidence of its words (the mean
// pulled halfway toward the weakest word). Validation that passes raises it:
// what is left of the doubt shrinks to 40% when the value is exactly an entry
// of a closed list that agrees with its context (a gazetteer unit under the
// district printed next to it, an award spelled as in the catalog, "Ông"),
// and to 70% when it has the right shape (a well-formed decision number, a
// year in 1850..2025, a possible date). Then it is multiplied by what had to
// be done to get the value:
//   ×0.92 OCR confusions repaired to get the value (O→0, l→1, Ð→Đ, QD→QĐ)
//   ×0.9  place repaired to the gazetteer's spelling; name syllable repaired
//   ×0.8  a name syllable with marks OCR often confuses ("Sẵn", "Săn")
//   ×score award matched fuzzily (score = 1 - edit distance / length, ≥ 0.75)
//   ×0.7  award ambiguous between two forms; commune unknown in an area the
//         gazetteer covers
//   ≤0.5  failed validation (implausible name, unknown ward…)
// A record needs review when a present field is under kReviewThreshold, a
// field was seen but gave no value (a year out of range, an award that is in
// no catalog, a malformed decision number) or is missing where it was
// expected (an empty field with a box: a ledger column the row left empty),
// the name or award is missing, or
// (scanned pages) the decision number is, or its date without the other.

#include <string>

#include "core/record.h"
#include "ingest/extract_text.h"

namespace sovang::ingest {

inline constexpr double kReviewThreshold = 0.80;
inline constexpr double kCorrectedFactor = 0.92;
inline constexpr double kRepairedFactor = 0.9;
inline constexpr double kAmbiguousFactor = 0.7;
// A name syllable with marks OCR often confuses (name_parse.h DoubtfulSyllables).
inline constexpr double kDoubtfulMarkFactor = 0.8;
inline constexpr double kFailedCap = 0.5;

enum class Validation {
  kNone,     // nothing to check the value against (names, book numbers)
  kPattern,  // the value has the right shape
  kLexicon,  // the value is an entry of a closed list and agrees with its context
};

// OCR confidence raised by passed validation.
double Validated(double ocr_confidence, Validation validation);

// A field read from a span of a run: verbatim text, box, and the OCR
// confidence of its words raised by `validation`, times `quality`.
Field MakeField(const TextRun& run, Span span, std::string value, double quality = 1.0,
                Validation validation = Validation::kNone);

// A field inferred rather than read (an authority from the award's catalog
// entry): no verbatim, no box.
Field InferredField(std::string value, double confidence);

// Caps a field that failed validation.
void MarkInvalid(Field& field);

// Sets record.confidence (weakest present field) and record.review.
void ApplyReviewRules(Record& record);

}  // namespace sovang::ingest
