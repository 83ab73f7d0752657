#pragma once
// Internal to sovang::ocr: reading words and lines out of a TessBaseAPI, and
// the layout step that decides what to read (whole page, or table cells).

#include <tesseract/baseapi.h>

#include <chrono>
#include <optional>
#include <vector>

#include "ocr/internal/cleanup.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {

// Runs Tesseract on (parts of) one image, within a deadline for the page.
class TesseractReader {
 public:
  using Clock = std::chrono::steady_clock;
  TesseractReader(tesseract::TessBaseAPI& api, Clock::time_point deadline)
      : api_(api), deadline_(deadline) {}

  // The image the following Read calls look at. Tesseract reads its own
  // copy of it (TessBaseAPI::SetImage copies the pixels), so the caller may
  // let it go at once.
  void SetImage(Pix* image, int dpi);

  // Recognises `rect` (the whole image when empty) with the given page
  // segmentation mode. Lines in reading order, boxes in image coordinates,
  // blank words dropped. Throws Error(kOcr) on failure or when past the deadline.
  std::vector<Line> Read(tesseract::PageSegMode mode, const std::optional<Box>& rect = std::nullopt);
  // Reads words that look like numbers (years, dates, book numbers) but were
  // read with doubt again, alone and with only digits and separators
  // allowed; a reading more confident than the first replaces it.
  void RereadNumbers(std::vector<Line>& lines);

  int calls() const { return calls_; }      // Recognize calls so far
  int rereads() const { return rereads_; }  // of which number re-reads

 private:
  tesseract::TessBaseAPI& api_;
  Clock::time_point deadline_;
  int calls_ = 0, rereads_ = 0;
};

// Lays the cleaned page out and reads it into `out` (lines, table), boxes in
// the cleaned image's coordinates.
void ReadPage(TesseractReader& reader, const CleanedPage& page, const RecognizerOptions& options,
              RecognizedPage& out);

}  // namespace sovang::ocr
