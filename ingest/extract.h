#pragma once
// From a recognised page to records: classify the page (ledger, decision annex
// list, certificate, other) and turn it into one record per person and award,
// each field with its verbatim text, normalised value, confidence and box.

#include <vector>

#include "core/award_catalog.h"
#include "core/gazetteer.h"
#include "core/record.h"
#include "ocr/recognizer.h"

namespace sovang::ingest {

struct ExtractContext {
  const AwardCatalog& awards;
  const Gazetteer& places;
  SourceRef source;  // file, sha256, page, page_id: copied into every record
  // Repair names with the lexicons and Hunspell where safe (ingest/post_correct.h).
  bool post_correct = true;
};

PageKind ClassifyPage(const ocr::RecognizedPage& page);

// Records of a page, ids from MakeRecordId(source.sha256, source.page, n),
// review state set from field confidences and validation.
std::vector<Record> ExtractRecords(const ocr::RecognizedPage& page, const ExtractContext& context);

// An annex list or a ledger section that runs over several pages states its
// decision (and the award heading) only on the first. Given the records of
// the previous page of the same file, fills the decision number, date and
// authority and the award that records of `page` lack entirely (nothing read
// for them on their own page), then re-applies the review rules. Call page by
// page, in page order, with the previous page's records already completed.
void InheritFromPreviousPage(const std::vector<Record>& previous, std::vector<Record>& page);

}  // namespace sovang::ingest
