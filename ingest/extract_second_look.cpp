#include "ingest/extract_second_look.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <map>
#include <set>
#include <sstream>

#include "core/cpu_time.h"
#include "ingest/confidence.h"
#include "ingest/extract_kinds.h"
#include "ingest/extract_text.h"
#include "ingest/name_parse.h"
#include "ocr/hocr.h"
#include "text/normalize.h"
#include "text/vietnamese_syllable.h"

namespace sovang::ingest {

namespace {

// A word's text split into what is around it (punctuation, brackets, a dash)
// and its core.
struct Core {
  std::string before, core, after;
  std::string Join(const std::string& c) const { return before + c + after; }
};

bool Punct(char c) { return IsTrimPunct(c) || c == '-' || c == '"' || c == '\'' || c == '!' || c == '?'; }

Core SplitCore(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && Punct(s[b])) ++b;
  while (e > b && Punct(s[e - 1])) --e;
  return Core{s.substr(0, b), s.substr(b, e - b), s.substr(e)};
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool Inside(const Box& inner, const Box& outer) {
  const int cx = inner.x + inner.w / 2, cy = inner.y + inner.h / 2;
  return cx >= outer.x - 2 && cx <= outer.x + outer.w + 2 && cy >= outer.y - 2 && cy <= outer.y + outer.h + 2;
}

// The digits of a word if it holds one run of four ("1915," "(1930)"), else "".
std::string FourDigits(const std::string& s) {
  std::string digits;
  int runs = 0;
  bool in_run = false;
  for (char c : s) {
    const bool d = c >= '0' && c <= '9';
    if (d) {
      digits.push_back(c);
      if (!in_run) ++runs;
    }
    in_run = d;
  }
  return runs == 1 && digits.size() == 4 ? digits : std::string();
}

std::string Digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

bool PlausibleYear(const std::string& digits) {
  if (digits.size() != 4) return false;
  const int y = std::stoi(digits);
  return y >= 1850 && y <= 2025;
}

// `reading` in the case of `as` (title case, lower case, or as read).
std::string InCaseOf(const std::string& reading, const std::string& as) {
  if (as == text::Lower(as)) return text::Lower(reading);
  if (as == text::TitleCase(text::Lower(as))) return text::TitleCase(text::Lower(reading));
  return reading;
}

bool Vowel(const std::string& letter) {
  const std::string f = text::Fold(letter);
  return f.size() == 1 && std::string_view("aeiouy").find(f[0]) != std::string_view::npos;
}

// Two spellings (lower case) one vowel apart, marks and all: "sẵn" and
// "sằn", "lần" and "lìn"; consonants equal (d is not đ).
bool OneVowelApart(const std::string& a, const std::string& b) {
  const auto x = text::CodePoints(a), y = text::CodePoints(b);
  if (x.size() != y.size()) return false;
  int diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] == y[i]) continue;
    if (!Vowel(x[i]) || !Vowel(y[i])) return false;
    ++diff;
  }
  return diff == 1;
}

// Marks a syllable carries: its tone, and the breve, circumflex, horn of its vowels ("ầ" 2, "ư" 1).
int MarkCount(const std::string& syllable) {
  const auto s = text::ParseSyllable(syllable);
  if (!s) return 0;
  int n = s->tone != text::Tone::kLevel ? 1 : 0;
  for (const auto& cp : text::CodePoints(s->rhyme)) n += text::Fold(cp) != cp ? 1 : 0;
  return n;
}

// A tilde over a breve or circumflex ("ẫ", "ẵ", "ễ", "ỗ").
bool TildeOverHat(const std::string& lower) {
  for (std::string_view mark : {"ẵ", "ẫ", "ễ", "ỗ"})
    if (lower.find(mark) != std::string::npos) return true;
  return false;
}

// SOVANG_SECOND_LOOK=off: extraction as without a second look (to measure it).
bool SwitchedOff() {
  static const bool off = [] {
    const char* v = std::getenv("SOVANG_SECOND_LOOK");
    return v && (std::string_view(v) == "off" || std::string_view(v) == "0");
  }();
  return off;
}

