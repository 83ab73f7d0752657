#include "ingest/extract.h"

#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"

namespace sovang::ingest {

std::vector<Record> ExtractRecords(const ocr::RecognizedPage& page, const ExtractContext& context) {
  const ExtractTools tools(context);
  switch (ClassifyPage(page)) {
    case PageKind::kLedger:
      return ExtractLedger(page, tools);
    case PageKind::kAnnex:
      return ExtractAnnex(page, tools);
    case PageKind::kCertificate:
      return ExtractCertificate(page, tools);
    default:
      return {};
  }
}

void InheritFromPreviousPage(const std::vector<Record>& previous, std::vector<Record>& page) {
  if (previous.empty()) return;
  const Record& last = previous.back();
  auto empty = [](const Field& f) { return !f.present() && f.verbatim.empty(); };
  for (Record& record : page) {
    if (record.kind != last.kind || (record.kind != PageKind::kAnnex && record.kind != PageKind::kLedger)) continue;
    bool changed = false;
    if (empty(record[FieldId::kDecisionNumber]) && last[FieldId::kDecisionNumber].present()) {
      record[FieldId::kDecisionNumber] = last[FieldId::kDecisionNumber];
      if (empty(record[FieldId::kDecisionDate])) record[FieldId::kDecisionDate] = last[FieldId::kDecisionDate];
      // An authority inferred on this page (no verbatim) yields to the decision's.
      if (record[FieldId::kAuthority].verbatim.empty() && last[FieldId::kAuthority].present())
        record[FieldId::kAuthority] = last[FieldId::kAuthority];
      changed = true;
    }
    if (empty(record[FieldId::kAward]) && last[FieldId::kAward].present()) {
      record[FieldId::kAward] = last[FieldId::kAward];
      record[FieldId::kAwardCode] = last[FieldId::kAwardCode];
      changed = true;
    }
    if (changed) ApplyReviewRules(record);
  }
}

}  // namespace sovang::ingest
