// Layout: what on a cleaned page Tesseract reads, and how.

#include "ocr/internal/tesseract_reader.h"

namespace sovang::ocr {

void ReadPage(TesseractReader& reader, const CleanedPage& page, const RecognizerOptions& options,
              RecognizedPage& out) {
  reader.SetImage(page.ForTesseract(options), page.dpi);
  out.lines = reader.Read(tesseract::PSM_AUTO);
}

}  // namespace sovang::ocr
