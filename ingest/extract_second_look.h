#pragma once
// A second look at what extraction doubts, in the image rather than in a
// lexicon. Tesseract reads the stacked marks of Tày and Nùng given names as
// another valid syllable ("Sằn" as "Sẵn", "Lìn" as "Lần") and, in some
// fonts, a year's 3 as a 5 or its 0 as a 6 at high confidence. Neither can be
// told from the text. So the page is extracted, then the words behind
// doubtful name syllables and behind birth years are cut out of the page
// image and read again alone, magnified, in several ways (ocr::SecondLook);
// where most of those readings agree on another reading with the same
// letters (names) or the same number of digits (years), the word takes it,
// and the page is extracted again. A word changed so, or whose readings
// disagree, keeps a low confidence: its record still asks for review.

#include <functional>
#include <string>
#include <vector>

#include "core/record.h"
#include "ingest/extract.h"
#include "ocr/page_image.h"
#include "ocr/recognizer.h"
#include "ocr/second_look.h"

namespace sovang::ingest {

// What the second look does; the defaults are what was measured best
// (bench/RESULTS.md section 0).
struct SecondLookPolicy {
  bool names = true;  // doubtful name syllables (name_parse.h DoubtfulSyllableMask)
  bool years = true;    // birth years
  bool numbers = true;  // decision and book numbers
  bool dates = true;    // decision dates written in digits ("17/01/1979")
  // Names: Tesseract's script model (ocr::kScriptModel) read the marks the
  // page's model confused far more often right (seeds 7 and 11: 17 of 25
  // wrong given names, one right name changed); single-word cut-outs at three
  // magnifications.
  std::vector<ocr::Look> name_looks = {{1.0, true, false, true}, {2.0, true, false, true}, {3.0, true, false, true}};
  // Years and numbers: the page's own model read them better than the
  // script model. The first look alone; the others only when it reads other
  // digits.
  std::vector<ocr::Look> number_looks = {{1.0, true, false, false}, {2.0, true, false, false}, {3.0, true, false, false}};
  // Every other given name: one look with the script model; when it reads
  // other marks on the same letters, two more. Two of them agreeing on
  // another reading doubt the name (never change it: "Ngần" read "Ngân", a
  // valid name, must go to a person, not be guessed back).
  bool check_given = true;
  std::vector<ocr::Look> check_looks = {{1.0, true, false, true}, {2.0, true, false, true}, {3.0, true, false, true}};
  double check_sure = 0.7;  // a check look's reading counts from this confidence ("Tài" read "Tải" at 0.52-0.56)
  int votes_needed = 2;  // readings that must agree on another reading to replace it
  // ... of which at least this many read with sure_confidence (a stained
  // cut-out read "1950" as "1959" three times at 0.82-0.88).
  int name_sure_needed = 0;
  int number_sure_needed = 2;
  double sure_confidence = 0.85;
  // Other digits read by this many looks (not enough, or not sure enough, to
  // replace them) doubt a number; decision and book numbers only with
  // dispute_numbers.
  int dispute_votes = 2;
  bool dispute_numbers = true;
  // A word whose reading the second look replaced, or whose readings disagree
  // with it, gets at most this confidence (below the review threshold).
  double changed_confidence = 0.5;
  double disputed_confidence = 0.6;
  // Annex entries the page's reading lost (a line under a stain: the list
  // numbered "32." then "34."): the band between the two entries read again
  // as a block; the missing entry's lines, when read, join the page at this
  // confidence at most (its record goes to review).
  bool lost_entries = true;
  double recovered_confidence = 0.6;
  // Development: one line per word looked at.
  std::function<void(const std::string&)> log;
};

struct SecondLookStats {
  int words = 0;     // words read again
  int changed = 0;   // ... whose reading was replaced
  int disputed = 0;  // ... left as read but doubted: the readings disagreed with it
  int recovered = 0;  // annex entries the page's reading lost, read again
  int calls = 0;     // Tesseract calls
  double cpu_seconds = 0.0;  // this thread's CPU in the second look (cut-outs, Tesseract, extraction again)
};

// ExtractRecords(page), with a second look at the words behind doubtful names
// and birth years when `look` is given. `page` gets what the second look
// read (words, confidences, and its hOCR rewritten when a word changed).
// `image` is the page as it was given to the recogniser. The environment's
// SOVANG_SECOND_LOOK=off turns it off (to measure what it does).
std::vector<Record> ExtractWithSecondLook(ocr::RecognizedPage& page, const ExtractContext& context,
                                          const ocr::PageImage& image, ocr::SecondLook* look,
                                          const SecondLookPolicy& policy = {}, SecondLookStats* stats = nullptr);

}  // namespace sovang::ingest
