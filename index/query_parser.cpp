#include "index/query_parser.h"

#include <cctype>
#include <optional>

#include "core/error.h"
#include "text/normalize.h"

namespace sovang::index {

namespace {

struct FieldName {
  std::string_view folded;
  PartKind kind;
};

constexpr FieldName kFields[] = {
    {"ten", PartKind::kName},       {"nam", PartKind::kBirthYear}, {"xa", PartKind::kCommune},
    {"huyen", PartKind::kDistrict}, {"tinh", PartKind::kProvince}, {"khen", PartKind::kAward},
    {"so", PartKind::kNumber},
};

constexpr std::string_view kKnownFields = "ten:, nam:, xa:, huyen:, tinh:, khen:, so:";

Error Invalid(const std::string& message) { return Error(Errc::kInvalidArgument, message); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Typographic quotes and no-break spaces come from word processors; treat them
// as their ASCII counterparts.
std::string Canonical(std::string_view query) {
  std::string s = text::Nfc(query);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) {
      out.push_back('"');
      i += 2;
    } else if (s.compare(i, 2, "\xC2\xA0") == 0) {
      out.push_back(' ');
      i += 1;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// What a word "xxx:..." means: a known field, an unknown one (error), or no
// field at all ("10:30", ":x").
struct FieldProbe {
  std::optional<PartKind> kind;
  std::string unknown;  // set when the word names a field we do not know
};

FieldProbe ProbeField(std::string_view word) {
  FieldProbe probe;
  const std::size_t colon = word.find(':');
  if (colon == std::string_view::npos || colon == 0) return probe;
  const std::string name = text::Fold(word.substr(0, colon));
  for (const FieldName& f : kFields)
    if (name == f.folded) {
      probe.kind = f.kind;
      return probe;
    }
  bool letters = !name.empty();
  for (char c : name) letters = letters && std::isalpha(static_cast<unsigned char>(c));
  if (letters) probe.unknown = std::string(word.substr(0, colon));
  return probe;
}

int ParseYear(std::string_view s, std::string_view value) {
  if (s.size() != 4) throw Invalid("nam: expects a 4-digit year or a range like 1925..1935, got \"" + std::string(value) + "\"");
  int year = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      throw Invalid("nam: expects a 4-digit year or a range like 1925..1935, got \"" + std::string(value) + "\"");
    year = year * 10 + (c - '0');
  }
  if (year < 1800 || year > 2100) throw Invalid("nam: year " + std::string(s) + " is out of range (1800..2100)");
  return year;
}

void ParseYears(QueryPart& part) {
  const std::string_view v = part.raw;
  std::size_t sep = v.find("..");
  std::size_t sep_len = 2;
  if (sep == std::string_view::npos && v.size() == 9 && v[4] == '-') {
    sep = 4;
    sep_len = 1;
  }
  if (sep == std::string_view::npos) {
    part.year_from = part.year_to = ParseYear(v, v);
    return;
  }
  const std::string_view lo = v.substr(0, sep), hi = v.substr(sep + sep_len);
  if (lo.empty() && hi.empty()) throw Invalid("nam: a range needs at least one year, got \"" + std::string(v) + "\"");
  if (!lo.empty()) part.year_from = ParseYear(lo, v);
  if (!hi.empty()) part.year_to = ParseYear(hi, v);
  if (part.year_from && part.year_to && part.year_from > part.year_to)
    throw Invalid("nam: the range " + std::string(v) + " runs backwards");
}

class Parser {
 public:
  Parser(std::string s, const QueryLimits& limits) : s_(std::move(s)), limits_(limits) {}

  ParsedQuery Run() {
    ParsedQuery q;
    std::string text_run;
    auto flush_text = [&] {
      if (!text_run.empty()) Add(q, PartKind::kText, std::move(text_run), false);
      text_run.clear();
    };
    while (SkipSpaces()) {
      if (s_[i_] == '"') {
        flush_text();
        std::string phrase = Quoted();
        Add(q, PartKind::kPhrase, std::move(phrase), true);
        continue;
      }
      const std::size_t start = i_;
      const std::string_view word = PeekWord();
      const FieldProbe probe = ProbeField(word);
      if (!probe.unknown.empty())
        throw Invalid("unknown field \"" + probe.unknown + ":\"; known fields: " + std::string(kKnownFields));
      if (!probe.kind) {
        i_ += word.size();
        if (!text_run.empty()) text_run.push_back(' ');
        text_run.append(word);
        continue;
      }
      flush_text();
      i_ = start + word.find(':') + 1;
      FieldValue(q, *probe.kind, std::string(word.substr(0, word.find(':'))));
    }
    flush_text();
    std::size_t words = 0;
    for (const QueryPart& p : q.parts) words += p.words.size();
    if (words > limits_.max_words)
      throw Invalid("the query has " + std::to_string(words) + " words; at most " +
                    std::to_string(limits_.max_words) + " are searched");
    if (q.parts.empty()) throw Invalid("nothing to search for in the query");
    return q;
  }

 private:
  // Skips white space; false at the end.
  bool SkipSpaces() {
    while (i_ < s_.size() && IsSpace(s_[i_])) ++i_;
    return i_ < s_.size();
  }

  std::string_view PeekWord() const {
    std::size_t j = i_;
    while (j < s_.size() && !IsSpace(s_[j]) && s_[j] != '"') ++j;
    return std::string_view(s_).substr(i_, j - i_);
  }

  // At a '"': the text up to the closing one.
  std::string Quoted() {
    const std::size_t close = s_.find('"', i_ + 1);
    if (close == std::string::npos) throw Invalid("unbalanced quote in the query (a \" is not closed)");
    std::string out = s_.substr(i_ + 1, close - i_ - 1);
    i_ = close + 1;
    return out;
  }

  void FieldValue(ParsedQuery& q, PartKind kind, const std::string& field) {
    std::string value;
    bool quoted = false;
    if (i_ < s_.size() && s_[i_] == '"') {
      value = Quoted();
      quoted = true;
    } else {
      SkipSpaces();
      if (i_ < s_.size() && s_[i_] == '"') {
        value = Quoted();
        quoted = true;
      } else if (kind == PartKind::kBirthYear) {
        const std::string_view w = PeekWord();
        if (!ProbeField(w).kind) {
          value = std::string(w);
          i_ += w.size();
        }
      } else {
        // Greedy: every word up to the next field or quote.
        while (SkipSpaces() && s_[i_] != '"') {
          const std::string_view w = PeekWord();
          if (ProbeField(w).kind || !ProbeField(w).unknown.empty()) break;
          if (!value.empty()) value.push_back(' ');
          value.append(w);
          i_ += w.size();
        }
      }
    }
    if (text::CollapseSpaces(value).empty()) throw Invalid("the field \"" + field + ":\" has no value");
    if (kind == PartKind::kBirthYear) {
      QueryPart part;
      part.kind = kind;
      part.raw = text::CollapseSpaces(value);
      part.quoted = quoted;
      ParseYears(part);
      q.parts.push_back(std::move(part));
      return;
    }
    if (text::Tokenize(value).empty()) throw Invalid("the field \"" + field + ":\" has nothing searchable");
    Add(q, kind, std::move(value), quoted);
  }

  void Add(ParsedQuery& q, PartKind kind, std::string raw, bool quoted) {
    QueryPart part;
    part.kind = kind;
    part.raw = text::CollapseSpaces(raw);
    part.words = text::Tokenize(part.raw);
    part.quoted = quoted;
    if (part.words.empty()) return;  // punctuation only
    q.parts.push_back(std::move(part));
  }

  std::string s_;
  std::size_t i_ = 0;
  QueryLimits limits_;
};

}  // namespace

ParsedQuery ParseQuery(std::string_view query, const QueryLimits& limits) {
  if (query.size() > limits.max_bytes)
    throw Invalid("the query is " + std::to_string(query.size()) + " bytes long; at most " +
                  std::to_string(limits.max_bytes) + " are accepted");
  std::string s = Canonical(query);
  bool blank = true;
  for (char c : s) blank = blank && IsSpace(c);
  if (blank) return {};
  return Parser(std::move(s), limits).Run();
}

}  // namespace sovang::index
