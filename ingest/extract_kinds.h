#pragma once
// Inside extraction: the tools every page kind uses, the fields a page states
// once for all its entries, and the field setters shared by annex lists,
// certificates and ledgers. Not a contract for other modules.

#include <optional>
#include <string>
#include <vector>

#include "ingest/award_match.h"
#include "ingest/extract.h"
#include "ingest/extract_text.h"
#include "ingest/field_parse.h"
#include "ingest/name_parse.h"
#include "ingest/place_parse.h"
#include "ingest/post_correct.h"

namespace sovang::ingest {

// Built once per page.
struct ExtractTools {
  const ExtractContext& context;
  AwardMatcher awards;
  PlaceResolver places;
  const NameCorrector* names = nullptr;  // null: no post-correction

  explicit ExtractTools(const ExtractContext& c);
};

// What a page says once for every entry: the decision (title of an annex,
// heading of a ledger page) and the award of the current group heading.
struct PageFacts {
  Field decision_number, decision_date, authority;
  Field award, award_code;
};

// Reads decision number, date and authority from a run (a title, a heading).
// The authority is looked for after the number ("… của Chủ tịch nước"), and
// with `authority_anywhere` also elsewhere (an annex's issuer line); a ledger
// page's "UBND TỈNH …" letterhead is the book keeper, not the awarding
// authority. Fields not found stay as they were.
void ReadDecisionFacts(const TextRun& run, Span within, PageFacts& facts, bool authority_anywhere);

// --- Field setters: each reads one thing from a span and fills the record. ---

// Name from a span: capitals undone, post-corrected and checked as a
// person's name, except for collectives ("Tập thể …", "Nhân dân xã …").
void SetName(Record& record, const TextRun& run, Span span, const ExtractTools& tools);
void SetGender(Record& record, const TextRun& run, const Honorific& honorific);
// The gender column of a ledger ("Nam", "Nữ").
void SetGenderWord(Record& record, const TextRun& run, Span span);
void SetBirthYear(Record& record, const TextRun& run, const Found& year);
// `as_of`: the decision date when known, to resolve places as they were named then.
void SetHometown(Record& record, const TextRun& run, Span span, const ExtractTools& tools,
                 const std::string& as_of = "");
// Award and award_code from a catalog match; a text that matched nothing keeps
// its verbatim with no value (and so asks for review).
void SetAward(Record& record, const TextRun& run, const AwardMatch& match);
// The award and award_code fields of a match (exact catalog spellings count as validated).
void AwardFields(const TextRun& run, const AwardMatch& match, Field& award, Field& code);
void SetUnmatchedAward(Record& record, const TextRun& run, Span span);
void SetDecisionNumber(Record& record, const TextRun& run, const Found& number);
void SetDecisionDate(Record& record, const TextRun& run, const Found& date);
void SetBookNumber(Record& record, const TextRun& run, const Found& book);

// The span of a hometown after "quê quán:" up to the end of its clause.
std::optional<Span> FindHometown(const TextRun& run, Span within);

// Reads the person fields of a paragraph or line ("Ông Nguyễn Văn A, sinh
// năm 1930; quê quán: xã …;"): gender, name, birth year, hometown, and a
// decision, award or book number when the paragraph names its own.
// `decision_date`: the page's, for places named as at that date.
void ReadPerson(Record& record, const TextRun& run, Span body, const ExtractTools& tools,
                const std::string& decision_date = "");

// An award heading below a page's last entry ("Huân chương … hạng Ba:" at
// the foot of the page, its entries on the next): kept for the next page of
// the same file (InheritFromPreviousPage). Process-wide, keyed by the
// source's sha256 and page; a page extracted again replaces its note.
void NoteTrailingAward(const SourceRef& source, const Field& award, const Field& award_code);

// Fills what the entry lacks from the page, infers the authority (decision
// issuer, then the award's catalog entry), sets kind, source, id and review.
void FinishRecord(Record& record, const PageFacts& facts, PageKind kind, const ExtractTools& tools, int ordinal,
                  Box bbox);

// --- Page kinds ---
std::vector<Record> ExtractAnnex(const ocr::RecognizedPage& page, const ExtractTools& tools);
std::vector<Record> ExtractCertificate(const ocr::RecognizedPage& page, const ExtractTools& tools);
std::vector<Record> ExtractLedger(const ocr::RecognizedPage& page, const ExtractTools& tools);

// A line starting with an entry number ("1.", "12)"): the number and the span
// after it. Roman numerals are headings, not entries.
struct EntryNumber {
  int number = 0;
  Span rest;
};
std::optional<EntryNumber> LeadingNumber(const TextRun& run);

// Lines Tesseract read as separate blocks side by side, joined: an entry
// number's column ("32.") apart from the entries' text, a name or a year cut
// off from the line it ends ("Gia đình ông Đàm" | "Slương Mìu"). Two lines
// join when they are level (half the lower one's height in common) and the
// gap between them is at most one and a half line heights (far apart, they
// are columns: a certificate's bottom left and right blocks). The joined line
// takes the place of the part with more words, so that a split-off number
// column or word moves to its line and the rest keeps its reading order.
std::vector<ocr::Line> JoinSplitLines(const std::vector<ocr::Line>& lines);

// A "line" taller than it is wide and half again as tall as a line of text
// (`line_height`): a column of entry numbers read as specks ("Œt +> G3" from
// "2. 3. 4. 5."; on a tilted page "tt +3 G1) hJđ", 310 px against lines 155
// px tall), no text of an entry (a skewed line is tall too, but wide).
bool StackedColumn(const Box& box, int line_height);

// "TẶNG", "TẶNG THƯỞNG", "TRUY TẶNG" (posthumous) on a line of their own:
// a certificate's award follows.
bool IsTangLine(const TextRun& line);

// The header row(s) of a table when they name at least two ledger columns:
// how many rows the header takes (0: no header found).
int LedgerHeaderRows(const ocr::Table& table);

}  // namespace sovang::ingest
