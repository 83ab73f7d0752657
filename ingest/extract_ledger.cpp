// Golden-book (sổ vàng) pages: a ruled table whose header row names the
// columns, one record per data row. The page's caption may state the award
// and the decision for every row ("Quyển số 3 — Huân chương Kháng chiến hạng
// Nhất", "Theo Quyết định số … ngày … của …"). Without a table, the lines are
// read against the column positions of a header line, or failing that as
// numbered entries.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "core/decision_number.h"
#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"
#include "ingest/ledger_columns.h"
#include "ingest/line_fit.h"
#include "ingest/ledger_split.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

// One data row: the words of each column (a cell may hold several lines).
struct Row {
  std::map<LedgerColumn, std::vector<ocr::Word>> cells;
  Box box;
  bool Has(LedgerColumn c) const {
    auto it = cells.find(c);
    return it != cells.end() && !it->second.empty();
  }
};

std::vector<ocr::Word> WordsOf(const ocr::Cell& cell) {
  std::vector<ocr::Word> words;
  for (const auto& line : cell.lines) words.insert(words.end(), line.words.begin(), line.words.end());
  return words;
}

// Words of cells side by side in reading order: line by line (words level
// with each other), left to right.
std::vector<ocr::Word> ReadingOrder(std::vector<ocr::Word> words) {
  std::stable_sort(words.begin(), words.end(), [](const ocr::Word& a, const ocr::Word& b) { return a.box.y < b.box.y; });
  std::vector<std::vector<ocr::Word>> lines;
  int line_bottom = 0;
  for (auto& w : words) {
    const int mid = w.box.y + w.box.h / 2;
    if (lines.empty() || mid > line_bottom) {
      lines.emplace_back();
      line_bottom = w.box.y + w.box.h;
    }
    line_bottom = std::max(line_bottom, w.box.y + w.box.h);
    lines.back().push_back(std::move(w));
  }
  std::vector<ocr::Word> out;
  for (auto& line : lines) {
    std::stable_sort(line.begin(), line.end(), [](const ocr::Word& a, const ocr::Word& b) { return a.box.x < b.box.x; });
    out.insert(out.end(), line.begin(), line.end());
  }
  return out;
}

std::string TextOf(const std::vector<ocr::Word>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w.text;
  return out;
}

// A row that only continues the one above (a cell that overflowed): no index, no name.
bool IsContinuation(const Row& row) {
  return !row.Has(LedgerColumn::kIndex) && !row.Has(LedgerColumn::kName) && !row.cells.empty();
}

void Merge(Row& into, const Row& more) {
  for (const auto& [column, words] : more.cells) {
    auto& target = into.cells[column];
    target.insert(target.end(), words.begin(), words.end());
  }
  into.box = Union(into.box, more.box);
}

// The page's caption: the decision and the award stated for every row.
PageFacts CaptionFacts(const std::vector<ocr::Line>& lines, const ExtractTools& tools) {
  PageFacts facts;
  const TextRun run = TextRun::FromLines(lines);
  ReadDecisionFacts(run, run.all(), facts, /*authority_anywhere=*/false);
  for (const auto& line : lines) {
    const TextRun lr = TextRun::FromLine(line);
    if (auto m = tools.awards.Find(lr, lr.all()); m && m->score >= 0.85) {
      AwardFields(lr, *m, facts.award, facts.award_code);
      break;
    }
  }
  return facts;
}