class Looker {
 public:
  Looker(ocr::RecognizedPage& page, const ocr::PageImage& image, ocr::SecondLook& look,
         const SecondLookPolicy& policy, SecondLookStats& stats)
      : page_(page), image_(image), look_(look), policy_(policy), stats_(stats) {
    auto add = [&](std::vector<ocr::Line>& lines) {
      for (ocr::Line& l : lines)
        for (ocr::Word& w : l.words) words_.push_back(&w);
    };
    add(page_.lines);
    if (page_.table)
      for (ocr::Cell& c : page_.table->cells) add(c.lines);
  }

  // The words of a field: those whose centre lies in its box.
  std::vector<ocr::Word*> WordsIn(const Box& box) {
    std::vector<ocr::Word*> out;
    if (box.empty()) return out;
    for (ocr::Word* w : words_)
      if (Inside(w->box, box)) out.push_back(w);
    return out;
  }

  bool Seen(ocr::Word* w) { return !seen_.insert(w).second; }

  // A word's box, not a block OCR took for one (a stain, a merged line):
  // magnified three times, a block would cost more than the page.
  bool WordSized(const ocr::Word& w) const {
    const int side = std::max(page_.width, page_.height);
    return !w.box.empty() && w.box.h * 12 <= side && w.box.w * 3 <= side;
  }

  std::vector<ocr::Reading> Read(const ocr::Word& w, const std::vector<ocr::Look>& looks) {
    ++stats_.words;
    return look_.Read(image_, page_.rotation, page_.skew_degrees, w.box, looks);
  }

  // A name syllable with marks OCR confuses: readings that are valid
  // spellings of the same letters, or with one vowel letter other ("Lìn"
  // read "Lần": the grave over i taken for a circumflex and grave), vote.
  bool LookAtName(const std::string& record_id, ocr::Word& w) {
    const Core c = SplitCore(w.text);
    if (c.core.empty() || !WordSized(w)) return false;
    const std::string lower = text::Lower(c.core);
    const auto readings = Read(w, policy_.name_looks);
    std::map<std::string, int> votes, sure;
    std::map<std::string, std::string> as_read;
    for (const auto& r : readings) {
      const std::string core = SplitCore(r.text).core;
      if (core.empty() || core.find(' ') != std::string::npos || !text::IsPlausibleSyllable(core)) continue;
      const std::string key = text::Lower(core);
      if (key != lower && !OneVowelApart(key, lower)) continue;
      ++votes[key];
      if (r.confidence >= policy_.sure_confidence) ++sure[key];
      as_read.emplace(key, core);
    }
    std::string best;
    int best_votes = 0;
    for (const auto& [k, v] : votes)
      if (k != lower && v > best_votes) best = k, best_votes = v;
    const int kept = votes.count(lower) ? votes[lower] : 0;
    const bool change = !best.empty() && best_votes >= policy_.votes_needed && best_votes > kept &&
                        sure[best] >= policy_.name_sure_needed;
    Log(record_id, "name", w.text, readings, change ? InCaseOf(as_read[best], c.core) : "");
    if (!change) return false;
    w.text = c.Join(InCaseOf(as_read[best], c.core));
    w.confidence = std::min(w.confidence, policy_.changed_confidence);
    ++stats_.changed;
    touched_.push_back({w.box, FieldId::kFullName, policy_.changed_confidence, ""});
    return true;
  }

