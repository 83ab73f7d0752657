#include "ocr/internal/table_detector.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "ocr/internal/ink_counts.h"

namespace sovang::ocr {
namespace {

struct BoxaDeleter {
  void operator()(Boxa* b) const noexcept { boxaDestroy(&b); }
};
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;

// A run of rows (or columns) of a projection that reach `threshold`.
struct Band {
  int begin = 0, end = 0;  // [begin, end)
  int mid() const { return (begin + end) / 2; }
};

std::vector<Band> BandsAbove(const std::vector<int>& projection, double threshold, int offset) {
  std::vector<Band> bands;
  const int n = static_cast<int>(projection.size());
  int start = -1;
  for (int i = 0; i <= n; ++i) {
    const bool on = i < n && projection[static_cast<std::size_t>(i)] >= threshold;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      bands.push_back(Band{start + offset, i + offset});
      start = -1;
    }
  }
  return bands;
}

// Edges from rule positions, plus the table's own border where an outer rule
// is missing; rules closer than `min_gap` to the previous edge are dropped.
std::vector<int> Edges(const std::vector<Band>& rules, int lo, int hi, int min_gap) {
  std::vector<int> out;
  if (rules.empty() || rules.front().mid() - lo >= min_gap) out.push_back(lo);
  for (const Band& b : rules) {
    if (out.empty() || b.mid() - out.back() >= min_gap) out.push_back(b.mid());
  }
  if (hi - out.back() >= min_gap) out.push_back(hi);
  return out;
}

// Columns of a table without vertical rules: x ranges where no body row has
// text, at least `min_gap` wide, give the column boundaries.
std::vector<int> ColumnsFromAlignment(Pix* ink, const Box& table, const std::vector<int>& row_edges, int dpi) {
  const int w = table.w;
  std::vector<int> covered(static_cast<std::size_t>(w), 0);
  const int rows = static_cast<int>(row_edges.size()) - 1;
  const int first_body = rows >= 3 ? 1 : 0;  // the header may straddle columns
  // Join the letters and words of a phrase: closing by ~1/10 in.
  PixPtr joined(pixCloseSafeBrick(nullptr, ink, std::max(3, dpi / 10), 1));
  if (!joined) return {};
  for (int r = first_body; r < rows; ++r) {
    const int inset = std::max(2, dpi / 60);
    const Box band{table.x, row_edges[r] + inset, table.w, row_edges[r + 1] - row_edges[r] - 2 * inset};
    if (band.empty()) continue;
    const std::vector<int> proj = InkByColumn(joined.get(), band);
    for (int x = 0; x < w && x < static_cast<int>(proj.size()); ++x) {
      if (proj[static_cast<std::size_t>(x)] > 0) ++covered[static_cast<std::size_t>(x)];
    }
  }
  // Gaps: runs of x covered by no body row, between text on both sides.
  const int min_gap = std::max(4, dpi / 12);
  std::vector<int> edges{table.x};
  int first_text = -1, last_text = -1;
  for (int x = 0; x < w; ++x) {
    if (covered[static_cast<std::size_t>(x)] > 0) {
      if (first_text < 0) first_text = x;
      last_text = x;
    }
  }
  if (first_text < 0) return {};
  int gap_start = -1;
  for (int x = first_text; x <= last_text; ++x) {
    const bool empty = covered[static_cast<std::size_t>(x)] == 0;
    if (empty && gap_start < 0) gap_start = x;
    if (!empty && gap_start >= 0) {
      if (x - gap_start >= min_gap) edges.push_back(table.x + (gap_start + x) / 2);
      gap_start = -1;
    }
  }
  edges.push_back(table.x + table.w);
  return edges;
}

}  // namespace

Box TableGrid::CellBox(int r, int c) const {
  return Box{col_edges[c], row_edges[r], col_edges[c + 1] - col_edges[c], row_edges[r + 1] - row_edges[r]};
}

Box TableGrid::CellInterior(int r, int c) const {
  const Box b = CellBox(r, c);
  const int inset = 4;  // the widened rule is removed anyway; stay clear of its edge
  if (b.w <= 2 * inset || b.h <= 2 * inset) return b;
  return Box{b.x + inset, b.y + inset, b.w - 2 * inset, b.h - 2 * inset};
}