Record ReadRow(const Row& row, const ExtractTools& tools, const std::string& default_date) {
  Record record;
  auto run_of = [&](LedgerColumn c) {
    auto it = row.cells.find(c);
    return it == row.cells.end() ? TextRun() : TextRun(it->second);
  };
  if (row.Has(LedgerColumn::kName)) {
    const TextRun run = run_of(LedgerColumn::kName);
    // "390. Chu Thị Quyền": the row number in the name's cell.
    Span cell = run.all();
    if (auto number = LeadingNumber(run))
      cell = number->rest;
    else if (const auto t = Tokens(run, cell);
             !t.empty() && run.FoldedOf(t[0]).find_first_not_of("0123456789") == std::string_view::npos)
      cell.begin = t[0].end;
    // "358 40130 Phan Văn Thủy": the columns of the number and the book
    // number merged into the name's (their rules not seen); the book number
    // is the number next to the name.
    if (const auto t = Tokens(run, cell); !t.empty() && t.size() > 1 &&
        run.FoldedOf(t[0]).find_first_not_of("0123456789") == std::string_view::npos) {
      cell.begin = t[0].end;
      if (!row.Has(LedgerColumn::kBookNumber) && run.FoldedOf(t[0]).size() >= 4)
        if (auto book = FindBookNumber(run, t[0], /*bare=*/true)) SetBookNumber(record, run, *book);
    }
    const auto h = HonorificAt(run, cell);
    const Span from{h ? h->span.end : cell.begin, run.folded().size()};
    Span name = NameAt(run, from);
    if (name.empty()) name = run.Trim(from);
    SetName(record, run, name, tools);
    if (h) SetGender(record, run, *h);
    // "Nguyễn Văn A, 1930": a year written into the name cell.
    if (!row.Has(LedgerColumn::kBirthYear))
      if (auto year = FindBirthYear(run, Span{name.end, run.folded().size()}); year && year->valid)
        SetBirthYear(record, run, *year);
  }
  if (row.Has(LedgerColumn::kGender)) {
    const TextRun run = run_of(LedgerColumn::kGender);
    SetGenderWord(record, run, run.all());
  }
  if (row.Has(LedgerColumn::kBirthYear)) {
    const TextRun run = run_of(LedgerColumn::kBirthYear);
    if (auto year = FindBirthYear(run, run.all(), /*bare=*/true)) SetBirthYear(record, run, *year);
  }
  if (row.Has(LedgerColumn::kAward)) {
    const TextRun run = run_of(LedgerColumn::kAward);
    if (auto m = tools.awards.Find(run, run.all()))
      SetAward(record, run, *m);
    else
      SetUnmatchedAward(record, run, run.all());
  }
  auto read_number = [&](const TextRun& run) -> std::optional<Found> {
    auto number = FindDecisionNumber(run, run.all(), /*bare=*/true);
    if (number)
      SetDecisionNumber(record, run, *number);
    else if (!run.Trim(run.all()).empty()) {
      Field seen = MakeField(run, run.all(), "");
      MarkInvalid(seen);
      record[FieldId::kDecisionNumber] = seen;
    }
    return number;
  };
  if (row.Has(LedgerColumn::kDecision)) {
    // "543/QĐ-CTN ngày 10/8/1975", or the number and the date on two lines.
    const TextRun run = run_of(LedgerColumn::kDecision);
    const auto number = read_number(run);
    const Span after{number ? number->span.end : 0, run.folded().size()};
    if (auto date = FindDate(run, after)) {
      SetDecisionDate(record, run, *date);
    } else if (std::count_if(run.folded().begin() + static_cast<long>(after.begin), run.folded().end(),
                             [](char c) { return c >= '0' && c <= '9'; }) >= 4) {
      // Digits where the date should be, but no date ("160/10/1976").
      Field seen = MakeField(run, after, "");
      MarkInvalid(seen);
      record[FieldId::kDecisionDate] = seen;
    }
  }
  if (row.Has(LedgerColumn::kDecisionNumber)) read_number(run_of(LedgerColumn::kDecisionNumber));
  if (row.Has(LedgerColumn::kDecisionDate)) {
    const TextRun run = run_of(LedgerColumn::kDecisionDate);
    if (auto date = FindDate(run, run.all())) SetDecisionDate(record, run, *date);
  }
  // Places as they were named at the decision's date.
  const std::string& as_of =
      record[FieldId::kDecisionDate].present() ? record.value(FieldId::kDecisionDate) : default_date;
  if (row.Has(LedgerColumn::kHometown)) {
    const TextRun run = run_of(LedgerColumn::kHometown);
    SetHometown(record, run, run.Trim(run.all()), tools, as_of);
  }
  // Separate commune / district / province columns.
  const std::pair<LedgerColumn, FieldId> kPlaceColumns[] = {{LedgerColumn::kCommune, FieldId::kCommune},
                                                            {LedgerColumn::kDistrict, FieldId::kDistrict},
                                                            {LedgerColumn::kProvince, FieldId::kProvince}};
  for (const auto& [column, id] : kPlaceColumns) {
    if (!row.Has(column)) continue;
    const TextRun run = run_of(column);
    Record one;
    SetHometown(one, run, run.Trim(run.all()), tools, as_of);
    for (FieldId f : {FieldId::kCommune, FieldId::kDistrict, FieldId::kProvince})
      if (one[f].present()) {
        record[id] = one[f];
        break;
      }
  }
  if (row.Has(LedgerColumn::kBookNumber)) {
    const TextRun run = run_of(LedgerColumn::kBookNumber);
    if (auto book = FindBookNumber(run, run.all(), /*bare=*/true)) SetBookNumber(record, run, *book);
  }
  return record;
}

// Rows of one book section share their decision: a number one character off
// the one most rows read, with the same date (or no readable date), is that
// number misread ("892/QĐ-CTN" among "802/QĐ-CTN"); and a date missing,
// impossible or one character off among rows of one number is that number's
// date. Repaired values keep their verbatim and lose some confidence.
void HarmonizeDecisions(std::vector<Record>& records) {
  auto majority = [&](FieldId id, auto&& key_of, auto&& eligible) {
    std::map<std::string, int> count;
    std::map<std::string, std::string> value_of;
    for (const Record& r : records)
      if (r[id].present() && eligible(r)) {
        const std::string k = key_of(r[id].value);
        ++count[k];
        value_of.emplace(k, r[id].value);
      }
    std::string best;
    int best_n = 0, total = 0;
    for (const auto& [k, n] : count) {
      total += n;
      if (n > best_n) {
        best = k;
        best_n = n;
      }
    }
    // A clear majority of at least three readings.
    if (best_n < 3 || best_n * 2 <= total) return std::pair<std::string, std::string>{};
    return std::pair<std::string, std::string>{best, value_of[best]};
  };
  auto any = [](const Record&) { return true; };
  auto ident = [](const std::string& v) { return v; };
  const auto [number_key, number] = majority(FieldId::kDecisionNumber, DecisionKey, any);
  if (number_key.empty()) return;
  auto same_number = [&](const Record& r) { return DecisionKey(r.value(FieldId::kDecisionNumber)) == number_key; };
  const auto [date_key, date] = majority(FieldId::kDecisionDate, ident, same_number);
  for (Record& r : records) {
    Field& n = r[FieldId::kDecisionNumber];
    Field& d = r[FieldId::kDecisionDate];
    bool changed = false;
    // A date one character off the section's counts as agreeing: both
    // misread on one row ("197B-VP/MT ngày 5/2/1979" among "107B … 1970").
    const bool date_agrees = !d.present() || date.empty() || text::EditDistance(d.value, date, 1) <= 1;
    if (n.present() && DecisionKey(n.value) != number_key && text::EditDistance(DecisionKey(n.value), number_key, 1) <= 1) {
      if (date_agrees) n.value = number;
      MarkInvalid(n);  // repaired by the other rows, or at odds with them: a person confirms
      changed = true;
    }
    if (!date.empty() && same_number(r) && d.value != date &&
        (!d.present() || text::EditDistance(d.value, date, 1) <= 1) && !(d.verbatim.empty() && !d.present())) {
      d.value = date;
      MarkInvalid(d);
      changed = true;
    }
    if (changed) ApplyReviewRules(r);
  }
}

