#include "ingest/extract.h"

#include <algorithm>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <utility>

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

namespace {

struct TrailingAward {
  Field award, award_code;
};

// Notes of NoteTrailingAward, taken by the next page's inheritance. Small: a
// note is a page's last heading, taken (erased) when the next page comes.
class TrailingAwards {
 public:
  void Put(const SourceRef& source, TrailingAward note) {
    std::lock_guard lock(mu_);
    if (notes_.size() >= kMaxNotes) notes_.clear();  // pages whose next page never came
    notes_[{source.sha256, source.page}] = std::move(note);
  }
  void Forget(const SourceRef& source) {
    std::lock_guard lock(mu_);
    notes_.erase({source.sha256, source.page});
  }
  std::optional<TrailingAward> Take(const std::string& sha256, int page) {
    std::lock_guard lock(mu_);
    auto it = notes_.find({sha256, page});
    if (it == notes_.end()) return std::nullopt;
    TrailingAward note = std::move(it->second);
    notes_.erase(it);
    return note;
  }

 private:
  static constexpr std::size_t kMaxNotes = 4096;
  std::mutex mu_;
  std::map<std::pair<std::string, int>, TrailingAward> notes_;
};

TrailingAwards& Trailing() {
  static auto* notes = new TrailingAwards();  // never destroyed: workers may outlive statics
  return *notes;
}

}  // namespace

void NoteTrailingAward(const SourceRef& source, const Field& award, const Field& award_code) {
  if (source.sha256.empty()) return;
  if (award.present() || !award.verbatim.empty())
    Trailing().Put(source, TrailingAward{award, award_code});
  else
    Trailing().Forget(source);
}

void InheritFromPreviousPage(const std::vector<Record>& previous, std::vector<Record>& page) {
  auto empty = [](const Field& f) { return !f.present() && f.verbatim.empty(); };
  // A heading at the foot of the previous page heads this page's first entries.
  std::optional<TrailingAward> trailing;
  if (!page.empty() && page.front().source.page > 1)
    trailing = Trailing().Take(page.front().source.sha256, page.front().source.page - 1);
  if (trailing)
    for (Record& record : page) {
      if (record.kind != PageKind::kAnnex || !empty(record[FieldId::kAward])) continue;
      record[FieldId::kAward] = trailing->award;
      record[FieldId::kAwardCode] = trailing->award_code;
      ApplyReviewRules(record);
    }
  if (previous.empty()) return;
  const Record& last = previous.back();
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
