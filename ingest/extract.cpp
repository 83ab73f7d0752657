#include "ingest/extract.h"

#include <algorithm>

#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"

namespace sovang::ingest {

bool StackedColumn(const Box& box, int line_height) { return box.h > box.w && 2 * box.h > 3 * line_height; }

namespace {

// Two lines side by side on one line of text: half the lower one's height in
// common, and neither a stacked column (joined to one entry, it hid that
// entry's honorific: seed 47 lost "Vy Xuân Hòa").
bool Level(const Box& a, const Box& b) {
  const int common = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return a.h > 0 && b.h > 0 && common * 2 >= std::min(a.h, b.h) && !StackedColumn(a, b.h) && !StackedColumn(b, a.h);
}

}  // namespace

std::vector<ocr::Line> JoinSplitLines(const std::vector<ocr::Line>& lines_in) {
  std::vector<ocr::Line> lines;
  for (const auto& l : lines_in)
    if (!l.words.empty()) lines.push_back(l);
  for (bool joined = true; joined;) {
    joined = false;
    for (std::size_t i = 0; i < lines.size() && !joined; ++i) {
      // The nearest level line to the right of line i.
      std::size_t best = lines.size();
      int best_gap = 0;
      for (std::size_t j = 0; j < lines.size(); ++j) {
        if (j == i || !Level(lines[i].box, lines[j].box)) continue;
        const int gap = lines[j].box.x - (lines[i].box.x + lines[i].box.w);
        const int height = std::max(lines[i].box.h, lines[j].box.h);
        if (gap < -height / 4 || gap * 2 > 3 * height) continue;
        if (best == lines.size() || gap < best_gap) {
          best = j;
          best_gap = gap;
        }
      }
      if (best == lines.size()) continue;
      const std::size_t keep = lines[best].words.size() > lines[i].words.size() ? best : i;
      const std::size_t drop = keep == i ? best : i;
      ocr::Line& line = lines[keep];
      line.words.insert(line.words.end(), lines[drop].words.begin(), lines[drop].words.end());
      std::stable_sort(line.words.begin(), line.words.end(),
                       [](const ocr::Word& a, const ocr::Word& b) { return a.box.x < b.box.x; });
      line.box = Union(line.box, lines[drop].box);
      lines.erase(lines.begin() + static_cast<long>(drop));
      joined = true;
    }
  }
  return lines;
}

std::vector<Record> ExtractRecords(const ocr::RecognizedPage& page_in, const ExtractContext& context) {
  const ExtractTools tools(context);
  ocr::RecognizedPage page = page_in;
  page.lines = JoinSplitLines(page_in.lines);
  switch (ClassifyPage(page)) {
    case PageKind::kLedger:
      return ExtractLedger(page, tools);
    case PageKind::kAnnex:
      return ExtractAnnex(page, tools);
    case PageKind::kCertificate:
      return ExtractCertificate(page, tools);
    default:
      return {};
  }
}

void InheritFromPreviousPage(const std::vector<Record>& previous, std::vector<Record>& page) {
  if (previous.empty()) return;
  const Record& last = previous.back();
  auto empty = [](const Field& f) { return !f.present() && f.verbatim.empty(); };
  for (Record& record : page) {
    if (record.kind != last.kind || (record.kind != PageKind::kAnnex && record.kind != PageKind::kLedger)) continue;
    bool changed = false;
    if (empty(record[FieldId::kDecisionNumber]) && last[FieldId::kDecisionNumber].present()) {
      record[FieldId::kDecisionNumber] = last[FieldId::kDecisionNumber];
      if (empty(record[FieldId::kDecisionDate])) record[FieldId::kDecisionDate] = last[FieldId::kDecisionDate];
      // An authority inferred on this page (no verbatim) yields to the decision's.
      if (record[FieldId::kAuthority].verbatim.empty() && last[FieldId::kAuthority].present())
        record[FieldId::kAuthority] = last[FieldId::kAuthority];
      changed = true;
    }
    if (empty(record[FieldId::kAward]) && last[FieldId::kAward].present()) {
      record[FieldId::kAward] = last[FieldId::kAward];
      record[FieldId::kAwardCode] = last[FieldId::kAwardCode];
      changed = true;
    }
    if (changed) ApplyReviewRules(record);
  }
}

}  // namespace sovang::ingest
