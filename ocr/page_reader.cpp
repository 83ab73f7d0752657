// Layout: what on a cleaned page Tesseract reads, and how. A page with a ruled
// table is read in two parts: the text around the table (title, page header,
// footer) as a page, and the table cell by cell with its rules taken out.

#include <algorithm>
#include <chrono>
#include <optional>

#include "core/error.h"
#include "ocr/internal/table_detector.h"
#include "ocr/internal/tesseract_reader.h"

namespace sovang::ocr {
namespace {

PixPtr Checked(Pix* pix, const char* what) {
  if (pix == nullptr) throw Error(Errc::kOcr, std::string("page layout failed: ") + what);
  return PixPtr(pix);
}

// `image` (1 or 8 bpp) with the pixels under `mask` made white.
PixPtr Whiten(Pix* image, Pix* mask) {
  if (pixGetDepth(image) == 1) return Checked(pixSubtract(nullptr, image, mask), "rule removal");
  // pixPaintThroughMask(out, mask, 0, 0, 255) unpacks the whole mask to
  // 8 bpp first; the rules are a few percent of the page, so only the mask's
  // set bits are visited (same pixels).
  PixPtr out = Checked(pixCopy(nullptr, image), "copy");
  const int w = std::min(pixGetWidth(out.get()), pixGetWidth(mask));
  const int h = std::min(pixGetHeight(out.get()), pixGetHeight(mask));
  const int wpld = pixGetWpl(out.get()), wplm = pixGetWpl(mask);
  l_uint32* dst = pixGetData(out.get());
  const l_uint32* bits = pixGetData(mask);
  for (int y = 0; y < h; ++y) {
    l_uint32* d = dst + static_cast<std::ptrdiff_t>(y) * wpld;
    const l_uint32* m = bits + static_cast<std::ptrdiff_t>(y) * wplm;
    for (int i = 0; i * 32 < w; ++i) {
      const l_uint32 word = m[i];
      if (word == 0) continue;
      for (int b = 0; b < 32 && i * 32 + b < w; ++b) {
        if (word & (0x80000000u >> b)) SET_DATA_BYTE(d, i * 32 + b, 255);
      }
    }
  }
  return out;
}

// The bounding box of the ink inside `region`, if any.
std::optional<Box> InkBox(Pix* binary, const Box& region) {
  if (region.w <= 0 || region.h <= 0) return std::nullopt;
  LeptBoxPtr r = MakeLeptBox(region);
  ::Box* found = nullptr;
  if (pixClipBoxToForeground(binary, r.get(), nullptr, &found) != 0 || found == nullptr) return std::nullopt;
  LeptBoxPtr owned(found);
  l_int32 x = 0, y = 0, w = 0, h = 0;
  boxGetGeometry(found, &x, &y, &w, &h);
  return Box{x, y, w, h};
}

Box Intersect(const Box& a, const Box& b) {
  const int x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  const int x1 = std::min(a.x + a.w, b.x + b.w), y1 = std::min(a.y + a.h, b.y + b.h);
  return Box{x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

int InkIn(Pix* binary, const Box& box) {
  LeptBoxPtr b = MakeLeptBox(box);
  l_int32 count = 0;
  pixCountPixelsInRect(binary, b.get(), &count, nullptr);
  return count;
}

}  // namespace

void ReadPage(TesseractReader& reader, const CleanedPage& page, const RecognizerOptions& options,
              RecognizedPage& out) {
  Pix* image = page.ForTesseract(options);
  std::optional<TableGrid> grid;
  if (options.detect_tables) {
    const auto start = std::chrono::steady_clock::now();
    grid = FindTable(page.binary.get(), page.dpi);
    out.layout_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  if (!grid) {
    reader.SetImage(image, page.dpi);
    out.lines = reader.Read(tesseract::PSM_AUTO);
    reader.RereadNumbers(out.lines);
    return;
  }

  // Ink below this many pixels (a speck, a stray dot) leaves a cell empty
  // without asking Tesseract: ~90 px at 300 dpi, less than a digit "1".
  const int min_ink = std::max(12, page.dpi * page.dpi / 1000);

  // The page with its rules painted out, set once: the text around the table
  // and every cell are rectangles of it.
  PixPtr no_rules = Whiten(image, grid->rules.get());
  reader.SetImage(no_rules.get(), page.dpi);
  // Tesseract keeps its own copy of the image it is given (ImageThresholder::
  // SetImage copies it): ours goes now, not after the last cell (~9 MB a worker).
  no_rules.reset();
  PixPtr ink = Whiten(page.binary.get(), grid->rules.get());

  // Around the table (titles, page headers and footers): the ink above it,
  // beside it and below it, each read as a small page of its own. Laying out
  // the whole page around a blank table cost Tesseract more than all the
  // cells on a stained page (its image finder takes shading for pictures).
  const int page_w = static_cast<int>(pixGetWidth(image)), page_h = static_cast<int>(pixGetHeight(image));
  const Box& t = grid->box;
  const Box regions[] = {
      Box{0, 0, page_w, t.y},                                       // above
      Box{0, t.y, t.x, t.h},                                        // left of it
      Box{t.x + t.w, t.y, page_w - (t.x + t.w), t.h},               // right of it
      Box{0, t.y + t.h, page_w, page_h - (t.y + t.h)},              // below
  };
  const int pad = std::max(4, page.dpi / 20);
  for (const Box& region : regions) {
    const std::optional<Box> text = InkBox(ink.get(), region);
    if (!text || InkIn(ink.get(), *text) < min_ink) continue;
    const Box padded = Intersect(Box{text->x - pad, text->y - pad, text->w + 2 * pad, text->h + 2 * pad}, region);
    std::vector<Line> lines = reader.Read(tesseract::PSM_AUTO, padded);
    reader.RereadNumbers(lines);
    for (Line& line : lines) out.lines.push_back(std::move(line));
  }

  // The table, cell by cell.
  Table table;
  table.rows = grid->rows();
  table.cols = grid->cols();
  table.cells.reserve(static_cast<std::size_t>(table.rows * table.cols));
  for (int r = 0; r < table.rows; ++r) {
    for (int c = 0; c < table.cols; ++c) {
      Cell cell;
      cell.row = r;
      cell.col = c;
      cell.box = grid->CellBox(r, c);
      const Box inside = grid->CellInterior(r, c);
      if (!inside.empty() && InkIn(ink.get(), inside) >= min_ink) {
        // A block, not a line: ledger cells often wrap a name or a place.
        cell.lines = reader.Read(tesseract::PSM_SINGLE_BLOCK, inside);
        reader.RereadNumbers(cell.lines);
      }
      table.cells.push_back(std::move(cell));
    }
  }
  out.table = std::move(table);
}

}  // namespace sovang::ocr
