#pragma once
// Internal to sovang::ocr: a recogniser's Tesseract engine lent to the second
// look (docs/requests/extract.md), so a worker keeps one `vie` engine, not two.

namespace tesseract {
class TessBaseAPI;
}

namespace sovang::ocr {

class Recognizer;

// The Tesseract engine of `r` if it was made by MakeTesseractRecognizer, else
// null. Valid while `r` lives, for use on r's thread between its Recognize
// calls only; the borrower leaves it as it found it (page segmentation mode,
// tessedit_char_whitelist) and clears it after each use. Recognize sets both
// before every call anyway.
tesseract::TessBaseAPI* BorrowedEngine(Recognizer& r);

}  // namespace sovang::ocr
