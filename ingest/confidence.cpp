#include "ingest/confidence.h"

#include <algorithm>

namespace sovang::ingest {

Field MakeField(const TextRun& run, Span span, std::string value, double quality) {
  Field f;
  f.verbatim = run.Verbatim(span);
  f.value = std::move(value);
  f.box = run.BoxOf(span);
  f.confidence = std::clamp(run.ConfidenceOf(span) * quality, 0.0, 1.0);
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
  for (const Field& f : record.fields) {
    if (f.present() && f.confidence < kReviewThreshold) doubtful = true;
    if (!f.present() && !f.verbatim.empty()) doubtful = true;  // seen, but no sense made of it
  }
  record.review = doubtful ? ReviewState::kNeedsReview : ReviewState::kAuto;
}

}  // namespace sovang::ingest