  // A given name no rule doubts: the first check look alone, and when it
  // reads other marks on the same letters (one vowel apart) the others too.
  // The name is doubted (never changed: the reading may be the one wrong)
  // when two looks agree, sure, on one other reading, none reads it as the
  // page did, and that reading carries as many marks or more: the script
  // model drops a small mark of a cut-out ("Sỉu" read "Siu" at 0.9, three
  // looks) more often than it invents one; and a tilde over a breve or
  // circumflex is what both models read for a grave there ("Mằn" read
  // "Mẫn" by three script looks, seeds 7 and 11). Seeds 31 and 47: "Hiến" (for
  // "Hiển") and "Ngân" (for "Ngần") doubted this way, each by three looks.
  bool CheckGivenName(const std::string& record_id, ocr::Word& w) {
    const Core c = SplitCore(w.text);
    if (c.core.empty() || !WordSized(w) || policy_.check_looks.empty()) return false;
    const std::string lower = text::Lower(c.core);
    auto key_of = [&](const ocr::Reading& r) {
      const std::string core = SplitCore(r.text).core;
      if (core.empty() || core.find(' ') != std::string::npos || !text::IsPlausibleSyllable(core)) return std::string();
      return text::Lower(core);
    };
    auto other = [&](const std::string& key) {
      return !key.empty() && key != lower && OneVowelApart(key, lower) && MarkCount(key) >= MarkCount(lower) &&
             !TildeOverHat(key);
    };
    auto readings = Read(w, {policy_.check_looks.front()});
    if (!other(key_of(readings.front()))) {
      Log(record_id, "given", w.text, readings, "");
      return false;
    }
    const std::vector<ocr::Look> rest(policy_.check_looks.begin() + 1, policy_.check_looks.end());
    const auto more = look_.Read(image_, page_.rotation, page_.skew_degrees, w.box, rest);
    readings.insert(readings.end(), more.begin(), more.end());
    std::map<std::string, int> sure;
    int best = 0, kept = 0;
    for (const auto& r : readings) {
      const std::string key = key_of(r);
      kept += key == lower;
      if (other(key) && r.confidence >= policy_.check_sure) best = std::max(best, ++sure[key]);
    }
    const bool disputed = kept == 0 && best >= policy_.dispute_votes;
    Log(record_id, disputed ? "given?" : "given~", w.text, readings, "");
    if (!disputed) return false;
    w.confidence = std::min(w.confidence, policy_.disputed_confidence);
    ++stats_.disputed;
    touched_.push_back({w.box, FieldId::kFullName, policy_.disputed_confidence, "", true});
    return true;
  }

  // A number (a birth year, a decision or book number): the first look
  // alone, and when it reads other digits the others too. Readings with as
  // many digits (years: a year in range) vote: most of them for other
  // digits, none for the digits as read and enough of them sure replace
  // them; other digits read at all doubt the word.
  // `page_values`: the digits other records of the page hold in the same
  // field (a section's decision number): looks agreeing on one of those need
  // not be sure (fresh seed 83 p030, Liberation Mono's dotted zeros: seven
  // rows read "566-NQ/HĐNN7", five "500-NQ/HĐNN7", three looks "500" at
  // 0.28-0.42).
  // `field`: kBirthYear, kDecisionDate (a date in digits, "17/01/1979"), or
  // kCount for a decision or book number.
  bool LookAtNumber(const std::string& record_id, ocr::Word& w, FieldId field,
                    const std::set<std::string>* page_values = nullptr) {
    const bool year = field == FieldId::kBirthYear;
    const bool date = field == FieldId::kDecisionDate;
    const std::string digits = Digits(w.text);
    if (digits.size() < 3 || policy_.number_looks.empty() || !WordSized(w)) return false;
    auto fits = [&](const std::string& d) { return d.size() == digits.size() && (!year || PlausibleYear(d)); };
    auto readings = Read(w, {policy_.number_looks.front()});
    if (Digits(readings.front().text) != digits && policy_.number_looks.size() > 1) {
      const std::vector<ocr::Look> rest(policy_.number_looks.begin() + 1, policy_.number_looks.end());
      const auto more = look_.Read(image_, page_.rotation, page_.skew_degrees, w.box, rest);
      readings.insert(readings.end(), more.begin(), more.end());
    }
    std::map<std::string, int> votes, sure;
    for (const auto& r : readings) {
      const std::string d = Digits(r.text);
      if (!fits(d)) continue;
      ++votes[d];
      if (r.confidence >= policy_.sure_confidence) ++sure[d];
    }
    std::string best;
    int best_votes = 0;
    bool other = false;
    for (const auto& [k, v] : votes) {
      if (k == digits) continue;
      other = true;
      if (v > best_votes) best = k, best_votes = v;
    }
    const int kept = votes.count(digits) ? votes[digits] : 0;
    const bool agrees = page_values != nullptr && page_values->count(best) > 0;
    const bool change = other && !best.empty() && best_votes >= policy_.votes_needed && kept == 0 &&
                        (sure[best] >= policy_.number_sure_needed || agrees);
    const bool disputed = !change && best_votes >= policy_.dispute_votes && (year || policy_.dispute_numbers);
    Log(record_id, disputed ? "number?" : other && !change ? "number~" : "number", w.text, readings,
        change ? best : "");
    if (change) {
      std::size_t next = 0;
      for (char& c : w.text)
        if (c >= '0' && c <= '9') c = best[next++];
      w.confidence = std::min(w.confidence, policy_.changed_confidence);
      ++stats_.changed;
      // A date's value ("1979-01-17") keeps no digits in the word's order: the box alone tells it.
      touched_.push_back({w.box, field, policy_.changed_confidence, date ? "" : best});
      return true;
    }
    if (best_votes >= policy_.dispute_votes && (year || policy_.dispute_numbers)) {
      w.confidence = std::min(w.confidence, policy_.disputed_confidence);
      ++stats_.disputed;
      touched_.push_back({w.box, field, policy_.disputed_confidence, date ? "" : digits, true});
      return true;
    }
    return false;
  }

