#include "ocr/internal/tesseract_reader.h"

#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/error.h"
#include "ocr/internal/text_util.h"

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
  tesseract::ETEXT_DESC monitor;
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
    words.push_back(std::move(w));
  } while (it->Next(RIL_WORD));
  flush();
  return lines;
}

}  // namespace sovang::ocr
