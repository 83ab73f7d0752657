#pragma once
// The record a search hit shows, as an index document's data holds it.
//
// A compact binary form, read straight into a Record: building a page of hits
// spent a third of a decision-number search parsing record JSON into a DOM
// and inflating it (the JSON's keys made the data twice as long). Documents
// written before this form hold the record JSON (design §3, without field
// detail); DecodeHitData reads both, so old indexes keep working until the
// next `sovang reindex`.
//
// Layout (integers as unsigned LEB128 varints; strings as length + bytes):
//   0x01                         format
//   id                           string
//   present fields               varint, bit i = FieldId i
//   value of each present field  string, in FieldId order
//   kind, review                 one byte each (enum order)
//   confidence                   8 bytes, IEEE double bits, little end first
//   source file, sha256          strings
//   page, row, page_id           varints
//   bbox x, y, w, h              zigzag varints

#include <optional>
#include <string>
#include <string_view>

#include "core/record.h"

namespace sovang::index {

std::string EncodeHitData(const Record& record);

// The record held by a document's data, field values only (verbatim = value,
// confidence 1, as in the record JSON); nullopt when the data is neither form.
std::optional<Record> DecodeHitData(std::string_view data);

}  // namespace sovang::index