  // The records extracted again keep the second look's doubt: a field over a
  // word it changed or disputed is at most as sure as that word (a decision
  // number's validation would otherwise lift it back over the threshold).
  void Doubt(std::vector<Record>& records) const {
    auto over = [](const Touched& t, const Field& f) {
      // A number extraction repaired (a book-number run, a section's
      // decision) is not what the second look doubted.
      return f.present() && Inside(t.box, f.box) && (t.digits.empty() || Digits(f.value) == t.digits);
    };
    std::vector<bool> changed(records.size(), false);
    for (const Touched& t : touched_) {
      std::vector<FieldId> ids = {t.field};
      if (t.field == FieldId::kCount) ids = {FieldId::kDecisionNumber, FieldId::kBookNumber};
      for (FieldId id : ids) {
        std::vector<std::size_t> under;
        for (std::size_t i = 0; i < records.size(); ++i)
          if (over(t, records[i][id])) under.push_back(i);
        // Readings that disagree without agreeing on another number doubt a
        // decision number that one record holds (a certificate's), not one a
        // whole list shares: the list would wait on a guess.
        if (t.disputed && (id == FieldId::kDecisionNumber || id == FieldId::kDecisionDate) && under.size() > 1)
          continue;
        for (std::size_t i : under) {
          Field& f = records[i][id];
          if (f.confidence <= t.confidence) continue;
          f.confidence = t.confidence;
          changed[i] = true;
        }
      }
    }
    for (std::size_t i = 0; i < records.size(); ++i)
      if (changed[i]) ApplyReviewRules(records[i]);
  }

 private:
  void Log(const std::string& id, const char* what, const std::string& text,
           const std::vector<ocr::Reading>& readings, const std::string& to) {
    if (!policy_.log) return;
    std::ostringstream line;
    line << id << "\t" << what << "\t" << text << "\t";
    for (std::size_t i = 0; i < readings.size(); ++i)
      line << (i ? " | " : "") << readings[i].text << " " << static_cast<int>(readings[i].confidence * 100);
    line << "\t" << (to.empty() ? "-" : "-> " + to);
    policy_.log(line.str());
  }

  ocr::RecognizedPage& page_;
  const ocr::PageImage& image_;
  ocr::SecondLook& look_;
  const SecondLookPolicy& policy_;
  SecondLookStats& stats_;
  struct Touched {
    Box box;
    FieldId field;  // kBirthYear, kDecisionDate, or kCount: a decision or book number
    double confidence;
    std::string digits;  // of a number as it now reads
    bool disputed = false;
  };
  std::vector<ocr::Word*> words_;
  std::set<ocr::Word*> seen_;
  std::vector<Touched> touched_;
};