namespace {

std::vector<Box> Boxes(Boxa* boxa) {
  std::vector<Box> out;
  for (int i = 0; i < boxaGetCount(boxa); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
    out.push_back(Box{x, y, w, h});
  }
  return out;
}

// Long thin runs of ink along one direction: rules. Breaks of up to `bridge`
// pixels (faded ink) are closed first; blobs (stains, black scan margins)
// thicker than `max_thick` are dropped.
PixPtr RuleMask(Pix* binary, bool horizontal, int length, int bridge, int max_thick) {
  PixPtr closed(horizontal ? pixCloseSafeBrick(nullptr, binary, bridge, 1)
                           : pixCloseSafeBrick(nullptr, binary, 1, bridge));
  if (!closed) return nullptr;
  PixPtr opened(horizontal ? pixOpenCompBrick(nullptr, closed.get(), length, 1)
                           : pixOpenCompBrick(nullptr, closed.get(), 1, length));
  if (!opened) return nullptr;
  return PixPtr(pixSelectBySize(opened.get(), max_thick, max_thick, 8, horizontal ? L_SELECT_HEIGHT : L_SELECT_WIDTH,
                                L_SELECT_IF_LTE, nullptr));
}

// The largest set of at least three horizontal rules, one under the other,
// that start and end at about the same x: a table ruled only across.
std::vector<Box> AlignedRules(const std::vector<Box>& rules, int dpi) {
  const int tolerance = std::max(4, dpi / 6);
  std::vector<Box> best;
  for (const Box& first : rules) {
    std::vector<Box> group;
    for (const Box& r : rules) {
      if (std::abs(r.x - first.x) <= tolerance && std::abs((r.x + r.w) - (first.x + first.w)) <= tolerance) {
        group.push_back(r);
      }
    }
    if (group.size() >= 3 && group.size() > best.size()) best = std::move(group);
  }
  std::sort(best.begin(), best.end(), [](const Box& a, const Box& b) { return a.y < b.y; });
  return best;
}

}  // namespace

std::optional<TableGrid> FindTable(Pix* binary, int dpi) {
  // Rules are long and thin: horizontal runs of at least ~3/4 in and vertical
  // runs of ~1/2 in (taller than any letter of body or title type), at most
  // ~1/15 in thick.
  const int bridge = std::max(3, dpi / 30);
  const int max_thick = std::max(3, dpi / 15);
  PixPtr horizontal = RuleMask(binary, true, std::max(20, dpi * 3 / 4), bridge, max_thick);
  PixPtr vertical = RuleMask(binary, false, std::max(15, dpi / 2), bridge, max_thick);
  if (!horizontal || !vertical) return std::nullopt;
  PixPtr rules(pixOr(nullptr, horizontal.get(), vertical.get()));
  if (!rules) return std::nullopt;
  // Rows and columns narrower than ~1/6 in are the gap of a double rule (a
  // frame), not cells.
  const int min_cell = std::max(8, dpi / 6);
  // Text with the rules taken out, for aligning columns.
  PixPtr widened(pixDilateBrick(nullptr, rules.get(), 5, 5));
  if (!widened) return std::nullopt;

  // A ruled table is the rule network with the largest extent.
  BoxaPtr networks(pixConnCompBB(rules.get(), 8));
  if (!networks) return std::nullopt;
  Box table;
  for (const Box& b : Boxes(networks.get())) {
    if (std::int64_t{b.w} * b.h > std::int64_t{table.w} * table.h) table = b;
  }
  TableGrid grid;
  // At least ~1.5 in wide and ~1/2 in tall.
  if (table.w >= dpi * 3 / 2 && table.h >= dpi / 2) {
    // Rules spanning most of the table give the rows and the columns.
    const std::vector<Band> h_rules = BandsAbove(InkByRow(horizontal.get(), table), 0.5 * table.w, table.y);
    const std::vector<Band> v_rules = BandsAbove(InkByColumn(vertical.get(), table), 0.5 * table.h, table.x);
    if (h_rules.size() >= 3 && v_rules.size() >= 2) {
      grid.box = table;
      grid.row_edges = Edges(h_rules, table.y, table.y + table.h, min_cell);
      grid.col_edges = Edges(v_rules, table.x, table.x + table.w, min_cell);
    }
  }
  if (grid.rows() < 2 || grid.cols() < 2) {
    // No ruled grid: rules across only, columns from the alignment of the text.
    BoxaPtr lines(pixConnCompBB(horizontal.get(), 8));
    if (!lines) return std::nullopt;
    std::vector<Box> long_rules;
    for (const Box& b : Boxes(lines.get())) {
      if (b.w >= dpi * 3 / 2) long_rules.push_back(b);
    }
    const std::vector<Box> across = AlignedRules(long_rules, dpi);
    if (across.empty()) return std::nullopt;
    std::vector<Band> bands;
    Box box;
    for (const Box& b : across) {
      bands.push_back(Band{b.y, b.y + b.h});
      box = Union(box, b);
    }
    grid = TableGrid{};
    grid.box = box;
    grid.ruled_columns = false;
    grid.row_edges = Edges(bands, box.y, box.y + box.h, min_cell);
    // A frame (two or four rules around a page) is not a table: ask for a
    // rule under each of at least three rows.
    if (grid.rows() < 3) return std::nullopt;
    PixPtr ink(pixSubtract(nullptr, binary, widened.get()));
    if (!ink) return std::nullopt;
    grid.col_edges = ColumnsFromAlignment(ink.get(), grid.box, grid.row_edges, dpi);
  }
  if (grid.rows() < 2 || grid.cols() < 2) return std::nullopt;
  grid.rules = std::move(widened);
  return grid;
}

}  // namespace sovang::ocr
