#include "ocr/internal/tesseract_reader.h"

#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ocr/internal/text_util.h"
#include "ocr/step_aside.h"

namespace sovang::ocr {

void TesseractReader::SetImage(Pix* image, int dpi) {
  api_.SetImage(image);
  api_.SetSourceResolution(dpi);
}

std::vector<Line> TesseractReader::Read(tesseract::PageSegMode mode, const std::optional<Box>& rect) {
  using tesseract::RIL_TEXTLINE;
  using tesseract::RIL_WORD;
  const auto left = deadline_ - Clock::now();
  if (left <= Clock::duration::zero()) throw Error(Errc::kOcr, "recognition timed out");
  api_.SetPageSegMode(mode);
  if (rect) api_.SetRectangle(rect->x, rect->y, rect->w, rect->h);
  ++calls_;
  tesseract::ETEXT_DESC monitor;
  // Tesseract calls this at every word it visits: a step-aside point where
  // the LSTM hooks are not answered (another libtesseract) and between lines.
  monitor.cancel = [](void*, int) {
    StepAsideIfAsked();
    return false;
  };
  if (deadline_ != Clock::time_point::max()) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
    monitor.set_deadline_msecs(static_cast<int32_t>(std::clamp<long long>(ms, 1, INT32_MAX)));
  }
  if (api_.Recognize(&monitor) != 0) {
    if (Clock::now() >= deadline_) throw Error(Errc::kOcr, "recognition timed out");
    throw Error(Errc::kOcr, "Tesseract could not recognise the page");
  }
  std::vector<Line> lines;
  std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
  if (!it) return lines;
  std::vector<Word> words;
  auto flush = [&] {
    if (!words.empty()) lines.push_back(MakeLine(std::move(words)));
    words.clear();
  };
  do {
    if (it->IsAtBeginningOf(RIL_TEXTLINE)) flush();
    if (it->Empty(RIL_WORD)) continue;
    std::unique_ptr<char[]> text(it->GetUTF8Text(RIL_WORD));
    if (!text || IsBlank(text.get())) continue;
    int l = 0, t = 0, r = 0, b = 0;
    if (!it->BoundingBox(RIL_WORD, &l, &t, &r, &b)) continue;
    Word w;
    w.text = FixLookalikes(Nfc(text.get()));
    w.box = Box{l, t, r - l, b - t};
    w.confidence = std::clamp(static_cast<double>(it->Confidence(RIL_WORD)) / 100.0, 0.0, 1.0);
    // A fraction slash read for "/" ("1424⁄QĐ-CTN") costs the word half its
    // confidence though it changes nothing once mapped to "/": the word is
    // as sure as its other letters.
    if (std::string_view(text.get()).find("\xE2\x81\x84") != std::string_view::npos) {
      tesseract::ResultIterator sym(*it);
      double low = 1.0;
      bool any = false;
      do {
        std::unique_ptr<char[]> s(sym.GetUTF8Text(tesseract::RIL_SYMBOL));
        if (!s || std::string_view(s.get()) == "\xE2\x81\x84") continue;
        low = std::min(low, static_cast<double>(sym.Confidence(tesseract::RIL_SYMBOL)) / 100.0);
        any = true;
      } while (sym.Next(tesseract::RIL_SYMBOL) && !sym.IsAtBeginningOf(RIL_WORD));
      if (any) w.confidence = std::clamp(std::max(w.confidence, low), 0.0, 1.0);
    }
    words.push_back(std::move(w));
  } while (it->Next(RIL_WORD));
  flush();
  return lines;
}

namespace {

// Doubtful reading of a number: at least three digits, and besides digits
// and separators at most one other character ("1097,", "199)", "2471970").
bool LooksLikeDoubtfulNumber(const Word& w) {
  if (w.confidence >= 0.85) return false;
  int digits = 0, other = 0;
  for (const char c : w.text) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != '/' && c != '-' && c != '.')
      ++other;
  }
  return digits >= 3 && other <= 1;
}

int Digits(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace

void TesseractReader::RereadNumbers(std::vector<Line>& lines) {
  for (Line& line : lines) {
    for (Word& w : line.words) {
      if (!LooksLikeDoubtfulNumber(w)) continue;
      ++rereads_;
      const int pad = std::max(2, w.box.h / 8);
      const Box rect{std::max(0, w.box.x - pad), std::max(0, w.box.y - pad), w.box.w + 2 * pad, w.box.h + 2 * pad};
      api_.SetVariable("tessedit_char_whitelist", "0123456789/-.");
      std::vector<Line> again;
      try {
        again = Read(tesseract::PSM_SINGLE_WORD, rect);
      } catch (...) {
        api_.SetVariable("tessedit_char_whitelist", "");
        throw;
      }
      api_.SetVariable("tessedit_char_whitelist", "");
      if (again.size() != 1 || again[0].words.size() != 1) continue;
      const Word& better = again[0].words[0];
      if (better.confidence <= w.confidence || Digits(better.text) < Digits(w.text) - 1) continue;
      w.text = better.text;
      w.confidence = better.confidence;
    }
  }
}

}  // namespace sovang::ocr
