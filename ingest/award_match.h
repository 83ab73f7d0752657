#pragma once
// Award names as printed (and as OCR damaged them) mapped to the catalog.
//
// A name is read as three parts: the base ("huân chương kháng chiến"), the war
// ("chống Mỹ, cứu nước" / "chống Pháp") and the rank ("hạng Nhất/Nhì/Ba",
// "hạng I/II/III", "hạng 1/2/3"). The base is matched fuzzily on folded text
// (edit distance relative to its length); the rank and the war are decisive:
// a text without a war phrase is never an anti-American form, a text that
// names a rank only matches forms of that rank, and a ranked form needs a rank.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/award_catalog.h"
#include "ingest/extract_text.h"

namespace sovang::ingest {

struct AwardMatch {
  const AwardForm* form = nullptr;
  Span span;               // the award's words in the run
  double score = 0.0;      // similarity with the catalog spelling, 1 = exact
  bool ambiguous = false;  // another form scored almost as well
  // The rank in strokes ("hạng II"): OCR drops or adds a stroke with
  // confidence ("II" read "I"), so the rank is doubtful; so is a rank read
  // from a damaged word ("hạng H" for II, "hạng Nhà" for Nhì by its tone).
  bool roman_rank = false;
};

class AwardMatcher {
 public:
  // The catalog must outlive the matcher.
  explicit AwardMatcher(const AwardCatalog& catalog);

  // The best award anywhere in the span (a paragraph, a page, a table cell).
  std::optional<AwardMatch> Find(const TextRun& run, Span within) const;
  // Match on a plain string (tests, CSV cells).
  std::optional<AwardMatch> MatchText(std::string_view text) const;

  // Scores under this are no match.
  static constexpr double kMinScore = 0.75;

 private:
  struct Variant {
    const AwardForm* form;
    std::vector<std::string> base;  // folded words without war and rank
    std::string base_text;          // base joined by spaces
    int war;                        // 0 none said, 1 chống Pháp, 2 chống Mỹ
  };
  std::optional<AwardMatch> MatchAt(const std::vector<Span>& tokens, const std::vector<std::string>& words,
                                    const std::vector<std::string>& printed, const std::vector<bool>& delimited,
                                    std::size_t start) const;

  std::vector<Variant> variants_;
};

}  // namespace sovang::ingest