// Annex entries the page's reading lost: where the list's numbers skip one
// ("32." then "34."), the band from the first's line to the second's is read
// again as a block, and the lines from the one numbered in between on take
// the place of what the page read there (remnants: "Bình, tỉnh Cao n").
// Fresh seed 83 p011: "33. Ông Lộc Văn Toàn, …" under a stain, clear to the
// eye, lost to Tesseract's layout. Returns how many entries were recovered.
int RecoverLostEntries(ocr::RecognizedPage& page, const std::vector<Record>& records, const ocr::PageImage& image,
                       ocr::SecondLook& look, const SecondLookPolicy& policy, SecondLookStats& stats) {
  if (page.rotation != 0) return 0;  // ReadBlock's boxes are of an upright page
  struct Numbered {
    int number;
    Box box;        // the joined line's
    Box first_word;  // to find its raw line
  };
  std::vector<Numbered> numbered;
  std::vector<ocr::Line> joined = JoinSplitLines(page.lines);
  std::stable_sort(joined.begin(), joined.end(),
                   [](const ocr::Line& a, const ocr::Line& b) { return a.box.y < b.box.y; });
  int right = 0, line_h = 0;
  std::vector<int> heights;
  for (const ocr::Line& line : joined) {
    right = std::max(right, line.box.x + line.box.w);
    for (const auto& w : line.words) heights.push_back(w.box.h);
    if (auto n = LeadingNumber(TextRun::FromLine(line)))
      numbered.push_back({n->number, line.box, line.words.front().box});
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  line_h = heights[heights.size() / 2];
  int recovered = 0;
  for (std::size_t k = 0; k + 1 < numbered.size(); ++k) {
    const Numbered& a = numbered[k];
    const Numbered& b = numbered[k + 1];
    if (b.number != a.number + 2 || b.box.y <= a.box.y) continue;
    // An entry runs a few lines; a band taller than eight is no lost line.
    if (line_h <= 0 || b.box.y - a.box.y > 8 * 2 * line_h) continue;
    // Only a lost entry: one whose number alone was misread ("S." for
    // "5.") is a record starting between the two.
    const bool found = std::any_of(records.begin(), records.end(), [&](const Record& r) {
      const int y = r.source.bbox.y;
      return y > a.box.y + line_h / 2 && y < b.box.y - line_h / 2;
    });
    if (found) continue;
    const int x0 = std::min(a.box.x, b.box.x);
    const Box band{x0, a.box.y, right - x0, b.box.y - a.box.y};
    std::vector<ocr::Line> read = look.ReadBlock(image, page.rotation, page.skew_degrees, band, 1.0);
    // The lost entry's lines: from the one numbered in between, to the end.
    std::size_t from = read.size();
    for (std::size_t i = 0; i < read.size() && from == read.size(); ++i)
      if (auto n = LeadingNumber(TextRun::FromLine(read[i])); n && n->number == a.number + 1) from = i;
    if (from == read.size()) continue;
    // Read well enough to be worth a record: a stain read as text is not.
    if (read[from].Confidence() < 0.7) continue;
    std::vector<ocr::Line> lost(read.begin() + static_cast<long>(from), read.end());
    for (ocr::Line& line : lost)
      for (ocr::Word& w : line.words) w.confidence = std::min(w.confidence, policy.recovered_confidence);
    // The page's lines in the band from the lost entry's top on are what
    // was read of it: they make way. The entry numbered after it stays.
    const int top = lost.front().box.y - line_h / 2;
    std::size_t at = page.lines.size();
    std::vector<ocr::Line> kept;
    for (ocr::Line& line : page.lines) {
      if (line.words.empty()) continue;
      const Box& w = line.words.front().box;
      const int centre = w.y + w.h / 2;
      const bool is_b = std::any_of(line.words.begin(), line.words.end(), [&](const ocr::Word& x) {
        return x.box.x == b.first_word.x && x.box.y == b.first_word.y;
      });
      if (is_b && at == page.lines.size()) at = kept.size();
      if (!is_b && centre >= top && centre < b.box.y && line.box.y > a.box.y) continue;
      kept.push_back(std::move(line));
    }
    if (at == page.lines.size()) at = kept.size();
    kept.insert(kept.begin() + static_cast<long>(at), lost.begin(), lost.end());
    page.lines = std::move(kept);
    ++recovered;
    if (policy.log) {
      std::string text;
      for (const auto& line : lost) text += (text.empty() ? "" : " / ") + line.Text();
      policy.log("page\tlost entry " + std::to_string(a.number + 1) + "\t" + text + "\t-");
    }
  }
  stats.recovered += recovered;
  return recovered;
}

}  // namespace

