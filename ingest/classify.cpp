// Which kind of page: a golden-book ledger, a decision's annex list, a
// certificate, or something else. Decided from the words (folded) and the
// table the recogniser found.

#include <algorithm>

#include "ingest/extract.h"
#include "ingest/extract_kinds.h"
#include "ingest/ledger_columns.h"

namespace sovang::ingest {

namespace {

bool Has(const TextRun& run, std::string_view phrase) { return FindPhrase(run, run.all(), phrase).has_value(); }

}  // namespace

int LedgerHeaderRows(const ocr::Table& table) {
  if (table.rows < 2 || table.cols < 2) return 0;
  auto row_texts = [&](int r) {
    std::vector<std::string> texts;
    for (int c = 0; c < table.cols; ++c) {
      const ocr::Cell* cell = table.at(r, c);
      texts.push_back(cell ? TextRun::FromCell(*cell).text() : std::string());
    }
    return texts;
  };
  // The header is the first row naming at least two columns, within the first three rows.
  for (int r = 0; r < std::min(3, table.rows - 1); ++r)
    if (CountHeaderCells(row_texts(r)) >= 2) return r + 1;
  return 0;
}

PageKind ClassifyPage(const ocr::RecognizedPage& page) {
  if (page.table && LedgerHeaderRows(*page.table) > 0) return PageKind::kLedger;

  const std::vector<ocr::Line> lines = JoinSplitLines(page.lines);
  const TextRun all = TextRun::FromLines(lines);
  int annex = 0, certificate = 0, ledger = 0;
  if (Has(all, "kem theo quyet dinh") || Has(all, "kem theo qd")) annex += 3;
  if (Has(all, "danh sach")) annex += 1;
  if (Has(all, "so vang khen thuong")) ledger += 3;
  if (Has(all, "so so vang")) certificate += 1;
  if (Has(all, "so quyet dinh")) certificate += 1;
  if (Has(all, "da co thanh tich") || Has(all, "da co cong")) certificate += 1;

  int numbered = 0, honorific_entries = 0, header_lines = 0;
  for (const auto& line : lines) {
    const TextRun run = TextRun::FromLine(line);
    if (IsTangLine(run)) certificate += 3;
    if (auto n = LeadingNumber(run)) {
      ++numbered;
      if (HonorificAt(run, n->rest)) ++honorific_entries;
    } else if (auto h = HonorificAt(run, run.all()); h && h->span.begin > 0) {
      ++honorific_entries;  // ". Ông …": an entry whose number OCR lost
    }
    // A ledger read without its table: a line of column titles.
    if (Has(run, "ho va ten") && (Has(run, "nam sinh") || Has(run, "que quan"))) ++header_lines;
  }
  if (honorific_entries >= 2) annex += 3;
  if (header_lines > 0) ledger += 2;
  if (numbered >= 3 && honorific_entries * 2 < numbered) ledger += 2;
  if (page.table) ledger += 1;

  const int best = std::max({annex, certificate, ledger});
  if (best < 3) return PageKind::kOther;
  if (best == annex) return PageKind::kAnnex;
  if (best == ledger) return PageKind::kLedger;
  return PageKind::kCertificate;
}

}  // namespace sovang::ingest
