#pragma once
// hOCR (https://kba.github.io/hocr-spec/1.2/) of a recognised page: lines and
// words with boxes in page coordinates and word confidences (x_wconf), the
// table as an ocr_table of ocr_carea cells (x_cell row col); the ocr_page's
// title carries the page's turn (`textangle`, degrees) and deskew (`x_skew`)
// when they are not zero.

#include <string>
#include <string_view>

#include "ocr/recognizer.h"

namespace sovang::ocr {

std::string ToHocr(const RecognizedPage& page);

// Reads back what ToHocr wrote (lines, words, boxes, confidences, table
// cells, rotation and skew_degrees): extraction can be run again on a stored page without reading it
// again. Not a general hOCR parser: other producers' files give what of
// their lines and words carries the same classes and titles.
RecognizedPage ParseHocr(std::string_view hocr);

}  // namespace sovang::ocr
