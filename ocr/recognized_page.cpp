// The plain data of recognition results, and helpers shared by the loaders and
// the recogniser.

#include <algorithm>
#include <string>
#include <utility>

#include "ocr/internal/text_util.h"
#include "ocr/recognizer.h"

namespace sovang::ocr {

std::string Line::Text() const {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out += ' ';
    out += w.text;
  }
  return out;
}

double Line::Confidence() const {
  if (words.empty()) return 0.0;
  double sum = 0.0;
  for (const Word& w : words) sum += w.confidence;
  return sum / static_cast<double>(words.size());
}

std::string Cell::Text() const {
  std::string out;
  for (const Line& l : lines) {
    const std::string t = l.Text();
    if (t.empty()) continue;
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

double Cell::Confidence() const {
  double sum = 0.0;
  std::size_t n = 0;
  for (const Line& l : lines) {
    for (const Word& w : l.words) {
      sum += w.confidence;
      ++n;
    }
  }
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

const Cell* Table::at(int row, int col) const {
  if (row < 0 || col < 0 || row >= rows || col >= cols) return nullptr;
  const std::size_t i = static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) +
                        static_cast<std::size_t>(col);
  if (i < cells.size() && cells[i].row == row && cells[i].col == col) return &cells[i];
  for (const Cell& c : cells) {
    if (c.row == row && c.col == col) return &c;
  }
  return nullptr;
}

std::string RecognizedPage::FullText() const {
  std::string out;
  for (const Line& l : lines) {
    if (!out.empty()) out += '\n';
    out += l.Text();
  }
  if (table) {
    for (int r = 0; r < table->rows; ++r) {
      std::string row;
      for (int c = 0; c < table->cols; ++c) {
        if (c > 0) row += '\t';
        if (const Cell* cell = table->at(r, c)) row += cell->Text();
      }
      if (!out.empty()) out += '\n';
      out += row;
    }
  }
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

Line MakeLine(std::vector<Word> words) {
  Line line;
  for (const Word& w : words) line.box = Union(line.box, w.box);
  line.words = std::move(words);
  return line;
}

std::vector<Line> GroupWordsIntoLines(std::vector<Word> words) {
  std::vector<Line> lines;
  std::vector<Word> current;
  Box current_box;
  for (Word& w : words) {
    if (!current.empty()) {
      const int mid = w.box.y + w.box.h / 2;
      const bool same_band = mid >= current_box.y && mid <= current_box.y + current_box.h;
      const bool goes_back = w.box.x + w.box.w / 2 < current.back().box.x;
      if (!same_band || goes_back) {
        lines.push_back(MakeLine(std::move(current)));
        current.clear();
        current_box = Box{};
      }
    }
    current_box = Union(current_box, w.box);
    current.push_back(std::move(w));
  }
  if (!current.empty()) lines.push_back(MakeLine(std::move(current)));
  return lines;
}

}  // namespace sovang::ocr
