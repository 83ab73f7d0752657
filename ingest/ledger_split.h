#pragma once
// Column titles found among a ledger header's words, and a table column
// whose header cell names several columns split into one per title.
// Inside extraction (extract_ledger.cpp), not a contract for other modules.

#include <optional>
#include <vector>

#include "ingest/ledger_columns.h"
#include "ocr/recognizer.h"

namespace sovang::ingest {

// Where a named column's title sits on a header line.
struct Anchor {
  LedgerColumn column;
  int x0, x1;
};

// Below this OCR confidence a word takes no part in a column title.
inline constexpr double kTitleWordConfidence = 0.3;

// The column titles of a line of header words (left to right), each column
// once, the best non-overlapping runs of up to five words.
std::vector<Anchor> AnchorsOf(const ocr::Line& line);

// A column whose header cell names several columns ("STT Họ và tên Năm
// sinh Quê quán" over cells holding "342 Nguyễn Ngọc 1948 Vũ Lễ - Bắc
// Sơn"): a table without vertical rules whose columns stood too close for
// the text alignment to part them. The table with such columns split, one
// per title; nullopt when no column is. Only into columns named nowhere
// else; a column the header names by one of its titles (its first: "Quê
// quán Chức vụ, đơn vị") only where the titles stand a word's height apart.
std::optional<ocr::Table> SplitCrowdedColumns(const ocr::Table& table, int header_rows);

}  // namespace sovang::ingest
