// Certificates (bằng): national title lines, the authority, "Tặng", the
// award, "Ông/Bà <name>", birth year, hometown, achievement, and bottom left
// "Số quyết định … ngày …" and "Số sổ vàng …". One record per page.

#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"
#include "text/normalize.h"

namespace sovang::ingest {

bool IsTangLine(const TextRun& line) {
  const auto tokens = Tokens(line, line.all());
  if (tokens.empty() || tokens.size() > 2) return false;
  const std::string_view first = line.FoldedOf(tokens[0]);
  const std::string_view second = tokens.size() > 1 ? line.FoldedOf(tokens[1]) : "";
  // "TẶĂNG": a mark read twice over the big capitals.
  const bool tang = first == "tang" || (first.size() <= 6 && text::EditDistance(first, "tang", 1) <= 1 &&
                                        first[0] == 't' && first.back() == 'g');
  return (tang && (second.empty() || second == "thuong")) || (first == "truy" && second == "tang");
}

namespace {

// Line k of the page as a span of the page's run.
struct PageLines {
  TextRun all;
  std::vector<Span> spans;

  explicit PageLines(const std::vector<ocr::Line>& lines) : all(TextRun::FromLines(lines)) {
    std::size_t w = 0;
    for (const auto& line : lines) {
      std::size_t n = 0;
      for (const auto& word : line.words)
        if (!word.text.empty()) ++n;
      spans.push_back(all.SpanOfWords(w, w + n));
      w += n;
    }
  }
  // The line holding a folded offset.
  std::size_t LineOf(std::size_t pos) const {
    for (std::size_t k = 0; k < spans.size(); ++k)
      if (!spans[k].empty() && pos < spans[k].end) return k;
    return spans.empty() ? 0 : spans.size() - 1;
  }
  std::size_t EndOfLine(std::size_t k) const {
    for (std::size_t j = std::min(k, spans.size() - 1) + 1; j-- > 0;)
      if (!spans[j].empty()) return spans[j].end;
    return 0;
  }
};

}  // namespace

std::vector<Record> ExtractCertificate(const ocr::RecognizedPage& page, const ExtractTools& tools) {
  if (page.lines.empty()) return {};
  const PageLines pl(page.lines);
  const TextRun& all = pl.all;
  Record record;

  // "Tặng": the award follows, then the recipient.
  std::size_t tang = page.lines.size();
  for (std::size_t k = 0; k < page.lines.size(); ++k)
    if (IsTangLine(TextRun::FromLine(page.lines[k]))) {
      tang = k;
      break;
    }
  const std::size_t body_line = tang < page.lines.size() ? tang + 1 : 0;
  Span body = all.all();
  for (std::size_t k = body_line; k < pl.spans.size(); ++k)
    if (!pl.spans[k].empty()) {
      body.begin = pl.spans[k].begin;
      break;
    }

  // The authority heads the page; with no "Tặng" line, the whole page counts.
  PageFacts facts;
  {
    Span top = all.all();
    if (tang < page.lines.size()) top.end = body.begin;
    if (auto authority = FindAuthority(all, top))
      facts.authority = MakeField(all, authority->span, authority->value, 1.0, Validation::kLexicon);
  }

  std::optional<AwardMatch> award = tools.awards.Find(all, body);
  // The award on its own line or two under "TẶNG": read alone, the name
  // below cannot run into it ("… cho gia đình" over "Gia đình ông … Nhì").
  if (!award || award->score < 0.999)
    for (std::size_t k = body_line; k < pl.spans.size() && k < body_line + 3; ++k)
      for (std::size_t n = 1; n <= 2 && k + n <= pl.spans.size(); ++n) {
        const Span lines{pl.spans[k].begin, pl.spans[k + n - 1].end};
        if (lines.empty()) continue;
        auto m = tools.awards.Find(all, lines);
        if (m && (!award || m->score > award->score + 1e-9)) award = m;
      }
  if (!award) award = tools.awards.Find(all, all.all());
  if (award) SetAward(record, all, *award);

  // The recipient: the first line after the award that starts with an honorific.
  std::size_t from_line = award ? pl.LineOf(award->span.end - 1) + 1 : body_line;
  bool named = false;
  for (std::size_t k = from_line; k < page.lines.size() && !named; ++k) {
    const TextRun line = TextRun::FromLine(page.lines[k]);
    if (auto h = HonorificAt(line, line.all())) {
      const Span name = NameAt(line, Span{h->span.end, line.folded().size()});
      if (name.empty()) continue;
      SetName(record, line, name, tools);
      SetGender(record, line, *h);
      named = true;
    }
  }
  if (!named && from_line < page.lines.size()) {
    // No honorific read: the line right after the award, if it looks like a name.
    const TextRun line = TextRun::FromLine(page.lines[from_line]);
    const Span name = NameAt(line, line.all());
    const std::size_t words = Tokens(line, name).size();
    if (words >= 2 && words <= 5 && !FindPhrase(line, line.all(), "sinh nam")) SetName(record, line, name, tools);
  }

  if (auto year = FindBirthYear(all, body)) SetBirthYear(record, all, *year);

  // "Số quyết định: 803/QĐ-CTN" and its date, on the same line or the next.
  if (auto number = FindDecisionNumber(all, all.all(), false)) {
    SetDecisionNumber(record, all, *number);
    const std::size_t k = pl.LineOf(number->span.begin);
    const Span after{number->span.end, pl.EndOfLine(std::min(k + 1, pl.spans.size() - 1))};
    if (auto date = FindDate(all, after)) SetDecisionDate(record, all, *date);
  }
  // The hometown runs to the end of its line (and the next when the line ends with a comma).
  for (std::string_view key : {"que quan", "nguyen quan"}) {
    auto hit = FindPhrase(all, body, key);
    if (!hit) continue;
    const std::size_t k = pl.LineOf(hit->begin);
    std::size_t end = pl.EndOfLine(k);
    const std::string_view tail = all.FoldedOf(Span{end > 0 ? end - 1 : 0, end});
    if (tail == "," && k + 1 < pl.spans.size()) end = pl.EndOfLine(k + 1);
    if (auto hometown = FindHometown(all, Span{hit->begin, end}))
      SetHometown(record, all, *hometown, tools, record.value(FieldId::kDecisionDate));
    break;
  }

  if (auto book = FindBookNumber(all, all.all())) SetBookNumber(record, all, *book);

  if (!record[FieldId::kFullName].present() && !record[FieldId::kAward].present()) return {};
  Box bbox;
  for (const auto& line : page.lines) bbox = Union(bbox, line.box);
  FinishRecord(record, facts, PageKind::kCertificate, tools, 1, bbox);
  return {record};
}

}  // namespace sovang::ingest
