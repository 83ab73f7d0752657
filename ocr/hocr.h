#pragma once
// hOCR (https://kba.github.io/hocr-spec/1.2/) of a recognised page: lines and
// words with boxes in page coordinates and word confidences (x_wconf), the
// table as an ocr_table of ocr_carea cells (x_cell row col).

#include <string>

#include "ocr/recognizer.h"

namespace sovang::ocr {

std::string ToHocr(const RecognizedPage& page);

}  // namespace sovang::ocr
