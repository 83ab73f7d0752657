#include "ingest/confidence.h"

#include <algorithm>

namespace sovang::ingest {

double Validated(double ocr_confidence, Validation validation) {
  const double c = std::clamp(ocr_confidence, 0.0, 1.0);
  switch (validation) {
    case Validation::kLexicon:
      return 1.0 - (1.0 - c) * 0.4;
    case Validation::kPattern:
      return 1.0 - (1.0 - c) * 0.7;
    default:
      return c;
  }
}

Field MakeField(const TextRun& run, Span span, std::string value, double quality, Validation validation) {
  Field f;
  f.verbatim = run.Verbatim(span);
  f.value = std::move(value);
  f.box = run.BoxOf(span);
  const double ocr = run.ConfidenceOf(span);
  f.confidence = std::clamp(Validated(ocr, f.value.empty() ? Validation::kNone : validation) * quality, 0.0, 1.0);
  return f;
}

Field InferredField(std::string value, double confidence) {
  Field f;
  f.value = std::move(value);
  f.confidence = std::clamp(confidence, 0.0, 1.0);
  return f;
}

void MarkInvalid(Field& field) { field.confidence = std::min(field.confidence, kFailedCap); }

void ApplyReviewRules(Record& record) {
  UpdateRecordConfidence(record);
  bool doubtful = !record[FieldId::kFullName].present() || !record[FieldId::kAward].present();
  // A decision is found by its number and date together: one without the
  // other was misread or missed.
  if (record[FieldId::kDecisionNumber].present() != record[FieldId::kDecisionDate].present()) doubtful = true;
  // Every award here was given by a decision: none read is a decision missed.
  const bool scanned =
      record.kind == PageKind::kLedger || record.kind == PageKind::kAnnex || record.kind == PageKind::kCertificate;
  if (scanned && !record[FieldId::kDecisionNumber].present()) doubtful = true;
  for (const Field& f : record.fields) {
    if (f.present() && f.confidence < kReviewThreshold) doubtful = true;
    if (!f.present() && !f.verbatim.empty()) doubtful = true;  // seen, but no sense made of it
    if (!f.present() && !f.box.empty()) doubtful = true;       // where it should be, nothing read
  }
  record.review = doubtful ? ReviewState::kNeedsReview : ReviewState::kAuto;
}

}  // namespace sovang::ingest
