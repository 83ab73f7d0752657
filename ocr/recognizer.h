#pragma once
// Recognition of one page: words with boxes and confidences, lines in reading
// order, and for ruled ledgers the table cell by cell. The Recognizer interface
// is the seam the ingest pipeline is tested through.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/record.h"
#include "ocr/page_image.h"

namespace sovang::ocr {

struct Word {
  std::string text;          // NFC
  Box box;
  double confidence = 0.0;   // 0..1
};

struct Line {
  std::vector<Word> words;
  Box box;
  std::string Text() const;  // words joined by one space
  double Confidence() const; // mean of word confidences
};

struct Cell {
  int row = 0, col = 0;      // 0-based
  Box box;
  std::vector<Line> lines;   // a cell may hold several lines
  std::string Text() const;  // lines joined by one space
  double Confidence() const;
};

// A ruled (or column-aligned) table; cells row-major, the first row is usually
// the header row.
struct Table {
  int rows = 0, cols = 0;
  std::vector<Cell> cells;
  const Cell* at(int row, int col) const;
};

// Every box is in the pixel coordinates of the page image as it was given to
// Recognize (before any turn or deskew), so it can be cropped from the master.
struct RecognizedPage {
  int width = 0, height = 0;
  int rotation = 0;           // degrees the page was turned before reading (0/90/180/270)
  double skew_degrees = 0.0;  // deskew applied
  std::vector<Line> lines;    // all text outside the table, reading order
  std::optional<Table> table;
  std::string hocr;           // hOCR of the result, boxes in page coordinates (empty for text layers)
  double mean_confidence = 0.0;
  bool from_text_layer = false;
  // Wall time spent on this page, for progress reports and benchmarks.
  double cleanup_seconds = 0.0;      // grey, orientation, deskew, background, binarisation
  double layout_seconds = 0.0;       // finding the table
  double recognition_seconds = 0.0;  // Tesseract
  // What the recogniser did, for benchmarks (bench/ocr/ocr_stages.cpp).
  int tesseract_calls = 0;     // Recognize calls on this page (page, rows or cells, re-reads)
  int number_rereads = 0;      // of which digits-only second looks at doubtful numbers
  bool orientation_by_osd = false;  // Tesseract's OSD had to run (Leptonica was unsure)
  // Lines joined by '\n', then the table one row per line, cells joined by '\t'.
  std::string FullText() const;
};

struct LoadedPage {
  PageImage image;
  std::optional<RecognizedPage> text_layer;  // PDFs that already carry text
};

// Decodes every page of a file: PNG/JPEG/TIFF at any depth (multi-page TIFF:
// one page each), PDF rasterised by Poppler at 300 dpi. Throws
// Error(kCorruptInput) with a reason a person can act on.
std::vector<LoadedPage> LoadPages(const std::filesystem::path& file);

class Recognizer {
 public:
  virtual ~Recognizer() = default;
  // Cleans up and reads one page. Not thread-safe: one recogniser per thread.
  virtual RecognizedPage Recognize(const PageImage& page) = 0;
};

// How the cleaned page is turned black and white before Tesseract reads it.
enum class Binarization {
  kTesseract,  // hand Tesseract the cleaned grey page; it thresholds (Otsu) itself
  kSauvola,    // local (Sauvola) threshold: copes with uneven light and stains
  kOtsu,       // Leptonica's tiled adaptive Otsu
};

struct RecognizerOptions {
  std::string language = "vie";
  std::string tessdata_dir;  // empty: Tesseract's default
  bool cleanup = true;       // orientation, deskew, background, binarisation
  bool detect_tables = true; // ruled ledgers read cell by cell

  // The clean-up steps, each switchable so that its effect can be measured;
  // all are skipped when `cleanup` is false (conversion to 8-bit grey and a
  // plausible dpi always happen).
  bool detect_orientation = true;    // 0/90/180/270 by Tesseract's OSD
  bool deskew = true;                // small angles, by Leptonica
  bool normalize_background = true;  // yellowed or stained paper to an even background
  Binarization binarization = Binarization::kTesseract;
  // Drop specks smaller than a diacritic dot. Off by default: it changed no
  // field on three generated sets (118 pages; bench/ocr) and cost ~2% of the CPU.
  bool despeckle = false;

  // A page taking longer than this is abandoned (Error(kOcr)); 0 = no limit.
  int timeout_seconds = 120;
};

// A Tesseract recogniser, created once per worker and reused across pages.
// Throws Error(kOcr) when Tesseract or its language data is missing.
std::unique_ptr<Recognizer> MakeTesseractRecognizer(const RecognizerOptions& options = {});

// Tesseract's OpenMP must run one thread per page. The CLI calls this first
// thing in main(): it sets OMP_THREAD_LIMIT=1 unless the environment says
// otherwise (inherited by child processes), and limits the calling thread.
// libgomp reads its environment when it is loaded, before main(), so the
// recogniser also limits OpenMP in each thread that calls Recognize.
void PinOpenMpToOneThread();

}  // namespace sovang::ocr
