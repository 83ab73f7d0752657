#pragma once
// A second look at a few doubtful words: the word's box cut out of the page,
// turned upright, magnified and read again alone, in several ways. The caller
// (ingest) decides which words are doubtful and what the readings mean; this
// only reads. Costs one small Tesseract call per look, so it is for a handful
// of words a page, never for every word.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/record.h"
#include "ocr/page_image.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {

// One way of reading a box again.
struct Look {
  double scale = 2.0;        // magnification of the cut-out (Leptonica, linear interpolation)
  bool single_word = true;   // PSM_SINGLE_WORD, else PSM_SINGLE_LINE
  bool digits_only = false;  // only 0-9 and "/-.,;" allowed
  bool script_model = false; // read with kScriptModel where installed, else the page's language
};

struct Reading {
  std::string text;          // NFC, the words read joined by one space; empty: nothing read
  double confidence = 0.0;   // 0..1, the weakest word's
};

class SecondLook {
 public:
  virtual ~SecondLook() = default;
  // Reads `box` (page coordinates, as Recognize gives boxes) of `page` once per
  // look. `rotation` and `skew_degrees` are the RecognizedPage's: the cut-out is
  // turned upright as the page was. A box outside the page gives empty readings.
  // Not thread-safe: one per worker thread.
  virtual std::vector<Reading> Read(const PageImage& page, int rotation, double skew_degrees, const Box& box,
                                    const std::vector<Look>& looks) = 0;
  // Reads `box` of `page` as a block of lines (PSM_SINGLE_BLOCK, the page's
  // language, magnified `scale` times): for text the page's reading lost
  // (a line under a stain). Words and lines with boxes in page coordinates,
  // placed as in the upright cut-out (the deskew's turn within the box is
  // not undone: a few pixels on a tilted page). Empty for a turned page
  // (rotation not 0) and where not supported.
  virtual std::vector<Line> ReadBlock(const PageImage& /*page*/, int /*rotation*/, double /*skew_degrees*/,
                                      const Box& /*box*/, double /*scale*/) {
    return {};
  }
  // Tesseract calls made so far (one per look of a box that was read).
  virtual int calls() const = 0;
  // The Tesseract language (model) looks with script_model read with:
  // kScriptModel, or the page's language where that is not installed.
  virtual const std::string& script_language() = 0;
};

// Tesseract's model of the Vietnamese script ("Vietnamese", Debian package
// tesseract-ocr-script-viet; larger than "vie" and trained on other text) sees
// marks the page's reader confused: a second opinion more than a second try.
inline constexpr const char* kScriptModel = "Vietnamese";

// Reads with options.language, and with `script_language` (empty:
// kScriptModel) for looks that ask for the script model; each engine is set up
// when first needed. Throws Error(kOcr) when Tesseract or the page's language
// data is missing.
std::unique_ptr<SecondLook> MakeSecondLook(const RecognizerOptions& options = {},
                                           const std::string& script_language = "");

// One SecondLook for several worker threads, one Read at a time. A second look
// reads a few words a page (~7% of a page's CPU), so workers seldom wait,
// while each copy's two Tesseract engines cost tens of MB (two workers with a
// copy each peaked at 283 MB). Each worker reads through its own View, whose
// calls() counts that worker's calls. REQUIRES: outlives its views.
class SharedSecondLook {
 public:
  explicit SharedSecondLook(std::unique_ptr<SecondLook> look) : look_(std::move(look)) {}
  // With `page_reader` (the worker's recogniser, made by
  // MakeTesseractRecognizer), the view reads the page's language's looks on
  // that recogniser's own engine, idle while its worker extracts: the
  // shared look then never sets up a `vie` engine of its own (~12 MB and
  // more). REQUIRES: `page_reader` outlives the view and is not reading
  // meanwhile (the view's calls come from its worker's thread).
  std::unique_ptr<SecondLook> View(Recognizer* page_reader = nullptr);

 private:
  class ViewImpl;
  std::mutex mu_;
  std::unique_ptr<SecondLook> look_;
};

}  // namespace sovang::ocr
