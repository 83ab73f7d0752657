// Annex lists of a decision: a title naming the decision ("Kèm theo Quyết
// định số 803/QĐ-CTN ngày 10 tháng 8 năm 1975 của Chủ tịch nước"), maybe group
// headings naming the award ("Huân chương Kháng chiến hạng Nhất:"), then
// numbered entries "1. Ông Nguyễn Văn A, sinh năm 1930; quê quán: …;" that
// may wrap over several lines. Each entry inherits the decision and the
// award of the heading above it.

#include <algorithm>
#include <cstdlib>

#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"
#include "text/normalize.h"

namespace sovang::ingest {

namespace {

struct Entry {
  std::vector<ocr::Line> lines;
  Field award, award_code;  // from the heading above the entry
  bool closed = false;      // a footer or a gap ended it
};

int MedianLineHeight(const std::vector<ocr::Line>& lines) {
  std::vector<int> h;
  for (const auto& l : lines)
    if (l.box.h > 0) h.push_back(l.box.h);
  if (h.empty()) return 0;
  std::nth_element(h.begin(), h.begin() + static_cast<long>(h.size() / 2), h.end());
  return h[h.size() / 2];
}

// Roman numerals and letters that number headings: "I.", "II.", "A.".
std::optional<Span> HeadingPrefix(const TextRun& run) {
  const auto tokens = Tokens(run, run.all());
  if (tokens.empty()) return std::nullopt;
  const std::string_view t = run.FoldedOf(tokens[0]);
  static constexpr std::string_view kRoman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "a", "b", "c", "d"};
  if (std::find(std::begin(kRoman), std::end(kRoman), t) == std::end(kRoman)) return std::nullopt;
  const std::size_t after = tokens[0].end;
  if (after >= run.folded().size() || (run.folded()[after] != '.' && run.folded()[after] != ')')) return std::nullopt;
  return Span{after + 1, run.folded().size()};
}

// A group heading: a line (or two) that is mostly an award name.
struct Heading {
  TextRun run;
  AwardMatch match;
  std::size_t lines = 1;
};

std::optional<Heading> HeadingAt(const std::vector<ocr::Line>& lines, std::size_t i, const ExtractTools& tools) {
  for (std::size_t n = 1; n <= 2 && i + n <= lines.size(); ++n) {
    if (n == 2 && LeadingNumber(TextRun::FromLine(lines[i + 1]))) break;
    TextRun run = TextRun::FromLines(
        std::vector<ocr::Line>(lines.begin() + static_cast<long>(i), lines.begin() + static_cast<long>(i + n)));
    Span body = run.all();
    if (auto prefix = HeadingPrefix(run))
      body = *prefix;
    else if (auto number = LeadingNumber(run))
      body = number->rest;
    if (HonorificAt(run, body)) return std::nullopt;  // an entry, not a heading
    auto match = tools.awards.Find(run, body);
    if (!match) continue;
    // A heading's award starts on its first line (the line before it may end an entry).
    if (n == 2 && match->span.begin >= run.SpanOfWords(0, lines[i].words.size()).end) continue;
    const std::size_t total = Tokens(run, body).size();
    const std::size_t covered = Tokens(run, match->span).size();
    if (total == 0 || covered * 2 < total) continue;
    Heading h{std::move(run), *match, n};
    return h;
  }
  return std::nullopt;
}

// A group heading OCR damaged beyond matching ("Huân chương Kháng chiến hạng
// Nhà:"): a line that starts like an award and ends with a colon. The entries
// under it must not keep the previous group's award.
bool LooksLikeHeading(const TextRun& run) {
  const std::string text = run.text();
  if (text.empty() || text.back() != ':') return false;
  Span body = run.all();
  if (auto prefix = HeadingPrefix(run)) body = *prefix;
  for (std::string_view start : {"huan chuong", "huy chuong", "bang khen", "danh hieu", "co thi dua", "giay khen",
                                 "chien si", "dung si", "bang"}) {
    const auto hit = FindPhrase(run, body, start);
    if (hit && run.Trim(Span{body.begin, hit->begin}).empty()) return true;
  }
  return false;
}

// Lines after the list: "(Danh sách này có 12 cá nhân)", signatures, "Nơi nhận".
bool IsFooter(const TextRun& run) {
  const std::string& f = run.folded();
  if (!f.empty() && f[0] == '(') return true;
  for (std::string_view k : {"danh sach nay", "noi nhan", "da ky", "tm ", "kt ", "t/m", "k/t"})
    if (f.compare(0, k.size(), k) == 0) return true;
  return FindPhrase(run, run.all(), "danh sach nay").has_value();
}

// After an entry number comes an honorific or a name (a capital letter).
bool HonorificOrName(const TextRun& run, Span rest) {
  if (HonorificAt(run, rest)) return true;
  const auto tokens = Tokens(run, rest);
  if (tokens.empty()) return false;
  const std::string_view first = run.TextOf(tokens[0]);
  return text::Lower(first) != first;
}

// Specks and stains read as text: every word short and doubtful ("O1 + C1 2").
bool IsJunk(const ocr::Line& line) {
  return std::all_of(line.words.begin(), line.words.end(),
                     [](const ocr::Word& w) { return w.confidence < 0.6 && w.text.size() <= 3; });
}

// An honorific that starts a line, maybe after a speck OCR read as a short
// word ("m: Ông Phạm Văn Ngọ", ". Bà …"): an entry whose number was lost.
std::optional<Honorific> HonorificAfterJunk(const TextRun& run) {
  if (auto h = HonorificAt(run, run.all())) return h;
  const auto tokens = Tokens(run, run.all());
  // Up to four short marks before it ("O1 C1 + 2 . Bà …": a number read as specks).
  for (std::size_t k = 0; k < 4 && k + 2 < tokens.size(); ++k) {
    // At most two letters or digits; symbols besides ("‹", "⁄4": a 7 read
    // as a fraction slash; folded text keeps no letter outside ASCII).
    const std::string_view t = run.FoldedOf(tokens[k]);
    const auto alnum = std::count_if(t.begin(), t.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
    if (alnum > 2) return std::nullopt;
    auto h = HonorificAt(run, Span{tokens[k].end, run.folded().size()});
    if (h) {
      h->span.begin = std::max(h->span.begin, tokens[k + 1].begin);
      return h;
    }
  }
  return std::nullopt;
}

// A line that is only a number.
bool IsLoneNumber(const TextRun& run) {
  const auto tokens = Tokens(run, run.all());
  if (tokens.size() != 1 || run.Trim(run.all()).size() != tokens[0].size()) return false;
  const std::string_view t = run.FoldedOf(tokens[0]);
  return t.size() <= 4 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether an entry's text so far ends a clause (so that an honorific on the
// next line starts a new entry rather than continuing this one).
bool EndsClause(const Entry& e) {
  if (e.closed) return true;
  const std::string text = TextRun::FromLine(e.lines.back()).text();
  return !text.empty() && (text.back() == ';' || text.back() == '.' || text.back() == ',');
}

// Whether a numbered line starts the next entry: numbering goes up by one
// (a few more when OCR lost a line); "1930." at the start of a wrapped line is a year.
bool NextNumber(int number, int last, bool first) {
  if (first) return number < 1000;
  return number > last && number <= last + 3;
}

// A list's entries all print a birth year and a hometown: an entry without
// one lost it (a stain cut the line: fresh seed 61, "57. Ông Lương Thạch"
// and the rest of its line far to the right). Where at least three entries
// in four of a list of four or more have the field, one without it is
// marked missing where it should be (its entry's box), and so for review.
void MarkMissingLikeOthers(std::vector<Record>& records) {
  if (records.size() < 4) return;
  auto hometown = [](const Record& r) {
    return r[FieldId::kCommune].present() || r[FieldId::kDistrict].present() || r[FieldId::kProvince].present();
  };
  const auto years = std::count_if(records.begin(), records.end(),
                                   [](const Record& r) { return r[FieldId::kBirthYear].present(); });
  const auto places = std::count_if(records.begin(), records.end(), hometown);
  const auto n = static_cast<long>(records.size());
  for (Record& r : records) {
    bool marked = false;
    auto mark = [&](FieldId id) {
      Field& f = r[id];
      if (f.present() || !f.verbatim.empty()) return;
      f.box = r.source.bbox;
      marked = true;
    };
    if (4 * years >= 3 * n && !r[FieldId::kBirthYear].present()) mark(FieldId::kBirthYear);
    if (4 * places >= 3 * n && !hometown(r)) mark(FieldId::kCommune);
    if (marked) ApplyReviewRules(r);
  }
}

}  // namespace

std::vector<Record> ExtractAnnex(const ocr::RecognizedPage& page, const ExtractTools& tools) {
  const auto& lines = page.lines;
  const int line_h = MedianLineHeight(lines);
  std::vector<ocr::Line> header;
  std::vector<Entry> entries;
  Field award, award_code;  // the current heading's
  bool heading_last = false;  // a heading came after the last entry
  int last_number = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ocr::Line& line = lines[i];
    const TextRun run = TextRun::FromLine(line);
    if (run.empty()) continue;
    if (line_h > 0 && StackedColumn(line.box, line_h)) continue;  // entry numbers read as specks
    const auto number = LeadingNumber(run);
    bool entry = false;
    if (number) {
      // In sequence and followed by a name; or, with the number misread
      // ("o4." for "54."), followed by an honorific.
      entry = (NextNumber(number->number, last_number, entries.empty()) && HonorificOrName(run, number->rest)) ||
              HonorificAt(run, number->rest).has_value();
      // "I. Huân chương …" with the I read as a one: a heading, not an entry.
      if (entry && !HonorificAt(run, number->rest) && HeadingAt(lines, i, tools)) entry = false;
    } else if (IsLoneNumber(run)) {
      // "9" on a line of its own, its "." and the entry on the next line.
      continue;
    } else if (auto h = HonorificAfterJunk(run)) {
      // The number lost: an honorific after a stray mark (". Bà …"), after a
      // clause that ended, or at the left edge where entries start.
      entry = entries.empty() || h->span.begin > 0 || EndsClause(entries.back()) ||
              std::abs(line.box.x - entries.back().lines.front().box.x) < std::max(line_h, 1);
    }
    if (!entry) {
      if (auto heading = HeadingAt(lines, i, tools)) {
        AwardFields(heading->run, heading->match, award, award_code);
        heading_last = true;
        if (!entries.empty()) entries.back().closed = true;
        if (entries.empty())
          for (std::size_t k = 0; k < heading->lines; ++k) header.push_back(lines[i + k]);
        i += heading->lines - 1;
        continue;
      }
      if (LooksLikeHeading(run)) {
        // The award of the entries below is unknown: seen, for a person to read.
        award = MakeField(run, run.all(), "");
        MarkInvalid(award);
        award_code = Field{};
        heading_last = true;
        if (!entries.empty()) entries.back().closed = true;
        if (entries.empty()) header.push_back(line);
        continue;
      }
    }
    if (entry) {
      entries.push_back(Entry{{line}, award, award_code, false});
      heading_last = false;
      last_number = number ? number->number : last_number + 1;
      continue;
    }
    if (entries.empty()) {
      header.push_back(line);
      continue;
    }
    Entry& current = entries.back();
    if (current.closed || IsJunk(line)) continue;
    const ocr::Line& previous = current.lines.back();
    const int gap = line.box.y - (previous.box.y + previous.box.h);
    if (IsFooter(run) || HeadingPrefix(run) || (line_h > 0 && gap > 2 * line_h)) {
      current.closed = true;
      continue;
    }
    current.lines.push_back(line);
  }

  PageFacts facts;
  const TextRun header_run = TextRun::FromLines(header);
  ReadDecisionFacts(header_run, header_run.all(), facts, /*authority_anywhere=*/true);
  // "… về việc tặng thưởng Huân chương … cho 25 cá nhân": the title's award
  // for entries no heading covers.
  if (auto m = tools.awards.Find(header_run, header_run.all()); m && m->score >= 0.85)
    AwardFields(header_run, *m, facts.award, facts.award_code);

  std::vector<Record> records;
  for (const Entry& e : entries) {
    const TextRun run = TextRun::FromLines(e.lines);
    const auto number = LeadingNumber(run);
    Record record;
    Span body = run.all();
    if (number)
      body = number->rest;
    else if (auto h = HonorificAfterJunk(run))
      body.begin = h->span.begin;
    ReadPerson(record, run, body, tools, facts.decision_date.value);
    if (!record[FieldId::kAward].present()) {
      record[FieldId::kAward] = e.award;
      record[FieldId::kAwardCode] = e.award_code;
    }
    Box bbox;
    for (const auto& l : e.lines) bbox = Union(bbox, l.box);
    FinishRecord(record, facts, PageKind::kAnnex, tools, static_cast<int>(records.size()) + 1, bbox);
    records.push_back(std::move(record));
  }
  MarkMissingLikeOthers(records);
  // Headings with no entry under them before the foot of the page head the
  // next page's first entries (only those after an entry: a page of
  // headings alone is a title page).
  NoteTrailingAward(tools.context.source, heading_last && !entries.empty() ? award : Field{},
                    heading_last && !entries.empty() ? award_code : Field{});
  return records;
}

}  // namespace sovang::ingest
