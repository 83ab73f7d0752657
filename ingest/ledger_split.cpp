#include "ingest/ledger_split.h"

#include <algorithm>
#include <string>

#include "ingest/line_fit.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

std::vector<ocr::Word> WordsOf(const ocr::Cell& cell) {
  std::vector<ocr::Word> words;
  for (const auto& line : cell.lines) words.insert(words.end(), line.words.begin(), line.words.end());
  return words;
}

// A header word that is no title's: no letter or digit, or read with next
// to no confidence ("ˆ", "Š" at 0).
bool Speck(const ocr::Word& w) {
  const std::string f = text::Fold(w.text);
  return w.confidence < kTitleWordConfidence ||
         !std::any_of(f.begin(), f.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); });
}

// Where to cut a cell's words between two columns: the middle of the
// longest stretch of [lo, hi] that the fewest of them cover.
int CutBetween(const std::vector<ocr::Word>& words, int lo, int hi) {
  if (hi < lo) return (lo + hi) / 2;
  std::vector<int> cover(static_cast<std::size_t>(hi - lo + 1), 0);
  for (const auto& w : words)
    for (int x = std::max(lo, w.box.x); x < std::min(hi + 1, w.box.x + w.box.w); ++x) ++cover[static_cast<std::size_t>(x - lo)];
  const int least = *std::min_element(cover.begin(), cover.end());
  int best = (lo + hi) / 2, best_run = 0;
  for (std::size_t i = 0; i < cover.size();) {
    if (cover[i] != least) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end + 1 < cover.size() && cover[end + 1] == least) ++end;
    if (static_cast<int>(end - i + 1) > best_run) {
      best_run = static_cast<int>(end - i + 1);
      best = lo + static_cast<int>((i + end) / 2);
    }
    i = end + 1;
  }
  return best;
}

}  // namespace

