// Field setters and record completion shared by every page kind.

#include <algorithm>
#include <array>
#include <cmath>

#include "core/decision_number.h"
#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"
#include "text/normalize.h"

namespace sovang::ingest {

ExtractTools::ExtractTools(const ExtractContext& c)
    : context(c), awards(c.awards), places(c.places), names(c.post_correct ? &NameCorrector::Default() : nullptr) {}

namespace {

// The youngest age at which anyone is awarded anything here (the resistance
// had fighters of 12 or 13; younger is a misread year).
constexpr int kYoungestRecipient = 12;

// A birth year's OCR confidence counts for this much (see SetBirthYear).
constexpr double kYearDigitsFactor = 0.96;

double Quality(const Found& f) { return f.corrected ? kCorrectedFactor : 1.0; }

Field FieldOf(const TextRun& run, const Found& f) {
  Field field = MakeField(run, f.span, f.valid ? f.value : std::string(), Quality(f), f.validation);
  if (f.confidence >= 0.0 && !field.value.empty())
    field.confidence = std::clamp(Validated(f.confidence, f.validation) * Quality(f), 0.0, 1.0);
  if (!f.valid || f.guessed) MarkInvalid(field);
  return field;
}

bool Empty(const Field& f) { return !f.present() && f.verbatim.empty(); }

}  // namespace

void ReadDecisionFacts(const TextRun& run, Span within, PageFacts& facts, bool authority_anywhere) {
  Span authority_from = within;
  if (auto number = FindDecisionNumber(run, within, false)) {
    facts.decision_number = FieldOf(run, *number);
    // The date follows the number: "… số 803/QĐ-CTN ngày 10 tháng 8 năm 1975".
    const Span after{number->span.end, std::min(within.end, number->span.end + 48)};
    if (auto date = FindDate(run, after)) facts.decision_date = FieldOf(run, *date);
    authority_from.begin = number->span.end;
  } else if (!authority_anywhere) {
    return;
  }
  auto authority = FindAuthority(run, authority_from);
  if (!authority && authority_anywhere) authority = FindAuthority(run, within);
  if (authority) facts.authority = FieldOf(run, *authority);
}

void SetName(Record& record, const TextRun& run, Span span, const ExtractTools& tools) {
  const std::string verbatim = run.Verbatim(span);
  if (verbatim.empty()) return;
  std::string value = NormalizeName(verbatim);
  const bool collective = LooksCollective(text::Fold(value));
  double quality = 1.0;
  if (!collective && tools.names) {
    const NameCorrector::Result r = tools.names->Correct(value);
    value = r.value;
    quality *= std::pow(kRepairedFactor, r.repaired) * std::pow(kDoubtfulMarkFactor, r.guessed + r.doubted);
  }
  if (!collective) quality *= std::pow(kDoubtfulMarkFactor, DoubtfulSyllables(value));
  Field field = MakeField(run, span, value, quality);
  if (!collective && !CheckName(value).plausible) MarkInvalid(field);
  record[FieldId::kFullName] = std::move(field);
}

void SetGender(Record& record, const TextRun& run, const Honorific& honorific) {
  if (honorific.gender.empty()) return;
  record[FieldId::kGender] = MakeField(run, honorific.span, honorific.gender, 1.0, Validation::kLexicon);
}

void SetGenderWord(Record& record, const TextRun& run, Span span) {
  const std::string f = text::CollapseSpaces(run.FoldedOf(run.Trim(span)));
  if (f.empty()) return;
  std::string gender;
  if (f == "nam" || f == "ong" || f == "m")
    gender = "nam";
  else if (f == "nu" || f == "ba" || f == "f")
    gender = "nữ";
  Field field = MakeField(run, span, gender);
  if (gender.empty()) MarkInvalid(field);
  record[FieldId::kGender] = std::move(field);
}

void SetBirthYear(Record& record, const TextRun& run, const Found& year_in) {
  // The range check passes a year one digit of which OCR read for another
  // ("1900" read "1906", "1920" read "1928"): it lends the year no
  // confidence, and four digits any of which may be confused need OCR
  // itself a little surer than a word does.
  Found year = year_in;
  const bool shaped = year.validation == Validation::kPattern;
  if (shaped) year.validation = Validation::kNone;
  Field field = FieldOf(run, year);
  if (shaped) field.confidence *= kYearDigitsFactor;
  record[FieldId::kBirthYear] = std::move(field);
}

void SetHometown(Record& record, const TextRun& run, Span span, const ExtractTools& tools, const std::string& as_of) {
  const Hometown h = tools.places.Split(run, span, as_of);
  auto set = [&](FieldId id, const std::optional<PlacePart>& part) {
    if (part) record[id] = MakeField(run, part->span, part->value, part->quality, part->validation);
  };
  set(FieldId::kCommune, h.commune);
  set(FieldId::kDistrict, h.district);
  set(FieldId::kProvince, h.province);
}

void AwardFields(const TextRun& run, const AwardMatch& match, Field& award, Field& code) {
  const double quality =
      match.score * (match.ambiguous ? kAmbiguousFactor : 1.0) * (match.roman_rank ? kDoubtfulMarkFactor : 1.0);
  const Validation v = match.score >= 0.999 && !match.ambiguous ? Validation::kLexicon : Validation::kNone;
  award = MakeField(run, match.span, match.form->name, quality, v);
  code = MakeField(run, match.span, match.form->code, quality, v);
}

void SetAward(Record& record, const TextRun& run, const AwardMatch& match) {
  AwardFields(run, match, record[FieldId::kAward], record[FieldId::kAwardCode]);
}

void SetUnmatchedAward(Record& record, const TextRun& run, Span span) {
  Field field = MakeField(run, span, "");
  if (field.verbatim.empty()) return;
  MarkInvalid(field);
  record[FieldId::kAward] = std::move(field);
}

void SetDecisionNumber(Record& record, const TextRun& run, const Found& number) {
  record[FieldId::kDecisionNumber] = FieldOf(run, number);
}

void SetDecisionDate(Record& record, const TextRun& run, const Found& date) {
  record[FieldId::kDecisionDate] = FieldOf(run, date);
}

void SetBookNumber(Record& record, const TextRun& run, const Found& book) {
  record[FieldId::kBookNumber] = FieldOf(run, book);
}

std::optional<Span> FindHometown(const TextRun& run, Span within) {
  std::optional<Span> key;
  for (std::string_view k : {"que quan", "nguyen quan", "que", "quan"}) {
    key = FindPhrase(run, within, k);
    if (!key) continue;
    // "quê:" needs its colon; "Quế" is also a given name. So does "quán:"
    // alone, the "Quê" of "Quê quán:" lost on a stained page.
    if (k == "que" || k == "quan") {
      const std::size_t after = key->end;
      if (after >= run.folded().size() || run.folded()[after] != ':') {
        key.reset();
        continue;
      }
    }
    break;
  }
  if (!key) return std::nullopt;
  const std::string& f = run.folded();
  std::size_t begin = key->end;
  while (begin < within.end && (f[begin] == ' ' || f[begin] == ':' || f[begin] == '.')) ++begin;
  std::size_t end = within.end;
  for (std::size_t i = begin; i < within.end; ++i) {
    if (f[i] == ';') {
      end = i;
      break;
    }
    // A full stop ends the clause; "X." (an abbreviated level word) does not.
    if (f[i] == '.' && (i + 1 >= within.end || f[i + 1] == ' ') && i >= 2 && f[i - 2] != ' ' && i - 1 > begin) {
      end = i;
      break;
    }
  }
  // Clauses that follow a hometown without a semicolon.
  static constexpr std::array<std::string_view, 13> kNext = {
      "chuc vu",    "don vi",      "da co",   "hien o",     "tru quan",      "noi o",        "dan toc",
      "thanh tich", "nghe nghiep", "cap bac", "so so vang", "so quyet dinh", "quyet dinh so"};
  for (std::string_view k : kNext)
    if (auto hit = FindPhrase(run, Span{begin, end}, k)) end = std::min(end, hit->begin);
  const Span span = run.Trim(Span{begin, end});
  if (span.empty()) return std::nullopt;
  return span;
}

void ReadPerson(Record& record, const TextRun& run, Span body, const ExtractTools& tools,
                const std::string& decision_date) {
  const auto honorific = HonorificAt(run, body);
  const std::size_t name_from = honorific ? honorific->span.end : body.begin;
  // A collective's name runs longer than a person's ("Nhân dân và cán bộ xã Lộc Yên").
  const bool collective = !honorific && LooksCollective(run.FoldedOf(run.Trim(Span{name_from, body.end})));
  const Span name = NameAt(run, Span{name_from, body.end}, collective ? 14 : 7);
  if (!name.empty()) SetName(record, run, name, tools);
  if (honorific) SetGender(record, run, *honorific);
  const Span rest{name.empty() ? name_from : name.end, body.end};
  if (auto year = FindBirthYear(run, rest, false)) {
    SetBirthYear(record, run, *year);
  } else if (auto said = FindPhrase(run, rest, "sinh nam"); said && !FindPhrase(run, rest, "hy sinh nam")) {
    // "sinh năm" with no year read after it: missed where it should be.
    record[FieldId::kBirthYear].box = run.BoxOf(*said);
  }
  // An entry may name its own award, decision or book number.
  if (auto award = tools.awards.Find(run, rest); award && award->score >= 0.85) SetAward(record, run, *award);
  if (auto number = FindDecisionNumber(run, rest, false)) {
    SetDecisionNumber(record, run, *number);
    if (auto date = FindDate(run, Span{number->span.end, std::min(rest.end, number->span.end + 48)}))
      SetDecisionDate(record, run, *date);
  }
  if (auto book = FindBookNumber(run, rest, false)) SetBookNumber(record, run, *book);
  const std::string& as_of =
      record[FieldId::kDecisionDate].present() ? record.value(FieldId::kDecisionDate) : decision_date;
  if (auto hometown = FindHometown(run, rest)) SetHometown(record, run, *hometown, tools, as_of);
}

void FinishRecord(Record& record, const PageFacts& facts, PageKind kind, const ExtractTools& tools, int ordinal,
                  Box bbox) {
  auto inherit = [&](FieldId id, const Field& from) {
    if (Empty(record[id]) && !Empty(from)) record[id] = from;
  };
  inherit(FieldId::kDecisionNumber, facts.decision_number);
  inherit(FieldId::kDecisionDate, facts.decision_date);
  inherit(FieldId::kAuthority, facts.authority);
  if (Empty(record[FieldId::kAward])) {
    inherit(FieldId::kAward, facts.award);
    inherit(FieldId::kAwardCode, facts.award_code);
  }
  // The authority: printed, else the decision's issuer, else the award's catalog entry.
  if (!record[FieldId::kAuthority].present()) {
    const Field& number = record[FieldId::kDecisionNumber];
    std::string authority;
    double confidence = 0.0;
    if (number.present())
      if (auto d = ParseDecisionNumber(number.value)) {
        authority = AuthorityOfIssuer(d->issuer);
        confidence = number.confidence;
      }
    if (authority.empty() && record[FieldId::kAwardCode].present())
      if (const AwardForm* form = tools.context.awards.ByCode(record.value(FieldId::kAwardCode))) {
        authority = form->authority;
        confidence = record[FieldId::kAwardCode].confidence;
      }
    if (!authority.empty()) record[FieldId::kAuthority] = InferredField(authority, confidence);
  }
  // Nobody is awarded before being born, nor as a small child: one of the
  // two years is misread ("1906" read "1966" under a decision of 1972).
  // A resistance award is for deeds in its war: someone born after 1940 had
  // none against the French (to 1954), after 1961 none against the
  // Americans (to 1975). Such a year is misread ("1903" read "1963").
  const AwardForm* form = record[FieldId::kAwardCode].present()
                              ? tools.context.awards.ByCode(record.value(FieldId::kAwardCode))
                              : nullptr;
  const int decided = record[FieldId::kDecisionDate].present()
                          ? std::stoi(record.value(FieldId::kDecisionDate).substr(0, 4))
                          : 0;
  // `youngest`: the age under which a recipient is doubted.
  auto possible_birth = [&](int born, int youngest) {
    if (born < kMinYear || born > kMaxYear) return false;
    if (decided && born + youngest > decided) return false;
    if (form && ((form->war == "chong_phap" && born > 1940) || (form->war == "chong_my" && born > 1961))) return false;
    return true;
  };
  if (const auto born = record.birth_year(); born && !possible_birth(*born, kYoungestRecipient)) {
    Field& year = record[FieldId::kBirthYear];
    // The one reading with a zero read as 6/8/9 undone in the first three
    // digits that is possible ("1965" -> 1905) is the likely year; a person
    // confirms. (The last digit moves a year too little to make it possible:
    // such a year is more likely right and its record odd.)
    // Only a year that cannot be (born after the award, or after its war) is
    // replaced: a child recipient is rare, not impossible.
    const std::string read = year.value;
    if (!possible_birth(*born, 0))
      if (auto guess = UndoDigitConfusion(read, [&](const std::string& y) {
            return y.back() == read.back() && possible_birth(std::stoi(y), kYoungestRecipient);
          }))
        year.value = *guess;
    MarkInvalid(year);
  }
  // "297-NQ/HĐNNG": the legislature's digit misread, completed from the
  // date; kept for review unless what was read there looks like the digit.
  if (Field& number = record[FieldId::kDecisionNumber]; number.present() && record[FieldId::kDecisionDate].present())
    if (auto done = CompleteCouncilOfStateNumber(number.value, number.verbatim, record.value(FieldId::kDecisionDate))) {
      number.value = done->value;
      if (done->trusted) number.confidence = std::min(record[FieldId::kDecisionDate].confidence, 0.85);
    }
  record.kind = kind;
  record.source = tools.context.source;
  record.source.bbox = bbox;
  record.id = MakeRecordId(tools.context.source.sha256, tools.context.source.page, ordinal);
  ApplyReviewRules(record);
}

std::optional<EntryNumber> LeadingNumber(const TextRun& run) {
  const auto tokens = Tokens(run, run.all());
  if (tokens.empty()) return std::nullopt;
  const std::string fx = FixDigits(run.folded());
  const Span first = tokens.front();
  if (first.begin != 0 || first.size() > 4) return std::nullopt;
  const std::string_view digits(fx.data() + first.begin, first.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::size_t after = first.end;
  while (after < fx.size() && fx[after] == ' ') ++after;
  if (after >= fx.size() || (fx[after] != '.' && fx[after] != ')' && fx[after] != '/')) return std::nullopt;
  // Whether "1930." is an entry or a wrapped year is for the caller to judge
  // from the numbering so far.
  const int number = std::stoi(std::string(digits));
  if (number == 0) return std::nullopt;
  return EntryNumber{number, Span{after + 1, fx.size()}};
}

}  // namespace sovang::ingest