// Golden-book numbers run in sequence down a page: a number far from the
// run most rows agree on is misread, and so is one with letters or signs
// where the others are digits. A number one digit away from the run (a table
// rule read as "4": "415846" or "45846" among "158xx") is repaired to the
// reading that lands in the run; either way it is left for review.
void CheckBookNumbers(std::vector<Record>& records) {
  auto numeric = [](const std::string& v) {
    return !v.empty() && v.size() <= 12 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::vector<long long> values;
  for (const Record& r : records)
    if (numeric(r.value(FieldId::kBookNumber))) values.push_back(std::stoll(r.value(FieldId::kBookNumber)));
  if (values.size() < 3) return;
  // The largest group of numbers within one window: the page's run.
  constexpr long long kWindow = 1000;
  std::sort(values.begin(), values.end());
  std::size_t best_from = 0, best_n = 0;
  for (std::size_t i = 0, j = 0; i < values.size(); ++i) {
    while (values[i] - values[j] > kWindow) ++j;
    if (i - j + 1 > best_n) {
      best_n = i - j + 1;
      best_from = j;
    }
  }
  if (best_n < 3 || best_n * 5 < values.size() * 2) return;  // no clear run
  const long long lo = values[best_from], hi = values[best_from + best_n - 1];
  auto in_run = [&](const std::string& v) {
    if (!numeric(v)) return false;
    const long long n = std::stoll(v);
    return n >= lo - kWindow / 2 && n <= hi + kWindow / 2;
  };
  for (Record& r : records) {
    Field& f = r[FieldId::kBookNumber];
    if (!f.present() || in_run(f.value)) continue;
    // Readings one digit away: one dropped, or one replaced.
    const std::string v = f.value;
    std::vector<std::string> candidates;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string dropped = v;
      dropped.erase(i, 1);
      if (dropped[0] != '0' && in_run(dropped)) candidates.push_back(dropped);
      for (char d = i == 0 ? '1' : '0'; d <= '9'; ++d) {
        std::string replaced = v;
        replaced[i] = d;
        if (replaced != v && in_run(replaced)) candidates.push_back(replaced);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.size() == 1) f.value = candidates.front();
    MarkInvalid(f);
    ApplyReviewRules(r);
  }
}

// An award cell that matched nothing ("Huân chương Kháng chiến hạng |") but
// reads like the caption's award is that award, for a person to confirm.
void AwardFromCaption(Record& record, const PageFacts& facts) {
  Field& award = record[FieldId::kAward];
  if (award.present() || award.verbatim.empty() || !facts.award.present()) return;
  const std::string read = text::Fold(award.verbatim), caption = text::Fold(facts.award.value);
  const int len = static_cast<int>(std::max(read.size(), caption.size()));
  if (text::EditDistance(read, caption, len / 4) > len / 4) return;
  const Box box = award.box;
  const std::string verbatim = award.verbatim;
  award = facts.award;
  record[FieldId::kAwardCode] = facts.award_code;
  for (Field* f : {&award, &record[FieldId::kAwardCode]}) {
    f->verbatim = verbatim;
    f->box = box;
    MarkInvalid(*f);
  }
}

// A column the header names whose cell gave nothing for a row: the value
// was missed (an empty field that knows where it should have been asks for
// review, confidence.h).
void MarkMissing(Record& record, const Row& row, const std::vector<LedgerColumn>& columns) {
  auto has = [&](LedgerColumn c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
  auto mark = [&](FieldId id) {
    Field& f = record[id];
    if (!f.present() && f.verbatim.empty()) f.box = row.box;
  };
  if (has(LedgerColumn::kBirthYear)) mark(FieldId::kBirthYear);
  if (has(LedgerColumn::kBookNumber)) mark(FieldId::kBookNumber);
  if (has(LedgerColumn::kHometown) && !record[FieldId::kCommune].present() && !record[FieldId::kDistrict].present() &&
      !record[FieldId::kProvince].present())
    mark(FieldId::kCommune);
}

std::vector<Record> RecordsOfRows(std::vector<Row> rows, const PageFacts& facts, const ExtractTools& tools,
                                  const std::vector<LedgerColumn>& columns) {
  std::vector<Row> merged;
  for (auto& row : rows) {
    if (row.cells.empty()) continue;
    if (IsContinuation(row) && !merged.empty()) {
      Merge(merged.back(), row);
      continue;
    }
    merged.push_back(std::move(row));
  }
  std::vector<Record> records;
  for (const Row& row : merged) {
    // A row with nothing but a number (an empty line of the book) is no record.
    if (!row.Has(LedgerColumn::kName) && !row.Has(LedgerColumn::kAward)) continue;
    Record record = ReadRow(row, tools, facts.decision_date.value);
    MarkMissing(record, row, columns);
    AwardFromCaption(record, facts);
    FinishRecord(record, facts, PageKind::kLedger, tools, static_cast<int>(records.size()) + 1, row.box);
    records.push_back(std::move(record));
  }
  HarmonizeDecisions(records);
  CheckBookNumbers(records);
  return records;
}

// A line that starts with an entry number ("317", "12."): at most four digits.
bool StartsWithNumber(const ocr::Line& line) {
  if (line.words.empty()) return false;
  std::string t = line.words.front().text;
  while (!t.empty() && (t.back() == '.' || t.back() == ')')) t.pop_back();
  return !t.empty() && t.size() <= 4 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Where the entries of a table row start: the tops of the lone numbers in
// its index cell (one line each), top to bottom; none without the cell.
std::vector<int> EntryStarts(const ocr::Cell* index) {
  std::vector<int> starts;
  if (index)
    for (const auto& line : index->lines)
      if (StartsWithNumber(line) && line.words.size() == 1) starts.push_back(line.box.y);
  std::sort(starts.begin(), starts.end());
  return starts;
}

// Which entry (of EntryStarts) a line of a row's cell belongs to: the last
// whose number is level with the line's middle or above it (heights measured
// from the top of each cell, which a skewed page moves from column to column).
std::size_t EntryOf(const std::vector<int>& starts, const ocr::Cell& cell, const ocr::Cell* index,
                    const ocr::Line& line) {
  const int offset = index ? cell.box.y - index->box.y : 0;
  const int y = line.box.y - offset + line.box.h / 2;
  std::size_t k = 0;
  while (k + 1 < starts.size() && starts[k + 1] <= y) ++k;
  return k;
}

// A table row that holds several entries, the rules between them not seen
// (a stain, a faded line): its index cell holds several numbers, one line
// each. Each line of the row's cells goes to its entry (EntryOf). One row
// when the index cell holds fewer than two numbers.
std::vector<Row> SplitMergedRow(const ocr::Table& table, int r, int index_col, const std::vector<LedgerColumn>& columns) {
  const ocr::Cell* index = index_col >= 0 ? table.at(r, index_col) : nullptr;
  if (!index) return {};
  const std::vector<int> starts = EntryStarts(index);
  if (starts.size() < 2) return {};
  std::vector<Row> parts(starts.size());
  for (int c = 0; c < table.cols; ++c) {
    const ocr::Cell* cell = table.at(r, c);
    const LedgerColumn column = columns[static_cast<std::size_t>(c)];
    if (!cell) continue;
    for (const auto& line : cell->lines) {
      const std::size_t k = EntryOf(starts, *cell, index, line);
      parts[k].box = Union(parts[k].box, line.box);
      if (column == LedgerColumn::kUnknown) continue;
      auto& into = parts[k].cells[column];
      into.insert(into.end(), line.words.begin(), line.words.end());
    }
  }
  return parts;
}

// The lines of a table row's cells, per entry and column: one entry, or
// several when the row's first cell holds several lone numbers (the rules
// between entries not seen: seed 7 p036, "204" over "205"). Each line goes
// to its entry (EntryOf), as in SplitMergedRow.
std::vector<std::vector<std::vector<const ocr::Line*>>> EntriesOfRow(const ocr::Table& table, int r) {
  const ocr::Cell* index = table.at(r, 0);
  const std::vector<int> starts = EntryStarts(index);
  const std::size_t n = std::max<std::size_t>(starts.size(), 1);
  std::vector<std::vector<std::vector<const ocr::Line*>>> entries(
      n, std::vector<std::vector<const ocr::Line*>>(static_cast<std::size_t>(table.cols)));
  for (int c = 0; c < table.cols; ++c) {
    const ocr::Cell* cell = table.at(r, c);
    if (!cell) continue;
    for (const auto& line : cell->lines)
      entries[EntryOf(starts, *cell, index, line)][static_cast<std::size_t>(c)].push_back(&line);
  }
  return entries;
}

// Lines under the table that are entries: most of their words below the
// bottom of the last row's cell they stand under. Each word goes to the
// column of that cell; a numbered line starts an entry, another line
// continues the entry whose words stand closest above it (on a skewed page
// a line's height changes along it). Lines far under the entries (a page
// number) and every line that is no entry go to `caption`.
std::vector<Row> RowsBelow(const std::vector<ocr::Line>& lines, const ocr::Table& table, int header_rows,
                           const std::vector<LedgerColumn>& columns, std::vector<ocr::Line>& caption) {
  std::vector<const ocr::Cell*> last;  // the bottom cell of each column
  for (int c = 0; c < table.cols; ++c) {
    const ocr::Cell* bottom = nullptr;
    for (int r = table.rows - 1; r >= header_rows && !bottom; --r) bottom = table.at(r, c);
    if (bottom) last.push_back(bottom);
  }
  auto cell_under = [&](const Box& w) -> const ocr::Cell* {
    const int cx = w.x + w.w / 2;
    const ocr::Cell* best = nullptr;
    int best_d = 0;
    for (const ocr::Cell* cell : last) {
      const int d = cx < cell->box.x ? cell->box.x - cx : cx > cell->box.x + cell->box.w ? cx - cell->box.x - cell->box.w : 0;
      if (!best || d < best_d) {
        best = cell;
        best_d = d;
      }
    }
    return best;
  };
  std::vector<const ocr::Line*> below;
  for (const auto& line : lines) {
    int under = 0;
    for (const auto& w : line.words)
      if (const ocr::Cell* cell = cell_under(w.box); cell && w.box.y + w.box.h / 2 > cell->box.y + cell->box.h) ++under;
    if (!last.empty() && under * 2 > static_cast<int>(line.words.size()))
      below.push_back(&line);
    else
      caption.push_back(line);
  }
  std::stable_sort(below.begin(), below.end(), [](const ocr::Line* a, const ocr::Line* b) { return a->box.y < b->box.y; });
  std::vector<Row> rows;
  std::vector<std::pair<const ocr::Line*, std::size_t>> placed;  // line, its row
  std::vector<int> heights;
  for (const ocr::Line* line : below)
    for (const auto& w : line->words) heights.push_back(w.box.h);
  std::sort(heights.begin(), heights.end());
  const int word_h = heights.empty() ? 0 : heights[heights.size() / 2];
  auto add = [&](Row& row, const ocr::Line& line) {
    row.box = Union(row.box, line.box);
    for (const auto& w : line.words) {
      const ocr::Cell* cell = cell_under(w.box);
      const LedgerColumn column = cell ? columns[static_cast<std::size_t>(cell->col)] : LedgerColumn::kUnknown;
      if (column != LedgerColumn::kUnknown) row.cells[column].push_back(w);
    }
  };
  for (const ocr::Line* line : below) {
    if (StartsWithNumber(*line) && line->words.size() >= 3) {
      rows.emplace_back();
      add(rows.back(), *line);
      placed.emplace_back(line, rows.size() - 1);
      continue;
    }
    // The placed line with words closest above this one's first word.
    const Box& first = line->words.front().box;
    std::size_t best_row = rows.size();
    int best_gap = 0;
    for (const auto& [other, row] : placed) {
      const ocr::Word* near = nullptr;
      int near_d = 0;
      for (const auto& w : other->words) {
        const int d = std::abs((w.box.x + w.box.w / 2) - (first.x + first.w / 2));
        if (!near || d < near_d) {
          near = &w;
          near_d = d;
        }
      }
      if (!near) continue;
      const int gap = first.y - near->box.y;
      if (gap <= 0 || gap > 3 * word_h) continue;
      if (best_row == rows.size() || gap < best_gap) {
        best_row = row;
        best_gap = gap;
      }
    }
    if (best_row == rows.size()) {
      caption.push_back(*line);
      continue;
    }
    add(rows[best_row], *line);
    placed.emplace_back(line, best_row);
  }
  return rows;  // each cell's words line after line, as placed
}

std::vector<Record> FromTable(const ocr::RecognizedPage& page, const ExtractTools& tools, int header_rows) {
  const std::optional<ocr::Table> split = SplitCrowdedColumns(*page.table, header_rows);
  const ocr::Table& table = split ? *split : *page.table;
  // Column titles: the header rows' texts joined ("Quyết định" over "Số" and "Ngày").
  std::vector<std::string> titles(static_cast<std::size_t>(table.cols));
  for (int r = 0; r < header_rows; ++r)
    for (int c = 0; c < table.cols; ++c)
      if (const ocr::Cell* cell = table.at(r, c)) {
        const std::string t = TextRun::FromCell(*cell).text();
        if (t.empty()) continue;
        auto& title = titles[static_cast<std::size_t>(c)];
        title += (title.empty() ? "" : " ") + t;
      }
  std::vector<LedgerColumn> columns = MapHeader(titles);
  // A two-row header whose joined titles say less than the last row alone.
  if (header_rows > 1) {
    std::vector<std::string> last(static_cast<std::size_t>(table.cols));
    for (int c = 0; c < table.cols; ++c)
      if (const ocr::Cell* cell = table.at(header_rows - 1, c))
        last[static_cast<std::size_t>(c)] = TextRun::FromCell(*cell).text();
    const auto alone = MapHeader(last);
    auto named = [](const std::vector<LedgerColumn>& v) {
      return std::count_if(v.begin(), v.end(), [](LedgerColumn c) { return c != LedgerColumn::kUnknown; });
    };
    if (named(alone) > named(columns)) columns = alone;
  }

  // A column the header does not name, right of one it does, whose title
  // completes that one's ("Hình thức" | "khen thưởng"): one column the text
  // alignment split in two. Its cells belong to the column on its left.
  auto header_words = [&](int c) {
    std::vector<ocr::Word> words;
    for (int r = 0; r < header_rows; ++r)
      if (const ocr::Cell* cell = table.at(r, c)) {
        auto w = WordsOf(*cell);
        words.insert(words.end(), w.begin(), w.end());
      }
    return words;
  };
  // An unnamed column whose cells are mostly entry numbers (up to four
  // characters, digits but for a misread one) is the index, whatever its title read as ("5T]" for "STT": fresh
  // seed 83 p032; its title joined to "Họ và tên" made it the name's, and
  // "TÓC", "36C" opened two names).
  if (std::find(columns.begin(), columns.end(), LedgerColumn::kIndex) == columns.end())
    for (int c = 0; c < table.cols; ++c) {
      if (columns[static_cast<std::size_t>(c)] != LedgerColumn::kUnknown) continue;
      int filled = 0, numbers = 0;
      for (int r = header_rows; r < table.rows; ++r) {
        const ocr::Cell* cell = table.at(r, c);
        if (!cell) continue;
        const std::string text = TextOf(WordsOf(*cell));
        if (text.empty()) continue;
        ++filled;
        // At most four characters, two of them digits at least ("357", "35€", "36C").
        const auto chars = std::count_if(text.begin(), text.end(), [](char ch) { return (ch & 0xC0) != 0x80; });
        const auto digits = std::count_if(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        numbers += chars <= 4 && (digits >= 2 || digits == chars);
      }
      if (filled >= 3 && 3 * numbers >= 2 * filled) {
        columns[static_cast<std::size_t>(c)] = LedgerColumn::kIndex;
        break;
      }
    }
  bool merged = false;
  for (int c = 1; c < table.cols; ++c) {
    const LedgerColumn left = columns[static_cast<std::size_t>(c - 1)];
    if (columns[static_cast<std::size_t>(c)] != LedgerColumn::kUnknown || left == LedgerColumn::kUnknown) continue;
    int first = c - 1;  // the leftmost cell of the left column
    while (first > 0 && columns[static_cast<std::size_t>(first - 1)] == left) --first;
    std::vector<ocr::Word> words;
    for (int k = first; k <= c; ++k) {
      auto w = header_words(k);
      words.insert(words.end(), w.begin(), w.end());
    }
    if (header_words(c).empty() || !NamesWhole(TextOf(ReadingOrder(words)), left)) continue;
    columns[static_cast<std::size_t>(c)] = left;
    merged = true;
  }
  // The same with the unnamed part on the left ("Số và ngày" | "quyết định").
  for (int c = table.cols - 2; c >= 0; --c) {
    const LedgerColumn right = columns[static_cast<std::size_t>(c + 1)];
    if (columns[static_cast<std::size_t>(c)] != LedgerColumn::kUnknown || right == LedgerColumn::kUnknown) continue;
    int last = c + 1;
    while (last + 1 < table.cols && columns[static_cast<std::size_t>(last + 1)] == right) ++last;
    std::vector<ocr::Word> words;
    for (int k = c; k <= last; ++k) {
      auto w = header_words(k);
      words.insert(words.end(), w.begin(), w.end());
    }
    if (header_words(c).empty() || !NamesWhole(TextOf(ReadingOrder(words)), right)) continue;
    columns[static_cast<std::size_t>(c)] = right;
    merged = true;
  }

  // Two neighbouring columns neither of whose titles names one, which
  // together do ("Số và ngày … định" | "quyết"): one column the text
  // alignment split, its title's words shared between them.
  for (int c = 0; c + 1 < table.cols; ++c) {
    if (columns[static_cast<std::size_t>(c)] != LedgerColumn::kUnknown ||
        columns[static_cast<std::size_t>(c + 1)] != LedgerColumn::kUnknown)
      continue;
    auto words = header_words(c);
    const auto right = header_words(c + 1);
    if (words.empty() || right.empty()) continue;
    words.insert(words.end(), right.begin(), right.end());
    const HeaderMatch m = MatchHeader(TextOf(ReadingOrder(words)));
    if (m.column == LedgerColumn::kUnknown || m.score < 0.85 ||
        std::find(columns.begin(), columns.end(), m.column) != columns.end())
      continue;
    columns[static_cast<std::size_t>(c)] = columns[static_cast<std::size_t>(c + 1)] = m.column;
    merged = true;
  }

  std::vector<Row> rows;
  const auto index_at = std::find(columns.begin(), columns.end(), LedgerColumn::kIndex);
  const int index_col = index_at == columns.end() ? -1 : static_cast<int>(index_at - columns.begin());
  for (int r = header_rows; r < table.rows; ++r) {
    if (auto parts = SplitMergedRow(table, r, index_col, columns); parts.size() > 1) {
      for (auto& part : parts) {
        if (merged)
          for (auto& [column, words] : part.cells) words = ReadingOrder(std::move(words));
        rows.push_back(std::move(part));
      }
      continue;
    }
    Row row;
    for (int c = 0; c < table.cols; ++c) {
      const ocr::Cell* cell = table.at(r, c);
      if (!cell) continue;
      row.box = Union(row.box, cell->box);
      const LedgerColumn column = columns[static_cast<std::size_t>(c)];
      if (column == LedgerColumn::kUnknown) continue;
      auto words = WordsOf(*cell);
      if (words.empty()) continue;
      auto& into = row.cells[column];
      into.insert(into.end(), words.begin(), words.end());
    }
    if (merged)
      for (auto& [column, words] : row.cells) words = ReadingOrder(std::move(words));
    rows.push_back(std::move(row));
  }
  // Entries under the table: rows whose rules a stain broke off its bottom
  // came as lines of text.
  std::vector<ocr::Line> caption;
  for (Row& row : RowsBelow(page.lines, table, header_rows, columns, caption)) rows.push_back(std::move(row));
  return RecordsOfRows(std::move(rows), CaptionFacts(caption, tools), tools, columns);
}

// --- Without a table ---------------------------------------------------------------

std::vector<Record> FromAlignedLines(const ocr::RecognizedPage& page, const ExtractTools& tools, std::size_t header,
                                     const std::vector<Anchor>& anchors) {
  // Column k owns x from the middle of the gap before its title to the middle of the gap after.
  std::vector<int> cuts;
  for (std::size_t k = 0; k + 1 < anchors.size(); ++k) cuts.push_back((anchors[k].x1 + anchors[k + 1].x0) / 2);
  // Titles sit centred over their columns, the text of a column starts at
  // its left edge: each cut moves to where the rows below have the least
  // text between the two titles' middles (the gap between two columns).
  int right = 0;
  for (std::size_t i = header + 1; i < page.lines.size(); ++i)
    for (const auto& w : page.lines[i].words) right = std::max(right, w.box.x + w.box.w);
  std::vector<int> coverage(static_cast<std::size_t>(right) + 1, 0);
  for (std::size_t i = header + 1; i < page.lines.size(); ++i)
    for (const auto& w : page.lines[i].words)
      for (int x = std::max(0, w.box.x); x < w.box.x + w.box.w && x <= right; ++x) ++coverage[static_cast<std::size_t>(x)];
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    const int lo = std::max(0, (anchors[k].x0 + anchors[k].x1) / 2);
    const int hi = std::min(right, (anchors[k + 1].x0 + anchors[k + 1].x1) / 2);
    int best = cuts[k];
    for (int x = lo; x <= hi; ++x) {
      const auto c = coverage[static_cast<std::size_t>(x)];
      const auto b = best >= 0 && best <= right ? coverage[static_cast<std::size_t>(best)] : c + 1;
      if (c < b || (c == b && std::abs(x - cuts[k]) < std::abs(best - cuts[k]))) best = x;
    }
    cuts[k] = best;
  }
  auto column_of = [&](const Box& b) {
    const int cx = b.x + b.w / 2;
    std::size_t k = 0;
    while (k < cuts.size() && cx >= cuts[k]) ++k;
    return anchors[k].column;
  };
  std::vector<ocr::Line> caption(page.lines.begin(), page.lines.begin() + static_cast<long>(header));
  // The typical height of a word of the rows, to tell a cell's next line
  // from text far below the table (a page number "Trang 102").
  std::vector<int> heights;
  for (std::size_t i = header + 1; i < page.lines.size(); ++i)
    for (const auto& w : page.lines[i].words) heights.push_back(w.box.h);
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  const int word_h = heights.empty() ? 0 : heights[heights.size() / 2];
  std::vector<Row> rows;
  int last_bottom = -1;
  for (std::size_t i = header + 1; i < page.lines.size(); ++i) {
    const ocr::Line& line = page.lines[i];
    Row row;
    row.box = line.box;
    for (const auto& w : line.words) row.cells[column_of(w.box)].push_back(w);
    // A line without number or name continues the row above only when it is
    // close under it; further down it is no part of the table.
    if (IsContinuation(row) && last_bottom >= 0 && line.box.y - last_bottom > 3 * word_h) continue;
    last_bottom = std::max(last_bottom, line.box.y + line.box.h);
    rows.push_back(std::move(row));
  }
  std::vector<LedgerColumn> columns;
  for (const Anchor& a : anchors) columns.push_back(a.column);
  return RecordsOfRows(std::move(rows), CaptionFacts(caption, tools), tools, columns);
}

// How far under line `a` line `b` sits: the median height of b's word
// centres over the straight line through a's (least squares). On a page
// that is still tilted, two lines of header titles half a line apart have
// boxes a line and more apart at their tops (seed 7 p036: 43 px at the tops
// of boxes 134 and 157 px tall).
int OffsetBelow(const ocr::Line& a, const ocr::Line& b) {
  if (a.words.empty() || b.words.empty()) return 1 << 20;
  LineFit through_a;
  for (const auto& w : a.words) through_a.Add(w.box.x + w.box.w / 2.0, w.box.y + w.box.h / 2.0);
  std::vector<double> offsets;
  for (const auto& w : b.words) offsets.push_back(w.box.y + w.box.h / 2.0 - through_a.At(w.box.x + w.box.w / 2.0));
  std::nth_element(offsets.begin(), offsets.begin() + static_cast<long>(offsets.size() / 2), offsets.end());
  return static_cast<int>(offsets[offsets.size() / 2]);
}

std::vector<Record> FromNumberedLines(const ocr::RecognizedPage& page, const ExtractTools& tools) {
  // Each numbered line starts an entry; unnumbered lines continue it.
  std::vector<ocr::Line> caption;
  std::vector<std::vector<ocr::Line>> entries;
  for (const auto& line : page.lines) {
    const TextRun run = TextRun::FromLine(line);
    if (LeadingNumber(run))
      entries.push_back({line});
    else if (entries.empty())
      caption.push_back(line);
    else
      entries.back().push_back(line);
  }
  const PageFacts facts = CaptionFacts(caption, tools);
  std::vector<Record> records;
  for (const auto& lines : entries) {
    const TextRun run = TextRun::FromLines(lines);
    const auto number = LeadingNumber(run);
    const Span body = number ? number->rest : run.all();
    Record record;
    ReadPerson(record, run, body, tools, facts.decision_date.value);
    if (!record[FieldId::kBirthYear].present())
      if (auto year = FindBirthYear(run, body, /*bare=*/true); year && year->valid) SetBirthYear(record, run, *year);
    if (!record[FieldId::kAward].present())
      if (auto m = tools.awards.Find(run, body)) SetAward(record, run, *m);
    if (!record[FieldId::kDecisionNumber].present())
      if (auto n = FindDecisionNumber(run, body, /*bare=*/true); n && n->valid) {
        SetDecisionNumber(record, run, *n);
        if (auto date = FindDate(run, Span{n->span.end, run.folded().size()})) SetDecisionDate(record, run, *date);
      }
    Box bbox;
    for (const auto& l : lines) bbox = Union(bbox, l.box);
    FinishRecord(record, facts, PageKind::kLedger, tools, static_cast<int>(records.size()) + 1, bbox);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::vector<Record> ExtractLedger(const ocr::RecognizedPage& page, const ExtractTools& tools) {
  if (page.table)
    if (const int header_rows = LedgerHeaderRows(*page.table); header_rows > 0)
      return FromTable(page, tools, header_rows);
  // No table, or a table without its header (rules a stain broke up): the
  // page read as lines top to bottom, the table's rows among them; a header
  // line gives the columns' positions.
  ocr::RecognizedPage flat = page;
  if (page.table) {
    // Row by row, the k-th lines of the row's cells side by side: a cell's
    // own lines keep their order (banding the words of a skewed row by
    // height would interleave a cell's two lines with its neighbours').
    // A row holding several entries (its first cell several numbers, the
    // rules between them not seen) first parts its lines among them.
    for (int r = 0; r < page.table->rows; ++r) {
      for (const auto& entry : EntriesOfRow(*page.table, r)) {
        for (std::size_t k = 0;; ++k) {
          ocr::Line line;
          bool more = false;
          for (const auto& lines : entry) {
            if (k >= lines.size()) continue;
            more = true;
            for (const auto& w : lines[k]->words) {
              line.words.push_back(w);
              line.box = Union(line.box, w.box);
            }
          }
          if (!more) break;
          if (!line.words.empty()) flat.lines.push_back(std::move(line));
        }
      }
    }
    flat.table.reset();
  }
  std::stable_sort(flat.lines.begin(), flat.lines.end(),
                   [](const ocr::Line& a, const ocr::Line& b) { return a.box.y < b.box.y; });
  for (std::size_t i = 0; i < flat.lines.size(); ++i) {
    auto anchors = AnchorsOf(flat.lines[i]);
    // Titles over two lines ("Số sổ | Năm | Hình thức khen" half a line
    // over "STT | Họ và tên | sinh | thưởng").
    if (i + 1 < flat.lines.size()) {
      const ocr::Line& a = flat.lines[i];
      const ocr::Line& b = flat.lines[i + 1];
      // Titles carry no numbers; a row under them does.
      const bool b_has_digits = std::any_of(b.words.begin(), b.words.end(), [](const ocr::Word& w) {
        return std::any_of(w.text.begin(), w.text.end(), [](char c) { return c >= '0' && c <= '9'; });
      });
      // Less than a line apart: cells of one header row whose titles wrap
      // to different numbers of lines, centred in the row.
      // (Word heights, not line heights: a skewed line's box is taller.)
      std::vector<int> heights;
      for (const auto* l : {&a, &b})
        for (const auto& w : l->words) heights.push_back(w.box.h);
      std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
      const int word_h = heights.empty() ? 0 : heights[heights.size() / 2];
      if (!b_has_digits && (b.box.y - a.box.y < word_h || OffsetBelow(a, b) < word_h)) {
        std::vector<ocr::Word> words = a.words;
        words.insert(words.end(), b.words.begin(), b.words.end());
        ocr::Line both;
        both.words = ReadingOrder(std::move(words));
        // One line of titles: left to right whatever their height.
        std::stable_sort(both.words.begin(), both.words.end(),
                         [](const ocr::Word& x, const ocr::Word& y) { return x.box.x < y.box.x; });
        for (const auto& w : both.words) both.box = Union(both.box, w.box);
        // Each line's titles on their own (read together, the words of the
        // two lines interleave), then those of the second line where the
        // first has none.
        auto more = anchors;
        for (const Anchor& extra : AnchorsOf(b)) {
          const bool taken = std::any_of(more.begin(), more.end(), [&](const Anchor& x) {
            return x.column == extra.column || (extra.x0 < x.x1 && x.x0 < extra.x1);
          });
          if (!taken) more.push_back(extra);
        }
        // A title wrapped into both lines, one word over the other ("Năm" over "sinh").
        auto covered = [&](const ocr::Word& w) {
          return std::any_of(more.begin(), more.end(),
                             [&](const Anchor& x) { return w.box.x < x.x1 && x.x0 < w.box.x + w.box.w; });
        };
        for (const ocr::Word& top : a.words) {
          if (covered(top)) continue;
          for (const ocr::Word& bottom : b.words) {
            if (covered(bottom) || bottom.box.x >= top.box.x + top.box.w || top.box.x >= bottom.box.x + bottom.box.w)
              continue;
            const HeaderMatch m = MatchHeader(top.text + " " + bottom.text);
            const bool taken = std::any_of(more.begin(), more.end(), [&](const Anchor& x) { return x.column == m.column; });
            if (m.column == LedgerColumn::kUnknown || taken) continue;
            const Box box = Union(top.box, bottom.box);
            more.push_back({m.column, box.x, box.x + box.w});
            break;
          }
        }
        std::sort(more.begin(), more.end(), [](const Anchor& x, const Anchor& y) { return x.x0 < y.x0; });
        if (more.size() > anchors.size() && more.size() >= 3) {
          flat.lines[i] = std::move(both);
          flat.lines.erase(flat.lines.begin() + static_cast<long>(i + 1));
          anchors = std::move(more);
        }
      }
    }
    if (anchors.size() >= 3) return FromAlignedLines(flat, tools, i, anchors);
  }
  return FromNumberedLines(flat, tools);
}

}  // namespace sovang::ingest
