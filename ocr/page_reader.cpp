// Layout: what on a cleaned page Tesseract reads, and how. A page with a ruled
// table is read in two parts: the text around the table (title, page header,
// footer) as a page, and the table cell by cell with its rules taken out.

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
  PixPtr out = Checked(pixCopy(nullptr, image), "copy");
  pixPaintThroughMask(out.get(), mask, 0, 0, 255);
  return out;
}

// `image` with a rectangle made white.
PixPtr WhitenRect(Pix* image, const Box& box) {
  PixPtr out = Checked(pixCopy(nullptr, image), "copy");
  LeptBoxPtr b = MakeLeptBox(box);
  if (pixGetDepth(out.get()) == 1) {
    pixClearInRect(out.get(), b.get());
  } else {
    pixSetInRectArbitrary(out.get(), b.get(), 255);
  }
  return out;
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

  // Around the table.
  PixPtr ink = Whiten(page.binary.get(), grid->rules.get());
  l_int32 total_ink = 0;
  pixCountPixels(ink.get(), &total_ink, nullptr);
  if (total_ink - InkIn(ink.get(), grid->box) >= min_ink) {
    PixPtr outside = WhitenRect(image, grid->box);
    reader.SetImage(outside.get(), page.dpi);
    out.lines = reader.Read(tesseract::PSM_AUTO);
    reader.RereadNumbers(out.lines);
  }

  // The table, cell by cell.
  PixPtr no_rules = Whiten(image, grid->rules.get());
  reader.SetImage(no_rules.get(), page.dpi);
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
