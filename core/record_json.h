#pragma once
// Record <-> JSON in the shape of shared/design.md §3 ("Record JSON").

#include <nlohmann/json.hpp>

#include "core/record.h"

namespace sovang {

struct RecordJsonOptions {
  // Adds "fields": {"full_name": {"verbatim", "confidence", "bbox"}, ...} and
  // "kind": the per-field evidence staff see on a record's page.
  bool with_field_detail = false;
};

nlohmann::json RecordToJson(const Record& record, const RecordJsonOptions& options = {});

// Reads the contract shape back (field details when present). Missing keys
// become absent fields; throws Error(kInvalidArgument) on wrong types.
Record RecordFromJson(const nlohmann::json& json);

}  // namespace sovang
