#pragma once
// A run of OCR words read as one text (a paragraph, a table cell, a line),
// with its folded form ("Quê quán: xã Lộc Yên" -> "que quan: xa loc yen")
// aligned to it byte by byte, so that anything found on the folded text maps
// back to the words it came from: their verbatim text, box and confidences.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "ocr/recognizer.h"

namespace sovang::ingest {

// A byte range [begin, end) of TextRun::folded().
struct Span {
  std::size_t begin = 0, end = 0;
  bool empty() const { return end <= begin; }
  std::size_t size() const { return empty() ? 0 : end - begin; }
};

class TextRun {
 public:
  TextRun() = default;
  explicit TextRun(std::vector<ocr::Word> words);
  // Words of the lines in order, a line break read as a space.
  static TextRun FromLines(const std::vector<ocr::Line>& lines);
  static TextRun FromLine(const ocr::Line& line);
  static TextRun FromCell(const ocr::Cell& cell);

  const std::vector<ocr::Word>& words() const { return words_; }
  bool empty() const { return words_.empty(); }
  // The words (NFC) joined by one space.
  const std::string& text() const { return text_; }
  // text() lower case, tone and vowel marks removed, đ -> d; every byte knows
  // which bytes of text() it came from.
  const std::string& folded() const { return folded_; }
  Span all() const { return Span{0, folded_.size()}; }

  // The text() bytes a folded span came from.
  std::string_view TextOf(Span span) const;
  // TextOf with surrounding spaces and punctuation (",;:." and brackets) removed.
  std::string Verbatim(Span span) const;
  std::string_view FoldedOf(Span span) const { return std::string_view(folded_).substr(span.begin, span.size()); }
  // Union of the boxes of the words the span touches.
  Box BoxOf(Span span) const;
  // OCR confidence of the words the span touches: the mean pulled halfway
  // toward the weakest word (one bad word in a long field matters, but not as
  // much as a field made only of bad words). 0 for an empty span.
  double ConfidenceOf(Span span) const;
  // Index of the first and one past the last word the span touches.
  std::pair<std::size_t, std::size_t> WordsOf(Span span) const;
  // The folded span of words [first, last).
  Span SpanOfWords(std::size_t first, std::size_t last) const;
  // The span without surrounding spaces and punctuation.
  Span Trim(Span span) const;

 private:
  void Build();

  std::vector<ocr::Word> words_;
  std::string text_;
  std::string folded_;
  // For each byte of folded_: the text_ bytes [from_, to_) of its code point.
  std::vector<std::size_t> from_, to_;
  // For each word: its byte range in text_ and in folded_.
  std::vector<std::size_t> word_text_begin_, word_text_end_;
  std::vector<std::size_t> word_fold_begin_, word_fold_end_;
};

// Mean of word confidences pulled halfway toward the weakest one.
double BlendConfidence(const std::vector<double>& values);

// True for the punctuation TextRun::Trim removes.
bool IsTrimPunct(char c);

}  // namespace sovang::ingest