std::vector<Anchor> AnchorsOf(const ocr::Line& line) {
  // Try every run of up to five words as a column title; keep the best
  // non-overlapping ones, left to right.
  struct Candidate {
    double score;
    std::size_t first, last;
    LedgerColumn column;
  };
  std::vector<Candidate> candidates;
  const auto& words = line.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string text;
    for (std::size_t j = i; j < words.size() && j < i + 5; ++j) {
      // A word read with next to no confidence is a stain or a rule, not a
      // title's word ("Năm No," over "sinh" would name the gender column).
      if (words[j].confidence < kTitleWordConfidence) break;
      // A title's words are a space apart; a wide gap separates two titles
      // ("STT" and "Họ và tên" must not read as one).
      if (j > i) {
        const Box& a = words[j - 1].box;
        const Box& b = words[j].box;
        if (b.x - (a.x + a.w) > 2 * std::max(a.h, b.h)) break;
      }
      text += (text.empty() ? "" : " ") + words[j].text;
      const HeaderMatch m = MatchHeader(text);
      if (m.column != LedgerColumn::kUnknown)
        candidates.push_back({m.score + 0.01 * static_cast<double>(j - i), i, j + 1, m.column});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  std::vector<bool> used(words.size(), false);
  std::vector<LedgerColumn> taken;
  std::vector<Anchor> anchors;
  for (const auto& c : candidates) {
    if (std::find(taken.begin(), taken.end(), c.column) != taken.end()) continue;
    bool overlap = false;
    for (std::size_t k = c.first; k < c.last; ++k) overlap = overlap || used[k];
    if (overlap) continue;
    for (std::size_t k = c.first; k < c.last; ++k) used[k] = true;
    taken.push_back(c.column);
    Box b;
    for (std::size_t k = c.first; k < c.last; ++k) b = Union(b, words[k].box);
    anchors.push_back({c.column, b.x, b.x + b.w});
  }
  std::sort(anchors.begin(), anchors.end(), [](const auto& a, const auto& b) { return a.x0 < b.x0; });
  return anchors;
}

// A column whose header cell names several columns ("STT Họ và tên Năm
// sinh Quê quán" over cells holding "342 Nguyễn Ngọc 1948 Vũ Lễ - Bắc
// Sơn"): a table without vertical rules whose columns stood too close for
// the text alignment to part them (fresh seed 53: a heavy page lost all 11
// rows, no name column). Split into one column per title. Each row is cut
// on its own, where its words leave the widest gap between two titles'
// middles moved by the page's tilt (the rows' first words drift ~90 px over
// the table, more than the gap between two columns). Only a column the
// header otherwise leaves unnamed, into columns named nowhere else.
std::optional<ocr::Table> SplitCrowdedColumns(const ocr::Table& table, int header_rows) {
  std::vector<std::string> titles(static_cast<std::size_t>(table.cols));
  for (int r = 0; r < header_rows; ++r)
    for (int c = 0; c < table.cols; ++c)
      if (const ocr::Cell* cell = table.at(r, c)) titles[static_cast<std::size_t>(c)] += " " + cell->Text();
  const std::vector<LedgerColumn> named = MapHeader(titles);
  std::vector<std::vector<Anchor>> split(static_cast<std::size_t>(table.cols));  // empty: kept whole
  bool any = false;
  for (int c = 0; c < table.cols; ++c) {
    const LedgerColumn own = named[static_cast<std::size_t>(c)];
    ocr::Line title;  // the header's words left to right, specks left out
    for (int r = 0; r < header_rows; ++r)
      if (const ocr::Cell* cell = table.at(r, c))
        for (const auto& w : WordsOf(*cell))
          if (!Speck(w)) title.words.push_back(w);
    std::stable_sort(title.words.begin(), title.words.end(),
                     [](const ocr::Word& a, const ocr::Word& b) { return a.box.x < b.box.x; });
    const std::vector<Anchor> anchors = AnchorsOf(title);
    if (anchors.size() < 2) continue;
    bool fresh = true;
    for (const Anchor& a : anchors)
      fresh = fresh && (a.column == own || std::find(named.begin(), named.end(), a.column) == named.end());
    if (!fresh) continue;
    // A column the header names by its first title ("Quê quán Chức vụ, đơn
    // vị" is a hometown by its start: fresh seed 83 p019, the units read
    // into the districts) is split only where its titles stand apart as two
    // columns' do: more than a word's height between them ("Họ và tên
    // người được khen thưởng" is one title).
    if (own != LedgerColumn::kUnknown) {
      int word_h = 0;
      for (const auto& w : title.words) word_h = std::max(word_h, w.box.h);
      // Its own title first, as the header named it by: "STT Họ và tên" is
      // the name's column, the numbers before the names (MatchHeader).
      bool apart = anchors.front().column == own;
      for (std::size_t k = 0; k + 1 < anchors.size(); ++k) apart = apart && anchors[k + 1].x0 - anchors[k].x1 > word_h;
      if (!apart) continue;
    }
    split[static_cast<std::size_t>(c)] = anchors;
    any = true;
  }
  if (!any) return std::nullopt;
  // The tilt: the first words of the rows' first column, x against y (least squares).
  LineFit x_by_y;
  for (int r = header_rows; r < table.rows; ++r)
    if (const ocr::Cell* cell = table.at(r, 0); cell && !cell->lines.empty() && !cell->lines[0].words.empty()) {
      const Box& b = cell->lines[0].words.front().box;
      x_by_y.Add(b.y + b.h / 2.0, b.x);
    }
  const double slope = x_by_y.count() >= 3 ? x_by_y.slope() : 0.0;
  ocr::Table out;
  out.rows = table.rows;
  for (int r = 0; r < table.rows; ++r) {
    int col = 0;
    for (int c = 0; c < table.cols; ++c) {
      const ocr::Cell* cell = table.at(r, c);
      const auto& anchors = split[static_cast<std::size_t>(c)];
      std::vector<int> cuts;
      if (cell && !anchors.empty()) {
        const auto words = WordsOf(*cell);
        // The titles' height: the header cell's middle.
        const ocr::Cell* head = table.at(header_rows - 1, c);
        const double title_y = head ? head->box.y + head->box.h / 2.0 : 0.0;
        for (std::size_t k = 0; k + 1 < anchors.size(); ++k) {
          if (r < header_rows) {
            cuts.push_back((anchors[k].x1 + anchors[k + 1].x0) / 2);
            continue;
          }
          const int drift = static_cast<int>(slope * ((cell->box.y + cell->box.h / 2.0) - title_y));
          cuts.push_back(CutBetween(words, (anchors[k].x0 + anchors[k].x1) / 2 + drift,
                                    (anchors[k + 1].x0 + anchors[k + 1].x1) / 2 + drift));
        }
      }
      const std::size_t parts = anchors.empty() ? 1 : anchors.size();
      for (std::size_t k = 0; k < parts; ++k, ++col) {
        ocr::Cell part;
        part.row = r;
        part.col = col;
        if (cell) {
          part.box = cell->box;
          if (!cuts.empty()) {
            const int x0 = k == 0 ? cell->box.x : cuts[k - 1];
            const int x1 = k == cuts.size() ? cell->box.x + cell->box.w : cuts[k];
            part.box.x = x0;
            part.box.w = std::max(0, x1 - x0);
          }
          for (const auto& line : cell->lines) {
            ocr::Line piece;
            for (const auto& w : line.words) {
              const int cx = w.box.x + w.box.w / 2;
              if (!cuts.empty() && ((k > 0 && cx < cuts[k - 1]) || (k < cuts.size() && cx >= cuts[k]))) continue;
              if (!cuts.empty() && r < header_rows && Speck(w)) continue;  // no part of a title
              piece.words.push_back(w);
              piece.box = Union(piece.box, w.box);
            }
            if (!piece.words.empty()) part.lines.push_back(std::move(piece));
          }
        }
        out.cells.push_back(std::move(part));
      }
    }
    out.cols = col;
  }
  return out;
}

}  // namespace sovang::ingest
