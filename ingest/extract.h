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
};

PageKind ClassifyPage(const ocr::RecognizedPage& page);

// Records of a page, ids from MakeRecordId(source.sha256, source.page, n),
// review state set from field confidences and validation.
std::vector<Record> ExtractRecords(const ocr::RecognizedPage& page, const ExtractContext& context);

}  // namespace sovang::ingest
