#pragma once
// How ingest-like commands print their summary: one JSON object with --json,
// a Vietnamese sentence otherwise. Returns the exit code the report deserves.

#include "ingest/pipeline.h"

namespace sovang::cli {

int PrintIngestReport(const ingest::IngestReport& report, bool json);

}  // namespace sovang::cli