std::vector<Record> ExtractWithSecondLook(ocr::RecognizedPage& page, const ExtractContext& context,
                                          const ocr::PageImage& image, ocr::SecondLook* look,
                                          const SecondLookPolicy& policy, SecondLookStats* stats_out) {
  std::vector<Record> records = ExtractRecords(page, context);
  if (!look || !image.valid() || page.from_text_layer || SwitchedOff()) return records;
  const double cpu_start = ThreadCpuSeconds();
  SecondLookStats stats;
  const int calls_before = look->calls();
  bool touched = false;
  if (policy.lost_entries && ClassifyPage(page) == PageKind::kAnnex) {
    const std::vector<ocr::Line> before = page.lines;
    if (const int n = RecoverLostEntries(page, records, image, *look, policy, stats); n > 0) {
      std::vector<Record> again = ExtractRecords(page, context);
      // Each recovered entry one more record, or the page as it was.
      if (again.size() == records.size() + static_cast<std::size_t>(n)) {
        records = std::move(again);
        touched = true;
      } else {
        page.lines = before;
        stats.recovered -= n;
      }
    }
  }
  Looker looker(page, image, *look, policy, stats);
  std::set<std::string> decisions;  // the digits of the page's decision numbers
  for (const Record& r : records)
    if (r[FieldId::kDecisionNumber].present()) decisions.insert(Digits(r.value(FieldId::kDecisionNumber)));
  for (const Record& r : records) {
    const Field& name = r[FieldId::kFullName];
    if (policy.names && name.present()) {
      const std::vector<std::string> words = SplitSpaces(name.value);
      const std::vector<bool> doubtful = DoubtfulSyllableMask(name.value);
      const std::vector<ocr::Word*> candidates = looker.WordsIn(name.box);
      for (std::size_t k = 0; k < words.size() && k < doubtful.size(); ++k) {
        const std::string fold = text::Fold(words[k]);
        for (ocr::Word* w : candidates) {
          if (text::Fold(SplitCore(w->text).core) != fold) continue;
          if (looker.Seen(w)) break;
          if (doubtful[k])
            touched = looker.LookAtName(r.id, *w) || touched;
          else if (policy.check_given && k + 1 == words.size() && words.size() >= 2)
            touched = looker.CheckGivenName(r.id, *w) || touched;
          break;
        }
      }
    }
    const Field& year = r[FieldId::kBirthYear];
    if (policy.years && year.present()) {
      for (ocr::Word* w : looker.WordsIn(year.box)) {
        if (FourDigits(w->text) != year.value || looker.Seen(w)) continue;
        touched = looker.LookAtNumber(r.id, *w, FieldId::kBirthYear) || touched;
        break;
      }
    }
    // Decision and book numbers: the words of the field with three digits or more.
    for (FieldId id : {FieldId::kDecisionNumber, FieldId::kBookNumber, FieldId::kDecisionDate}) {
      const Field& number = r[id];
      if (!policy.numbers || !number.present()) continue;
      if (id == FieldId::kDecisionDate && !policy.dates) continue;
      for (ocr::Word* w : looker.WordsIn(number.box)) {
        if (Digits(w->text).size() < 3 || looker.Seen(w)) continue;
        touched = looker.LookAtNumber(r.id, *w, id == FieldId::kDecisionDate ? id : FieldId::kCount,
                                      id == FieldId::kDecisionNumber ? &decisions : nullptr) ||
                  touched;
      }
    }
  }
  stats.calls = look->calls() - calls_before;
  if (touched) {
    if (!page.hocr.empty()) page.hocr = ocr::ToHocr(page);
    records = ExtractRecords(page, context);
    looker.Doubt(records);
  }
  stats.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  if (stats_out) *stats_out = stats;
  return records;
}

}  // namespace sovang::ingest
