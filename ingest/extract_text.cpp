#include "ingest/extract_text.h"

#include <algorithm>
#include <limits>

#include "text/normalize.h"

namespace sovang::ingest {

namespace {

// Byte length of the UTF-8 sequence starting with lead byte c (1 for stray bytes).
std::size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// Code point boundaries of s: offsets of each code point start, plus s.size().
std::vector<std::size_t> CodePointStarts(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size();) {
    starts.push_back(i);
    i = std::min(s.size(), i + Utf8Len(static_cast<unsigned char>(s[i])));
  }
  starts.push_back(s.size());
  return starts;
}

}  // namespace

bool IsTrimPunct(char c) {
  switch (c) {
    case ' ':
    case ',':
    case ';':
    case ':':
    case '.':
    case '(':
    case ')':
    case '[':
    case ']':
    case '"':
    case '\'':
    case '-':
    case '*':
    case '_':
    case '|':
    case '\t':
      return true;
    default:
      return false;
  }
}

double BlendConfidence(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  double sum = 0.0, low = 1.0;
  for (double v : values) {
    const double c = std::clamp(v, 0.0, 1.0);
    sum += c;
    low = std::min(low, c);
  }
  const double mean = sum / static_cast<double>(values.size());
  return 0.5 * (mean + low);
}

TextRun::TextRun(std::vector<ocr::Word> words) : words_(std::move(words)) {
  // Empty words carry nothing and would make zero-width ranges.
  std::erase_if(words_, [](const ocr::Word& w) { return w.text.empty(); });
  Build();
}

TextRun TextRun::FromLines(const std::vector<ocr::Line>& lines) {
  std::vector<ocr::Word> words;
  for (const auto& line : lines) words.insert(words.end(), line.words.begin(), line.words.end());
  return TextRun(std::move(words));
}

TextRun TextRun::FromLine(const ocr::Line& line) { return TextRun(line.words); }

TextRun TextRun::FromCell(const ocr::Cell& cell) { return FromLines(cell.lines); }

void TextRun::Build() {
  for (std::size_t w = 0; w < words_.size(); ++w) {
    if (w > 0) {
      // The separating space belongs to no word.
      text_.push_back(' ');
      folded_.push_back(' ');
      from_.push_back(text_.size() - 1);
      to_.push_back(text_.size());
    }
    const std::string word = text::Nfc(text::CollapseSpaces(words_[w].text));
    const std::size_t text_base = text_.size();
    word_text_begin_.push_back(text_base);
    word_fold_begin_.push_back(folded_.size());
    text_ += word;

    const std::string fold = text::Fold(word);
    const auto word_cps = CodePointStarts(word);
    const auto fold_cps = CodePointStarts(fold);
    if (word_cps.size() == fold_cps.size()) {
      // The usual case: one folded code point per code point.
      for (std::size_t k = 0; k + 1 < word_cps.size(); ++k) {
        for (std::size_t b = fold_cps[k]; b < fold_cps[k + 1]; ++b) {
          folded_.push_back(fold[b]);
          from_.push_back(text_base + word_cps[k]);
          to_.push_back(text_base + word_cps[k + 1]);
        }
      }
    } else {
      // Folding changed the number of code points: fold them one by one.
      for (std::size_t k = 0; k + 1 < word_cps.size(); ++k) {
        const std::string piece = text::Fold(std::string_view(word).substr(word_cps[k], word_cps[k + 1] - word_cps[k]));
        for (char c : piece) {
          folded_.push_back(c);
          from_.push_back(text_base + word_cps[k]);
          to_.push_back(text_base + word_cps[k + 1]);
        }
      }
    }
    word_text_end_.push_back(text_.size());
    word_fold_end_.push_back(folded_.size());
  }
}

std::string_view TextRun::TextOf(Span span) const {
  span.end = std::min(span.end, folded_.size());
  if (span.empty()) return {};
  const std::size_t b = from_[span.begin];
  const std::size_t e = to_[span.end - 1];
  return std::string_view(text_).substr(b, e - b);
}

Span TextRun::Trim(Span span) const {
  span.end = std::min(span.end, folded_.size());
  while (!span.empty() && IsTrimPunct(folded_[span.begin])) ++span.begin;
  while (!span.empty() && IsTrimPunct(folded_[span.end - 1])) --span.end;
  return span;
}

std::string TextRun::Verbatim(Span span) const { return std::string(TextOf(Trim(span))); }

std::pair<std::size_t, std::size_t> TextRun::WordsOf(Span span) const {
  span = Trim(span);
  if (span.empty()) return {0, 0};
  std::size_t first = words_.size(), last = 0;
  for (std::size_t w = 0; w < words_.size(); ++w) {
    if (word_fold_end_[w] <= span.begin || word_fold_begin_[w] >= span.end) continue;
    first = std::min(first, w);
    last = std::max(last, w + 1);
  }
  if (first >= last) return {0, 0};
  return {first, last};
}

Span TextRun::SpanOfWords(std::size_t first, std::size_t last) const {
  last = std::min(last, words_.size());
  if (first >= last) return {};
  return Span{word_fold_begin_[first], word_fold_end_[last - 1]};
}

Box TextRun::BoxOf(Span span) const {
  const auto [first, last] = WordsOf(span);
  Box box;
  for (std::size_t w = first; w < last; ++w) box = Union(box, words_[w].box);
  return box;
}

double TextRun::ConfidenceOf(Span span) const {
  const auto [first, last] = WordsOf(span);
  std::vector<double> values;
  for (std::size_t w = first; w < last; ++w) values.push_back(words_[w].confidence);
  return BlendConfidence(values);
}

}  // namespace sovang::ingest
