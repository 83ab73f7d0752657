#pragma once
// Golden-book columns named by their (OCR-read) header text: "STT", "Họ và
// tên", "Năm sinh", "Quê quán", "Chức vụ, đơn vị", "Hình thức khen thưởng",
// "Số và ngày quyết định" (or "Số QĐ" and "Ngày QĐ"), "Số sổ vàng", "Ghi
// chú"… in any order, any subset. Headers are matched on folded text with an
// edit distance relative to their length, so "Ho va tèn" and "Năm sirh" still
// name their columns.

#include <string>
#include <string_view>
#include <vector>

namespace sovang::ingest {

enum class LedgerColumn {
  kUnknown,
  kIndex,           // STT
  kName,            // họ và tên
  kBirthYear,       // năm sinh
  kGender,          // giới tính, nam/nữ
  kHometown,        // quê quán
  kCommune,         // xã
  kDistrict,        // huyện
  kProvince,        // tỉnh
  kUnit,            // chức vụ, đơn vị
  kAward,           // hình thức khen thưởng
  kDecision,        // số và ngày quyết định
  kDecisionNumber,  // số quyết định
  kDecisionDate,    // ngày quyết định
  kBookNumber,      // số sổ vàng
  kNote,            // ghi chú
};

std::string_view LedgerColumnName(LedgerColumn column);

// The column a header text names, with a score in 0..1 (1: exact synonym).
struct HeaderMatch {
  LedgerColumn column = LedgerColumn::kUnknown;
  double score = 0.0;
};
HeaderMatch MatchHeader(std::string_view header_text);

// Columns of a header row, one per header cell; each column named at most
// once (the better-matching cell wins), the rest kUnknown.
std::vector<LedgerColumn> MapHeader(const std::vector<std::string>& header_texts);

// Whether `header_text` names `column` as a whole, not only by its first
// words: two header cells OCR split apart ("Hình thức" | "khen thưởng", a
// gap inside a column of a table ruled only across) name one column together,
// where "Họ và tên" | "Dân tộc" do not.
bool NamesWhole(std::string_view header_text, LedgerColumn column);

// How many cells of a row name known columns: a row with at least two is a header.
int CountHeaderCells(const std::vector<std::string>& texts);

}  // namespace sovang::ingest
