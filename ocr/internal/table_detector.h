#pragma once
// Internal to sovang::ocr: finding a ruled table (a golden-book ledger) on a
// cleaned, deskewed binary page by mathematical morphology.

#include <optional>
#include <vector>

#include "core/record.h"
#include "ocr/internal/pix.h"

namespace sovang::ocr {

struct TableGrid {
  Box box;                     // the table on the page
  std::vector<int> row_edges;  // y of row boundaries, top to bottom (rows + 1)
  std::vector<int> col_edges;  // x of column boundaries, left to right (cols + 1)
  bool ruled_columns = true;   // false: columns found by the alignment of the text
  PixPtr rules;                // 1 bpp mask of the ruling lines, slightly widened

  int rows() const { return static_cast<int>(row_edges.size()) - 1; }
  int cols() const { return static_cast<int>(col_edges.size()) - 1; }
  // The inside of cell (r, c), away from the rules around it.
  Box CellInterior(int r, int c) const;
  Box CellBox(int r, int c) const;  // edge to edge
};

// The largest ruled table on the page, if any: at least three horizontal rules
// (two rows). Columns come from vertical rules, or, when the table has none,
// from gaps in the text that line up down the rows.
std::optional<TableGrid> FindTable(Pix* binary, int dpi);

}  // namespace sovang::ocr
